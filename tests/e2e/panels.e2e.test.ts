// The client's panels in headless Chromium against the real server and a copy of the demo database: change mode
// of the indicators, participation results, the project card, the tools (measure, area statistics,
// PNG and CSV export) and the English switch. Expected values come from the API or an independent computation.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { distance } from '@turf/turf';
import { classIndex } from '@sigmun/domain/classify';
import { pngStats, sampleMap, settle, useBrowserSuite } from '../support/browser.ts';
import { esMX } from '../../apps/web/src/i18n/es-MX.ts';
import { en } from '../../apps/web/src/i18n/en.ts';

const ARTIFACTS = join(process.cwd(), 'tests', 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });
const DESKTOP = { viewport: { width: 1280, height: 800 }, acceptDownloads: true };

const suite = useBrowserSuite('panels_e2e', DESKTOP);
const api = suite.api;
const open = async (hash = '', opts: BrowserContextOptions = DESKTOP): Promise<Page> => (await suite.open(hash, opts)).page;

interface Indicator {
  code: string;
  niveles: string[];
  anios: number[];
}

/** The first indicator with AGEB values for both census years (change and swipe need two years). */
async function twoYearIndicator(): Promise<Indicator> {
  const { indicators } = await api<{ indicators: Indicator[] }>('/api/indicators');
  const ind = indicators.find((i) => i.niveles.includes('ageb') && i.anios.includes(2010) && i.anios.includes(2020));
  if (!ind) throw new Error('ningún indicador con 2010 y 2020 por AGEB');
  return ind;
}

/** Legend rows as drawn: class edges, count and swatch colour. */
function legendRows(page: Page) {
  return page.getByTestId('legend-class').evaluateAll((els) =>
    els.map((e) => ({
      from: Number(e.getAttribute('data-from')),
      to: Number(e.getAttribute('data-to')),
      count: Number(e.getAttribute('data-count')),
      color: e.querySelector('[data-color]')?.getAttribute('data-color') ?? '',
    })),
  );
}

const rgb = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));

/** A view centred on the urban seat (the most populous locality) at a fixed zoom, for pixel-exact geometry. */
async function seatView(zoom: number): Promise<{ lon: number; lat: number; zoom: number }> {
  const { rows } = await suite.server.db.pool.query<{ lon: number; lat: number }>(
    `SELECT ST_X(c) AS lon, ST_Y(c) AS lat FROM (SELECT ST_Transform(ST_PointOnSurface(geom), 4326) AS c FROM carto.localidades ORDER BY pob DESC NULLS LAST LIMIT 1) s`,
  );
  return { lon: Number(rows[0].lon.toFixed(5)), lat: Number(rows[0].lat.toFixed(5)), zoom };
}

/** Web Mercator (512 px tiles, as MapLibre draws): the lon/lat under a page pixel of a map showing `view`. */
async function lngLatAt(page: Page, view: { lon: number; lat: number; zoom: number }, px: number, py: number): Promise<[number, number]> {
  const box = (await page.getByTestId('map').boundingBox())!;
  const world = 512 * 2 ** view.zoom;
  const cx = ((view.lon + 180) / 360) * world;
  const cy = (0.5 - Math.log(Math.tan(Math.PI / 4 + (view.lat * Math.PI) / 360)) / (2 * Math.PI)) * world;
  const x = cx + (px - (box.x + box.width / 2));
  const y = cy + (py - (box.y + box.height / 2));
  const lon = (x / world) * 360 - 180;
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / world))) * 180) / Math.PI;
  return [lon, lat];
}

describe('indicators: change and swipe', () => {
  it('change 2010→2020 draws a diverging legend whose classes hold the server change values', async () => {
    const ind = await twoYearIndicator();
    const page = await open('panel=indicadores');
    await page.getByTestId('indicator-select').selectOption(ind.code);
    await page.getByTestId('class-legend').waitFor();
    await page.getByTestId('mode-change').check();
    await page.getByTestId('class-legend').getByText('2010→2020').waitFor();
    await settle(page);
    const rows = await legendRows(page);
    const { values } = await api<{ values: Array<{ absoluta: number | null }> }>(`/api/indicators/${ind.code}/change?level=ageb&from=2010&to=2020`);
    const changes = values.map((v) => v.absoluta).filter((v): v is number => v !== null && Number.isFinite(v));
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows[0].from).toBeCloseTo(Math.min(...changes), 6);
    expect(rows[rows.length - 1].to).toBeCloseTo(Math.max(...changes), 6);
    for (let i = 1; i < rows.length; i++) expect(rows[i].from).toBe(rows[i - 1].to);
    // Every change value falls in exactly one drawn class, and the counts say how many.
    const breaks = [rows[0].from, ...rows.map((r) => r.to)];
    const counts = rows.map(() => 0);
    for (const v of changes) counts[classIndex(v, breaks)]++;
    expect(rows.map((r) => r.count)).toEqual(counts);
    // Diverging on the published RdBu: the loss end red (red above blue), the gain end blue (blue above red).
    const [lo, hi] = [rgb(rows[0].color), rgb(rows[rows.length - 1].color)];
    expect(lo[0]).toBeGreaterThan(lo[2]);
    expect(hi[2]).toBeGreaterThan(hi[0]);
    await page.screenshot({ path: join(ARTIFACTS, 'panels-change.png') });
  });
  // The swipe compare is asserted by its pixels in new-user.e2e.test.ts.
});

describe('participation', () => {
  it('pp2023 colours the zones and the legend and totals agree with the process results', async () => {
    const { processes } = await api<{ processes: Array<{ id: number; clave: string }> }>('/api/participation/processes');
    const pp = processes.find((p) => p.clave === 'pp2023') ?? processes[0];
    const results = await api<{ totales: { participantes: number; participacion: number; votos_validos: number }; zones: Array<{ participacion: number | null }> }>(
      `/api/participation/processes/${pp.clave}/results`,
    );
    const page = await open('panel=participacion');
    const before = await sampleMap(page);
    await page.getByTestId('process-select').selectOption(String(pp.id));
    await page.getByTestId('class-legend').waitFor();
    await page.getByTestId('participation-totals').waitFor();
    await settle(page);
    const after = await sampleMap(page);
    expect(after.pixels.filter((v, i) => v !== before.pixels[i]).length).toBeGreaterThan(before.pixels.length / 50);
    const rows = await legendRows(page);
    const rates = results.zones.map((z) => z.participacion).filter((v): v is number => v !== null);
    expect(rows.reduce((a, r) => a + r.count, 0)).toBe(rates.length);
    expect(rows[0].from).toBeCloseTo(Math.min(...rates), 6);
    expect(rows[rows.length - 1].to).toBeCloseTo(Math.max(...rates), 6);
    const breaks = [rows[0].from, ...rows.map((r) => r.to)];
    const counts = rows.map(() => 0);
    for (const v of rates) counts[classIndex(v, breaks)]++;
    expect(rows.map((r) => r.count)).toEqual(counts);
    const value = (id: string) => page.getByTestId(id).getAttribute('data-value').then(Number);
    expect(await value('total-participants')).toBe(results.totales.participantes);
    expect(await value('total-rate')).toBe(results.totales.participacion);
    expect(await value('total-votes')).toBe(results.totales.votos_validos);
    await page.screenshot({ path: join(ARTIFACTS, 'panels-participation.png') });
  });
});

describe('projects', () => {
  it('choosing a project in the list opens its card with the budget and progress of /api/projects/{id}', async () => {
    const page = await open('panel=proyectos');
    // The list is the shared table: each project is a grid row (rendered while on screen) named by its id.
    const first = page.getByTestId('project-list').locator('[role="row"][data-id]').first();
    await first.waitFor();
    const id = Number(await first.getAttribute('data-id'));
    const p = await api<{ avance: number; presupuesto_aprobado: number; presupuesto_ejercido: number; eje: { nombre: string }; dependencia: string }>(`/api/projects/${id}`);
    // The list names the eje's programa or the dependency before anything else, and the status as a chip.
    expect(await first.getByTestId('status-chip').count()).toBe(1);
    expect(await first.textContent()).toContain(p.dependencia);
    await first.click();
    const card = page.getByTestId('project-card');
    await card.waitFor();
    await settle(page);
    expect(Number(await card.getAttribute('data-id'))).toBe(id);
    const value = (tid: string) => card.getByTestId(tid).getAttribute('data-value').then(Number);
    expect(await value('card-progress')).toBe(p.avance);
    expect(await value('card-approved')).toBe(p.presupuesto_aprobado);
    expect(await value('card-spent')).toBe(p.presupuesto_ejercido);
    await page.screenshot({ path: join(ARTIFACTS, 'panels-project-card.png') });
  });
});

describe('tools', () => {
  it('measuring between two clicks gives the geodesic distance between those map coordinates', async () => {
    const view = await seatView(14);
    const page = await open(`v=${view.zoom}/${view.lat}/${view.lon}&panel=herramientas`);
    await page.getByTestId('tool-line').click();
    const a: [number, number] = [620, 260];
    const b: [number, number] = [1100, 620];
    await page.mouse.click(...a);
    await page.waitForTimeout(400);
    await page.mouse.click(...b);
    await page.waitForTimeout(400);
    const shown = Number(await page.getByTestId('tool-result').getAttribute('data-value'));
    const expected = distance(await lngLatAt(page, view, ...a), await lngLatAt(page, view, ...b), { units: 'meters' });
    expect(Math.abs(shown - expected) / expected).toBeLessThan(0.005);
    await page.screenshot({ path: join(ARTIFACTS, 'panels-measure.png') });
  });

  it('a drawn polygon gets the same area statistics as a direct POST /api/stats/area', async () => {
    const view = await seatView(14);
    const page = await open(`v=${view.zoom}/${view.lat}/${view.lon}&panel=herramientas`);
    await page.getByTestId('tool-stats').click();
    const clicks: Array<[number, number]> = [[600, 250], [1000, 230], [1050, 600], [650, 620]];
    for (const c of clicks) {
      await page.mouse.click(...c);
      await page.waitForTimeout(350);
    }
    const sent = page.waitForRequest((r) => r.url().endsWith('/api/stats/area') && r.method() === 'POST');
    await page.getByTestId('tool-finish').click();
    const polygon = JSON.parse((await sent).postData() ?? 'null') as { type: string; coordinates: number[][][] };
    await page.getByTestId('area-stats').waitFor();
    // The polygon sent is the one drawn: its corners are the clicked pixels' coordinates.
    expect(polygon.type).toBe('Polygon');
    for (const [i, c] of clicks.entries()) {
      const [lon, lat] = await lngLatAt(page, view, ...c);
      expect(polygon.coordinates[0][i][0]).toBeCloseTo(lon, 5);
      expect(polygon.coordinates[0][i][1]).toBeCloseTo(lat, 5);
    }
    const direct = await api<{ indicators: Array<{ code: string; valor: number | null }> }>('/api/stats/area', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(polygon),
    });
    const shown = await page.getByTestId('area-stats').locator('[data-code]').evaluateAll((els) =>
      els.map((e) => ({ code: e.getAttribute('data-code')!, value: e.getAttribute('data-value') === '' ? null : Number(e.getAttribute('data-value')) })),
    );
    expect(shown).toEqual(direct.indicators.map((i) => ({ code: i.code, value: i.valor })));
    expect(shown.some((s) => s.value !== null && s.value > 0)).toBe(true);
    // What a person reads: whole people, marked as an area estimate when blocks are cut (never "7,119.2 personas").
    const people = (await page.getByTestId('area-stats').locator('[data-code=pob_tot] dd').innerText()).trim();
    expect(people).toMatch(/^≈ \d{1,3}(,\d{3})* personas \(estimación por área\)/);
    await page.screenshot({ path: join(ARTIFACTS, 'panels-area-stats.png') });
  });

  it('PNG export downloads a non-blank PNG, and the CSV of the visible layer starts with the UTF-8 BOM', async () => {
    const page = await open('l=colonias&panel=herramientas');
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
    const bytes = readFileSync((await png.path())!);
    await png.saveAs(join(ARTIFACTS, 'panels-export.png'));
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const { distinct } = await pngStats(page, bytes);
    expect(distinct).toBeGreaterThan(20);

    // A file download named {capa}_{fecha}.csv by a button that names the layer by its title; the page stays.
    await page.getByTestId('download-layer').selectOption('colonias');
    await page.getByTestId('download-format').selectOption('csv');
    const button = page.getByTestId('download-button');
    expect(await button.innerText()).toBe('Descargar Colonias (CSV)');
    const before = page.url();
    const [csv] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(csv.suggestedFilename()).toBe(`colonias_${new Date().toISOString().slice(0, 10)}.csv`);
    expect(page.url()).toBe(before);
    await expect.poll(() => page.getByTestId('map').isVisible()).toBe(true);
    const text = readFileSync((await csv.path())!);
    expect([...text.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.toString('utf8').split('\n').length).toBeGreaterThan(2);
  });
});

describe('data notes and phone layout', () => {
  it('demo data are credited to SIG Municipal on the map, and each layer gives its data set date', async () => {
    const { layers } = await api<{ layers: Array<{ id: string; attribution: string; dataset?: { demo: boolean; fecha: string } }> }>('/api/layers');
    const page = await open('panel=capas');
    const attribution = (await page.locator('.maplibregl-ctrl-attrib-inner').textContent()) ?? '';
    const demo = layers.some((l) => l.dataset?.demo);
    expect(attribution.includes(esMX['map.demoAttribution'])).toBe(demo);
    if (demo) for (const l of layers) if (l.attribution) expect(attribution).not.toContain(l.attribution);
    const shown = await page.locator('[data-testid^=source-]').evaluateAll((els) => els.map((e) => ({ id: e.getAttribute('data-testid')!.slice(7), date: e.getAttribute('data-date') })));
    expect(shown.length).toBeGreaterThan(0);
    for (const s of shown) expect(s.date).toBe(layers.find((l) => l.id === s.id)?.dataset?.fecha ?? '');
  });

  it('on a phone every tab can be reached and the map starts right under the header', async () => {
    const page = await open('panel=capas', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const header = (await page.locator('header').boundingBox())!;
    const map = (await page.getByTestId('map').boundingBox())!;
    expect(Math.abs(map.y - (header.y + header.height))).toBeLessThanOrEqual(1);
    // What the screen shows just under the header is the map's picture, not an empty band.
    const band = await page.screenshot({ clip: { x: 0, y: map.y + 2, width: 390, height: 24 } });
    const { white } = await pngStats(page, band);
    expect(white).toBeLessThan(0.5);
    const tabs = await page.locator('[data-testid^=tab-]').all();
    expect(tabs.length).toBeGreaterThanOrEqual(6);
    for (const tab of tabs) {
      await tab.scrollIntoViewIfNeeded();
      const b = (await tab.boundingBox())!;
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(390.5);
    }
    await page.getByTestId('tab-herramientas').click();
    expect(await page.getByTestId('panel').getAttribute('aria-label')).toBe(esMX['panel.herramientas']);
    await page.screenshot({ path: join(ARTIFACTS, 'panels-phone-tools.png') });
  });
});

describe('language', () => {
  it('the English switch changes the interface text', async () => {
    const page = await open('panel=capas');
    expect((await page.getByTestId('tab-capas').textContent())?.trim()).toBe(esMX['tab.capas']);
    await page.getByTestId('switch-lang').click();
    await expect.poll(() => page.getByTestId('tab-capas').textContent().then((t) => t?.trim())).toBe(en['tab.capas']);
    expect(await page.getByTestId('panel').getAttribute('aria-label')).toBe(en['panel.capas']);
    expect((await page.getByTestId('tab-indicadores').textContent())?.trim()).toBe(en['tab.indicadores']);
    await page.screenshot({ path: join(ARTIFACTS, 'panels-english.png') });
  });
});
