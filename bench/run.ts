// npm run bench [-- --quick] [--scale N] [--rounds N]: provisions the bench city in its own database, runs every
// figure of issue 6 and writes bench/results.json and bench/RESULTS.md. See bench/findings.md for what the
// numbers led to.
import { mkdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createPool } from '@sigmun/db';
import type { BenchContext } from './lib/context.ts';
import { prepareBenchDatabase } from './lib/dataset.ts';
import { guarded, type Figure } from './lib/figures.ts';
import { describeMachine } from './lib/machine.ts';
import { writeResults, type Results } from './lib/report.ts';
import { seededTiles } from './lib/tiles.ts';
import { apiEndpoints, API_FIGURES } from './suites/api.ts';
import { areaStats, AREA_FIGURES } from './suites/area-stats.ts';
import { coldBisect, BISECT_FIGURES } from './suites/bisect.ts';
import { importThroughput, IMPORT_FIGURES } from './suites/import.ts';
import { pagePaint, PAGE_FIGURES } from './suites/page.ts';
import { peerSuite, PEERS_FIGURES } from './suites/peers.ts';
import { pmtilesArchive, PMTILES_FIGURES } from './suites/pmtiles.ts';
import { qgisStyle, QGIS_FIGURES } from './suites/qgis.ts';
import { fichasAtlas, FICHAS_FIGURES } from './suites/fichas.ts';
import { coldTiles, COLD_FIGURES, type ZoomRow } from './suites/tiles-cold.ts';
import { warmTiles, WARM_FIGURES } from './suites/tiles-warm.ts';

const here = dirname(fileURLToPath(import.meta.url));
const say = (m: string) => console.log(`\x1b[36m▸\x1b[0m ${m}`);

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    scale: { type: 'string' },
    rounds: { type: 'string' },
    seed: { type: 'string', default: '20260' },
    'per-zoom': { type: 'string' },
    duration: { type: 'string' },
    database: { type: 'string', default: 'sigmun_bench' },
    'db-url': { type: 'string' },
    'cache-mb': { type: 'string' },
    tileset: { type: 'string', default: 'cartografia' },
    only: { type: 'string' },
    // Provision (or reuse) the bench city and stop: generating scale 10 takes minutes, worth doing ahead of a run.
    prepare: { type: 'boolean', default: false },
    // Generate the city again even if one of this scale, seed and generator exists (new migrations are applied to it).
    regenerate: { type: 'boolean', default: false },
    // Rewrite RESULTS.md from results.json and the current findings.md, without measuring anything.
    'report-only': { type: 'boolean', default: false },
    out: { type: 'string' },
    'log-level': { type: 'string', default: 'warn' },
    // npm test builds the client before the suites; the harness test skips the (possibly slow) check.
    'no-web-build': { type: 'boolean', default: false },
  },
  allowPositionals: false,
});

function int(name: string, raw: string | undefined, def: number, min: number, max: number): number {
  if (raw === undefined) return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be an integer from ${min} to ${max} (got "${raw}")`);
  return n;
}

const SUITES = {
  cold: { figures: COLD_FIGURES },
  bisect: { figures: BISECT_FIGURES },
  warm: { figures: WARM_FIGURES },
  api: { figures: API_FIGURES },
  area: { figures: AREA_FIGURES },
  pmtiles: { figures: PMTILES_FIGURES },
  import: { figures: IMPORT_FIGURES },
  page: { figures: PAGE_FIGURES },
  qgis: { figures: QGIS_FIGURES },
  // One ficha's p95 and the atlas of every colonia beside the map's tiles (issue 14): full runs and --only fichas.
  fichas: { figures: FICHAS_FIGURES },
  // MapServer 8 and nginx side by side (issue 16): full runs and --only peers, never quick mode (npm test).
  peers: { figures: PEERS_FIGURES },
} as const;
type SuiteName = keyof typeof SUITES;

async function main(): Promise<void> {
  const t0 = performance.now();
  const load0 = loadavg()[0];
  const quick = values.quick!;
  const opts = {
    quick,
    scale: int('scale', values.scale, quick ? 1 : 10, 1, 100),
    // Quick mode proves the harness (npm test, < 3 min on two busy cores): two rounds, fewer tiles and queries.
    rounds: int('rounds', values.rounds, quick ? 2 : 3, 1, 50),
    seed: int('seed', values.seed, 20260, 0, 2 ** 31 - 1),
    perZoom: int('per-zoom', values['per-zoom'], quick ? 6 : 200, 1, 10_000),
    durationS: int('duration', values.duration, quick ? 1 : 5, 1, 120),
    cacheMB: int('cache-mb', values['cache-mb'], 128, 1, 65536),
  };
  // The bisection is a diagnostic of the full run (a minute more); quick mode only proves the figures.
  const only = values.only ? (values.only.split(',') as SuiteName[]) : (Object.keys(SUITES) as SuiteName[]).filter((s) => !quick || (s !== 'bisect' && s !== 'qgis' && s !== 'peers' && s !== 'fichas'));
  for (const s of only) if (!(s in SUITES)) throw new Error(`--only: unknown suite "${s}" (${Object.keys(SUITES).join(', ')})`);
  const outDir = resolve(values.out ?? here);
  if (values['report-only']) {
    const results = JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) as Results;
    writeResults(outDir, results, join(here, 'findings.md'));
    say(`Resultados reescritos: ${join(outDir, 'RESULTS.md')}`);
    return;
  }
  // A run writing elsewhere (the test) keeps its scratch files there too, apart from a concurrent full run.
  const tmpDir = values.out ? join(outDir, 'tmp') : join(here, 'tmp');
  mkdirSync(outDir, { recursive: true });
  mkdirSync(tmpDir, { recursive: true });

  const db = await prepareBenchDatabase({ given: values['db-url'], database: values.database!, scale: opts.scale, seed: opts.seed, regenerate: values.regenerate, log: say });
  say(`Ciudad de prueba: ${db.manzanas} manzanas, ${db.agebs} AGEBs (${db.origin})`);
  if (values.prepare) return;
  const coldConnections = 8;
  const warmConnections = 32;
  const pool = createPool(db.url, { max: warmConnections + 2, applicationName: 'sigmun-bench' });
  try {
    const client = await pool.connect();
    const machine = await describeMachine(client).finally(() => client.release());
    const tiles = await seededTiles(pool, { seed: opts.seed, perZoom: opts.perZoom, minZoom: 8, maxZoom: 16 });
    say(`Teselas: ${[...tiles].map(([z, t]) => `z${z}:${t.length}`).join(' ')}`);
    const ctx: BenchContext = {
      quick,
      rounds: opts.rounds,
      durationS: opts.durationS,
      coldConnections,
      warmConnections,
      cacheBytes: opts.cacheMB * 1024 * 1024,
      logLevel: values['log-level']!,
      seed: opts.seed,
      databaseUrl: db.url,
      pool,
      tiles,
      tileset: values.tileset!,
      tmpDir,
      log: say,
    };
    const figures: Figure[] = [];
    let zooms: ZoomRow[] = [];
    const run = async (name: SuiteName, fn: () => Promise<Figure[]>) => {
      if (!only.includes(name)) return;
      const s = performance.now();
      say(`${name}…`);
      const got = await guarded(SUITES[name].figures, fn);
      for (const f of got) say(`  ${f.name}: ${f.value ?? 'n/d'} ${f.unit} [${f.verdict}] ${f.verdict === 'n/d' ? f.note : ''}`);
      say(`  (${Math.round((performance.now() - s) / 1000)} s)`);
      figures.push(...got);
    };
    await run('cold', async () => {
      const r = await coldTiles(ctx);
      zooms = r.zooms;
      return r.figures;
    });
    await run('bisect', () => coldBisect(ctx));
    await run('warm', () => warmTiles(ctx));
    await run('api', () => apiEndpoints(ctx));
    await run('area', () => areaStats(ctx));
    await run('pmtiles', () => pmtilesArchive(ctx));
    await run('import', () => importThroughput(ctx));
    await run('page', () => pagePaint(ctx, { build: !values['no-web-build'] }));
    await run('qgis', () => qgisStyle(ctx));
    await run('fichas', () => fichasAtlas(ctx));
    await run('peers', () => peerSuite(ctx));

    const results: Results = {
      date: new Date().toISOString(),
      mode: quick ? 'quick' : 'full',
      options: { ...opts, tileset: ctx.tileset, coldConnections, warmConnections, logLevel: ctx.logLevel },
      machine,
      dataset: { database: values['db-url'] ? 'given' : values.database!, manzanas: db.manzanas, agebs: db.agebs, origin: db.origin, ...(db.generateSeconds ? { generateSeconds: Math.round(db.generateSeconds) } : {}) },
      figures,
      zooms,
      seconds: (performance.now() - t0) / 1000,
      load: { start: Math.round(load0 * 10) / 10, end: Math.round(loadavg()[0] * 10) / 10 },
    };
    writeResults(outDir, results, join(here, 'findings.md'));
    say(`Resultados: ${join(outDir, 'RESULTS.md')} (${Math.round(results.seconds)} s)`);
  } finally {
    await pool.end();
  }
}

main().catch((e) => {
  console.error(`\x1b[31m✗\x1b[0m ${(e as Error).message}`);
  if (process.env.DEBUG) console.error(e);
  process.exit(1);
});
