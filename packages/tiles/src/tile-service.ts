// Sources + cache + versions: what a tile endpoint needs, independent of the HTTP framework.
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip as gzipCb } from 'node:zlib';
import type pg from 'pg';
import { LAYERS, TILESETS, findLayer } from '@sigmun/domain/layers';
import { LayerVersions, versionString } from './layer-versions.ts';
import { PostgisTileSource } from './postgis-source.ts';
import { TileCache, type EncodedTile, type TileCacheStats } from './tile-cache.ts';

const gzip = promisify(gzipCb);

/** Gzip level for tiles compressed while a client waits: 0.47 ms vs 1.14 ms (level 6) per 51 KB tile, 4 % larger. */
export const REQUEST_GZIP_LEVEL = 1;

/**
 * Fingerprints raw MVT bytes for the cache and archives. The gzip bytes are made only when `gzipLevel` is given
 * (archives ask for 9); live tiles are compressed on the first request that accepts gzip (`TileService.gzipOf`),
 * never for clients that did not ask (bench/findings.md, "gzip only when asked").
 */
export async function encodeTile(data: Uint8Array, version: string, versionKeys: ReadonlyArray<string>, gzipLevel?: number): Promise<EncodedTile> {
  const raw = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const gz = gzipLevel === undefined ? null : await gzip(raw, { level: gzipLevel });
  const etag = `"${createHash('sha1').update(raw).digest('base64url').slice(0, 22)}"`;
  return { data: raw, gzip: gz, etag, version, versionKeys };
}

/** Every PostGIS source of the catalog: one per layer and one per tileset. */
export function catalogSources(pool: pg.Pool): Map<string, PostgisTileSource> {
  const m = new Map<string, PostgisTileSource>();
  for (const l of LAYERS) m.set(l.id, new PostgisTileSource(l.id, [l], pool, { titulo: l.titulo, description: l.descripcion }));
  for (const [id, set] of Object.entries(TILESETS)) {
    if (m.has(id)) throw new Error(`el conjunto de teselas "${id}" choca con una capa del catálogo`);
    m.set(id, new PostgisTileSource(id, set.layers.map((l) => findLayer(l)!), pool, { titulo: set.titulo }));
  }
  return m;
}

/** Tile sources behind an LRU cache with coalescing, invalidated by layer versions. */
export class TileService {
  readonly sources: Map<string, PostgisTileSource>;
  readonly cache: TileCache;
  readonly versions: LayerVersions;

  /** `trustNotifications: false` when `pool` reads a replica (see LayerVersions). */
  constructor(pool: pg.Pool, cacheBytes: number, opts: { trustNotifications?: boolean } = {}) {
    this.sources = catalogSources(pool);
    this.cache = new TileCache(cacheBytes);
    this.versions = new LayerVersions(pool, (layer) => this.cache.invalidateLayer(layer), opts.trustNotifications ?? true);
  }

  /** The version string of a source right now: from LISTEN/NOTIFY while synced, else read (batched). */
  async versionOf(source: PostgisTileSource): Promise<string> {
    const v = this.versions.current();
    return versionString(source.versionKeys, v instanceof Promise ? await v : v);
  }

  /** The encoded tile z/x/y of a source at its current version. */
  async tile(source: PostgisTileSource, z: number, x: number, y: number, signal?: AbortSignal): Promise<EncodedTile> {
    const v = this.versions.current();
    const version = versionString(source.versionKeys, v instanceof Promise ? await v : v);
    return this.cache.fetch(
      `${source.id}/${z}/${x}/${y}`,
      version,
      async (s) => encodeTile(await source.getTile(z, x, y, s), version, source.versionKeys),
      signal,
    );
  }

  /** The gzip bytes of a tile, compressed once on first demand and kept with the cached entry. */
  gzipOf(tile: EncodedTile): Buffer | Promise<Buffer> {
    if (tile.gzip) return tile.gzip;
    tile.gzipping ??= gzip(tile.data, { level: REQUEST_GZIP_LEVEL }).then((gz) => {
      tile.gzip = gz;
      tile.gzipping = undefined;
      this.cache.grew(tile, gz.byteLength);
      return gz;
    });
    return tile.gzipping;
  }

  stats(): TileCacheStats & { listening: boolean; reconnects: number; queries: number } {
    let queries = 0;
    for (const s of this.sources.values()) queries += s.queries;
    return { ...this.cache.stats(), listening: this.versions.listening, reconnects: this.versions.reconnects, queries };
  }
}
