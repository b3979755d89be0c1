// PMTiles: build the basemap archive of the bench city, read every tile back with the `pmtiles` reader, then
// serve it by HTTP Range from our server against tileserver-gl-light serving the same tiles by z/x/y (the issue's
// peer, installed by the bench bootstrap) and against a plain static Range server.
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PMTiles, tileIdToZxy, zxyToTileId } from 'pmtiles';
import type { BenchContext } from '../lib/context.ts';
import { routeMissing } from '../lib/context.ts';
import { startAppServer, startStaticServer } from '../lib/children.ts';
import { measured, nd, type Figure } from '../lib/figures.ts';
import { httpLoad } from '../lib/load.ts';
import { countFeatures } from '../lib/mvt.ts';
import { listTiles, NodeFileSource } from '../lib/pmtiles-index.ts';
import { describe, interleave, sides } from '../lib/rounds.ts';
import { round } from '../lib/stats.ts';
import { startTileserver, tileserverMissing, tileserverVersion } from '../peers/tileserver.ts';

const BUILD = { id: 'pmtiles_build', name: 'PMTiles build (basemap)', target: 'reported' };
const READBACK = { id: 'pmtiles_readback', name: 'PMTiles read-back of every tile (pmtiles reader)', target: 'all tiles' };
const SERVE = { id: 'pmtiles_serving', name: 'PMTiles serving: our Range ÷ static Range server', target: 'reported' };
const PEER = { id: 'pmtiles_vs_tileserver', name: 'PMTiles serving: our Range ÷ tileserver-gl-light z/x/y', target: '≥ 2' };
export const PMTILES_FIGURES = [BUILD, READBACK, SERVE, PEER];

type Builder = (databaseUrl: string, opts: Record<string, unknown>) => Promise<unknown>;

async function findBuilder(): Promise<Builder | string> {
  try {
    const builderModule = '@sigmun/tiles/build';
    const mod = (await import(builderModule)) as Record<string, unknown>;
    if (typeof mod.buildArchive === 'function') return mod.buildArchive as Builder;
    return '@sigmun/tiles/build has no buildArchive() export';
  } catch (e) {
    return `PMTiles builder not available (${(e as Error).message.split('\n')[0]})`;
  }
}

export async function pmtilesArchive(ctx: BenchContext): Promise<Figure[]> {
  const builder = await findBuilder();
  if (typeof builder === 'string') return PMTILES_FIGURES.map((f) => nd(f.id, f.name, f.target, builder));
  const dir = join(ctx.tmpDir, 'pmtiles');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'basemap.pmtiles');
  const t0 = performance.now();
  // The basemap as `npm start` builds it (its default zooms), into our own folder; quick mode stops at z12.
  await builder(ctx.databaseUrl, { outDir: dir, name: 'basemap', force: true, ...(ctx.quick ? { maxzoom: 12 } : {}) });
  const buildS = (performance.now() - t0) / 1000;
  if (!existsSync(file)) return PMTILES_FIGURES.map((f) => nd(f.id, f.name, f.target, `the builder wrote no ${file.split('/').slice(-1)[0]} into the directory it was given`));

  const src = new NodeFileSource(file);
  const figures: Figure[] = [];
  try {
    const { header, tiles } = listTiles(src);
    const size = statSync(file).size;
    figures.push(
      measured({
        ...BUILD,
        value: round(header.numAddressedTiles / buildS),
        unit: 'tiles/s',
        note: `${header.numAddressedTiles} tiles (${header.numTileContents} distinct contents) z${header.minZoom}–z${header.maxZoom} in ${round(buildS)} s; archive ${round(size / 1048576)} MB`,
        details: { seconds: round(buildS), bytes: size, addressed: header.numAddressedTiles, contents: header.numTileContents, entries: header.numTileEntries },
      }),
    );
    // Every tile through the public reader must equal the bytes at its directory range and decode as MVT.
    const reader = new PMTiles(src);
    const r0 = performance.now();
    let mismatched = 0;
    for (const t of tiles) {
      const [z, x, y] = tileIdToZxy(t.tileId);
      const got = await reader.getZxy(z, x, y);
      const raw = src.read(t.offset, t.length);
      const data = got ? new Uint8Array(got.data) : null;
      const expected = header.tileCompression === 2 ? gunzipSync(raw) : raw;
      if (!data || Buffer.compare(Buffer.from(data), Buffer.from(expected)) !== 0) mismatched++;
      else countFeatures(data);
    }
    const readS = (performance.now() - r0) / 1000;
    figures.push(
      measured({
        ...READBACK,
        value: tiles.length - mismatched,
        unit: `of ${tiles.length}`,
        pass: mismatched === 0 && tiles.length === header.numAddressedTiles,
        note: `${round(tiles.length / readS)} tiles/s through PMTiles.getZxy, each compared with its directory range and decoded as MVT${mismatched ? `; ${mismatched} differ` : ''}`,
      }),
    );
    figures.push(...(await serving(ctx, dir, tiles)));
  } finally {
    src.close();
  }
  return figures;
}

async function serving(ctx: BenchContext, dir: string, all: Array<{ tileId: number; offset: number; length: number }>): Promise<Figure[]> {
  // The list's tiles that are in the archive, as a MapLibre client would fetch them once directories are cached.
  const byId = new Map(all.map((t) => [t.tileId, t]));
  const ranges = [...ctx.tiles.values()].flat().map((t) => byId.get(zxyToTileId(t.z, t.x, t.y))).filter((t) => t !== undefined);
  if (ranges.length === 0) return [SERVE, PEER].map((f) => nd(f.id, f.name, f.target, 'no tile of the list is in the archive'));
  const server = await startAppServer({ databaseUrl: ctx.databaseUrl, tileCacheBytes: ctx.cacheBytes, logLevel: ctx.logLevel, tilesDir: dir });
  try {
    const missing = await routeMissing(server.base, '/tiles/basemap.pmtiles');
    if (missing) return [SERVE, PEER].map((f) => nd(f.id, f.name, f.target, missing));
    const range = (t: { offset: number; length: number }) => ({ range: `bytes=${t.offset}-${t.offset + t.length - 1}` });
    const ours = ranges.map((t) => ({ path: '/tiles/basemap.pmtiles', headers: range(t) }));
    const oursLoad = () => httpLoad({ base: server.base, targets: ours, connections: ctx.warmConnections, durationS: ctx.durationS, ok: [206] });
    const figures: Figure[] = [];
    const statics = await startStaticServer(dir);
    try {
      const targets = ranges.map((t) => ({ path: '/basemap.pmtiles', headers: range(t) }));
      const r = await interleave(ctx.rounds, oursLoad, () => httpLoad({ base: statics.base, targets, connections: ctx.warmConnections, durationS: ctx.durationS, ok: [206] }));
      // A plain Range server is the ceiling of ours (parity at best), so the figure is reported, not judged.
      figures.push(measured({ ...SERVE, value: round(r.ratio), unit: '×', note: `${describe(r, 'our /tiles/basemap.pmtiles', '@fastify/static Range')}; ${ranges.length} tile ranges`, details: sides(r, 'ours', 'static') }));
    } finally {
      await statics.stop();
    }
    // A peer is a full-bench row (as MapServer's): quick mode (npm test) proves the harness without it.
    const why = ctx.quick ? 'quick mode: the peer runs in the full bench only' : tileserverMissing();
    if (why) return [...figures, nd(PEER.id, PEER.name, PEER.target, why)];
    const peer = await startTileserver(join(dir, 'basemap.pmtiles'));
    try {
      const paths = ranges.map((t) => {
        const [z, x, y] = tileIdToZxy(t.tileId);
        return { path: peer.tilePath(z, x, y) };
      });
      const r = await interleave(ctx.rounds, oursLoad, () => httpLoad({ base: peer.base, targets: paths, connections: ctx.warmConnections, durationS: ctx.durationS, ok: [200] }));
      figures.push(measured({
        ...PEER,
        value: round(r.ratio),
        unit: '×',
        pass: r.ratio >= 2,
        note: `${describe(r, 'our /tiles/basemap.pmtiles (Range, what a PMTiles client asks once its directories are cached)', `tileserver-gl-light ${tileserverVersion()} /data/{z}/{x}/{y}.pbf (reads the archive, gunzips and gzips each tile)`)}; ${ranges.length} tiles, ${ctx.warmConnections} connections`,
        details: sides(r, 'ours', 'tileserver'),
      }));
    } finally {
      await peer.stop();
    }
    return figures;
  } finally {
    await server.stop();
  }
}
