// PDF fichas and the atlas (issue 14): one ficha's latency (sequential GETs of seeded colonias, as a person waits for
// one), and the atlas of every colonia of the bench city (time, pages per second) with the map's tile latency
// measured while it renders beside the same load without it. The server runs in its own process (lib/children.ts),
// so the atlas, its Chromium and the tiles share that server as they would in production.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@sigmun/db';
import type { AtlasJob } from '@sigmun/domain/dashboard';
import { ensureBasemapArchive } from '@sigmun/tiles/build';
import { newApiToken, secretHash } from '../../apps/server/src/lib/credentials.ts';
import { findUser, insertToken, insertUser } from '../../apps/server/src/repositories/users.ts';
import { startAppServer } from '../lib/children.ts';
import { tilePath, type BenchContext } from '../lib/context.ts';
import { measured, nd, type Figure } from '../lib/figures.ts';
import { httpLoad } from '../lib/load.ts';
import { median, quantile, round } from '../lib/stats.ts';

const FICHA = { id: 'ficha_p95', name: 'one ficha PDF (colonia), p95', target: '< 3000 ms' };
const ATLAS = { id: 'atlas_colonias', name: 'atlas of every colonia, fichas per second', target: 'reported' };
const ATLAS_TILES = { id: 'atlas_tile_p99', name: 'map tile p99 while the atlas renders ÷ without it', target: 'reported (≈ 1)' };
export const FICHAS_FIGURES = [FICHA, ATLAS, ATLAS_TILES];

// The atlas is followed this long at most (the suite stays near two minutes): a longer one is reported by its rate
// over the fichas done and an estimated total, the job being stopped with the server.
const ATLAS_BOUND_S = 90;
// Sequential fichas measured after the cold first one.
const FICHAS_MEASURED = 12;

// The bench's planner: an account made as an administrator's SQL would, reused across runs; a fresh token each run.
const PLANNER = 'bench-atlas@sigmun.bench';

/** A bearer token of the bench planner (planeacion), creating the account on first use. */
async function plannerToken(ctx: BenchContext): Promise<string> {
  const c = await ctx.pool.connect();
  try {
    const id = (await findUser(c, { email: PLANNER }))?.id
      ?? (await insertUser(c, { email: PLANNER, nombre: 'Bench atlas', passwordHash: null, roles: ['planeacion'] }))!;
    const { token, prefijo } = newApiToken();
    await insertToken(c, { userId: id, nombre: 'bench', tokenHash: secretHash(token), prefijo });
    return token;
  } finally {
    c.release();
  }
}

/** Ficha p50/p95, and the atlas of every colonia with the tile p99 beside it (full runs and --only fichas). */
export async function fichasAtlas(ctx: BenchContext): Promise<Figure[]> {
  const dist = join(repoRoot(), 'apps', 'web', 'dist');
  if (!existsSync(join(dist, 'ficha.html'))) return FICHAS_FIGURES.map((f) => nd(f.id, f.name, f.target, 'apps/web/dist not built (the ficha print page)'));
  if (!existsSync('/usr/bin/chromium')) return FICHAS_FIGURES.map((f) => nd(f.id, f.name, f.target, 'Chromium is not installed (/usr/bin/chromium)'));
  // The fichas' map is drawn over the bench city's own basemap (the PMTiles suite's when it built one).
  let tilesDir = join(ctx.tmpDir, 'pmtiles');
  if (!existsSync(join(tilesDir, 'basemap.pmtiles'))) {
    tilesDir = join(ctx.tmpDir, 'fichas-tiles');
    await ensureBasemapArchive(ctx.databaseUrl, { outDir: tilesDir, log: () => {} });
  }
  // A fresh cache folder: an atlas cached by an earlier run of the same data would be answered without rendering.
  const atlasDir = join(ctx.tmpDir, 'atlas');
  rmSync(atlasDir, { recursive: true, force: true });
  mkdirSync(atlasDir, { recursive: true });
  const token = await plannerToken(ctx);
  const auth = { authorization: `Bearer ${token}` };
  const { rows: colonias } = await ctx.pool.query<{ cve_col: string }>('SELECT cve_col FROM carto.colonias ORDER BY md5(cve_col || $1::text)', [`fichas${ctx.seed}`]);
  const server = await startAppServer({ databaseUrl: ctx.databaseUrl, tileCacheBytes: ctx.cacheBytes, logLevel: ctx.logLevel, webDist: dist, tilesDir, atlasDir });
  try {
    const ficha = async (cve: string) => {
      const s = performance.now();
      const res = await fetch(`${server.base}/api/fichas/colonia/${encodeURIComponent(cve)}.pdf?papel=a4&lang=es`);
      const body = Buffer.from(await res.arrayBuffer());
      if (res.status !== 200 || res.headers.get('content-type') !== 'application/pdf') throw new Error(`ficha ${cve} → ${res.status}: ${body.toString('utf8', 0, 160)}`);
      return performance.now() - s;
    };
    // The first ficha starts Chromium and loads the print page: measured apart, as the cold start.
    const coldMs = await ficha(colonias[0].cve_col);
    const n = Math.min(colonias.length - 1, FICHAS_MEASURED);
    const ms: number[] = [];
    for (const c of colonias.slice(1, 1 + n)) ms.push(await ficha(c.cve_col));
    const p95 = quantile(ms, 0.95);
    const figures: Figure[] = [measured({
      ...FICHA, value: round(p95), unit: 'ms', pass: p95 < 3000,
      note: `${ms.length} sequential colonia fichas (A4, es) after a cold first one (${round(coldMs)} ms, Chromium start); p50 ${round(median(ms))} ms`,
      details: { ms: ms.map(round), coldMs: round(coldMs), p50: round(median(ms)) },
    })];

    // The atlas rows apart: a failed atlas (a ficha over its render bound on a loaded machine) keeps the ficha row.
    try {
      // Tiles of the map under a light load (4 connections), from two interleaved halves of the seeded tile list so
      // that neither run is served from the other's cache: first without the atlas, then while it renders.
      const tiles = [13, 14, 15].flatMap((z) => ctx.tiles.get(z) ?? []);
      const half = (k: number) => tiles.filter((_, i) => i % 2 === k).map((t) => ({ path: tilePath(ctx.tileset, t) }));
      const load = (k: number) => httpLoad({ base: server.base, targets: half(k), connections: 4, durationS: ctx.durationS, ok: [200, 204] });
      const quiet = await load(0);

      const t0 = performance.now();
      const res = await fetch(`${server.base}/api/atlas/colonia`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ papel: 'a4', lang: 'es' }) });
      if (res.status !== 202) throw new Error(`POST /api/atlas/colonia → ${res.status}: ${(await res.text()).slice(0, 160)}`);
      let job = (await res.json()) as AtlasJob;
      if (job.cache) throw new Error(`the atlas was served from the cache (${atlasDir} holds one for this data version)`);
      const busy = await load(1);
      const doneAtLoadEnd = job.hechas;
      // Poll as the Tablero does until the job ends or the bound runs out.
      const running = () => job.estado === 'en_cola' || job.estado === 'generando';
      while (running() && performance.now() - t0 < ATLAS_BOUND_S * 1000) {
        await new Promise((r) => setTimeout(r, 500));
        job = (await (await fetch(`${server.base}/api/atlas/jobs/${job.id}`, { headers: auth })).json()) as AtlasJob;
      }
      const seconds = (performance.now() - t0) / 1000;
      if (job.estado === 'error') throw new Error(`atlas error: ${job.error}`);
      if (job.estado === 'listo') {
        const pdf = await fetch(`${server.base}${job.url}`, { headers: auth });
        const file = join(atlasDir, 'bench-atlas.pdf');
        writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
        const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1] ?? NaN);
        figures.push(measured({
          ...ATLAS, value: round(job.total / seconds), unit: 'fichas/s',
          note: `${job.total} colonias, ${pages} pages (index included, read back with pdfinfo) in ${round(seconds)} s = ${round(pages / seconds)} pages/s, one ficha at a time beside the map's load`,
          details: { seconds: round(seconds), pages, fichas: job.total, finished: true },
        }));
      } else {
        const rate = job.hechas / seconds;
        figures.push(measured({
          ...ATLAS, value: round(rate), unit: 'fichas/s',
          note: `${job.hechas} of ${job.total} colonias rendered in the ${ATLAS_BOUND_S} s bound: whole atlas ≈ ${round(job.total / Math.max(rate, 1e-9))} s at that rate (estimate); stopped with the server`,
          details: { seconds: round(seconds), fichas: job.hechas, total: job.total, finished: false },
        }));
      }
      const ratio = busy.p99 / Math.max(quiet.p99, 1);
      figures.push(measured({
        ...ATLAS_TILES, value: round(ratio), unit: '×',
        note: `tiles z13–15, 4 connections, ${ctx.durationS} s each: p99 ${round(busy.p99)} ms while the atlas rendered (${doneAtLoadEnd} fichas done by the end of it) vs ${round(quiet.p99)} ms without; ${round(busy.rps)} vs ${round(quiet.rps)} tiles/s`,
        details: { quiet, busy },
      }));
    } catch (e) {
      const why = `error: ${(e as Error).message.split('\n')[0]}`;
      figures.push(nd(ATLAS.id, ATLAS.name, ATLAS.target, why), nd(ATLAS_TILES.id, ATLAS_TILES.name, ATLAS_TILES.target, why));
    }
    return figures;
  } finally {
    await server.stop();
  }
}
