// Layer versions (meta.layer_versions, bumped by the write triggers) decide whether a cached tile is current.
import pg from 'pg';

/** The notification channel the bump trigger of migration 0100 signals on, payload "layer:version". */
export const VERSION_CHANNEL = 'sigmun_layer_versions';

type Versions = ReadonlyMap<string, number>;

/**
 * Reads current layer versions and listens for bumps. Reads are batched but never stale: a read joins only a
 * query not yet sent, so every caller sees at least the versions committed before it asked. While the LISTEN
 * connection is up and has re-read the versions since it (re)connected, `current()` answers from the notified
 * state without a query: a commit is then seen as soon as its notification arrives (sub-millisecond on one host).
 */
export class LayerVersions {
  private queued: Promise<Versions> | null = null;
  private inflight: Promise<unknown> = Promise.resolve();
  private listener: pg.Client | null = null;
  private closed = false;
  /** Versions seen last (from a read or a notification). */
  latest: Map<string, number> = new Map();
  reads = 0;
  notifications = 0;

  /**
   * `trustNotifications: false` (a read replica serves the tiles): notifications come from the primary and only
   * evict; versions are always read where the tile data is read, so a lagging replica never gets a newer key.
   */
  constructor(
    private readonly pool: pg.Pool,
    private readonly onBump: (layer: string, version: number) => void = () => {},
    private readonly trustNotifications = true,
  ) {}

  /** Current versions, from a query sent after this call. */
  read(): Promise<Versions> {
    if (this.queued) return this.queued;
    const q = this.inflight.then(() => {
      this.queued = null;
      const p = this.fetch();
      this.inflight = p.catch(() => undefined);
      return p;
    });
    this.queued = q;
    return q;
  }

  /**
   * The versions to cut tiles at: the notified state while the listener is connected and synced (no query), else a
   * fresh read. Synchronous on the hot path, so a cache hit never waits for the pool.
   */
  current(): Versions | Promise<Versions> {
    return this.synced ? this.latest : this.read();
  }

  /** Whether current() answers from notifications (listener up and re-read since it connected). */
  get synced(): boolean {
    return this.trustNotifications && this.listener !== null && this.syncedListener === this.listener;
  }

  private syncedListener: pg.Client | null = null;

  private async fetch(): Promise<Versions> {
    this.reads++;
    const { rows } = await this.pool.query<{ layer: string; version: number }>({
      name: 'sigmun_layer_versions',
      text: 'SELECT layer, version FROM meta.layer_versions',
    });
    // Versions only grow: a notification processed while this query was in flight may be newer than its snapshot.
    // Not so behind a replica: the read is the truth of the server that cuts the tiles, and a notification's
    // version may not be replayed there yet.
    const m = this.trustNotifications ? new Map(this.latest) : new Map<string, number>();
    for (const r of rows) {
      const v = Number(r.version);
      if ((m.get(r.layer) ?? 0) < v) m.set(r.layer, v);
    }
    this.latest = m;
    return m;
  }

  /**
   * LISTENs on a dedicated connection so cached tiles of a changed layer are dropped as soon as it commits. Resolves
   * after the first attempt, connected or not; a lost or refused connection is retried with backoff (0.25 s doubling
   * to 1 s) until close(). Each (re)connection re-reads the versions, so a bump missed while down evicts its tiles.
   */
  async listen(url: string, log: (err: Error) => void = () => {}): Promise<void> {
    this.url = url;
    this.log = log;
    await this.connectListener();
  }

  private url = '';
  private log: (err: Error) => void = () => {};
  private retryDelayMs = 250;
  private retryTimer: NodeJS.Timeout | null = null;
  /** Times the listener came back after being lost (reported by /api/health). */
  reconnects = 0;
  private everConnected = false;

  private async connectListener(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.url, application_name: 'sigmun-tiles-listen', keepAlive: true });
    client.on('notification', (n) => {
      if (n.channel !== VERSION_CHANNEL || !n.payload) return;
      const i = n.payload.lastIndexOf(':');
      const layer = n.payload.slice(0, i);
      const version = Number(n.payload.slice(i + 1));
      this.notifications++;
      if (this.trustNotifications && (this.latest.get(layer) ?? 0) < version) this.latest.set(layer, version);
      this.onBump(layer, version);
    });
    let lost = false;
    const onLost = (err?: Error) => {
      if (lost) return;
      lost = true;
      if (this.listener === client) this.listener = null;
      if (this.syncedListener === client) this.syncedListener = null;
      client.removeAllListeners('notification');
      client.end().catch(() => undefined);
      if (err) this.log(err);
      this.scheduleRetry();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    try {
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(VERSION_CHANNEL)}`);
    } catch (err) {
      onLost(err as Error);
      return;
    }
    if (lost) return;
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
    this.retryDelayMs = 250;
    if (this.everConnected) this.reconnects++;
    this.everConnected = true;
    try {
      await this.resync();
      // Notifications from here on cover every commit after the re-read: answer from them until the listener is lost.
      if (this.listener === client) this.syncedListener = client;
    } catch (err) {
      // Not synced: current() keeps reading until the next (re)connection re-reads successfully.
      this.log(err as Error);
      client.end().catch(() => undefined);
    }
  }

  private scheduleRetry(): void {
    if (this.closed || this.retryTimer) return;
    const delay = this.retryDelayMs * (0.75 + Math.random() / 2);
    // Capped at 1 s: an attempt against a down server costs one refused connect, and the listener is back within
    // about a second of the database (tests/faults/database-outage).
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, 1_000);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connectListener();
    }, delay);
    this.retryTimer.unref();
  }

  /** Re-reads the versions after (re)connecting and evicts the layers bumped while no notification could arrive. */
  private async resync(): Promise<void> {
    const before = new Map(this.latest);
    const now = await this.read();
    for (const [layer, version] of now) {
      if ((before.get(layer) ?? 0) !== version) this.onBump(layer, version);
    }
  }

  /** Whether the LISTEN connection is up (reported by /api/health). */
  get listening(): boolean {
    return this.listener !== null;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const l = this.listener;
    this.listener = null;
    this.syncedListener = null;
    await l?.end().catch(() => undefined);
  }
}

/** The version string of a set of layers, e.g. "manzanas=3,vialidades=7" (0 for a layer never written). */
export function versionString(keys: ReadonlyArray<string>, versions: Versions): string {
  return keys.map((k) => `${k}=${versions.get(k) ?? 0}`).join(',');
}
