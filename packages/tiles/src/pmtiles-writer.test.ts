import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { PMTiles, zxyToTileId } from 'pmtiles';
import { writePmtiles, type ArchiveTile } from './pmtiles-writer.ts';

const dir = await mkdtemp(join(tmpdir(), 'pmtiles-writer-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('tile numbering', () => {
  it('is the pmtiles reader\'s own: tiles at every zoom are found where the reader looks', async () => {
    const path = join(dir, 'numbering.pmtiles');
    const tiles: ArchiveTile[] = [];
    for (let z = 0; z <= 12; z++) {
      const n = 2 ** z;
      for (let i = 0; i < 50; i++) tiles.push({ z, x: (i * 7919) % n, y: (i * 104729) % n, data: gzipSync(Buffer.from(`${z}/${i}`)) });
    }
    const unique = [...new Map(tiles.map((t) => [zxyToTileId(t.z, t.x, t.y), t])).values()];
    await writePmtiles(path, unique, { minZoom: 0, maxZoom: 12, bounds: [-180, -85, 180, 85], center: [0, 0, 0], metadata: {} });
    const bytes = await readFile(path);
    const reader = new PMTiles({
      getKey: () => path,
      getBytes: async (offset: number, length: number) => ({ data: bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + offset + length) as ArrayBuffer }),
    });
    for (const t of unique) {
      const got = await reader.getZxy(t.z, t.x, t.y);
      expect(got, `${t.z}/${t.x}/${t.y}`).toBeDefined();
      // The reader decompresses tiles: compare with the original bytes.
      expect(Buffer.from(got!.data).equals(gunzipSync(t.data))).toBe(true);
    }
  });

  it('rejects a zoom beyond PMTiles\' range', async () => {
    await expect(writePmtiles(join(dir, 'z27.pmtiles'), [{ z: 27, x: 0, y: 0, data: new Uint8Array(1) }], { minZoom: 0, maxZoom: 27, bounds: [-180, -85, 180, 85], center: [0, 0, 0], metadata: {} })).rejects.toThrow(/26/);
  });
});

describe('writePmtiles', () => {
  it('round-trips every tile, with runs, duplicates and leaf directories', async () => {
    const tiles: ArchiveTile[] = [];
    const same = gzipSync(Buffer.from('mar abierto'));
    // z0..z6 in full: runs of identical tiles and duplicates.
    for (let z = 0; z <= 6; z++) {
      for (let x = 0; x < 2 ** z; x++) {
        for (let y = 0; y < 2 ** z; y++) {
          const unique = (x + y) % 3 !== 0;
          tiles.push({ z, x, y, data: unique ? gzipSync(Buffer.from(`tesela ${z}/${x}/${y}`)) : same });
        }
      }
    }
    // Scattered z14 tiles of varied sizes: a directory that does not compress into 16 KiB.
    let seed = 42;
    const rnd = () => {
      // mulberry32: integer arithmetic only, so the sequence does not collapse into a short cycle.
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const taken = new Set<string>();
    while (taken.size < 8_000) {
      const x = Math.floor(rnd() * 16384);
      const y = Math.floor(rnd() * 16384);
      if (taken.has(`${x}/${y}`)) continue;
      taken.add(`${x}/${y}`);
      tiles.push({ z: 14, x, y, data: gzipSync(Buffer.from(`${x}/${y}`.repeat(1 + Math.floor(rnd() * 20)))) });
    }
    const path = join(dir, 'prueba.pmtiles');
    const r = await writePmtiles(path, tiles, { minZoom: 0, maxZoom: 14, bounds: [-180, -85, 180, 85], center: [0, 0, 2], metadata: { name: 'prueba' } });
    expect(r.addressed).toBe(tiles.length);
    expect(r.contents).toBeLessThan(tiles.length);

    const bytes = await readFile(path);
    const archive = new PMTiles({
      getKey: () => path,
      getBytes: async (offset: number, length: number) => ({ data: bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + offset + length) as ArrayBuffer }),
    });
    const h = await archive.getHeader();
    expect(h.specVersion).toBe(3);
    expect(h.rootDirectoryOffset + h.rootDirectoryLength).toBeLessThanOrEqual(16_384);
    expect(h.leafDirectoryLength).toBeGreaterThan(0);
    expect(h.numAddressedTiles).toBe(tiles.length);
    expect(h.clustered).toBe(true);
    expect(await archive.getMetadata()).toEqual({ name: 'prueba' });
    expect(bytes.subarray(0, 7).toString('ascii')).toBe('PMTiles');
    for (const t of tiles) {
      const got = await archive.getZxy(t.z, t.x, t.y);
      expect(got, `${t.z}/${t.x}/${t.y}`).toBeDefined();
      // The reader decompresses tiles: compare with the original bytes.
      expect(Buffer.from(got!.data).equals(gunzipSync(t.data))).toBe(true);
    }
    expect(await archive.getZxy(12, 0, 0)).toBeUndefined();
  }, 60_000);
});
