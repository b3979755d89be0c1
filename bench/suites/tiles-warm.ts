// Warm tiles on one cache-on server: coalescing (first, while every tile is cold), then warm hits against the
// same bytes as static files, gzip against identity, 304s against 200s, and the server's RSS at the end.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, join } from 'node:path';
import type { BenchContext } from '../lib/context.ts';
import { routeMissing, tilePath } from '../lib/context.ts';
import { startAppServer, startMemoryServer, startStaticServer, type Child } from '../lib/children.ts';
import { measured, nd, type Figure } from '../lib/figures.ts';
import { httpLoad, nodeHttpLoad, type HttpTarget } from '../lib/load.ts';
import { fetchTimed } from '../lib/mvt.ts';
import { describe, interleave, sides } from '../lib/rounds.ts';
import { median, round } from '../lib/stats.ts';
import { tileKey, tileOf, type Tile } from '../lib/tiles.ts';

const WARM = { id: 'warm_tiles', name: 'warm tiles (cache ÷ static files)', target: '≥ 0.7' };
const WARM_MEM = { id: 'warm_vs_memory', name: 'warm tiles ÷ bare node:http from memory (diagnostic)', target: 'diagnostic' };
const WARM_P99 = { id: 'warm_p99', name: 'warm p99 at 32 connections', target: '≤ 5 ms' };
const COALESCE = { id: 'coalescing', name: 'coalescing: SQL runs for 50 requests of one cold tile', target: '= 1' };
const GZIP = { id: 'compression', name: 'compression (gzip ÷ identity, cached)', target: '≥ 0.9' };
const COND = { id: 'conditional', name: 'conditional (304/s ÷ warm 200/s)', target: '≥ 1' };
const MEMORY = { id: 'memory', name: 'memory: server RSS after the sweep', target: '≤ budget + 150 MB' };
export const WARM_FIGURES = [WARM, WARM_MEM, WARM_P99, COALESCE, GZIP, COND, MEMORY];

/** Response headers of one raw GET (no transparent decompression, unlike fetch). */
function rawHeaders(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

export async function warmTiles(ctx: BenchContext): Promise<Figure[]> {
  const server = await startAppServer({ databaseUrl: ctx.databaseUrl, tileCacheBytes: ctx.cacheBytes, logLevel: ctx.logLevel });
  let statics: Child | null = null;
  let memory: Child | null = null;
  try {
    const all: Tile[] = [...ctx.tiles.values()].flat();
    const missing = await routeMissing(server.base, tilePath(ctx.tileset, all[all.length - 1]));
    if (missing) return WARM_FIGURES.map((f) => nd(f.id, f.name, f.target, missing));
    const figures: Figure[] = [await coalescing(ctx, server)];

    // Prime the cache and keep the very bytes the server sent, to serve them as static files.
    const root = join(ctx.tmpDir, 'static');
    rmSync(root, { recursive: true, force: true });
    const warm: Array<{ t: Tile; etag: string | null }> = [];
    let next = 0;
    const primer = async () => {
      while (next < all.length) {
        const t = all[next++];
        const f = await fetchTimed(server.base + tilePath(ctx.tileset, t));
        if (f.status !== 200) continue;
        const file = join(root, tilePath(ctx.tileset, t));
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, f.bytes);
        warm.push({ t, etag: f.etag });
      }
    };
    await Promise.all(Array.from({ length: ctx.coldConnections }, primer));
    // The same order on every run, whatever order the primers finished in.
    warm.sort((a, b) => a.t.z - b.t.z || a.t.x - b.t.x || a.t.y - b.t.y);
    if (warm.length === 0) return [...figures, ...WARM_FIGURES.filter((f) => f.id !== COALESCE.id).map((f) => nd(f.id, f.name, f.target, 'every tile of the list was empty'))];
    statics = await startStaticServer(root);
    const targets: HttpTarget[] = warm.map(({ t }) => ({ path: tilePath(ctx.tileset, t) }));
    const load = (base: string, extra: Partial<Parameters<typeof httpLoad>[0]> = {}) =>
      httpLoad({ base, targets, connections: ctx.warmConnections, durationS: ctx.durationS, ...extra });

    const w = await interleave(ctx.rounds, () => load(server.base), () => load(statics!.base));
    figures.push(
      measured({ ...WARM, value: round(w.ratio), unit: '×', pass: w.ratio >= 0.7, note: `${describe(w, 'cache hits', '@fastify/static')}; ${warm.length} tiles, ${ctx.warmConnections} connections`, details: sides(w, 'server', 'static') }),
    );
    // The same bytes from a Map through bare node:http: what Node itself allows, framework and cache logic aside.
    memory = await startMemoryServer(root);
    const m = await interleave(ctx.rounds, () => load(server.base), () => load(memory!.base));
    figures.push(measured({ ...WARM_MEM, value: round(m.ratio), unit: '×', note: describe(m, 'cache hits', 'node:http Map'), details: sides(m, 'server', 'memory') }));
    await memory.stop();
    memory = null;
    const p99 = median(w.a.map((x) => x.p99));
    figures.push(measured({ ...WARM_P99, value: round(p99), unit: 'ms', pass: p99 <= 5, note: `median over rounds of autocannon p99; static files: ${round(median(w.b.map((x) => x.p99)))} ms` }));

    const sample = tilePath(ctx.tileset, warm[0].t);
    const gz = await rawHeaders(server.base + sample, { 'accept-encoding': 'gzip' });
    if (gz.headers['content-encoding'] !== 'gzip' && gz.headers['content-encoding'] !== 'br') {
      figures.push(nd(GZIP.id, GZIP.name, GZIP.target, `the server does not compress tiles (GET with Accept-Encoding: gzip → ${gz.status}, no Content-Encoding)`));
    } else {
      const viaNode = (headers: Record<string, string>) => () =>
        nodeHttpLoad({ base: server.base, targets, connections: ctx.warmConnections, durationS: ctx.durationS, headers });
      const c = await interleave(ctx.rounds, viaNode({ 'accept-encoding': 'gzip' }), viaNode({}));
      // Kept for the record: autocannon's parser alone makes gzip look slower (findings.md).
      const ac = await interleave(ctx.rounds, () => load(server.base, { headers: { 'accept-encoding': 'gzip' } }), () => load(server.base));
      figures.push(
        measured({
          ...GZIP,
          value: round(c.ratio),
          unit: '×',
          pass: c.ratio >= 0.9,
          note: `${describe(c, 'gzip', 'identity')}, node:http client; with autocannon ${round(ac.ratio)} (its parser is slower on gzip bodies, even from bare node:http)`,
          details: { ...sides(c, 'gzip', 'identity'), autocannon: sides(ac, 'gzip', 'identity') },
        }),
      );
    }

    const tagged = warm.filter((x) => x.etag);
    if (tagged.length === 0) {
      figures.push(nd(COND.id, COND.name, COND.target, 'tile responses carry no ETag'));
    } else {
      const conditional = tagged.map(({ t, etag }) => ({ path: tilePath(ctx.tileset, t), headers: { 'if-none-match': etag! } }));
      const r = await interleave(
        ctx.rounds,
        () => httpLoad({ base: server.base, targets: conditional, connections: ctx.warmConnections, durationS: ctx.durationS, ok: [304] }),
        () => load(server.base),
      );
      figures.push(measured({ ...COND, value: round(r.ratio), unit: '×', pass: r.ratio >= 1, note: describe(r, '304', '200'), details: sides(r, '304', '200') }));
    }

    // Both encodings of every tile have now been asked for at least once: the cache is as full as the sweep gets.
    for (const { t } of warm) await rawHeaders(server.base + tilePath(ctx.tileset, t), { 'accept-encoding': 'gzip' });
    const rss = server.rss();
    const budget = ctx.cacheBytes;
    const MB = 1024 * 1024;
    figures.push(
      measured({
        ...MEMORY,
        value: round(rss / MB),
        unit: 'MB',
        pass: rss <= budget + 150 * MB,
        note: `RSS ${round(rss / MB)} MB with a ${round(budget / MB)} MB cache budget (RSS ÷ budget = ${round(rss / budget)}); ${warm.length} tiles cached in 2 encodings`,
        details: { rssBytes: rss, budgetBytes: budget },
      }),
    );
    return figures;
  } finally {
    await memory?.stop();
    await statics?.stop();
    await server.stop();
  }
}

/** 50 simultaneous requests for one tile nobody asked for yet; pg_stat_statements counts the tile SQL runs. */
async function coalescing(ctx: BenchContext, server: Child): Promise<Figure> {
  const db = (await ctx.pool.query<{ oid: number }>('SELECT oid FROM pg_database WHERE datname = current_database()')).rows[0].oid;
  try {
    await ctx.pool.query('SELECT pg_stat_statements_reset(0, $1, 0)', [db]);
  } catch (e) {
    return nd(COALESCE.id, COALESCE.name, COALESCE.target, `pg_stat_statements unavailable: ${(e as Error).message}`);
  }
  // A z16 tile that holds a block (so it is not empty) and is not in the list (so it is certainly not cached).
  const inList = new Set([...ctx.tiles.values()].flat().map(tileKey));
  const { rows: points } = await ctx.pool.query<{ x: number; y: number }>(
    `SELECT ST_X(p) AS x, ST_Y(p) AS y FROM (SELECT ST_PointOnSurface(geom) AS p FROM carto.manzanas
     ORDER BY md5(cvegeo || $1::text) LIMIT 200) q`,
    [`coalesce${ctx.seed}`],
  );
  const cold = points.map((p) => tileOf(p.x, p.y, 16)).find((t) => !inList.has(tileKey(t)));
  if (!cold) return nd(COALESCE.id, COALESCE.name, COALESCE.target, 'no block tile outside the list');
  const path = tilePath(ctx.tileset, cold);
  const responses = await Promise.all(Array.from({ length: 50 }, () => fetchTimed(server.base + path)));
  const statuses = [...new Set(responses.map((r) => r.status))];
  const distinctBodies = new Set(responses.map((r) => r.bytes.toString('base64'))).size;
  const { rows } = await ctx.pool.query<{ query: string; calls: number }>(
    `SELECT query, calls::int FROM pg_stat_statements WHERE dbid = $1 AND query ILIKE '%ST_AsMVT%' ORDER BY calls DESC`,
    [db],
  );
  const perStatement = rows.map((r) => r.calls);
  const max = perStatement.length ? Math.max(...perStatement) : 0;
  return measured({
    ...COALESCE,
    value: max,
    unit: 'runs',
    pass: max === 1 && statuses.every((s) => s === 200 || s === 204) && distinctBodies === 1,
    note: `tile ${tileKey(cold)}: ${rows.length} tile statement(s), most-run ran ${max}×; statuses ${statuses.join(',')}, ${distinctBodies} distinct bodies`,
    details: { statements: rows.map((r) => ({ calls: r.calls, query: r.query.slice(0, 200) })) },
  });
}
