// The attribute table at the bench's scale (the `--scale 10` city, 101,240 manzanas) in headless Chromium: every row
// is reachable (the last one's text after scrolling to the end), the page keeps only the rows on screen, and choosing
// a row frames its block on the map with the selection outline visible in the map's pixels.
// The city is the bench's own database (bench/lib/dataset.ts: generated once, reused while the generator and the
// migrations are unchanged); this suite only reads it. Its basemap archive is kept in .data between runs.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { repoRoot } from '@sigmun/db';
import { MAP_PATH } from '@sigmun/domain/portal';
import { ensureBasemapArchive } from '@sigmun/tiles/build';
import { buildApp } from '../../apps/server/src/app.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { prepareBenchDatabase } from '../../bench/lib/dataset.ts';
import { launchChromium, settle, watchedPage, type WatchedPage } from '../support/browser.ts';

// The bench's defaults (bench/run.ts): the same city the benchmark measures.
const BENCH = { database: 'sigmun_bench', scale: 10, seed: 20260 };

let pool: pg.Pool;
let app: FastifyInstance;
let browser: Browser;
let base = '';
const pages: WatchedPage[] = [];
const timings: Record<string, number> = {};

beforeAll(async () => {
  let t0 = performance.now();
  const db = await prepareBenchDatabase({ ...BENCH, log: (m) => console.log(m) });
  timings.city = performance.now() - t0;
  t0 = performance.now();
  const tilesDir = join(repoRoot(), '.data', 'e2e-scale10-tiles');
  await ensureBasemapArchive(db.url, { outDir: tilesDir, log: () => {} });
  timings.basemap = performance.now() - t0;
  pool = new pg.Pool({ connectionString: db.url, max: 2 });
  app = await buildApp(loadConfig(process.env, { databaseUrl: db.url, tilesDir, host: '127.0.0.1', port: 0 }), { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://localhost:${(app.server.address() as { port: number }).port}`;
  // The server builds a layer's table once per data version (PostgreSQL aggregates 100,000 rows, then gzip): done
  // here, and timed, so that the page's figure is the page's own.
  t0 = performance.now();
  const res = await fetch(`${base}/api/layers/manzanas/table`, { headers: { 'accept-encoding': 'gzip' } });
  expect(res.status).toBe(200);
  await res.arrayBuffer();
  timings.serverBuild = performance.now() - t0;
  browser = await launchChromium();
}, 1_800_000);

afterAll(async () => {
  const errors = pages.flatMap((p) => p.consoleErrors);
  const foreign = pages.flatMap((p) => p.foreignRequests);
  await browser?.close();
  await app?.close();
  await pool?.end();
  console.log(`scale-10 attribute table: ${JSON.stringify(Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, `${(v / 1000).toFixed(1)} s`])))}`);
  expect(errors).toEqual([]);
  expect(foreign).toEqual([]);
});

async function open(hash: string): Promise<Page> {
  const w = await watchedPage(browser, { viewport: { width: 1280, height: 800 } });
  pages.push(w);
  await w.page.goto(`${base}${MAP_PATH}#${hash}`);
  return w.page;
}

/** Near-black pixels (the selection outline is black) of the map canvas inside a page rectangle. */
function darkPixels(page: Page, rect: { x0: number; y0: number; x1: number; y1: number }): Promise<number> {
  return page.evaluate((r) => {
    const c = document.querySelector('.map canvas') as HTMLCanvasElement;
    const scale = c.width / c.getBoundingClientRect().width;
    const t = document.createElement('canvas');
    t.width = c.width;
    t.height = c.height;
    const g = t.getContext('2d')!;
    g.drawImage(c, 0, 0);
    const x0 = Math.max(0, Math.floor(r.x0 * scale));
    const y0 = Math.max(0, Math.floor(r.y0 * scale));
    const w = Math.min(t.width, Math.ceil(r.x1 * scale)) - x0;
    const h = Math.min(t.height, Math.ceil(r.y1 * scale)) - y0;
    if (w <= 0 || h <= 0) return 0;
    const d = g.getImageData(x0, y0, w, h).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 40 && d[i + 1] < 40 && d[i + 2] < 40) n++;
    return n;
  }, rect);
}

describe('attribute table at scale 10', () => {
  it('reaches the last of every manzana, and choosing it frames its block on the map with the outline visible', async () => {
    const { rows: [city] } = await pool.query<{ n: number; last: string }>('SELECT count(*)::int AS n, max(cvegeo) AS last FROM carto.manzanas');
    expect(city.n).toBeGreaterThanOrEqual(100_000);
    const { rows: [lastKey] } = await pool.query<{ cvegeo: string }>('SELECT cvegeo FROM carto.manzanas ORDER BY cvegeo DESC LIMIT 1');

    let t0 = performance.now();
    const page = await open('panel=tabla');
    await page.waitForFunction((n) => document.querySelector('[data-testid="table-count"]')?.getAttribute('data-count') === String(n), city.n, { timeout: 300_000 });
    timings.tableShown = performance.now() - t0;
    await settle(page);
    const grid = page.getByTestId('attribute-table-grid');
    expect(Number(await grid.getAttribute('aria-rowcount'))).toBe(city.n + 2);

    // Scroll through the whole table in steps, one per frame, then to the very end: the page holds only the rows on
    // screen (plus overscan) at every step, and the frames stay short.
    t0 = performance.now();
    const scroll = await grid.evaluate(async (el) => {
      const frames: number[] = [];
      let maxRows = 0;
      let last = performance.now();
      for (let i = 1; i <= 60; i++) {
        el.scrollTop = (el.scrollHeight * i) / 60;
        await new Promise((r) => requestAnimationFrame(() => r(null)));
        const now = performance.now();
        frames.push(now - last);
        last = now;
        maxRows = Math.max(maxRows, el.querySelectorAll('[role="row"][data-id]').length);
      }
      el.scrollTop = el.scrollHeight;
      frames.sort((a, b) => a - b);
      return { maxRows, medianFrameMs: frames[Math.floor(frames.length / 2)], p90FrameMs: frames[Math.floor(frames.length * 0.9)] };
    });
    timings.scroll = performance.now() - t0;
    console.log(`scale-10 scroll: ${JSON.stringify(scroll)}`);
    expect(scroll.maxRows).toBeLessThan(80);

    const lastRow = grid.locator(`[role="row"][aria-rowindex="${city.n + 2}"]`);
    await lastRow.waitFor({ timeout: 30_000 });
    expect(await lastRow.getAttribute('data-id')).toBe(lastKey.cvegeo);
    expect(await lastRow.locator('[role="gridcell"]').first().innerText()).toBe(lastKey.cvegeo);
    const g = (await grid.boundingBox())!;
    const r = (await lastRow.boundingBox())!;
    expect(r.y).toBeGreaterThanOrEqual(g.y);
    expect(r.y + r.height).toBeLessThanOrEqual(g.y + g.height + 1);

    // Choosing the row frames its block: the map's view then contains the block's extent (from PostGIS), clear of
    // the panel, and its black selection outline is drawn there.
    const { rows: [ext] } = await pool.query<{ w: number; s: number; e: number; n: number }>(
      `SELECT ST_XMin(b) AS w, ST_YMin(b) AS s, ST_XMax(b) AS e, ST_YMax(b) AS n FROM (SELECT ST_Transform(ST_Envelope(geom), 4326)::box2d AS b FROM carto.manzanas WHERE cvegeo = $1) x`,
      [lastKey.cvegeo],
    );
    const before = await page.evaluate(() => /v=[^&]*/.exec(location.hash)?.[0] ?? '');
    t0 = performance.now();
    await lastRow.click();
    await page.waitForFunction((v) => { const now = /v=[^&]*/.exec(location.hash)?.[0]; return !!now && now !== v; }, before, { timeout: 30_000 });
    await settle(page);
    timings.frame = performance.now() - t0;
    expect(await lastRow.getAttribute('aria-selected')).toBe('true');
    const placed = await page.evaluate((b) => {
      const el = document.querySelector('[data-testid="map"]') as HTMLElement & { maplibreMap: { getBounds: () => { getWest: () => number; getSouth: () => number; getEast: () => number; getNorth: () => number }; project: (p: [number, number]) => { x: number; y: number } } };
      const m = el.maplibreMap;
      const bounds = m.getBounds();
      const box = el.getBoundingClientRect();
      const a = m.project([b.w, b.n]);
      const z = m.project([b.e, b.s]);
      return {
        view: [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()],
        rect: { x0: a.x + box.left, y0: a.y + box.top, x1: z.x + box.left, y1: z.y + box.top },
        panelRight: document.getElementById('panel')!.getBoundingClientRect().right,
      };
    }, ext);
    expect(placed.view[0]).toBeLessThanOrEqual(ext.w);
    expect(placed.view[1]).toBeLessThanOrEqual(ext.s);
    expect(placed.view[2]).toBeGreaterThanOrEqual(ext.e);
    expect(placed.view[3]).toBeGreaterThanOrEqual(ext.n);
    // The block lies right of the panel, where the person sees the map.
    expect(placed.rect.x0).toBeGreaterThan(placed.panelRight);
    // The outline: compared with the same view once the row is chosen again (unselected), the black pixels around
    // the block are the outline's.
    const around = { x0: placed.rect.x0 - 6, y0: placed.rect.y0 - 6, x1: placed.rect.x1 + 6, y1: placed.rect.y1 + 6 };
    const outlined = await darkPixels(page, around);
    await lastRow.click();
    await page.waitForFunction(() => document.querySelector('[aria-selected="true"]') === null);
    await settle(page);
    const plain = await darkPixels(page, around);
    const perimeter = 2 * ((placed.rect.x1 - placed.rect.x0) + (placed.rect.y1 - placed.rect.y0));
    console.log(`scale-10 outline: ${outlined} dark pixels selected, ${plain} unselected, perimeter ${perimeter.toFixed(0)} px`);
    expect(outlined - plain).toBeGreaterThan(perimeter);
    mkdirSync(join(repoRoot(), 'tests', 'artifacts'), { recursive: true });
    await page.screenshot({ path: join(repoRoot(), 'tests', 'artifacts', 'attribute-table-scale10.png') });
  }, 600_000);
});
