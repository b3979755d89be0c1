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

/**
 * Gzips and fingerprints raw MVT bytes once, for the cache and for archives. Level 1 by default: a cold tile is
 * compressed while its client waits, and level 1 costs 0.47 ms against 1.14 ms for level 6 on a 51 KB tile for 4 %
 * more bytes (bench/RESULTS.md, finding 7); archives, built offline, ask for level 9.
 */
export async function encodeTile(data: Uint8Array, version: string, versionKeys: ReadonlyArray<string>, level = 1): Promise<EncodedTile> {
  const raw = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const gz = await gzip(raw, { level });
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

  constructor(pool: pg.Pool, cacheBytes: number) {
    this.sources = catalogSources(pool);
    this.cache = new TileCache(cacheBytes);
    this.versions = new LayerVersions(pool, (layer) => this.cache.invalidateLayer(layer));
  }

  /** The version string of a source right now (read from the database, batched). */
  async versionOf(source: PostgisTileSource): Promise<string> {
    return versionString(source.versionKeys, await this.versions.read());
  }

  /** The encoded tile z/x/y of a source at its current version. */
  async tile(source: PostgisTileSource, z: number, x: number, y: number, signal?: AbortSignal): Promise<EncodedTile> {
    const version = await this.versionOf(source);
    return this.cache.fetch(
      `${source.id}/${z}/${x}/${y}`,
      version,
      async (s) => encodeTile(await source.getTile(z, x, y, s), version, source.versionKeys),
      signal,
    );
  }

  stats(): TileCacheStats & { listening: boolean; reconnects: number; queries: number } {
    let queries = 0;
    for (const s of this.sources.values()) queries += s.queries;
    return { ...this.cache.stats(), listening: this.versions.listening, reconnects: this.versions.reconnects, queries };
  }
}
