// Defects a new user met (issue 15 point 5), each asserted on what a person sees: pixels of the page and its visible
// text, in headless Chromium against the real server on a copy of the demo database. Expected values come from the
// API or the database, never from the page's own state.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { classIndex } from '@sigmun/domain/classify';
import { choroplethColors } from '@sigmun/styles';
import { WALK_M_PER_MIN } from '@sigmun/domain/projects';
import { LAYERS } from '@sigmun/domain/layers';
import { categoryColors, COMMON, propertyColors } from '@sigmun/styles';
import { lonLatToTile } from '@sigmun/tiles/tile-coords';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { settle, useBrowserSuite } from '../support/browser.ts';
import { esMX } from '../../apps/web/src/i18n/es-MX.ts';
import { ROW_FONT, SWATCH } from '../../apps/web/src/lib/export-png.ts';

const DESKTOP: BrowserContextOptions = { viewport: { width: 1366, height: 800 }, acceptDownloads: true };
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };
const PROYECTOS = LAYERS.find((l) => l.id === 'proyectos')!;
const EQUIPAMIENTO = LAYERS.find((l) => l.id === 'equipamiento')!;
const VIALIDADES = LAYERS.find((l) => l.id === 'vialidades')!;
const suite = useBrowserSuite('new_user_e2e', DESKTOP);

type Rgb = [number, number, number];
const rgb = (hex: string): Rgb => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as Rgb;
const dist = (a: Rgb, b: Rgb) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

/** RGB of the page's screenshot at each page pixel (CSS px at device scale 1). */
async function screenPixels(page: Page, points: Array<[number, number]>): Promise<Rgb[]> {
  const png = await page.screenshot();
  return page.evaluate(
    async ([b64, pts]) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const g = c.getContext('2d')!;
      g.drawImage(img, 0, 0);
      return pts.map(([x, y]) => Array.from(g.getImageData(Math.round(x), Math.round(y), 1, 1).data.slice(0, 3)) as [number, number, number]);
    },
    [png.toString('base64'), points] as const,
  );
}

/** Where lon/lat is on the page (its y) and whether what shows there is the map (not a panel or sheet over it). */
async function placeOnPage(page: Page, lon: number, lat: number): Promise<{ y: number; onMap: boolean }> {
  return page.evaluate(([x, y]) => {
    const el = document.querySelector('[data-testid=map]') as unknown as { maplibreMap: { project(p: [number, number]): { x: number; y: number } } } & HTMLElement;
    const p = el.maplibreMap.project([x, y]);
    const box = el.getBoundingClientRect();
    const hit = document.elementFromPoint(box.x + p.x, box.y + p.y);
    return { y: box.y + p.y, onMap: !!hit?.closest('[data-testid=map]') };
  }, [lon, lat] as const);
}

/** Waits until the map in `selector`'s container (main or compare) has loaded every tile and stopped moving. */
async function mapIdle(page: Page, selector: string): Promise<void> {
  await page.waitForFunction(
    (sel) => {
      const m = (document.querySelector(sel) as unknown as { maplibreMap?: { loaded(): boolean; areTilesLoaded(): boolean; isMoving(): boolean } })?.maplibreMap;
      return !!m && m.loaded() && m.areTilesLoaded() && !m.isMoving();
    },
    selector,
    { timeout: 60_000 },
  );
  // Two frames: the last tiles are drawn on the frame after they load.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

describe('swipe compare', () => {
  it('the two sides of the swipe show the two years’ classes, and the slider stays clear of the side panel', async () => {
    const { indicators } = await suite.api<{ indicators: Array<{ code: string; niveles: string[]; anios: number[]; mayor_es_mejor: boolean | null }> }>('/api/indicators');
    const ind = indicators.find((i) => i.niveles.includes('ageb') && i.anios.includes(2010) && i.anios.includes(2020))!;
    expect(ind).toBeTruthy();
    const { page } = await suite.open('panel=indicadores', DESKTOP);
    await page.getByTestId('indicator-select').selectOption(ind.code);
    await page.getByTestId('indicator-year').selectOption('2020');
    await page.getByTestId('class-legend').waitFor();
    await page.getByTestId('indicator-compare').selectOption('2010');
    await page.getByTestId('swipe').waitFor();
    await settle(page);
    await mapIdle(page, '[data-testid=map]');
    await mapIdle(page, '[data-testid=compare-map]');

    // Visible text: each side is named by its year.
    expect((await page.getByTestId('swipe-main-year').innerText()).trim()).toBe('2020');
    expect((await page.getByTestId('swipe-compare-year').innerText()).trim()).toBe('2010');
    // The slider and the compare map start where the side panel ends; the compare map has a real height.
    const panel = (await page.getByTestId('panel').boundingBox())!;
    const slider = (await page.getByTestId('swipe').boundingBox())!;
    expect(slider.x).toBeGreaterThanOrEqual(panel.x + panel.width - 1);
    const compare = (await page.getByTestId('compare-map').boundingBox())!;
    expect(compare.height).toBeGreaterThan(300);

    // Both sides in the 2020 classes (the page's default classification), coloured by packages/styles.
    const { breaks } = await suite.api<{ breaks: number[] }>(`/api/indicators/${ind.code}/breaks?level=ageb&year=2020&method=quantile&classes=5`);
    const colors = choroplethColors('value', breaks, ind.mayor_es_mejor);
    const values = async (year: number) =>
      new Map((await suite.api<{ values: Array<{ clave: string; valor: number | null }> }>(`/api/indicators/${ind.code}?level=ageb&year=${year}`)).values.map((v) => [v.clave, v.valor]));
    const [v2020, v2010] = [await values(2020), await values(2010)];
    const { rows } = await suite.server.db.pool.query<{ cvegeo: string; lon: number; lat: number }>(
      `SELECT cvegeo, ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT cvegeo, ST_Transform(ST_PointOnSurface(geom), 4326) AS p FROM carto.agebs) s`,
    );
    const mapBox = (await page.getByTestId('map').boundingBox())!;
    const projected = await page.evaluate(
      (pts) => {
        const m = (document.querySelector('[data-testid=map]') as unknown as { maplibreMap: { project(p: [number, number]): { x: number; y: number } } }).maplibreMap;
        return pts.map((p) => m.project(p));
      },
      rows.map((r) => [r.lon, r.lat] as [number, number]),
    );
    const cut = slider.x + slider.width / 2;
    // AGEBs whose point is well inside the visible map (right of the panel, clear of the controls and the slider).
    const sampled = rows
      .map((r, i) => ({ ...r, x: mapBox.x + projected[i].x, y: mapBox.y + projected[i].y }))
      .filter((r) => r.x > panel.x + panel.width + 20 && r.x < mapBox.x + mapBox.width - 60 && r.y > mapBox.y + 50 && r.y < mapBox.y + mapBox.height - 60)
      .filter((r) => Math.abs(r.x - cut) > 12 && Math.abs(r.y - (slider.y + slider.height / 2)) > 16)
      .filter((r) => typeof v2020.get(r.cvegeo) === 'number' && typeof v2010.get(r.cvegeo) === 'number')
      .map((r) => ({ ...r, year: r.x < cut ? 2020 : 2010 }));
    const pixels = await screenPixels(page, sampled.map((s) => [s.x, s.y]));
    const nearestClass = (p: Rgb) => colors.map((c, i) => ({ i, d: dist(p, rgb(c)) })).sort((a, b) => a.d - b.d)[0].i;
    const share = (xs: boolean[]) => xs.filter(Boolean).length / Math.max(1, xs.length);
    const left = sampled.map((s, i) => ({ s, px: pixels[i] })).filter((x) => x.s.year === 2020);
    const right = sampled.map((s, i) => ({ s, px: pixels[i] })).filter((x) => x.s.year === 2010);
    expect(left.length).toBeGreaterThanOrEqual(10);
    expect(right.length).toBeGreaterThanOrEqual(10);
    // Left of the slider each AGEB is coloured as its 2020 value, right of it as its 2010 value (the swatch nearest
    // the pixel; icons and labels drawn on top explain the few that miss).
    expect(share(left.map((x) => nearestClass(x.px) === classIndex(v2020.get(x.s.cvegeo)!, breaks))), '2020 side').toBeGreaterThan(0.7);
    expect(share(right.map((x) => nearestClass(x.px) === classIndex(v2010.get(x.s.cvegeo)!, breaks))), '2010 side').toBeGreaterThan(0.7);
    // And the right side is not the 2020 map again: where the classes differ between the years, it shows 2010's.
    const changed = right.filter((x) => classIndex(v2020.get(x.s.cvegeo)!, breaks) !== classIndex(v2010.get(x.s.cvegeo)!, breaks));
    expect(changed.length).toBeGreaterThanOrEqual(5);
    expect(share(changed.map((x) => nearestClass(x.px) === classIndex(v2010.get(x.s.cvegeo)!, breaks))), 'changed AGEBs show 2010').toBeGreaterThan(0.7);
  });
});

/** Text of the info panel after a click at the centre of the map's visible part (right of the side panel). */
async function clickCentreInfo(page: Page): Promise<string> {
  const map = (await page.getByTestId('map').boundingBox())!;
  await page.mouse.click(map.x + map.width / 2, map.y + map.height / 2);
  await page.getByTestId('feature-info').waitFor();
  await settle(page);
  return page.getByTestId('panel').innerText();
}

describe('raw values never reach people', () => {
  it('a colonia and a participation zone read in words: settlement type, process name, year without separator, no internal id', async () => {
    const col = await suite.server.db.pool.query<{ lon: number; lat: number }>(
      `SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_Transform(ST_PointOnSurface(geom), 4326) AS p FROM carto.colonias WHERE tipo = 'unidad_habitacional' ORDER BY ST_Area(geom) DESC LIMIT 1) s`,
    );
    let { page } = await suite.open(`v=16/${col.rows[0].lat.toFixed(6)}/${col.rows[0].lon.toFixed(6)}&l=colonias&panel=capas`, DESKTOP);
    let text = await clickCentreInfo(page);
    expect(text).toContain('Unidad habitacional');
    expect(text).not.toContain('unidad_habitacional');
    expect(text).not.toContain('Identificador');

    const zone = await suite.server.db.pool.query<{ lon: number; lat: number; anio: number; proceso: string }>(
      `SELECT ST_X(p) AS lon, ST_Y(p) AS lat, anio, proceso FROM (SELECT ST_Transform(ST_PointOnSurface(geom), 4326) AS p, anio, proceso FROM partic.v_zonas ORDER BY anio DESC, ST_Area(geom) ASC LIMIT 1) s`,
    );
    const { processes } = await suite.api<{ processes: Array<{ clave: string; nombre: string }> }>('/api/participation/processes');
    const name = processes.find((p) => p.clave === zone.rows[0].proceso)!.nombre;
    ({ page } = await suite.open(`v=15/${zone.rows[0].lat.toFixed(6)}/${zone.rows[0].lon.toFixed(6)}&l=participacion_zonas&panel=capas`, DESKTOP));
    text = await clickCentreInfo(page);
    expect(text).toContain(name);
    expect(text).not.toContain(zone.rows[0].proceso);
    expect(text).toMatch(new RegExp(`\\b${zone.rows[0].anio}\\b`));
    expect(text).not.toContain(new Intl.NumberFormat('es-MX').format(zone.rows[0].anio));
    expect(text).not.toContain('Identificador');
  });
});

describe('empty layer', () => {
  it('turning on the demo’s empty “Reportes ciudadanos” layer says there are no reports yet', async () => {
    const count = await suite.api<{ numberMatched: number }>('/ogcapi/collections/reportes/items?limit=1');
    expect(count.numberMatched).toBe(0);
    const { page } = await suite.open('panel=capas', DESKTOP);
    await page.getByTestId('toggle-reportes').check();
    await page.getByTestId('empty-reportes').waitFor();
    const note = page.getByTestId('empty-reportes');
    expect(await note.isVisible()).toBe(true);
    expect((await note.innerText()).trim()).toBe(esMX['defects.layerEmpty.reportes']);
    expect((await note.innerText()).trim()).toMatch(/^Sin reportes/);
  });
});

describe('phone permalink', () => {
  it('the place a permalink is about shows above the bottom sheet on a phone, not behind it', async () => {
    const { rows } = await suite.server.db.pool.query<{ lon: number; lat: number }>(
      `SELECT ST_X(c) AS lon, ST_Y(c) AS lat FROM (SELECT ST_Transform(ST_PointOnSurface(geom), 4326) AS c FROM plan.projects ORDER BY id LIMIT 1) s`,
    );
    const [lon, lat] = [Number(rows[0].lon.toFixed(5)), Number(rows[0].lat.toFixed(5))];
    const { page } = await suite.open(`v=16/${lat}/${lon}&panel=capas`, PHONE);
    const at = await placeOnPage(page, lon, lat);
    const sheet = (await page.getByTestId('panel').boundingBox())!;
    // What a person sees at the link's place is the map, above the sheet.
    expect(at.onMap).toBe(true);
    expect(at.y).toBeLessThan(sheet.y);
  });
});

describe('Cerca de mí on foot', () => {
  it('lists minutes along the streets and frames the reachable area clear of the panel', async () => {
    const { rows } = await suite.server.db.pool.query<{ lon: number; lat: number }>(
      `SELECT ST_X(c) AS lon, ST_Y(c) AS lat FROM (SELECT ST_Transform(ST_PointOnSurface(geom), 4326) AS c FROM plan.projects ORDER BY id LIMIT 1) s`,
    );
    const [lon, lat] = [Number((rows[0].lon + 0.002).toFixed(5)), Number((rows[0].lat + 0.001).toFixed(5))];
    const expected = await suite.api<{ items: Array<{ id: number; distance_m: number; walk_min: number | null }> }>(`/api/projects/near?lon=${lon}&lat=${lat}&walk_minutes=15&limit=50`);
    expect(expected.items.length).toBeGreaterThan(0);
    // Along the streets is never shorter than as the crow flies.
    for (const p of expected.items) expect(p.walk_min! * WALK_M_PER_MIN).toBeGreaterThanOrEqual(p.distance_m * 0.95);
    const { page } = await suite.open(`v=12/${lat}/${lon}&cerca=${lon},${lat},500,15&panel=cerca`, DESKTOP);
    await page.getByTestId('near-list').locator('li').first().waitFor();
    await settle(page);
    const shown = await page.getByTestId('near-list').locator('.near-meta').allInnerTexts();
    expect(shown.map((s) => s.split(' · ')[0])).toEqual(expected.items.map((p) => esMX['defects.walkMinutes'].replace('{n}', String(Math.max(1, Math.round(p.walk_min!))))));
    const iso = await suite.api<{ geometry: { coordinates: number[][][] | number[][][][] } }>(`/api/isochrone?lon=${lon}&lat=${lat}&minutes=15`);
    const coords = (JSON.stringify(iso.geometry.coordinates).match(/-?\d+\.?\d*,-?\d+\.?\d*/g) ?? []).map((s) => s.split(',').map(Number) as [number, number]);
    const xs = coords.map((c) => c[0]);
    const ys = coords.map((c) => c[1]);
    const corners: Array<[number, number]> = [[Math.min(...xs), Math.min(...ys)], [Math.max(...xs), Math.max(...ys)]];
    await page.waitForFunction(() => !(document.querySelector('[data-testid=map]') as unknown as { maplibreMap: { isMoving(): boolean } }).maplibreMap.isMoving(), null, { timeout: 30_000 });
    const px = await page.evaluate((cs) => {
      const el = document.querySelector('[data-testid=map]') as unknown as { maplibreMap: { project(p: [number, number]): { x: number; y: number } } } & HTMLElement;
      const box = el.getBoundingClientRect();
      return cs.map((c) => { const p = el.maplibreMap.project(c); return { x: box.x + p.x, y: box.y + p.y }; });
    }, corners);
    const panel = (await page.getByTestId('panel').boundingBox())!;
    const map = (await page.getByTestId('map').boundingBox())!;
    // The whole walkable area lies in the visible part of the map (right of the panel), and fills a good part of it.
    for (const p of px) {
      expect(p.x).toBeGreaterThanOrEqual(panel.x + panel.width - 1);
      expect(p.x).toBeLessThanOrEqual(map.x + map.width + 1);
      expect(p.y).toBeGreaterThanOrEqual(map.y - 1);
      expect(p.y).toBeLessThanOrEqual(map.y + map.height + 1);
    }
    expect(Math.abs(px[1].x - px[0].x)).toBeGreaterThan((map.width - panel.width) * 0.3);
  });
});

/** The centre of the city (the most populous locality) as a permalink view at `zoom`. */
async function seat(zoom: number): Promise<string> {
  const { rows } = await suite.server.db.pool.query<{ lon: number; lat: number }>(
    `SELECT ST_X(c) AS lon, ST_Y(c) AS lat FROM (SELECT ST_Transform(ST_PointOnSurface(geom), 4326) AS c FROM carto.localidades ORDER BY pob DESC NULLS LAST LIMIT 1) s`,
  );
  return `v=${zoom}/${rows[0].lat.toFixed(5)}/${rows[0].lon.toFixed(5)}`;
}

/** Page pixels of lon/lat points on the main map (the camera only; what is drawn there is read from the screenshot). */
async function toPage(page: Page, pts: Array<[number, number]>): Promise<Array<{ x: number; y: number }>> {
  return page.evaluate((ps) => {
    const el = document.querySelector('[data-testid=map]') as unknown as { maplibreMap: { project(p: [number, number]): { x: number; y: number } } } & HTMLElement;
    const box = el.getBoundingClientRect();
    return ps.map((p) => { const q = el.maplibreMap.project(p); return { x: box.x + q.x, y: box.y + q.y }; });
  }, pts);
}

describe('grouped project circles', () => {
  it('a group is a neutral white disc with its count, not the «en proceso» orange', async () => {
    const view = await seat(11);
    const { page } = await suite.open(`${view}&panel=capas`, DESKTOP);
    await mapIdle(page, '[data-testid=map]');
    // The groups as the server tiles them (real MVT decoding): where they are and how many projects each holds.
    const [, latS, lonS] = view.split('/');
    const t = lonLatToTile(Number(lonS), Number(latS), 11);
    const groups: Array<{ lon: number; lat: number; count: number }> = [];
    for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) {
      const r = await fetch(`${suite.server.url}/tiles/proyectos/11/${t.x + dx}/${t.y + dy}.mvt`);
      if (r.status !== 200) continue;
      const layer = new VectorTile(new PbfReader(new Uint8Array(await r.arrayBuffer()))).layers.proyectos;
      for (let i = 0; i < (layer?.length ?? 0); i++) {
        const f = layer.feature(i);
        if (f.properties.point_count === undefined) continue;
        const g = f.toGeoJSON(t.x + dx, t.y + dy, 11).geometry as { type: 'Point'; coordinates: [number, number] };
        groups.push({ lon: g.coordinates[0], lat: g.coordinates[1], count: Number(f.properties.point_count) });
      }
    }
    const panel = (await page.getByTestId('panel').boundingBox())!;
    const map = (await page.getByTestId('map').boundingBox())!;
    const at = (await toPage(page, groups.map((g) => [g.lon, g.lat]))).map((p, i) => ({ ...p, count: groups[i].count }))
      .filter((p) => p.x > panel.x + panel.width + 20 && p.x < map.x + map.width - 60 && p.y > map.y + 20 && p.y < map.y + map.height - 80);
    expect(at.length).toBeGreaterThanOrEqual(3);
    const orange = rgb(propertyColors(PROYECTOS, 'estatus').en_proceso);
    const white = rgb(COMMON.white);
    const ink = rgb(COMMON.cluster);
    // Above and below the count, inside the disc: white, far from the orange; at the centre: the count's dark ink.
    const disc = await screenPixels(page, at.flatMap((p) => [[p.x, p.y - 8], [p.x, p.y + 8]] as Array<[number, number]>));
    const centre = await screenPixels(page, at.flatMap((p) => [-3, -2, -1, 0, 1, 2, 3].flatMap((dx) => [-2, 0, 2].map((dy) => [p.x + dx, p.y + dy] as [number, number]))));
    const share = (xs: boolean[]) => xs.filter(Boolean).length / Math.max(1, xs.length);
    expect(share(disc.map((c) => dist(c, white) < 40 && dist(c, orange) > 100)), 'disc is white').toBeGreaterThan(0.8);
    const perGroup = at.map((_, i) => centre.slice(i * 21, i * 21 + 21));
    expect(share(perGroup.map((px) => px.some((c) => dist(c, ink) < 90))), 'a count is drawn').toBeGreaterThan(0.8);
    expect(at.every((p) => p.count >= 2)).toBe(true);
  });
});

describe('PNG export legend', () => {
  it('names the Vialidades classes by their labels, each label whole inside the legend', async () => {
    const { page } = await suite.open(`${await seat(13)}&panel=herramientas`, DESKTOP);
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
    const bytes = await readFile((await png.path())!);
    const mapWidth = await page.locator('[data-testid=map] canvas.maplibregl-canvas').evaluate((c) => (c as HTMLCanvasElement).width);
    const clase = VIALIDADES.properties.find((p) => p.name === 'clase')!.values!;
    // The rows whose swatch can be told from the white page (white classes are drawn with an outline on the map).
    const expected = clase.filter((v) => v.color && dist(rgb(v.color), [255, 255, 255]) > 30).map((v) => ({ color: v.color!, label: `${VIALIDADES.titulo}: ${v.label}` }));
    const read = await page.evaluate(
      async ([b64, x0, swatch, font, rows]) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width;
        c.height = img.height;
        const g = c.getContext('2d')!;
        g.drawImage(img, 0, 0);
        const d = g.getImageData(0, 0, c.width, c.height).data;
        const px = (x: number, y: number) => [d[(y * c.width + x) * 4], d[(y * c.width + x) * 4 + 1], d[(y * c.width + x) * 4 + 2]];
        const near = (a: number[], hex: string) => Math.hypot(a[0] - parseInt(hex.slice(1, 3), 16), a[1] - parseInt(hex.slice(3, 5), 16), a[2] - parseInt(hex.slice(5, 7), 16)) < 12;
        const ink = (a: number[]) => a[0] < 160 && a[1] < 160 && a[2] < 160;
        g.font = font;
        // Rightmost ink of the whole legend column (below the title bar, above the attribution line).
        let right = 0;
        for (let y = 44; y < c.height - 30; y++) for (let x = x0; x < c.width; x++) if (ink(px(x, y))) right = Math.max(right, x);
        return {
          width: c.width,
          right,
          rows: rows.map((r) => {
            // The swatch: the row's colour in the swatch column; its label's ink on the same line, right of it.
            const sx = x0 + 16 + 8;
            let y = -1;
            for (let yy = 44; yy < c.height && y < 0; yy++) if (near(px(sx, yy), r.color)) y = yy;
            if (y < 0) return { label: r.label, found: false, inkWidth: 0, measured: g.measureText(r.label).width };
            let first = -1;
            let last = -1;
            for (let x = x0 + 16 + swatch; x < c.width; x++) for (let yy = y; yy < y + 14; yy++) if (ink(px(x, yy))) { if (first < 0) first = x; last = x; }
            return { label: r.label, found: true, inkWidth: last - first + 1, measured: g.measureText(r.label).width };
          }),
        };
      },
      [bytes.toString('base64'), mapWidth, SWATCH, ROW_FONT, expected] as const,
    );
    // Nothing of the legend reaches the image's right edge (a cut label would).
    expect(read.right).toBeLessThan(read.width - 8);
    for (const r of read.rows) {
      expect(r.found, `${r.label}: swatch`).toBe(true);
      // The ink drawn beside the swatch is as wide as the label "Vialidades: Carretera" in the export's font (a
      // raw "Vialidades: status.carretera" is ~70 px wider).
      expect(Math.abs(r.inkWidth - r.measured), `${r.label}: ${r.inkWidth} vs ${r.measured}`).toBeLessThan(6);
    }
  });
});

describe('basemap facilities', () => {
  it('the basemap’s facility icons have a legend: each type by its label, in the colour the basemap draws it', async () => {
    const { page } = await suite.open(`${await seat(15)}&panel=capas`, DESKTOP);
    const legend = page.getByTestId('basemap-legend');
    await legend.scrollIntoViewIfNeeded();
    expect(await legend.isVisible()).toBe(true);
    const rows = await legend.locator('li').evaluateAll((els) => els.map((e) => ({ text: (e as HTMLElement).innerText.trim(), color: e.querySelector('[data-color]')?.getAttribute('data-color') })));
    const colors = categoryColors('equipamiento', 'tipo');
    const tipos = EQUIPAMIENTO.properties.find((p) => p.name === 'tipo')!.values!;
    expect(rows).toEqual(tipos.map((v) => ({ text: v.label, color: colors[String(v.value)] })));
  });
});

describe('participation zones at street zoom', () => {
  it('at z15 inside a zone the streets still read through it, with the layer and with the results choropleth, and the zone is tinted', async () => {
    // The place the test above opens (inside the latest process's smallest zone), where the zones of every process
    // overlap, and the zone there of the latest process with results (the one the choropleth colours).
    const zone = await suite.server.db.pool.query<{ id: number; lon: number; lat: number; proceso: string }>(
      `WITH here AS (SELECT ST_PointOnSurface(geom) AS p FROM partic.v_zonas ORDER BY anio DESC, ST_Area(geom) ASC LIMIT 1)
       SELECT z.id, ST_X(ST_Transform(h.p, 4326)) AS lon, ST_Y(ST_Transform(h.p, 4326)) AS lat, z.proceso
         FROM partic.v_zonas z, here h WHERE z.participacion IS NOT NULL AND ST_Intersects(z.geom, h.p) ORDER BY z.anio DESC LIMIT 1`,
    );
    const z = zone.rows[0];
    const { processes } = await suite.api<{ processes: Array<{ id: number; clave: string }> }>('/api/participation/processes');
    const pid = processes.find((p) => p.clave === z.proceso)!.id;
    // Inside the zone: the middle of each street (local streets and wider) and a point inside each block.
    const streets = await suite.server.db.pool.query<{ lon: number; lat: number }>(
      `SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_Transform(ST_LineInterpolatePoint(v.geom, 0.5), 4326) AS p FROM carto.vialidades v, partic.v_zonas z
         WHERE z.id = $1 AND v.clase IN ('local', 'secundaria', 'primaria') AND ST_Within(ST_LineInterpolatePoint(v.geom, 0.5), z.geom)) s`,
      [z.id],
    );
    const blocks = await suite.server.db.pool.query<{ lon: number; lat: number }>(
      `SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_Transform(ST_PointOnSurface(m.geom), 4326) AS p FROM carto.manzanas m, partic.v_zonas z
         WHERE z.id = $1 AND ST_Within(ST_PointOnSurface(m.geom), z.geom)) s`,
      [z.id],
    );
    const view = `v=15/${z.lat.toFixed(6)}/${z.lon.toFixed(6)}`;
    const look = async (hash: string) => {
      const { page } = await suite.open(`${view}&${hash}`, DESKTOP);
      await mapIdle(page, '[data-testid=map]');
      const panel = (await page.getByTestId('panel').boundingBox())!;
      const map = (await page.getByTestId('map').boundingBox())!;
      const inView = (p: { x: number; y: number }) => p.x > panel.x + panel.width + 20 && p.x < map.x + map.width - 60 && p.y > map.y + 20 && p.y < map.y + map.height - 80;
      const st = (await toPage(page, streets.rows.map((r) => [r.lon, r.lat]))).filter(inView);
      const bl = (await toPage(page, blocks.rows.map((r) => [r.lon, r.lat]))).filter(inView);
      return { street: await screenPixels(page, st.map((p) => [p.x, p.y])), block: await screenPixels(page, bl.map((p) => [p.x, p.y])) };
    };
    // The typical block interior: the per-channel median (a label or an icon over a few blocks does not move it).
    const median = (px: Rgb[]) => [0, 1, 2].map((k) => px.map((p) => p[k]).sort((a, b) => a - b)[Math.floor(px.length / 2)]) as Rgb;
    const share = (xs: boolean[]) => xs.filter(Boolean).length / Math.max(1, xs.length);

    const off = await look('l=&panel=capas');
    const layer = await look('l=participacion_zonas&panel=capas');
    const results = await look(`l=participacion_zonas&pp=${pid}:participation&panel=participacion`);
    for (const [name, seen] of [['layer', layer], ['results', results]] as const) {
      expect(seen.street.length, `${name}: streets in view`).toBeGreaterThanOrEqual(5);
      expect(seen.block.length, `${name}: blocks in view`).toBeGreaterThanOrEqual(5);
      const block = median(seen.block);
      // On a street the page shows the street, clearly unlike the block beside it: the zone does not hide it.
      expect(share(seen.street.map((p) => dist(p, block) > 30)), `${name}: streets read through the zone`).toBeGreaterThan(0.7);
      // And the zone is there: its blocks are tinted compared with the same view without the layer.
      expect(dist(block, median(off.block)), `${name}: zone tint`).toBeGreaterThan(20);
    }
    // Without the zones the same streets read too (the comparison above is not one that anything passes).
    expect(share(off.street.map((p) => dist(p, median(off.block)) > 30))).toBeGreaterThan(0.7);
  }, 240_000);
});

describe('phone bottom sheet', () => {
  it('framing a project after the sheet changed height puts it above the sheet, on the map', async () => {
    const { items } = await suite.api<{ items: Array<{ id: number; centroid: [number, number] }> }>('/api/projects?limit=1000');
    // Opened with the sheet closed (the map's padding is then only the tab bar's), far from the project framed later.
    const [lon0, lat0] = items[items.length - 1].centroid;
    const { page } = await suite.open(`v=13/${lat0.toFixed(5)}/${lon0.toFixed(5)}&panel=`, PHONE);
    // The person opens Proyectos: the sheet rises over half the map.
    await page.getByTestId('tab-proyectos').click();
    const row = page.getByTestId('project-list').locator('[role="row"][data-id]').first();
    await row.waitFor();
    await settle(page);
    const id = Number(await row.getAttribute('data-id'));
    const [lon, lat] = items.find((p) => p.id === id)!.centroid;
    // A tap on the row flies to the project and opens its card in the sheet.
    await row.click();
    await page.getByTestId('feature-info').waitFor();
    await settle(page);
    await mapIdle(page, '[data-testid=map]');
    const at = await placeOnPage(page, lon, lat);
    const sheet = (await page.getByTestId('panel').boundingBox())!;
    const map = (await page.getByTestId('map').boundingBox())!;
    // What a person sees at the project's place is the map, above the sheet (not behind it, nor under the header).
    expect(at.onMap).toBe(true);
    expect(at.y).toBeLessThan(sheet.y);
    expect(at.y).toBeGreaterThan(map.y);
  }, 180_000);
});
