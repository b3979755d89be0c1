// The page as a user meets it: headless Chromium (Debian's, through playwright-core) opens the server's page and
// we time navigation → the first frame that draws tile data; plus the gzip size of the JS it loaded, MapLibre aside.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { repoRoot } from '@sigmun/db';
import type { BenchContext } from '../lib/context.ts';
import { startAppServer } from '../lib/children.ts';
import { measured, nd, type Figure } from '../lib/figures.ts';
import { median, round } from '../lib/stats.ts';

const PAINT = { id: 'first_paint', name: 'page: first map paint (headless Chromium)', target: '< 1.5 s' };
const JS = { id: 'initial_js', name: 'page: initial JS gzip, MapLibre aside', target: '≤ 350 KB' };
export const PAGE_FIGURES = [PAINT, JS];

const CHROMIUM_ARGS = [
  '--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--no-first-run', '--disable-sync', '--use-gl=swiftshader', '--enable-unsafe-swiftshader',
];

// Runs in the page before its scripts: counts WebGL draw calls per animation frame and notes when tile bytes
// arrive. "First tiles drawn" = the first frame after a tile response with more draw calls than any frame before
// it (the background and empty frames draw a constant few).
const PROBE = `(() => {
  const b = (window.__bench = { frames: [], draws: 0 });
  for (const C of [window.WebGLRenderingContext, window.WebGL2RenderingContext]) {
    if (!C) continue;
    for (const m of ['drawElements', 'drawArrays']) {
      const f = C.prototype[m];
      C.prototype[m] = function (...a) { b.draws++; return f.apply(this, a); };
    }
  }
  const tick = () => { b.frames.push([performance.now(), b.draws]); b.draws = 0; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
})();`;

// Polled in the page until the first frame that drew tile data; a string, because tsx would wrap a function's
// inner helpers in a __name() the page does not have.
const PAINTED = `(() => {
  const resources = performance.getEntriesByType('resource');
  const tiles = resources.filter((e) => /\\/tiles\\/|\\.pmtiles|\\.mvt|\\.pbf/.test(e.name)).map((e) => e.responseEnd);
  if (tiles.length === 0) return null;
  const frames = window.__bench.frames;
  const firstTile = Math.min(...tiles);
  const before = Math.max(0, ...frames.filter(([t]) => t <= firstTile).map(([, n]) => n));
  const paint = frames.find(([t, n]) => t > firstTile && n > before);
  if (!paint) return null;
  const scripts = resources.filter((e) => e.initiatorType === 'script' || /\\.js(\\?|$)/.test(e.name)).map((e) => e.name);
  const nav = performance.getEntriesByType('navigation')[0];
  const end = (re) => Math.max(0, ...resources.filter((e) => re.test(e.name) && e.responseEnd <= paint[0]).map((e) => e.responseEnd));
  const start = (re) => Math.min(...resources.filter((e) => re.test(e.name)).map((e) => e.startTime));
  const milestones = {
    html: nav ? nav.responseEnd : 0,
    domContentLoaded: nav ? nav.domContentLoadedEventEnd : 0,
    lastScript: end(/\\.js(\\?|$)/),
    maplibreChunk: end(/maplibre/i),
    style: end(/\\/styles\\//),
    firstTileRequest: start(/\\/tiles\\/|\\.pmtiles|\\.mvt|\\.pbf/),
    firstTileResponse: firstTile,
    firstPaint: paint[0],
  };
  return { firstPaintMs: paint[0], firstTileMs: firstTile, scripts, milestones };
})()`;

interface PageSample {
  firstPaintMs: number | null;
  firstTileMs: number | null;
  scripts: string[];
  /** Milestones before the paint (ms from navigation start), to see where the time goes. */
  milestones: Record<string, number>;
}

export async function pagePaint(ctx: BenchContext, opts: { build: boolean }): Promise<Figure[]> {
  const dist = join(repoRoot(), 'apps', 'web', 'dist');
  if (opts.build) {
    const { ensureWebBuild } = await import('../../scripts/lib/web-build.ts');
    await ensureWebBuild(repoRoot(), ctx.log);
  }
  if (!existsSync(join(dist, 'index.html'))) return PAGE_FIGURES.map((f) => nd(f.id, f.name, f.target, 'apps/web/dist not built'));
  if (!existsSync('/usr/bin/chromium')) return PAGE_FIGURES.map((f) => nd(f.id, f.name, f.target, 'Chromium is not installed (/usr/bin/chromium)'));
  // The basemap archive of the bench city when the PMTiles suite built one, so the page draws one city, not two.
  const archiveDir = join(ctx.tmpDir, 'pmtiles');
  const tilesDir = existsSync(join(archiveDir, 'basemap.pmtiles')) ? archiveDir : undefined;
  const server = await startAppServer({ databaseUrl: ctx.databaseUrl, tileCacheBytes: ctx.cacheBytes, logLevel: ctx.logLevel, webDist: dist, tilesDir });
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  try {
    const home = await fetch(server.base + '/');
    if (!(home.headers.get('content-type') ?? '').includes('text/html')) {
      const why = `the server does not serve the web client at / (${home.status} ${home.headers.get('content-type')})`;
      return PAGE_FIGURES.map((f) => nd(f.id, f.name, f.target, why));
    }
    const samples: PageSample[] = [];
    // One visit warms the server's tile cache and Chromium's start-up; later ones are measured, each in a fresh context
    // (empty HTTP cache), as a first-time visitor would load it.
    const visits = ctx.quick ? 1 : ctx.rounds;
    for (let i = 0; i <= visits; i++) {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
      await page.addInitScript(PROBE);
      await page.goto(server.base + '/', { waitUntil: 'load', timeout: 60_000 });
      const sample = await page
        .waitForFunction(PAINTED, undefined, { timeout: 30_000, polling: 50 })
        .then((h) => h.jsonValue() as Promise<PageSample>)
        .catch((e: Error) => {
          ctx.log(`  page: ${e.message.split('\n')[0]}`);
          return { firstPaintMs: null, firstTileMs: null, scripts: [], milestones: {} } as PageSample;
        });
      if (i > 0) samples.push(sample);
      await page.context().close();
    }
    const paints = samples.map((s) => s.firstPaintMs).filter((x): x is number => x !== null);
    const figures: Figure[] = [];
    if (paints.length === 0) figures.push(nd(PAINT.id, PAINT.name, PAINT.target, 'no frame drew tile data within 30 s (no tile request, or nothing drawn)'));
    else {
      const m = median(paints);
      figures.push(
        measured({
          ...PAINT,
          value: round(m / 1000),
          unit: 's',
          pass: m < 1500,
          note: `basemap ${tilesDir ? 'archive of the bench city' : 'archive in tiles/ (none built by this run)'}; median of ${paints.length} first visits (fresh browser context each, server cache warmed by one unmeasured visit, 1280×800, SwiftShader); milestones (ms): ${Object.entries(samples[0]?.milestones ?? {}).map(([k]) => `${k} ${round(median(samples.map((x) => x.milestones[k]).filter(Number.isFinite)))}`).join(', ')}`,
          details: {
            paintsMs: paints.map(round),
            milestones: Object.fromEntries(Object.keys(samples[0]?.milestones ?? {}).map((k) => [k, round(median(samples.map((x) => x.milestones[k]).filter(Number.isFinite)))])),
          },
        }),
      );
    }
    figures.push(initialJs(dist, samples[0]?.scripts ?? []));
    return figures;
  } finally {
    await browser.close();
    await server.stop();
  }
}

/** gzip bytes of the JS files the page loaded before its first paint, except the MapLibre chunk. */
function initialJs(dist: string, loaded: string[]): Figure {
  const files = [...new Set(loaded.map((u) => new URL(u).pathname))].filter((p) => p.endsWith('.js'));
  if (files.length === 0) {
    // No browser sample: fall back to what index.html loads up front.
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    for (const m of html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g)) files.push(m[1]);
  }
  let total = 0;
  const kept: string[] = [];
  const maplibre: string[] = [];
  for (const f of files) {
    const path = join(dist, f.replace(/^\//, ''));
    if (!existsSync(path)) continue;
    const body = readFileSync(path);
    if (/maplibre/i.test(f) || body.includes('MapLibre GL JS')) {
      maplibre.push(f);
      continue;
    }
    total += gzipSync(body, { level: 9 }).length;
    kept.push(f);
  }
  const kb = total / 1024;
  return measured({
    ...JS,
    value: round(kb),
    unit: 'KB',
    pass: kb <= 350,
    note: `${kept.length} JS files loaded before first paint, gzip -9 (MapLibre chunk excluded: ${maplibre.join(', ') || 'none found'})`,
    details: { files: kept, maplibre },
  });
}
