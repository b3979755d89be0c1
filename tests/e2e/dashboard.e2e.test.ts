// The tablero in headless Chromium: a colonia chosen on the map gives the API's figures; a status bar filters the map.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { DashboardSummary } from '@sigmun/domain/dashboard';
import { findLayer } from '@sigmun/domain/layers';
import { settle, useBrowserSuite } from '../support/browser.ts';

const suite = useBrowserSuite('dashboard_e2e', { viewport: { width: 1280, height: 800 } });

const STATUS: Record<string, [number, number, number]> = Object.fromEntries(
  (findLayer('proyectos')!.properties.find((p) => p.name === 'estatus')!.values ?? []).map((v) => {
    const h = String(v.color).replace('#', '');
    return [String(v.value), [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number]];
  }),
);

/** Pixels of the map canvas painted in each project status colour (exact match, every pixel). */
async function statusPixels(page: Page): Promise<Record<string, number>> {
  return page.evaluate((colors) => {
    const c = document.querySelector('.map canvas') as HTMLCanvasElement;
    const t = document.createElement('canvas');
    t.width = c.width;
    t.height = c.height;
    const g = t.getContext('2d')!;
    g.drawImage(c, 0, 0);
    const d = g.getImageData(0, 0, t.width, t.height).data;
    const out: Record<string, number> = Object.fromEntries(Object.keys(colors).map((k) => [k, 0]));
    for (let i = 0; i < d.length; i += 4) {
      for (const [k, [r, gg, b]] of Object.entries(colors)) if (d[i] === r && d[i + 1] === gg && d[i + 2] === b) out[k]++;
    }
    return out;
  }, STATUS);
}

describe('tablero', () => {
  it('a colonia chosen on the map shows the API\'s figures; a status bar leaves only those projects on the map', async () => {
    const { rows: [c] } = await suite.server.db.pool.query(
      `SELECT c.cve_col, c.nombre, ST_X(pt) AS lon, ST_Y(pt) AS lat FROM carto.colonias c
       JOIN plan.projects p ON ST_Intersects(p.geom, c.geom)
       CROSS JOIN LATERAL ST_Transform(ST_PointOnSurface(c.geom), 4326) AS pt
       GROUP BY c.cve_col, c.nombre, pt HAVING count(DISTINCT p.estatus) >= 3 ORDER BY count(*) DESC, c.cve_col LIMIT 1`,
    );
    // Choose the colonia on the map: a click at its interior point (the centre of the view), with only the colonias
    // drawn so that no project icon takes the click.
    const first = await suite.open(`v=15/${c.lat}/${c.lon}&l=colonias&panel=tablero`);
    await first.page.getByTestId('dashboard').waitFor();
    const box0 = (await first.page.locator('.map canvas').boundingBox())!;
    await first.page.mouse.click(box0.x + box0.width / 2, box0.y + box0.height / 2);
    if (!(await first.page.getByTestId('dashboard').isVisible())) await first.page.getByTestId('tab-tablero').click();
    await first.page.getByTestId('dash-territory').filter({ hasText: c.nombre }).waitFor({ timeout: 30_000 });
    await expect.poll(() => first.page.evaluate(() => location.hash)).toContain(`ter=colonia:${c.cve_col}`);
    // The permalink keeps the tablero's territory: reopened with the projects on, it shows the same colonia.
    // What the map paints in the status colours with no project drawn (labels and outlines share a grey).
    await settle(first.page);
    const background = await statusPixels(first.page);
    const hash = (await first.page.evaluate(() => location.hash)).slice(1).replace(/(^|&)l=[^&]*/, '$1l=colonias,proyectos');
    await first.page.close();
    const w = await suite.open(hash);
    const page = w.page;
    await page.getByTestId('dashboard').waitFor();
    await page.getByTestId('dash-territory').filter({ hasText: c.nombre }).waitFor({ timeout: 30_000 });
    const s = await suite.api<DashboardSummary>(`/api/dashboard/summary?tipo=colonia&clave=${c.cve_col}`);
    const fmt = (v: number, d = 0) => v.toLocaleString('es-MX', { minimumFractionDigits: d, maximumFractionDigits: d });
    await expect.poll(() => page.getByTestId('card-proyectos').locator('.dash-card-value').innerText()).toBe(fmt(s.proyectos.total));
    expect(await page.getByTestId('card-poblacion').locator('.dash-card-value').innerText()).toBe(fmt(s.poblacion.valor!));
    expect(await page.getByTestId('card-hogares').locator('.dash-card-value').innerText()).toBe(fmt(s.hogares.valor!));
    expect(await page.getByTestId('card-presupuesto').locator('.dash-card-value').innerText()).toBe(`$${fmt(Math.round(s.proyectos.presupuesto_aprobado))}`);

    await settle(page);
    const before = await statusPixels(page);
    expect(Object.entries(before).filter(([k, n]) => n > background[k]).length).toBeGreaterThanOrEqual(2);
    // Click the bar of the status with the most pixels on the map now.
    const target = Object.entries(before).sort((a, b) => (b[1] - background[b[0]]) - (a[1] - background[a[0]]))[0][0];
    const canvas = page.getByTestId('chart-estatus').locator('canvas');
    await canvas.scrollIntoViewIfNeeded();
    const bars = JSON.parse((await canvas.getAttribute('data-bars'))!) as Array<{ clave: string; x: number; y: number }>;
    const bar = bars.find((b) => b.clave === target)!;
    const cb = (await canvas.boundingBox())!;
    await page.mouse.click(cb.x + bar.x, cb.y + bar.y);
    await page.getByTestId('dash-clear-filter').waitFor();
    await settle(page);
    const after = await statusPixels(page);
    expect(after[target]).toBeGreaterThan(background[target]);
    // Statuses whose colour the map also paints without projects (the cancelled grey is the labels' grey) cannot be
    // told apart by pixels; every other status seen before the click must be gone.
    const telling = Object.keys(after).filter((k) => k !== target && background[k] === 0 && before[k] > 0);
    expect(telling.length).toBeGreaterThanOrEqual(2);
    for (const k of telling) expect(after[k], k).toBe(0);
    expect(await page.evaluate(() => location.hash)).toContain(`st=${target}`);
    expect(await page.evaluate(() => location.hash)).toContain(`ter=colonia:${c.cve_col}`);
  });
});
