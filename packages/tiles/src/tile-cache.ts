// An in-memory LRU of encoded tiles with a byte budget, plus request coalescing for cold tiles.

/** A tile ready to send: raw bytes, gzip bytes once a client asked for them, its ETag and the layer versions it was cut at. */
export interface EncodedTile {
  data: Buffer;
  gzip: Buffer | null;
  /** The gzip compression under way (TileService.gzipOf), so concurrent requests compress once. */
  gzipping?: Promise<Buffer>;
  etag: string;
  version: string;
  versionKeys: ReadonlyArray<string>;
}

interface Flight {
  promise: Promise<EncodedTile>;
  controller: AbortController;
  waiters: number;
}

/** Cache counters for /api/health. */
export interface TileCacheStats {
  enabled: boolean;
  entries: number;
  bytes: number;
  maxBytes: number;
  hits: number;
  misses: number;
  coalesced: number;
  evictions: number;
  invalidations: number;
  inflight: number;
}

const ENTRY_OVERHEAD = 200;

/** LRU tile cache keyed by "source/z/x/y"; an entry is only returned for the version it was cut at. */
export class TileCache {
  private readonly entries = new Map<string, EncodedTile>();
  private readonly flights = new Map<string, Flight>();
  private bytes = 0;
  private counters = { hits: 0, misses: 0, coalesced: 0, evictions: 0, invalidations: 0 };

  constructor(readonly maxBytes: number) {}

  private sizeOf(t: EncodedTile): number {
    return t.data.byteLength + (t.gzip?.byteLength ?? 0) + ENTRY_OVERHEAD;
  }

  /** Accounts `bytes` more for a tile that gained its gzip bytes after it was stored, evicting beyond the budget. */
  grew(t: EncodedTile, bytes: number): void {
    const key = this.keys.get(t);
    if (key === undefined || this.entries.get(key) !== t) return;
    this.bytes += bytes;
    this.evictBeyondBudget();
  }

  private readonly keys = new WeakMap<EncodedTile, string>();

  private evictBeyondBudget(): void {
    for (const [k] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.remove(k);
      this.counters.evictions++;
    }
  }

  private remove(key: string): void {
    const t = this.entries.get(key);
    if (!t) return;
    this.entries.delete(key);
    this.bytes -= this.sizeOf(t);
  }

  /** The cached tile at `version`, refreshed as most recently used; a stale entry is dropped. */
  get(key: string, version: string): EncodedTile | undefined {
    const t = this.entries.get(key);
    if (!t) return undefined;
    if (t.version !== version) {
      this.remove(key);
      this.counters.invalidations++;
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, t);
    return t;
  }

  /** Stores a tile, evicting least recently used entries beyond the budget. */
  set(key: string, t: EncodedTile): void {
    const size = this.sizeOf(t);
    if (this.maxBytes <= 0 || size > this.maxBytes) return;
    this.remove(key);
    this.entries.set(key, t);
    this.keys.set(t, key);
    this.bytes += size;
    this.evictBeyondBudget();
  }

  /** Drops every entry (the read replica came back: tiles cut while it was away may mix two servers' states). */
  clear(): number {
    const n = this.entries.size;
    this.entries.clear();
    this.bytes = 0;
    this.counters.invalidations += n;
    return n;
  }

  /** Drops every entry cut from `layer` (a LISTEN notification said it changed). */
  invalidateLayer(layer: string): number {
    let n = 0;
    for (const [k, t] of this.entries) {
      if (t.versionKeys.includes(layer)) {
        this.remove(k);
        n++;
      }
    }
    this.counters.invalidations += n;
    return n;
  }

  /**
   * The tile for key at version: from the cache, else from `load`, run once for all concurrent callers asking for
   * the same key and version. The load is aborted only when every waiting caller has aborted.
   */
  async fetch(key: string, version: string, load: (signal: AbortSignal) => Promise<EncodedTile>, signal?: AbortSignal): Promise<EncodedTile> {
    const hit = this.get(key, version);
    if (hit) {
      this.counters.hits++;
      return hit;
    }
    const fkey = `${key}@${version}`;
    let flight = this.flights.get(fkey);
    if (flight) {
      this.counters.coalesced++;
    } else {
      this.counters.misses++;
      const controller = new AbortController();
      const promise = load(controller.signal).then((t) => {
        this.set(key, t);
        return t;
      });
      flight = { promise, controller, waiters: 0 };
      const f = flight;
      promise.then(
        () => this.flights.delete(fkey),
        () => this.flights.delete(fkey),
      );
      this.flights.set(fkey, f);
    }
    return this.wait(flight, signal);
  }

  private wait(flight: Flight, signal?: AbortSignal): Promise<EncodedTile> {
    flight.waiters++;
    if (!signal) return flight.promise;
    return new Promise<EncodedTile>((resolve, reject) => {
      const onAbort = () => {
        flight.waiters--;
        if (flight.waiters === 0) flight.controller.abort();
        reject(Object.assign(new Error('solicitud de tesela cancelada'), { name: 'AbortError' }));
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      flight.promise.then(
        (t) => {
          signal.removeEventListener('abort', onAbort);
          resolve(t);
        },
        (e) => {
          signal.removeEventListener('abort', onAbort);
          reject(e);
        },
      );
    });
  }

  stats(): TileCacheStats {
    return { enabled: this.maxBytes > 0, entries: this.entries.size, bytes: this.bytes, maxBytes: this.maxBytes, inflight: this.flights.size, ...this.counters };
  }
}
