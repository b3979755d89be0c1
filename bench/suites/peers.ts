// Side by side with established peers on the same machine and database (issue 16): MapServer 8 behind nginx
// (8 FastCGI workers, mapfile generated from our catalog) for cold tiles per layer, the tileset and OGC API items;
// nginx serving the same tile bytes as static files, bare node:http from memory, and nginx's proxy cache in front
// of our server for warm tiles. Every ratio interleaves A, B, A, B… with the same target list. Full bench only.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TILESETS, findLayer } from '@sigmun/domain/layers';
import { startAppServer, startMemoryServer, type Child } from '../lib/children.ts';
import { tilePath, type BenchContext } from '../lib/context.ts';
import { measured, nd, type Figure } from '../lib/figures.ts';
import { httpLoad, type HttpTarget, type LoadResult } from '../lib/load.ts';
import { countFeatures, fetchTimed } from '../lib/mvt.ts';
import { interleave, sides, type Interleaved } from '../lib/rounds.ts';
import { median, round } from '../lib/stats.ts';
import { WORLD_HALF, type Tile } from '../lib/tiles.ts';
import { mapserverTilePath, peersMissing, peerVersions, startPeers, type Peers } from '../peers/servers.ts';

const CONNECTIONS = [8, 32] as const;
const WORKERS = 8;
/** Seconds per run: 16 tile rows × rounds × 2 sides add up, so peer runs are at most 3 s each. */
const runSeconds = (ctx: BenchContext) => Math.min(ctx.durationS, 3);

/** The layers compared one by one: the tileset's, each on the zooms where it is drawn (from z12). */
function coldLayers(tileset: string): string[] {
  return [...TILESETS[tileset].layers];
}

const coldId = (layer: string, c: number) => `peer_cold_${layer}_${c}`;
const PEER_OGC = (c: number) => ({ id: `peer_ogc_items_${c}`, name: `OGC items bbox limit=1000 ÷ MapServer, ${c} connections`, target: '≥ 1.0' });
const WARM_MEM = { id: 'peer_warm_vs_node', name: 'warm tiles ÷ bare node:http from memory', target: '≥ 0.9' };
const WARM_NGINX = { id: 'peer_warm_vs_nginx', name: 'warm tiles ÷ nginx static files (no HTTP cache)', target: 'reported' };
const CACHED_NGINX = { id: 'peer_cached_vs_nginx', name: 'warm through nginx proxy_cache ÷ nginx static files', target: '≥ 0.9' };

/** Every figure the suite may return (for n/d rows when it cannot run). */
export function peerFigures(tileset: string): Array<{ id: string; name: string; target: string }> {
  const rows: Array<{ id: string; name: string; target: string }> = [];
  for (const l of [...coldLayers(tileset), tileset]) {
    for (const c of CONNECTIONS) rows.push({ id: coldId(l, c), name: `cold ${l} ÷ MapServer, ${c} connections`, target: '≥ 1.0, p99 ≤ MapServer' });
  }
  for (const c of CONNECTIONS) rows.push(PEER_OGC(c));
  rows.push(WARM_MEM, WARM_NGINX, CACHED_NGINX);
  return rows;
}
export const PEERS_FIGURES = peerFigures('cartografia');

const p99Of = (xs: LoadResult[]) => round(median(xs.map((x) => x.p99)));
const rpsOf = (xs: LoadResult[]) => round(median(xs.map((x) => x.rps)));

function note(r: Interleaved, a: string, b: string, extra = ''): string {
  const bad = [...r.a, ...r.b].reduce((s, x) => s + x.bad, 0);
  return `${a} ${rpsOf(r.a)}/s p99 ${p99Of(r.a)} ms ÷ ${b} ${rpsOf(r.b)}/s p99 ${p99Of(r.b)} ms, median of ${r.ratios.length} interleaved rounds${bad ? `; ${bad} bad responses` : ''}${extra}`;
}

export async function peerSuite(ctx: BenchContext): Promise<Figure[]> {
  const all = peerFigures(ctx.tileset);
  const missing = peersMissing();
  if (missing) return all.map((f) => nd(f.id, f.name, f.target, missing));
  const versions = peerVersions();
  ctx.log(`  ${versions.mapserver}; nginx ${versions.nginx}`);
  let cold: Child | null = null;
  let warm: Child | null = null;
  let peers: Peers | null = null;
  try {
    cold = await startAppServer({ databaseUrl: ctx.databaseUrl, tileCacheBytes: 0, logLevel: ctx.logLevel });
    warm = await startAppServer({ databaseUrl: ctx.databaseUrl, tileCacheBytes: ctx.cacheBytes, logLevel: ctx.logLevel });
    peers = await startPeers({ dir: join(ctx.tmpDir, 'peers'), databaseUrl: ctx.databaseUrl, tileset: ctx.tileset, workers: WORKERS, app: warm.base.replace('http://', '') });
    const figures: Figure[] = [];
    for (const layer of [...coldLayers(ctx.tileset), ctx.tileset]) figures.push(...(await coldLayer(ctx, cold, peers, layer)));
    figures.push(...(await ogcItems(ctx, cold, peers)));
    figures.push(...(await warmRows(ctx, warm, peers)));
    for (const f of figures) f.details = { ...f.details, peers: { ...versions, workers: WORKERS } };
    return figures;
  } finally {
    await peers?.stop();
    await warm?.stop();
    await cold?.stop();
  }
}

/** Tiles of the list on which `layer` is drawn (z12 up, or from its minzoom). */
function tilesFor(ctx: BenchContext, layer: string): Tile[] {
  const def = findLayer(layer);
  const from = Math.max(12, def?.minzoom ?? 0);
  return [...ctx.tiles.entries()].filter(([z]) => z >= from && z <= 16).flatMap(([, ts]) => ts);
}

async function coldLayer(ctx: BenchContext, ours: Child, peers: Peers, layer: string): Promise<Figure[]> {
  const isSet = layer === ctx.tileset;
  const tiles = tilesFor(ctx, isSet ? 'manzanas' : layer).concat(isSet ? [12, 13].flatMap((z) => ctx.tiles.get(z) ?? []) : []);
  const msLayers = isSet ? 'all' : layer;
  const oursT: HttpTarget[] = tiles.map((t) => ({ path: tilePath(layer, t) }));
  const msT: HttpTarget[] = tiles.map((t) => ({ path: mapserverTilePath(msLayers, t.z, t.x, t.y) }));
  // Same work? Feature counts of a sample of tiles on both sides (MapServer drops what its own clipping empties).
  let fo = 0;
  let fm = 0;
  let bo = 0;
  let bm = 0;
  for (const t of tiles.filter((_, i) => i % Math.max(1, Math.floor(tiles.length / 20)) === 0).slice(0, 20)) {
    const a = await fetchTimed(ours.base + tilePath(layer, t));
    const b = await fetchTimed(peers.base + mapserverTilePath(msLayers, t.z, t.x, t.y));
    if (b.status !== 200) throw new Error(`MapServer tile ${layer} ${t.z}/${t.x}/${t.y} → ${b.status}: ${b.bytes.toString('utf8').slice(0, 200)} ${peers.errors()}`);
    fo += countFeatures(a.bytes);
    fm += countFeatures(b.bytes);
    bo += a.bytes.length;
    bm += b.bytes.length;
  }
  const same = `; 20-tile sample: ${fo} features / ${round(bo / 1024)} KB ours, ${fm} / ${round(bm / 1024)} KB MapServer; ${tiles.length} tiles z${Math.min(...tiles.map((t) => t.z))}–${Math.max(...tiles.map((t) => t.z))}`;
  const out: Figure[] = [];
  for (const c of CONNECTIONS) {
    const row = { id: coldId(layer, c), name: `cold ${layer} ÷ MapServer, ${c} connections`, target: '≥ 1.0, p99 ≤ MapServer' };
    const r = await interleave(
      ctx.rounds,
      () => httpLoad({ base: ours.base, targets: oursT, connections: c, durationS: runSeconds(ctx), ok: [200, 204] }),
      () => httpLoad({ base: peers.base, targets: msT, connections: c, durationS: runSeconds(ctx) }),
    );
    const pass = r.ratio >= 1 && p99Of(r.a) <= p99Of(r.b);
    out.push(measured({ ...row, value: round(r.ratio), unit: '×', pass, note: note(r, 'ours (cache off)', 'MapServer', same), details: { ...sides(r, 'ours', 'mapserver'), sample: { oursFeatures: fo, mapserverFeatures: fm, oursBytes: bo, mapserverBytes: bm } } }));
    ctx.log(`  ${row.name}: ${round(r.ratio)} (p99 ${p99Of(r.a)} vs ${p99Of(r.b)} ms)`);
  }
  return out;
}

const toLon = (mx: number) => (mx / WORLD_HALF) * 180;
const toLat = (my: number) => (Math.atan(Math.exp((my / WORLD_HALF) * Math.PI)) * 360) / Math.PI - 90;
const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

async function ogcItems(ctx: BenchContext, ours: Child, peers: Peers): Promise<Figure[]> {
  const boxes = (ctx.tiles.get(14) ?? []).map((t) => {
    const size = (2 * WORLD_HALF) / 2 ** t.z;
    const minx = -WORLD_HALF + t.x * size;
    const maxy = WORLD_HALF - t.y * size;
    return [toLon(minx), toLat(maxy - size), toLon(minx + size), toLat(maxy)].map(r6).join(',');
  });
  const oursPath = (b: string) => `/ogcapi/collections/manzanas/items?bbox=${b}&limit=1000`;
  const msPath = (b: string) => `/ms/ogc/ogcapi/collections/manzanas/items?f=json&bbox=${b}&limit=1000`;
  let no = 0;
  let nm = 0;
  for (const b of boxes.slice(0, 10)) {
    const a = await fetch(ours.base + oursPath(b));
    const m = await fetch(peers.base + msPath(b));
    if (m.status !== 200) throw new Error(`MapServer OGC items → ${m.status}: ${(await m.text()).slice(0, 200)}`);
    no += ((await a.json()) as { features: unknown[] }).features.length;
    nm += ((await m.json()) as { features: unknown[] }).features.length;
  }
  const same = `; first 10 boxes: ${no} features ours, ${nm} MapServer; ${boxes.length} z14-sized boxes`;
  const out: Figure[] = [];
  for (const c of CONNECTIONS) {
    const row = PEER_OGC(c);
    const r = await interleave(
      ctx.rounds,
      () => httpLoad({ base: ours.base, targets: boxes.map((b) => ({ path: oursPath(b) })), connections: c, durationS: runSeconds(ctx) }),
      () => httpLoad({ base: peers.base, targets: boxes.map((b) => ({ path: msPath(b) })), connections: c, durationS: runSeconds(ctx) }),
    );
    out.push(measured({ ...row, value: round(r.ratio), unit: '×', pass: r.ratio >= 1, note: note(r, 'ours', 'MapServer OGC API', same), details: sides(r, 'ours', 'mapserver') }));
    ctx.log(`  ${row.name}: ${round(r.ratio)} (p99 ${p99Of(r.a)} vs ${p99Of(r.b)} ms)`);
  }
  return out;
}

async function warmRows(ctx: BenchContext, server: Child, peers: Peers): Promise<Figure[]> {
  // Prime our cache and keep the very bytes it sent, as nginx's static files and node:http's Map.
  const root = join(peers.dir, 'static');
  const list: Tile[] = [...ctx.tiles.values()].flat();
  const warm: Tile[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: ctx.coldConnections }, async () => {
      while (next < list.length) {
        const t = list[next++];
        const f = await fetchTimed(server.base + tilePath(ctx.tileset, t));
        if (f.status !== 200) continue;
        const file = join(root, tilePath(ctx.tileset, t));
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, f.bytes);
        warm.push(t);
      }
    }),
  );
  warm.sort((a, b) => a.z - b.z || a.x - b.x || a.y - b.y);
  if (warm.length === 0) return [WARM_MEM, WARM_NGINX, CACHED_NGINX].map((f) => nd(f.id, f.name, f.target, 'every tile of the list was empty'));
  const paths = warm.map((t) => tilePath(ctx.tileset, t));
  const load = (base: string, prefix = '') => () => httpLoad({ base, targets: paths.map((p) => ({ path: prefix + p })), connections: ctx.warmConnections, durationS: runSeconds(ctx) });
  // Fill nginx's cache through /cached/ (8 at a time) and check it answers from it. Our tiles say s-maxage=5: a
  // run that starts after a slow priming measures revalidations, not hits (the 02:24 run: STALE, 0.164), so every
  // cached round is primed right before it (priming is not timed) and the statuses after it are counted.
  const prime = async () => {
    let i = 0;
    await Promise.all(Array.from({ length: ctx.coldConnections }, async () => {
      while (i < paths.length) await fetchTimed(peers.base + '/cached' + paths[i++]);
    }));
  };
  await prime();
  const probe = await fetch(peers.base + '/cached' + paths[0], { headers: { 'accept-encoding': 'identity' } });
  const cacheStatus = probe.headers.get('x-cache-status');
  const cc = probe.headers.get('cache-control');
  await probe.arrayBuffer();
  const cachedLoad = () => {
    // The same Accept-Encoding as the priming: our tiles say `Vary: Accept-Encoding`, and nginx keys the cached
    // variant by it, so a load without the header missed every entry primed with `identity` (0.0535 at 05:20).
    const run = () => httpLoad({ base: peers.base, targets: paths.map((p) => ({ path: '/cached' + p })), connections: ctx.warmConnections, durationS: runSeconds(ctx), headers: { 'accept-encoding': 'identity' } });
    return async () => {
      await prime();
      return run();
    };
  };
  const memory = await startMemoryServer(root);
  try {
    return await warmRatios(ctx, server, peers, memory, warm.length, load, cachedLoad(), cacheStatus, cc);
  } finally {
    await memory.stop();
  }
}

async function warmRatios(
  ctx: BenchContext,
  server: Child,
  peers: Peers,
  memory: Child,
  count: number,
  load: (base: string, prefix?: string) => () => Promise<LoadResult>,
  cachedLoad: () => Promise<LoadResult>,
  cacheStatus: string | null,
  cc: string | null,
): Promise<Figure[]> {
  const figures: Figure[] = [];
  const m = await interleave(ctx.rounds, load(server.base), load(memory.base));
  figures.push(measured({ ...WARM_MEM, value: round(m.ratio), unit: '×', pass: m.ratio >= 0.9, note: `${note(m, 'cache hits', 'node:http Map')}; ${count} tiles, ${ctx.warmConnections} connections`, details: sides(m, 'ours', 'memory') }));
  const n = await interleave(ctx.rounds, load(server.base), load(peers.base, '/static'));
  figures.push(measured({ ...WARM_NGINX, value: round(n.ratio), unit: '×', note: note(n, 'cache hits', 'nginx static'), details: sides(n, 'ours', 'nginx') }));
  const c = await interleave(ctx.rounds, cachedLoad, load(peers.base, '/static'));
  figures.push(
    measured({
      ...CACHED_NGINX,
      value: round(c.ratio),
      unit: '×',
      pass: c.ratio >= 0.9,
      note: `${note(c, 'nginx proxy_cache → ours', 'nginx static')}; our Cache-Control "${cc}", X-Cache-Status after priming: ${cacheStatus}; each cached round primed right before it (untimed), so it measures hits within s-maxage (steady state: one revalidation per tile per s-maxage)`,
      details: sides(c, 'cached', 'nginx'),
    }),
  );
  return figures;
}
