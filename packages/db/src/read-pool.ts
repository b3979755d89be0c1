// Reads that may go to a PostgreSQL streaming replica (DATABASE_READ_URL), and fall back to the primary while the
// replica cannot be reached (restarting, promoted away, not yet provisioned), so a replica's outage costs latency,
// never a 503 on the read side.
import pg from 'pg';
import { isDatabaseUnavailable } from './unavailable.ts';

type ConnectCallback = (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void;

/**
 * A pool on the read replica whose `connect()` (and so `query()`, which pg-pool builds on `connect`) hands out a
 * client of `fallback` when the replica refuses or drops the connection attempt. A query that fails on an
 * established replica connection is not retried: it may have run, and the caller's 503 handling applies.
 */
export class FallbackPool extends pg.Pool {
  /** Connections handed out by the fallback pool because the replica was unreachable (reported by /api/health). */
  fallbacks = 0;
  /** When the replica last refused a connection; null once it answered again. */
  replicaDownSince: Date | null = null;

  constructor(
    config: pg.PoolConfig,
    readonly fallback: pg.Pool,
    /** Called when the replica answers again after refusing connections. */
    private readonly onRecovered: () => void = () => {},
  ) {
    super(config);
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    const p = super.connect().then(
      (client) => {
        if (this.replicaDownSince) {
          this.replicaDownSince = null;
          this.onRecovered();
        }
        return client;
      },
      (err: unknown) => {
        if (!isDatabaseUnavailable(err)) throw err;
        this.replicaDownSince ??= new Date();
        this.fallbacks++;
        return this.fallback.connect();
      },
    );
    if (!callback) return p;
    p.then(
      (client) => callback(undefined, client, (release?: unknown) => client.release(release as Error | boolean | undefined)),
      (err: Error) => callback(err, undefined, () => undefined),
    );
  }
}

/** Whether `pool` sends its reads to a replica (a FallbackPool) rather than to the primary. */
export function readsFromReplica(pool: pg.Pool): pool is FallbackPool {
  return pool instanceof FallbackPool;
}
