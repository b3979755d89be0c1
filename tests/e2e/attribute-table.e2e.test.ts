// The attribute table in headless Chromium on a copy of the demo city (scale 1): sorting and filtering per column,
// "Solo lo visible en el mapa", a click on the map selecting and scrolling to its row, and the CSV of what is
// filtered. Expected values come from PostgreSQL, never from the page's own data.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parse } from 'csv-parse/sync';
import { findLayer } from '@sigmun/domain/layers';
import { settle, useBrowserSuite } from '../support/browser.ts';
import { esMX } from '../../apps/web/src/i18n/es-MX.ts';

// Each test opens its own page (map, tiles, a table load): on two cores shared with other suites that has taken
// over a minute, so the bound is generous; every wait inside is for a condition.
const TEST_TIMEOUT_MS = 240_000;
const DESKTOP = { viewport: { width: 1280, height: 800 }, acceptDownloads: true };
const suite = useBrowserSuite('attribute_table_e2e', DESKTOP);
const MANZANAS = findLayer('manzanas')!;
const header = (name: string) => {
  const p = MANZANAS.properties.find((x) => x.name === name)!;
  return p.unit ? `${p.label} (${p.unit})` : p.label;
};

const count = (page: Page) => page.getByTestId('table-count').getAttribute('data-count').then(Number);
const dataRows = (page: Page) => page.locator('[data-testid="attribute-table-grid"] [role="row"][data-id]');

/** Waits until the table says it has `n` rows. */
/** Opens the map at `hash`, then the Tabla tab (the first load of a layer's table is not part of the map's settling). */
async function openTable(hash = ''): Promise<Page> {
  const { page } = await suite.open(hash);
  await page.getByTestId('tab-tabla').click();
  return page;
}

async function waitForCount(page: Page, n: number): Promise<void> {
  await page.waitForFunction((want) => document.querySelector('[data-testid="table-count"]')?.getAttribute('data-count') === String(want), n, { timeout: 60_000 });
}

/** A view at `zoom` centred on the most populous locality's point on surface. */
async function seatView(zoom: number): Promise<string> {
  const { rows } = await suite.server.db.pool.query<{ lon: number; lat: number }>(
    `SELECT ST_X(c) AS lon, ST_Y(c) AS lat FROM (SELECT ST_Transform(ST_PointOnSurface(geom), 4326) AS c FROM carto.localidades ORDER BY pob DESC NULLS LAST LIMIT 1) s`,
  );
  return `v=${zoom}/${rows[0].lat.toFixed(5)}/${rows[0].lon.toFixed(5)}`;
}

describe('attribute table (scale 1)', () => {
  it('sorts a column, filters per column and exports exactly the filtered rows as CSV', async () => {
    const page = await openTable();
    const total = (await suite.server.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM carto.manzanas')).rows[0].n;
    await waitForCount(page, total);
    // Headers are the catalog's labels, never property names.
    const headers = await page.locator('[data-testid="attribute-table-grid"] [role="columnheader"]').allTextContents();
    expect(headers.map((h) => h.replace(/[▲▼↕]/g, '').trim())).toEqual(['cvegeo', 'cvegeo_ageb', 'pob', 'viv'].map(header));

    // Sorting by population, descending (second click): the first row holds the largest population.
    const max = (await suite.server.db.pool.query<{ cvegeo: string; pob: number }>('SELECT cvegeo, pob FROM carto.manzanas WHERE pob IS NOT NULL ORDER BY pob DESC, cvegeo LIMIT 1')).rows[0];
    await page.getByTestId('table-sort-pob').click();
    await page.getByTestId('table-sort-pob').click();
    await expect.poll(() => page.locator('[role="columnheader"][aria-sort="descending"]').textContent()).toContain(header('pob'));
    const first = dataRows(page).first();
    await expect.poll(() => first.locator('[role="gridcell"]').nth(2).textContent()).toBe(new Intl.NumberFormat('es-MX').format(max.pob));

    // Filtering by one AGEB and a minimum population.
    const { rows: pick } = await suite.server.db.pool.query<{ ageb: string }>('SELECT cvegeo_ageb AS ageb FROM carto.manzanas GROUP BY 1 HAVING count(*) > 5 ORDER BY 1 LIMIT 1');
    const ageb = pick[0].ageb;
    await page.getByTestId('table-filter-cvegeo_ageb').fill(ageb);
    await page.getByTestId('table-filter-pob-min').fill('10');
    const { rows: expected } = await suite.server.db.pool.query<{ cvegeo: string; pob: number }>(
      `SELECT cvegeo, pob FROM carto.manzanas WHERE position($1 in cvegeo_ageb) > 0 AND pob >= 10 ORDER BY pob DESC, cvegeo`, [ageb],
    );
    expect(expected.length).toBeGreaterThan(0);
    await waitForCount(page, expected.length);

    const download = page.waitForEvent('download');
    await page.getByTestId('table-export-csv').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^manzanas_\d{4}-\d{2}-\d{2}\.csv$/);
    const text = readFileSync((await file.path())!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const csv = parse(text.slice(1), { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(csv[0])).toEqual(['cvegeo', 'cvegeo_ageb', 'pob', 'viv'].map(header));
    expect(new Set(csv.map((r) => r[header('cvegeo')]))).toEqual(new Set(expected.map((r) => r.cvegeo)));
    expect(csv.map((r) => Number(r[header('pob')]))).toEqual(expected.map((r) => r.pob));
  }, TEST_TIMEOUT_MS);

  it('"Solo lo visible en el mapa" keeps the blocks in the uncovered map, and a map click selects and scrolls to its row', async () => {
    const page = await openTable(await seatView(16));
    const total = (await suite.server.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM carto.manzanas')).rows[0].n;
    await waitForCount(page, total);
    await page.getByTestId('table-visible-only').check();
    // What the person sees: from the panel's right edge to the map's right edge.
    const view = await page.evaluate(() => {
      const el = document.querySelector('[data-testid="map"]') as HTMLElement & { maplibreMap: { unproject: (p: [number, number]) => { lng: number; lat: number } } };
      const panel = document.getElementById('panel')!.getBoundingClientRect();
      const box = el.getBoundingClientRect();
      const sw = el.maplibreMap.unproject([panel.right - box.left, box.height]);
      const ne = el.maplibreMap.unproject([box.width, 0]);
      return [sw.lng, sw.lat, ne.lng, ne.lat];
    });
    const { rows } = await suite.server.db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT ST_Transform(ST_Envelope(geom), 4326)::box2d AS e FROM carto.manzanas) s
       WHERE round(ST_XMin(e)::numeric, 5) <= $3 AND round(ST_XMax(e)::numeric, 5) >= $1 AND round(ST_YMin(e)::numeric, 5) <= $4 AND round(ST_YMax(e)::numeric, 5) >= $2`,
      view,
    );
    expect(rows[0].n).toBeGreaterThan(0);
    expect(rows[0].n).toBeLessThan(total);
    await waitForCount(page, rows[0].n);

    // A block under a point of the visible map, found by PostGIS at that point's coordinates.
    const at = await page.evaluate(() => {
      const el = document.querySelector('[data-testid="map"]') as HTMLElement & { maplibreMap: { unproject: (p: [number, number]) => { lng: number; lat: number } } };
      const panel = document.getElementById('panel')!.getBoundingClientRect();
      const box = el.getBoundingClientRect();
      const x = (panel.right - box.left + box.width) / 2;
      const y = box.height / 2;
      const ll = el.maplibreMap.unproject([x, y]);
      return { x: x + box.left, y: y + box.top, lng: ll.lng, lat: ll.lat };
    });
    const hit = await suite.server.db.pool.query<{ cvegeo: string }>(
      `SELECT cvegeo FROM carto.manzanas WHERE ST_Intersects(geom, ST_Transform(ST_Buffer(ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography, 1.5)::geometry, 3857))
       ORDER BY ST_Distance(geom, ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4326), 3857)) LIMIT 1`,
      [at.lng, at.lat],
    );
    // The centre of the visible map may fall on a street: step right until a block is under the pointer.
    let target = hit.rows[0]?.cvegeo;
    let click = { x: at.x, y: at.y };
    if (!target) {
      const { rows: near } = await suite.server.db.pool.query<{ cvegeo: string; lon: number; lat: number }>(
        `SELECT cvegeo, ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT cvegeo, ST_Transform(ST_PointOnSurface(geom), 4326) AS p FROM carto.manzanas
          ORDER BY geom <-> ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4326), 3857) LIMIT 1) s`, [at.lng, at.lat],
      );
      target = near[0].cvegeo;
      click = await page.evaluate(([lon, lat]) => {
        const el = document.querySelector('[data-testid="map"]') as HTMLElement & { maplibreMap: { project: (p: [number, number]) => { x: number; y: number } } };
        const p = el.maplibreMap.project([lon, lat]);
        const box = el.getBoundingClientRect();
        return { x: p.x + box.left, y: p.y + box.top };
      }, [near[0].lon, near[0].lat]);
    }
    await page.mouse.click(click.x, click.y);
    const row = page.locator(`[data-testid="attribute-table-grid"] [role="row"][data-id="${target}"]`);
    await row.waitFor({ timeout: 30_000 });
    expect(await row.getAttribute('aria-selected')).toBe('true');
    // The table stays open (the click did not switch to the info panel) and the row is inside the scrolled grid.
    expect(await page.getByTestId('panel').getAttribute('aria-label')).toBe(esMX['panel.tabla']);
    const grid = (await page.getByTestId('attribute-table-grid').boundingBox())!;
    const box = (await row.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(grid.y);
    expect(box.y + box.height).toBeLessThanOrEqual(grid.y + grid.height + 1);
    expect(await row.textContent()).toContain(target);
    await settle(page);
  }, TEST_TIMEOUT_MS);

  it('lists every project (no cap) on the same table, the last one reachable with the keyboard', async () => {
    const { page } = await suite.open('panel=proyectos');
    const n = (await suite.server.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM plan.v_proyectos')).rows[0].n;
    await waitForCount(page, n);
    // The grid holds the rows on screen only, yet its row count announces them all.
    expect(Number(await page.getByTestId('project-list-grid').getAttribute('aria-rowcount'))).toBe(n + 2);
    // The list is sorted by name (Spanish collation, numbers as numbers): End reaches the last one.
    const { rows } = await suite.server.db.pool.query<{ nombre: string }>('SELECT nombre FROM plan.v_proyectos');
    const names = rows.map((r) => r.nombre).sort(new Intl.Collator('es', { numeric: true, sensitivity: 'base' }).compare);
    await page.locator('[data-testid="project-list-grid"] [role="row"][data-id]').first().focus();
    await page.keyboard.press('End');
    // Focus lands on the last row once the virtualiser has rendered it.
    await page.waitForFunction((want) => document.activeElement?.getAttribute('aria-rowindex') === String(want), n + 2, { timeout: 15_000 });
    const last = page.locator('[data-testid="project-list-grid"] [role="row"]:focus');
    expect(await last.locator('[role="gridcell"]').first().textContent()).toBe(names[names.length - 1]);
  }, TEST_TIMEOUT_MS);

  it('ranks every unit of the indicator on the same table, opens its full table, and a row frames its AGEB', async () => {
    const { indicators } = await suite.api<{ indicators: Array<{ code: string; niveles: string[]; anios: number[] }> }>('/api/indicators');
    const ind = indicators.find((i) => i.niveles.includes('ageb'))!;
    const year = ind.anios.includes(2020) ? 2020 : Math.max(...ind.anios);
    const { values } = await suite.api<{ values: Array<{ clave: string; nombre: string | null; valor: number | null }> }>(`/api/indicators/${ind.code}?level=ageb&year=${year}`);
    const top = values.filter((v) => v.valor !== null).sort((a, b) => (b.valor as number) - (a.valor as number))[0];
    const { page } = await suite.open('panel=indicadores');
    await page.getByTestId('indicator-select').selectOption(ind.code);
    await page.waitForFunction((n) => document.querySelector('[data-testid="ranking"] [data-testid="table-count"]')?.getAttribute('data-count') === String(n), values.length, { timeout: 60_000 });
    // All units, not a top 30: the first row is the highest value, ranked 1.
    const first = page.locator('[data-testid="ranking-grid"] [role="row"][data-id]').first();
    expect(await first.getAttribute('data-id')).toBe(top.clave);
    expect(await first.locator('[role="gridcell"]').first().textContent()).toBe('1');

    await page.getByTestId('open-indicator-table').click();
    await page.waitForFunction((n) => document.querySelector('[data-testid="indicator-table"] [data-testid="table-count"]')?.getAttribute('data-count') === String(n), values.length, { timeout: 60_000 });
    const row = page.locator(`[data-testid="indicator-table-grid"] [role="row"][data-id="${top.clave}"]`);
    const before = await page.evaluate(() => /v=[^&]*/.exec(location.hash)?.[0] ?? '');
    await row.click();
    // The permalink follows the view once the flight ends.
    await page.waitForFunction((v) => { const now = /v=[^&]*/.exec(location.hash)?.[0]; return !!now && now !== v; }, before, { timeout: 30_000 });
    await settle(page);
    expect(await row.getAttribute('aria-selected')).toBe('true');
    const { rows: [ext] } = await suite.server.db.pool.query<{ w: number; s: number; e: number; n: number }>(
      `SELECT ST_XMin(b) AS w, ST_YMin(b) AS s, ST_XMax(b) AS e, ST_YMax(b) AS n FROM (SELECT ST_Transform(ST_Envelope(geom), 4326)::box2d AS b FROM carto.agebs WHERE cvegeo = $1) x`,
      [top.clave],
    );
    const view = await page.evaluate(() => {
      const el = document.querySelector('[data-testid="map"]') as HTMLElement & { maplibreMap: { getBounds: () => { toArray: () => number[][] } } };
      return el.maplibreMap.getBounds().toArray().flat();
    });
    expect(view[0]).toBeLessThanOrEqual(ext.w);
    expect(view[1]).toBeLessThanOrEqual(ext.s);
    expect(view[2]).toBeGreaterThanOrEqual(ext.e);
    expect(view[3]).toBeGreaterThanOrEqual(ext.n);
  }, TEST_TIMEOUT_MS);
});
