// Cold tiles: the server with its cache off against the same SQL through `pg` (overhead), and the zoom sweep.
import type { BenchContext } from '../lib/context.ts';
import { routeMissing, tilePath } from '../lib/context.ts';
import { startAppServer, type Child } from '../lib/children.ts';
import { measured, nd, type Figure } from '../lib/figures.ts';
import { httpLoad, pgLoad } from '../lib/load.ts';
import { countFeatures, fetchTimed } from '../lib/mvt.ts';
import { describe, interleave, sides } from '../lib/rounds.ts';
import { mean, quantile, round } from '../lib/stats.ts';
import { resolveTileQuery } from '../lib/tile-sql.ts';
import type { Tile } from '../lib/tiles.ts';
import { TILESETS } from '@sigmun/domain/layers';

/** The layers of a tileset (or the layer itself). */
function tilesetLayerIds(id: string): ReadonlyArray<string> {
  return Object.hasOwn(TILESETS, id) ? TILESETS[id].layers : [id];
}

const COLD = { id: 'cold_overhead', name: 'cold tile overhead (z12–z14)', target: '≥ 0.95' };
const SWEEP = { id: 'zoom_sweep', name: 'zoom sweep z8–z16', target: 'max ≤ 500 KB, p95 ≤ 100 KB, no tile > 1 s cold' };
export const COLD_FIGURES = [COLD, SWEEP];

export interface ZoomRow {
  z: number;
  tiles: number;
  empty: number;
  /** Tiles answered with an error (a 503 is a statement timeout). */
  failed: number;
  tilesPerS: number | null;
  p50: number | null;
  p99: number | null;
  coldMaxMs: number;
  meanKB: number;
  p95KB: number;
  maxKB: number;
  featuresMean: number;
  featuresMax: number;
  /** The largest tile of the zoom, and each layer of the tileset alone for it: what makes tiles big or slow. */
  largest: { tile: string; byLayer: Record<string, { kB: number; ms: number }> } | null;
}

/** Runs both cold figures on one cache-off server. */
export async function coldTiles(ctx: BenchContext): Promise<{ figures: Figure[]; zooms: ZoomRow[] }> {
  const server = await startAppServer({ databaseUrl: ctx.databaseUrl, tileCacheBytes: 0, logLevel: ctx.logLevel });
  try {
    const probe = ctx.tiles.get(14)?.[0] ?? { z: 14, x: 0, y: 0 };
    const missing = await routeMissing(server.base, tilePath(ctx.tileset, probe));
    if (missing) return { figures: [nd(COLD.id, COLD.name, COLD.target, missing), nd(SWEEP.id, SWEEP.name, SWEEP.target, missing)], zooms: [] };
    const zooms = await sweep(ctx, server);
    return { figures: [await overhead(ctx, server), sweepFigure(zooms)], zooms };
  } finally {
    await server.stop();
  }
}

async function overhead(ctx: BenchContext, server: Child): Promise<Figure> {
  const query = await resolveTileQuery(ctx.pool, ctx.tileset);
  if (typeof query === 'string') return nd(COLD.id, COLD.name, COLD.target, query);
  const tiles: Tile[] = [12, 13, 14].flatMap((z) => ctx.tiles.get(z) ?? []);
  const queries = tiles.map(query.forTile).filter((q) => q !== null);
  if (queries.length === 0) return nd(COLD.id, COLD.name, COLD.target, `no layer of ${ctx.tileset} is drawn at z12–z14`);
  const r = await interleave(
    ctx.rounds,
    () => httpLoad({ base: server.base, targets: tiles.map((t) => ({ path: tilePath(ctx.tileset, t) })), connections: ctx.coldConnections, durationS: ctx.durationS, ok: [200, 204] }),
    () => pgLoad({ pool: ctx.pool, queries, connections: ctx.coldConnections, durationS: ctx.durationS }),
  );
  return measured({
    ...COLD,
    value: round(r.ratio),
    unit: '×',
    pass: r.ratio >= 0.95,
    note: `${describe(r, 'server (cache off)', 'pg prepared')}; ${tiles.length} tiles, ${ctx.coldConnections} connections; SQL: ${query.origin}`,
    details: sides(r, 'server', 'pg'),
  });
}

async function sweep(ctx: BenchContext, server: Child): Promise<ZoomRow[]> {
  const rows: ZoomRow[] = [];
  for (const [z, tiles] of [...ctx.tiles.entries()].sort((a, b) => a[0] - b[0])) {
    // One sequential pass: each tile's own cold latency, size and feature count.
    const sizes: number[] = [];
    const features: number[] = [];
    let biggest: { t: Tile; bytes: number } | null = null;
    let coldMax = 0;
    let empty = 0;
    let failed = 0;
    for (const t of tiles) {
      const f = await fetchTimed(server.base + tilePath(ctx.tileset, t));
      coldMax = Math.max(coldMax, f.ms);
      if (f.status !== 200 && f.status !== 204) {
        // A 503 is the server's statement_timeout: the tile is over any latency target, and counted.
        failed++;
        ctx.log(`  z${z}: tile ${t.x}/${t.y} → ${f.status} after ${Math.round(f.ms)} ms`);
        continue;
      }
      if (f.status === 204 || f.bytes.length === 0) empty++;
      if (!biggest || f.bytes.length > biggest.bytes) biggest = { t, bytes: f.bytes.length };
      sizes.push(f.bytes.length);
      features.push(countFeatures(f.bytes));
    }
    const load = await httpLoad({
      base: server.base,
      targets: tiles.map((t) => ({ path: tilePath(ctx.tileset, t) })),
      connections: ctx.coldConnections,
      durationS: ctx.durationS,
      ok: [200, 204],
    });
    let largest: ZoomRow['largest'] = null;
    if (biggest && biggest.bytes > 0) {
      const byLayer: Record<string, { kB: number; ms: number }> = {};
      for (const layer of tilesetLayerIds(ctx.tileset)) {
        const f = await fetchTimed(server.base + tilePath(layer, biggest.t));
        byLayer[layer] = { kB: round(f.bytes.length / 1024), ms: round(f.ms) };
      }
      largest = { tile: `${z}/${biggest.t.x}/${biggest.t.y}`, byLayer };
    }
    rows.push({
      largest,
      z,
      tiles: tiles.length,
      empty,
      failed,
      tilesPerS: round(load.rps),
      p50: round(load.p50),
      p99: round(load.p99),
      coldMaxMs: round(coldMax),
      meanKB: round(mean(sizes) / 1024),
      p95KB: round(quantile(sizes, 0.95) / 1024),
      maxKB: round(Math.max(0, ...sizes) / 1024),
      featuresMean: round(mean(features)),
      featuresMax: Math.max(0, ...features),
    });
    ctx.log(`  z${z}: ${round(load.rps)} tiles/s, p99 ${round(load.p99)} ms, max ${round(Math.max(0, ...sizes) / 1024)} KB`);
  }
  return rows;
}

function sweepFigure(zooms: ZoomRow[]): Figure {
  const maxKB = Math.max(...zooms.map((z) => z.maxKB));
  const p95KB = Math.max(...zooms.map((z) => z.p95KB));
  const slowest = Math.max(...zooms.map((z) => z.coldMaxMs));
  const failed = zooms.reduce((s, z) => s + z.failed, 0);
  const worst = (k: 'maxKB' | 'p95KB' | 'coldMaxMs') => zooms.reduce((a, b) => (b[k] > a[k] ? b : a)).z;
  return measured({
    ...SWEEP,
    value: maxKB,
    unit: 'KB max',
    pass: maxKB <= 500 && p95KB <= 100 && slowest <= 1000 && failed === 0,
    note: `${failed ? `${failed} tiles failed (timeout); ` : ''}largest tile ${maxKB} KB (z${worst('maxKB')}), worst p95 ${p95KB} KB (z${worst('p95KB')}), slowest cold tile ${slowest} ms (z${worst('coldMaxMs')}); per-zoom table below`,
    details: { maxKB, p95KB, slowestColdMs: slowest, failed },
  });
}
