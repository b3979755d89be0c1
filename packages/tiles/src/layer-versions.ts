// Layer versions (meta.layer_versions, bumped by the write triggers) decide whether a cached tile is current.
import pg from 'pg';

/** The notification channel the bump trigger of migration 0100 signals on, payload "layer:version". */
export const VERSION_CHANNEL = 'sigmun_layer_versions';

type Versions = ReadonlyMap<string, number>;

/**
 * Reads current layer versions and listens for bumps. Reads are batched but never stale: a read joins only a
 * query not yet sent, so every caller sees at least the versions committed before it asked.
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

  constructor(
    private readonly pool: pg.Pool,
    private readonly onBump: (layer: string, version: number) => void = () => {},
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

  private async fetch(): Promise<Versions> {
    this.reads++;
    const { rows } = await this.pool.query<{ layer: string; version: number }>({
      name: 'sigmun_layer_versions',
      text: 'SELECT layer, version FROM meta.layer_versions',
    });
    const m = new Map(rows.map((r) => [r.layer, Number(r.version)]));
    this.latest = m;
    return m;
  }

  /** LISTENs on a dedicated connection so cached tiles of a changed layer are dropped as soon as it commits. */
  async listen(url: string, log: (err: Error) => void = () => {}): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: url, application_name: 'sigmun-tiles-listen' });
    client.on('notification', (n) => {
      if (n.channel !== VERSION_CHANNEL || !n.payload) return;
      const i = n.payload.lastIndexOf(':');
      const layer = n.payload.slice(0, i);
      const version = Number(n.payload.slice(i + 1));
      this.notifications++;
      if ((this.latest.get(layer) ?? 0) < version) this.latest.set(layer, version);
      this.onBump(layer, version);
    });
    client.on('error', (err) => {
      log(err);
      // Reconnect: without the listener tiles stay correct (reads check versions), only eviction is lazier.
      this.listener = null;
      if (!this.closed) setTimeout(() => this.listen(url, log).catch(log), 1000).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${pg.escapeIdentifier(VERSION_CHANNEL)}`);
    this.listener = client;
  }

  /** Whether the LISTEN connection is up (reported by /api/health). */
  get listening(): boolean {
    return this.listener !== null;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
  }
}

/** The version string of a set of layers, e.g. "manzanas=3,vialidades=7" (0 for a layer never written). */
export function versionString(keys: ReadonlyArray<string>, versions: Versions): string {
  return keys.map((k) => `${k}=${versions.get(k) ?? 0}`).join(',');
}
