// The web client in headless Chromium against the real server and a copy of the demo database.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sampleMap as sample, settle, useBrowserSuite } from '../support/browser.ts';

const ARTIFACTS = join(process.cwd(), 'tests', 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

const suite = useBrowserSuite('web_e2e', { viewport: { width: 1280, height: 800 } });
const api = suite.api;
const open = suite.open;

const changed = (a: number[], b: number[]) => a.filter((v, i) => v !== b[i]).length;

async function viewFromHash(page: Page): Promise<{ zoom: number; lat: number; lon: number }> {
  // The permalink gets the view when the map's first fit ends, which may come after the page has settled.
  await page.waitForFunction(() => /(^#|&)v=/.test(location.hash), null, { timeout: 15_000 }).catch(() => {});
  const hash = await page.evaluate(() => location.hash);
  const v = /v=([\d.-]+)\/([\d.-]+)\/([\d.-]+)/.exec(hash);
  if (!v) throw new Error(`sin vista en ${hash}`);
  return { zoom: Number(v[1]), lat: Number(v[2]), lon: Number(v[3]) };
}

describe('web client', () => {
  it('loads, labels demo data as fictional and draws basemap tiles (not a blank canvas)', async () => {
    const { page, consoleErrors, foreignRequests } = await open();
    const health = await api<{ database: { dataset: string } }>('/api/health');
    const demo = health.database.dataset.startsWith('demo');
    expect(await page.getByTestId('demo-badge').isVisible()).toBe(demo);
    const s = await sample(page);
    // A blank or single-colour canvas has one or two colours; a drawn basemap has many.
    expect(s.distinct).toBeGreaterThan(8);
    await page.screenshot({ path: join(ARTIFACTS, 'web-desktop.png') });
    expect(foreignRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('toggling a layer changes the picture', async () => {
    const { page } = await open();
    const before = await sample(page);
    await page.getByTestId('toggle-agebs').check();
    await settle(page);
    const after = await sample(page);
    expect(changed(before.pixels, after.pixels)).toBeGreaterThan(before.pixels.length / 100);
    await page.getByTestId('toggle-agebs').uncheck();
    await settle(page);
    const back = await sample(page);
    expect(changed(before.pixels, back.pixels)).toBeLessThan(changed(before.pixels, after.pixels));
  });

  it('searching a colonia flies there', async () => {
    const { rows } = await suite.server.db.pool.query<{ nombre: string }>(`SELECT nombre FROM carto.colonias ORDER BY pob DESC NULLS LAST, cve_col LIMIT 1`);
    const name = rows[0].nombre;
    const { hits } = await api<{ hits: Array<{ type: string; name: string; bbox: number[]; centroid: number[] }> }>(`/api/search?q=${encodeURIComponent(name)}`);
    const hit = hits[0];
    const { page } = await open();
    const start = await viewFromHash(page);
    await page.getByTestId('search-input').fill(name);
    await page.getByTestId('search-results').getByRole('option').first().waitFor();
    await page.getByTestId('search-input').press('ArrowDown');
    await page.getByTestId('search-input').press('ArrowUp');
    await page.getByTestId('search-input').press('Enter');
    await page.waitForTimeout(1500);
    await settle(page);
    const v = await viewFromHash(page);
    expect(v.zoom).toBeGreaterThan(start.zoom);
    expect(v.lon).toBeGreaterThanOrEqual(hit.bbox[0] - 1e-4);
    expect(v.lon).toBeLessThanOrEqual(hit.bbox[2] + 1e-4);
    expect(v.lat).toBeGreaterThanOrEqual(hit.bbox[1] - 1e-4);
    expect(v.lat).toBeLessThanOrEqual(hit.bbox[3] + 1e-4);
    await page.screenshot({ path: join(ARTIFACTS, 'web-search.png') });
  });

  it('Cerca de mí with a fixed location lists projects nearest first, as the server ranks them', async () => {
    const { rows } = await suite.server.db.pool.query<{ lon: number; lat: number }>(
      `SELECT ST_X(c) AS lon, ST_Y(c) AS lat FROM (SELECT ST_Transform(ST_PointOnSurface(geom), 4326) AS c FROM plan.projects ORDER BY id LIMIT 1) s`,
    );
    const here = { longitude: rows[0].lon + 0.002, latitude: rows[0].lat + 0.001 };
    const expected = await api<{ items: Array<{ id: number; distance_m: number }> }>(`/api/projects/near?lon=${here.longitude}&lat=${here.latitude}&radius_m=1000&limit=50`);
    expect(expected.items.length).toBeGreaterThan(0);
    const { page } = await open('panel=cerca', { viewport: { width: 1280, height: 800 }, geolocation: here, permissions: ['geolocation'] });
    await page.getByTestId('near-locate').click();
    await page.getByTestId('near-list').locator('li').first().waitFor();
    await settle(page);
    const listed = await page.getByTestId('near-list').locator('li').evaluateAll((els) => els.map((e) => ({ id: Number(e.getAttribute('data-id')), d: Number(e.getAttribute('data-distance')) })));
    for (let i = 1; i < listed.length; i++) expect(listed[i].d).toBeGreaterThanOrEqual(listed[i - 1].d);
    expect(listed.map((x) => x.id)).toEqual(expected.items.map((x) => x.id));
    await page.screenshot({ path: join(ARTIFACTS, 'web-near.png') });
  });

  it('choosing an indicator draws a legend with the server classes', async () => {
    const { indicators } = await api<{ indicators: Array<{ code: string; niveles: string[]; anios: number[] }> }>('/api/indicators');
    const ind = indicators.find((i) => i.niveles.includes('ageb') && i.anios.length > 0)!;
    const year = Math.max(...ind.anios);
    const { page } = await open('panel=indicadores');
    const before = await sample(page);
    await page.getByTestId('indicator-select').selectOption(ind.code);
    await page.getByTestId('class-legend').waitFor();
    await settle(page);
    const b = await api<{ breaks: number[]; counts: number[] }>(`/api/indicators/${ind.code}/breaks?level=ageb&year=${year}&method=quantile&classes=5`);
    const rows = await page.getByTestId('legend-class').evaluateAll((els) => els.map((e) => ({ from: Number(e.getAttribute('data-from')), to: Number(e.getAttribute('data-to')), count: Number(e.getAttribute('data-count')) })));
    expect(rows).toEqual(b.counts.map((count, i) => ({ from: b.breaks[i], to: b.breaks[i + 1], count })));
    await page.screenshot({ path: join(ARTIFACTS, 'web-indicator.png') });
    // The AGEBs cover the urban area only, a small part of the municipality in the opening view.
    expect(changed(before.pixels, (await sample(page)).pixels)).toBeGreaterThan(before.pixels.length / 200);
  });

  it('a permalink restores view, layers, opacity, indicator and panel', async () => {
    const { indicators } = await api<{ indicators: Array<{ code: string; niveles: string[]; anios: number[] }> }>('/api/indicators');
    const ind = indicators.find((i) => i.niveles.includes('colonia') && i.anios.length > 0)!;
    const year = Math.max(...ind.anios);
    const { rows } = await suite.server.db.pool.query<{ lon: number; lat: number }>(`SELECT ST_X(c) AS lon, ST_Y(c) AS lat FROM (SELECT ST_Transform(ST_Centroid(geom), 4326) AS c FROM carto.municipio LIMIT 1) s`);
    const lon = Number(rows[0].lon.toFixed(5));
    const lat = Number(rows[0].lat.toFixed(5));
    const hash = `v=12.5/${lat}/${lon}&l=municipio,colonias~0.6&i=${ind.code}:colonia:${year}:equal:4:value&panel=indicadores`;
    const { page } = await open(hash);
    const v = await viewFromHash(page);
    expect(v).toEqual({ zoom: 12.5, lat, lon });
    expect(await page.getByTestId('indicator-select').inputValue()).toBe(ind.code);
    expect(await page.getByTestId('indicator-level').inputValue()).toBe('colonia');
    expect(await page.getByTestId('indicator-method').inputValue()).toBe('equal');
    const b = await api<{ counts: number[] }>(`/api/indicators/${ind.code}/breaks?level=colonia&year=${year}&method=equal&classes=4`);
    expect(await page.getByTestId('legend-class').count()).toBe(b.counts.length);
    const after = await page.evaluate(() => location.hash);
    expect(after).toContain('l=municipio,colonias~0.6');
    await page.getByTestId('tab-capas').click();
    expect(await page.getByTestId('toggle-colonias').isChecked()).toBe(true);
    expect(await page.getByTestId('toggle-vialidades').isChecked()).toBe(false);
  });

  it('works as a phone at 390×844: map, bottom tabs and panel as a bottom sheet, no sideways scroll', async () => {
    const { page } = await open('panel=capas', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    expect((await sample(page)).distinct).toBeGreaterThan(8);
    const panel = await page.getByTestId('panel').boundingBox();
    const tabs = await page.locator('.tabs').boundingBox();
    expect(panel!.width).toBeGreaterThanOrEqual(389);
    expect(tabs!.y + tabs!.height).toBeGreaterThan(840);
    expect(panel!.y + panel!.height).toBeLessThanOrEqual(tabs!.y + 1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByTestId('toggle-colonias').check();
    await page.screenshot({ path: join(ARTIFACTS, 'web-phone.png') });
    await page.getByTestId('tab-cerca').click();
    expect(await page.getByTestId('panel').getAttribute('aria-label')).toBe('Cerca de mí');
  });
});
