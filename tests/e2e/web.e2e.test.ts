// The web client in headless Chromium against the real server and a copy of the demo database.
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page, Request, Route } from 'playwright-core';
import { pngStats, sampleMap as sample, settle, useBrowserSuite } from '../support/browser.ts';

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

/** Counts the page's place searches and waits until every one sent has answered or failed. */
function watchSearches(page: Page) {
  const pending = new Set<Request>();
  let sent = 0;
  const isSearch = (r: Request) => new URL(r.url()).pathname === '/api/search';
  page.on('request', (r) => {
    if (isSearch(r)) (pending.add(r), sent++);
  });
  page.on('requestfinished', (r) => pending.delete(r));
  page.on('requestfailed', (r) => pending.delete(r));
  return {
    get sent() {
      return sent;
    },
    /** Resolves when no search is on its way and the page has painted what the last answer did. */
    async quiet() {
      await expect.poll(() => pending.size, { timeout: 30_000 }).toBe(0);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    },
  };
}

/** What a person sees in a box of the page: the share of pure white pixels and whether its points show the map. */
async function seen(page: Page, box: { x: number; y: number; width: number; height: number }) {
  const png = await page.screenshot({ clip: box });
  const { white } = await pngStats(page, png);
  const onMap = await page.evaluate((b) => {
    const pts = [0.2, 0.5, 0.8].flatMap((fx) => [0.2, 0.5, 0.8].map((fy) => [b.x + b.width * fx, b.y + b.height * fy]));
    return pts.every(([x, y]) => !!document.elementFromPoint(x, y)?.closest('.map'));
  }, box);
  return { white, onMap };
}

describe('search as a person uses it', () => {
  // One page for the block (opening and settling a map page is the slow part on a shared machine); each test starts
  // from an empty box.
  let shared: Promise<{ page: Page; searches: ReturnType<typeof watchSearches> }> | undefined;
  async function searchPage() {
    shared ??= open().then(({ page }) => ({ page, searches: watchSearches(page) }));
    const s = await shared;
    await s.page.getByTestId('search-input').fill('');
    await s.searches.quiet();
    return s;
  }
  /** The colonia with the most people, and a long-enough start of its name that is not the whole of it. */
  async function colonia() {
    const { rows } = await suite.server.db.pool.query<{ nombre: string }>(
      `SELECT nombre FROM carto.colonias WHERE length(nombre) >= 8 ORDER BY pob DESC NULLS LAST, cve_col LIMIT 1`,
    );
    return { name: rows[0].nombre, start: rows[0].nombre.slice(0, rows[0].nombre.length - 2) };
  }
  const optionNamed = (page: Page, name: string) =>
    page.getByTestId('search-results').getByRole('option').filter({ has: page.locator('.hit-label').getByText(name, { exact: true }) });

  it('after choosing a result the list closes and does not come back over the map', async () => {
    const { name, start } = await colonia();
    const { page, searches } = await searchPage();
    await page.getByTestId('search-input').fill(start);
    const option = optionNamed(page, name);
    await option.waitFor();
    const list = (await page.getByTestId('search-results').boundingBox())!;
    const asked = searches.sent;
    await option.click();
    await settle(page);
    await searches.quiet();
    expect(await page.getByTestId('search-input').inputValue()).toBe(name);
    expect(await page.getByTestId('search-results').isVisible()).toBe(false);
    // The name it wrote into the box is not searched again (that answer reopened the list ~2 s later).
    expect(searches.sent).toBe(asked);
    // Where the list was, and down to the bottom of the window, the person sees the map, not a white card.
    const below = { x: list.x, y: list.y, width: list.width, height: 800 - list.y - 1 };
    const after = await seen(page, below);
    await page.screenshot({ path: join(ARTIFACTS, 'web-search-chosen.png') });
    expect(after.onMap).toBe(true);
    expect(after.white).toBeLessThan(0.5);
  }, 180_000);

  it('a result chosen while a newer search is still on its way keeps the list closed when it answers', async () => {
    const { name, start } = await colonia();
    const { page, searches } = await searchPage();
    let hold = false;
    let held: (r: Route) => void = () => {};
    const caught = new Promise<Route>((resolve) => (held = resolve));
    await page.route('**/api/search?*', (route) => (hold ? held(route) : route.continue()));
    await page.getByTestId('search-input').fill(start);
    const option = optionNamed(page, name);
    await option.waitFor();
    // The person types on; that search is slow to answer, and meanwhile they click the result already listed.
    hold = true;
    await page.getByTestId('search-input').fill(name);
    const route = await caught;
    await option.click();
    await route.continue().catch(() => {});
    await page.unroute('**/api/search?*');
    await searches.quiet();
    await settle(page);
    expect(await page.getByTestId('search-results').isVisible()).toBe(false);
    const box = (await page.getByTestId('search-input').boundingBox())!;
    // Under the box (and under the chosen place's Ficha/Tablero card, when it offers one) the map shows.
    const card = await page.locator('.search-chosen').boundingBox();
    const top = Math.max(box.y + box.height, card ? card.y + card.height : 0) + 4;
    expect((await seen(page, { x: box.x, y: top, width: box.width, height: 300 })).onMap).toBe(true);
  }, 180_000);

  it('no results say so in one line with the map right under it; a single letter shows no list at all', async () => {
    const { page, searches } = await searchPage();
    const input = page.getByTestId('search-input');
    await input.fill('zzqxwv');
    await page.getByTestId('search-results').getByText('Sin resultados').waitFor();
    const list = (await page.getByTestId('search-results').boundingBox())!;
    expect(list.height).toBeLessThan(60);
    const under = await seen(page, { x: list.x, y: list.y + list.height + 2, width: list.width, height: 300 });
    expect(under.onMap).toBe(true);
    expect(under.white).toBeLessThan(0.5);
    await input.fill('z');
    await searches.quiet();
    // No empty card (nor its shadow) hangs under the box.
    expect(await page.getByTestId('search-results').count()).toBe(0);
    const box = (await input.boundingBox())!;
    expect((await seen(page, { x: box.x, y: box.y + box.height + 2, width: box.width, height: 40 })).onMap).toBe(true);
  }, 180_000);

  it('a postal code lists the colonias that have it', async () => {
    const { rows } = await suite.server.db.pool.query<{ cp: string; names: string[] }>(
      `SELECT cp, array_agg(nombre ORDER BY nombre) AS names FROM carto.colonias WHERE cp ~ '^[0-9]{5}$'
       GROUP BY cp HAVING count(*) BETWEEN 2 AND 10 ORDER BY count(*) DESC, cp LIMIT 1`,
    );
    const { cp, names } = rows[0];
    const { page } = await searchPage();
    await page.getByTestId('search-input').fill(cp);
    await optionNamed(page, names[0]).waitFor();
    const options = page.getByTestId('search-results').getByRole('option');
    const shown = await options.evaluateAll((els) => els.map((e) => ({
      label: e.querySelector('.hit-label')?.textContent ?? '',
      detail: e.querySelector('.hit-type')?.textContent ?? '',
    })));
    const ofCp = shown.filter((o) => o.detail.includes(`CP ${cp}`));
    expect(ofCp.map((o) => o.label).sort()).toEqual([...names].sort());
    expect(shown.slice(0, names.length)).toEqual(ofCp);
  }, 180_000);
});

describe('embeddable map', () => {
  it('renders with its legend in an <iframe> of another site, at the view of the Insertar code; /mapa refuses to', async () => {
    const { layers } = await api<{ layers: Array<{ id: string; titulo: string }> }>('/api/layers');
    const { rows } = await suite.server.db.pool.query<{ lon: number; lat: number }>(
      `SELECT ST_X(c) AS lon, ST_Y(c) AS lat FROM (SELECT ST_Transform(ST_PointOnSurface(geom), 4326) AS c FROM carto.colonias ORDER BY pob DESC NULLS LAST LIMIT 1) s`,
    );
    const view = `v=14/${rows[0].lat.toFixed(5)}/${rows[0].lon.toFixed(5)}`;
    // The code comes from the map page's Insertar button, as a planner would copy it.
    const { page: mapPage } = await open(`${view}&l=colonias,vialidades&panel=capas`);
    await mapPage.getByTestId('embed-open').click();
    const code = await mapPage.getByTestId('embed-code').inputValue();
    expect(code).toMatch(/^<iframe src="http:\/\/localhost:\d+\/embed#v=14\//);
    expect(code).not.toContain('panel=');
    const src = /src="([^"]+)"/.exec(code)![1].replace(/&amp;/g, '&');
    expect(new URL(src).hash).toContain('l=colonias,vialidades');
    // Another site (127.0.0.1 on its own port, not the server's localhost) holds the code and, beside it, the map page.
    const neighbour = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="es"><title>Sitio vecino</title><body style="margin:0;background:#fff">${code.replace('width="800" height="600"', 'width="720" height="420" name="embed"')}
        <iframe name="mapa" src="${suite.server.url}/mapa#${view}" width="520" height="420" style="border:0"></iframe></body></html>`);
    });
    await new Promise<void>((r) => neighbour.listen(0, '127.0.0.1', r));
    const w = await suite.page();
    const refusal = (e: string) => /frame-ancestors 'none'/.test(e);
    try {
      const { page } = w;
      await page.goto(`http://127.0.0.1:${(neighbour.address() as { port: number }).port}/`);
      const frame = page.frameLocator('iframe[name=embed]');
      await frame.locator('.loading-bar[aria-busy=false]').waitFor({ state: 'attached', timeout: 90_000 });
      // The legend a visitor of that site reads, in the frame: each layer of the code by its title.
      const legend = frame.getByTestId('embed-legend');
      for (const id of ['colonias', 'vialidades']) await expect.poll(() => legend.getByRole('heading', { name: layers.find((l) => l.id === id)!.titulo, exact: true }).isVisible()).toBe(true);
      await expect.poll(() => frame.getByText('Datos ficticios generados por SIG Municipal').first().isVisible()).toBe(true);
      // Only the map: no header, search or tabs.
      expect(await frame.getByTestId('search-input').count()).toBe(0);
      const embedded = await pngStats(page, await page.locator('iframe[name=embed]').screenshot());
      // The refused map page: Chromium replaces it with its error page, no map in it.
      await expect.poll(() => page.frame({ name: 'mapa' })?.url() ?? '', { timeout: 30_000 }).toMatch(/^chrome-error:/);
      expect(await page.frameLocator('iframe[name=mapa]').getByTestId('map').count()).toBe(0);
      const refused = await pngStats(page, await page.locator('iframe[name=mapa]').screenshot());
      await page.screenshot({ path: join(ARTIFACTS, 'web-embed.png') });
      // A drawn map (streets, blocks, labels, legend) against a blank or error frame.
      expect(embedded.distinct).toBeGreaterThan(20);
      expect(embedded.white).toBeLessThan(0.6);
      expect(embedded.distinct).toBeGreaterThan(refused.distinct * 2);
      // The one console error of that page is the refusal itself; nothing else failed in it or in the frame.
      expect(w.consoleErrors.filter((e) => !refusal(e))).toEqual([]);
    } finally {
      // The suite's own check (no console errors) still sees any other error of this page.
      for (let i = w.consoleErrors.length - 1; i >= 0; i--) if (refusal(w.consoleErrors[i])) w.consoleErrors.splice(i, 1);
      await new Promise((r) => neighbour.close(r));
    }
  }, 180_000);
});

describe('a tile lost on the way', () => {
  it('is asked again: a 503 for one colonias tile, then the same tile answered, and no map error', async () => {
    const { rows } = await suite.server.db.pool.query<{ lon: number; lat: number }>(
      `SELECT ST_X(c) AS lon, ST_Y(c) AS lat FROM (SELECT ST_Transform(ST_PointOnSurface(geom), 4326) AS c FROM carto.localidades ORDER BY pob DESC NULLS LAST LIMIT 1) s`,
    );
    const w = await suite.page();
    const warnings: string[] = [];
    w.page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    let failed = '';
    // The first colonias tile the page asks for gets what the server answers while its database is away.
    await w.page.route(/\/tiles\/colonias\/\d+\/\d+\/\d+\.mvt/, async (route) => {
      if (failed) return route.continue();
      failed = route.request().url();
      return route.fulfill({ status: 503, headers: { 'retry-after': '1', 'content-type': 'application/problem+json' }, body: '{"title":"Base de datos no disponible","status":503}' });
    });
    const answered = w.page.waitForResponse((r) => failed !== '' && r.url() === failed && r.status() === 200, { timeout: 60_000 });
    await w.page.goto(`${suite.server.url}/mapa#v=13/${rows[0].lat.toFixed(5)}/${rows[0].lon.toFixed(5)}&l=colonias`);
    const again = await answered;
    expect(failed).toMatch(/\/tiles\/colonias\//);
    expect((await again.body()).length).toBeGreaterThan(0);
    await settle(w.page);
    // The page said it would ask again (a warning naming the tile), and logged no error.
    expect(warnings.some((m) => m.includes('colonias/') && m.includes('se pide de nuevo'))).toBe(true);
    expect(w.consoleErrors).toEqual([]);
  });
});
