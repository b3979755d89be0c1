import pg from 'pg';
import { FallbackPool } from './read-pool.ts';
import { guardPool } from './unavailable.ts';

// int8 (counts, sums) fits a double for every figure a municipality has; numeric stays a string unless parsed.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));
// Dates stay as 'YYYY-MM-DD' strings: no time zone shifts between server and client.
pg.types.setTypeParser(1082, (v) => v);

export type Pool = pg.Pool;

/**
 * A connection pool with an application name (server queries can be told apart in pg_stat_activity) and session
 * settings, whose clients all carry an error listener (`onError`, default: ignore) so a dropped connection fails
 * only its own query. `connectTimeoutMs` bounds waiting for a connection (pool full or server unreachable).
 * With `fallback` (a pool on the primary), `url` is a read replica and connections it cannot give come from there.
 */
export function createPool(
  url: string,
  opts: { max?: number; applicationName?: string; settings?: Record<string, string | number>; connectTimeoutMs?: number; onError?: (err: Error) => void; fallback?: pg.Pool } = {},
): pg.Pool {
  const options = Object.entries(opts.settings ?? {}).map(([k, v]) => `-c ${k}=${v}`).join(' ');
  const config: pg.PoolConfig = {
    connectionString: url,
    max: opts.max ?? 16,
    application_name: opts.applicationName ?? 'sigmun',
    idleTimeoutMillis: 30_000,
    ...(opts.connectTimeoutMs ? { connectionTimeoutMillis: opts.connectTimeoutMs } : {}),
    ...(options ? { options } : {}),
  };
  const pool = opts.fallback ? new FallbackPool(config, opts.fallback) : new pg.Pool(config);
  return guardPool(pool, opts.onError);
}

/** Runs `fn` inside one transaction: COMMIT when it returns, ROLLBACK when it throws. */
export async function withTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let out: T;
  try {
    await client.query('BEGIN');
    out = await fn(client);
    await client.query('COMMIT');
  } catch (e) {
    // On a dead connection ROLLBACK fails too; the first error is the one to report, and the client is discarded.
    const rollback = await client.query('ROLLBACK').then(() => undefined, (err: Error) => err);
    client.release(rollback);
    throw e;
  }
  client.release();
  return out;
}
