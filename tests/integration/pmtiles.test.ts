// The basemap archive built from the demo database: skipped when current, read back by the `pmtiles` reader tile
// for tile as the server cuts them, and served over HTTP with Range semantics.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PMTiles, tileIdToZxy, type Entry } from 'pmtiles';
import type { FastifyInstance } from 'fastify';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { findLayer, TILESETS } from '@sigmun/domain/layers';
import { ensureBasemapArchive } from '@sigmun/tiles/build';
import { buildApp } from '../../apps/server/src/app.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { cloneTestDatabase, type TestDatabase } from '../support/test-database.ts';

let db: TestDatabase;
let app: FastifyInstance;
let outDir: string;
let archivePath: string;
let bytes: Buffer;

/** Every (z, x, y) addressed by an archive, walking root and leaf directories with the reader's own cache. */
async function addressedTiles(archive: PMTiles): Promise<Array<[number, number, number]>> {
  const h = await archive.getHeader();
  const out: Array<[number, number, number]> = [];
  const walk = async (offset: number, length: number) => {
    const entries: Entry[] = await archive.cache.getDirectory(archive.source, offset, length, h);
    for (const e of entries) {
      if (e.runLength === 0) await walk(h.leafDirectoryOffset + e.offset, e.length);
      else for (let i = 0; i < e.runLength; i++) out.push(tileIdToZxy(e.tileId + i));
    }
  };
  await walk(h.rootDirectoryOffset, h.rootDirectoryLength);
  return out;
}

beforeAll(async () => {
  db = await cloneTestDatabase('pmtiles');
  outDir = await mkdtemp(join(tmpdir(), 'sigmun-pmtiles-'));
  const first = await ensureBasemapArchive(db.url, { outDir });
  expect(first.built).toBe(true);
  archivePath = first.path;
  bytes = await readFile(archivePath);
  app = await buildApp(loadConfig(process.env, { databaseUrl: db.url, tilesDir: outDir, tileCacheBytes: 0 }), { logger: false });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await db?.drop();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe('ensureBasemapArchive', () => {
  it('skips the build while the data is unchanged and rebuilds after an edit', async () => {
    const again = await ensureBasemapArchive(db.url, { outDir });
    expect(again.built).toBe(false);
    await db.pool.query('UPDATE carto.colonias SET nombre = nombre WHERE cve_col = (SELECT min(cve_col) FROM carto.colonias)');
    const afterEdit = await ensureBasemapArchive(db.url, { outDir });
    expect(afterEdit.built).toBe(true);
    bytes = await readFile(archivePath);
  });
});

describe('archive contents', () => {
  it('reads back every tile identical to the tile the server cuts', async () => {
    const archive = new PMTiles({
      getKey: () => archivePath,
      getBytes: async (offset: number, length: number) => ({ data: bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + offset + length) as ArrayBuffer }),
    });
    const h = await archive.getHeader();
    expect(h.specVersion).toBe(3);
    expect(h.rootDirectoryOffset + h.rootDirectoryLength).toBeLessThanOrEqual(16_384);
    const meta = (await archive.getMetadata()) as { vector_layers: Array<{ id: string }>; sigmun: { versions: Record<string, number> } };
    expect(meta.vector_layers.map((l) => l.id)).toEqual(
      TILESETS.basemap.layers.flatMap((id) => (findLayer(id)!.style.labelPoints ? [id, `${id}_etiquetas`] : [id])),
    );
    const { rows } = await db.pool.query<{ layer: string; version: number }>('SELECT layer, version FROM meta.layer_versions');
    for (const [k, v] of Object.entries(meta.sigmun.versions)) expect(v).toBe(Number(rows.find((r) => r.layer === k)?.version ?? 0));

    const tiles = await addressedTiles(archive);
    expect(tiles.length).toBe(h.numAddressedTiles);
    expect(tiles.some(([z]) => z === h.minZoom)).toBe(true);
    for (const [z, x, y] of tiles) {
      const got = await archive.getZxy(z, x, y);
      expect(got, `${z}/${x}/${y}`).toBeDefined();
      const live = await app.inject(`/tiles/basemap/${z}/${x}/${y}.mvt`);
      expect(live.statusCode, `${z}/${x}/${y}`).toBe(200);
      expect(Buffer.from(got!.data).equals(live.rawPayload), `${z}/${x}/${y} ${got!.data.byteLength} ${live.rawPayload.length}`).toBe(true);
    }
    // Streets keep their names in the archive.
    const [z, x, y] = tiles.filter(([tz]) => tz === h.maxZoom)[0];
    const vt = new VectorTile(new PbfReader(new Uint8Array((await archive.getZxy(z, x, y))!.data)));
    expect(Object.keys(vt.layers).every((l) => TILESETS.basemap.layers.includes(l))).toBe(true);
  });
});

describe('GET /tiles/{name}.pmtiles', () => {
  it('serves byte ranges with 206, ETag, If-Range, HEAD and 416', async () => {
    const size = bytes.length;
    const full = await app.inject('/tiles/basemap.pmtiles');
    expect(full.statusCode).toBe(200);
    expect(full.headers['accept-ranges']).toBe('bytes');
    expect(full.rawPayload.equals(bytes)).toBe(true);
    const etag = full.headers.etag as string;

    const part = await app.inject({ url: '/tiles/basemap.pmtiles', headers: { range: 'bytes=0-126' } });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 0-126/${size}`);
    expect(part.rawPayload.equals(bytes.subarray(0, 127))).toBe(true);

    const tail = await app.inject({ url: '/tiles/basemap.pmtiles', headers: { range: 'bytes=-10' } });
    expect(tail.statusCode).toBe(206);
    expect(tail.rawPayload.equals(bytes.subarray(size - 10))).toBe(true);

    const open = await app.inject({ url: '/tiles/basemap.pmtiles', headers: { range: `bytes=${size - 5}-` } });
    expect(open.rawPayload.equals(bytes.subarray(size - 5))).toBe(true);

    const bad = await app.inject({ url: '/tiles/basemap.pmtiles', headers: { range: `bytes=${size}-${size + 10}` } });
    expect(bad.statusCode).toBe(416);
    expect(bad.headers['content-range']).toBe(`bytes */${size}`);

    const stale = await app.inject({ url: '/tiles/basemap.pmtiles', headers: { range: 'bytes=0-9', 'if-range': '"otra-version"' } });
    expect(stale.statusCode).toBe(200);
    expect(stale.rawPayload.length).toBe(size);
    const fresh = await app.inject({ url: '/tiles/basemap.pmtiles', headers: { range: 'bytes=0-9', 'if-range': etag } });
    expect(fresh.statusCode).toBe(206);

    const notModified = await app.inject({ url: '/tiles/basemap.pmtiles', headers: { 'if-none-match': etag } });
    expect(notModified.statusCode).toBe(304);

    const head = await app.inject({ method: 'HEAD', url: '/tiles/basemap.pmtiles' });
    expect(head.statusCode).toBe(200);
    expect(Number(head.headers['content-length'])).toBe(size);
    expect(head.rawPayload.length).toBe(0);

    const missing = await app.inject('/tiles/no_existe.pmtiles');
    expect(missing.statusCode).toBe(404);
  });

  it('is readable by the pmtiles reader over HTTP ranges', async () => {
    const archive = new PMTiles({
      getKey: () => '/tiles/basemap.pmtiles',
      getBytes: async (offset: number, length: number) => {
        const r = await app.inject({ url: '/tiles/basemap.pmtiles', headers: { range: `bytes=${offset}-${offset + length - 1}` } });
        expect(r.statusCode).toBe(206);
        return { data: r.rawPayload.buffer.slice(r.rawPayload.byteOffset, r.rawPayload.byteOffset + r.rawPayload.length) as ArrayBuffer, etag: r.headers.etag as string };
      },
    });
    const tiles = await addressedTiles(archive);
    expect(tiles.length).toBeGreaterThan(0);
    for (const [z, x, y] of tiles.slice(0, 50)) {
      const got = await archive.getZxy(z, x, y);
      const live = await app.inject({ url: `/tiles/basemap/${z}/${x}/${y}.mvt`, headers: { 'accept-encoding': 'gzip' } });
      expect(Buffer.from(got!.data).equals(gunzipSync(live.rawPayload))).toBe(true);
    }
  });
});
