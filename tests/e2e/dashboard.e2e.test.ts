// The tablero in headless Chromium: a colonia chosen on the map gives the API's figures; a status bar filters the map;
// the feature info panel, a search hit and a project card lead to the ficha and to the tablero of their territory;
// a planner builds an atlas from the tablero. One server and one browser for the file.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { DashboardSummary } from '@sigmun/domain/dashboard';
import { findLayer } from '@sigmun/domain/layers';
import { createUser } from '../support/auth.ts';
import { settle, useBrowserSuite } from '../support/browser.ts';

const dir = mkdtempSync(join(tmpdir(), 'sigmun-dashboard-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// The suite's atlases in its own folder; a first ficha (Chromium, the print bundle, a map in software WebGL) has
// taken over 30 s on the shared two cores, so the render bound is raised for the suite.
const suite = useBrowserSuite('dashboard_e2e', { viewport: { width: 1280, height: 800 } }, { config: { atlasDir: join(dir, 'atlas'), fichaTimeoutMs: 150_000 } });

/** Bytes of a same-origin URL fetched by the page (with its cookies), saved to a scratch file. */
async function download(page: Page, url: string, name: string): Promise<{ file: string; type: string | null }> {
  const got = await page.evaluate(async (u) => {
    const r = await fetch(u);
    return { type: r.headers.get('content-type'), bytes: Array.from(new Uint8Array(await r.arrayBuffer())) };
  }, url);
  const file = join(dir, name);
  writeFileSync(file, Buffer.from(got.bytes));
  return { file, type: got.type };
}
const pdfText = (file: string, first = 1, last = 1) => execFileSync('pdftotext', ['-f', String(first), '-l', String(last), '-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');

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

  it('the info panel, a search hit and a project card open the ficha and the tablero of their own territory', async () => {
    const db = suite.server.db.pool;
    // Two colonias whose name is unique (a search for it finds that one), and two projects in two other colonias.
    const { rows: [a, b] } = await db.query<{ cve_col: string; nombre: string }>(
      `SELECT min(cve_col) AS cve_col, nombre FROM carto.colonias GROUP BY nombre HAVING count(*) = 1 ORDER BY nombre LIMIT 2`,
    );
    const { rows: [p, q] } = await db.query<{ id: number; clave: string; nombre: string; cve_col: string; colonia: string }>(
      `SELECT DISTINCT ON (p.cve_col) p.id, p.clave, p.nombre, p.cve_col, c.nombre AS colonia
       FROM plan.projects p JOIN carto.colonias c USING (cve_col)
       WHERE p.cve_col NOT IN ($1, $2) AND (SELECT count(*) FROM plan.projects o WHERE o.nombre = p.nombre) = 1
       ORDER BY p.cve_col, p.id LIMIT 2`,
      [a.cve_col, b.cve_col],
    );
    const territory = async (nombre: string, tipo: string, clave: string) => {
      await page.getByTestId('dashboard').waitFor();
      await page.getByTestId('dash-territory').filter({ hasText: nombre }).waitFor({ timeout: 30_000 });
      await expect.poll(() => page.evaluate(() => location.hash)).toContain(`ter=${tipo}:${clave}`);
    };

    // The feature info panel of a colonia: its ficha, and its tablero.
    const { page } = await suite.open(`l=colonias&sel=colonias:${a.cve_col}&panel=info`);
    const info = page.getByTestId('feature-info');
    await info.waitFor();
    expect(await info.getByTestId('open-ficha').innerText()).toBe('Ficha PDF');
    expect(await info.getByTestId('open-ficha').getAttribute('href')).toBe(`/api/fichas/colonia/${a.cve_col}.pdf?papel=a4&lang=es`);
    await info.getByTestId('open-tablero').click();
    await territory(a.nombre, 'colonia', a.cve_col);

    // A searched colonia offers its ficha and its tablero.
    const search = page.getByTestId('search-input');
    const choose = async (text: string, type: string) => {
      await search.fill(text);
      await page.getByTestId('search-results').getByRole('option').filter({ hasText: text }).filter({ hasText: type }).first().click();
      const chosen = page.getByTestId('search-chosen');
      await chosen.waitFor();
      expect(await chosen.innerText()).toContain(text);
      return chosen;
    };
    let chosen = await choose(b.nombre, 'Colonia');
    expect(await chosen.getByTestId('search-ficha').innerText()).toBe('Ficha PDF');
    expect(await chosen.getByTestId('search-ficha').getAttribute('href')).toBe(`/api/fichas/colonia/${b.cve_col}.pdf?papel=a4&lang=es`);
    await chosen.getByRole('button', { name: 'Tablero' }).click();
    await territory(b.nombre, 'colonia', b.cve_col);
    expect(await page.getByTestId('search-chosen').count()).toBe(0);

    // An AGEB typed by its CVEGEO: the hit names it and its key, offers its ficha, and its tablero is scoped to it.
    const { rows: [g] } = await db.query<{ cvegeo: string; cve_ageb: string }>(
      `SELECT cvegeo, cve_ageb FROM carto.agebs a WHERE (SELECT count(*) FROM carto.agebs o WHERE o.cve_ageb = a.cve_ageb) = 1
       ORDER BY cvegeo LIMIT 1`,
    );
    await search.fill(g.cvegeo);
    const option = page.getByTestId('search-results').getByRole('option').filter({ hasText: g.cvegeo }).filter({ hasText: 'AGEB' });
    expect(await option.first().innerText()).toContain(`AGEB ${g.cve_ageb}`);
    await option.first().click();
    chosen = page.getByTestId('search-chosen');
    await chosen.waitFor();
    expect(await chosen.innerText()).toContain(`AGEB ${g.cve_ageb}`);
    expect(await chosen.getByTestId('search-ficha').innerText()).toBe('Ficha PDF');
    expect(await chosen.getByTestId('search-ficha').getAttribute('href')).toBe(`/api/fichas/ageb/${g.cvegeo}.pdf?papel=a4&lang=es`);
    await chosen.getByRole('button', { name: 'Tablero' }).click();
    await territory(`AGEB ${g.cve_ageb}`, 'ageb', g.cvegeo);

    // A searched project offers its own ficha (the PDF names it) and the tablero of its colonia.
    chosen = await choose(p.nombre, 'Proyecto');
    const href = `/api/fichas/proyecto/${encodeURIComponent(p.clave)}.pdf?papel=a4&lang=es`;
    await expect.poll(() => chosen.getByTestId('search-ficha').getAttribute('href')).toBe(href);
    const pdf = await download(page, href, 'ficha-proyecto.pdf');
    expect(pdf.type).toBe('application/pdf');
    expect(pdfText(pdf.file)).toContain(p.nombre);
    await chosen.getByRole('button', { name: 'Tablero' }).click();
    await territory(p.colonia, 'colonia', p.cve_col);

    // A project's card (here opened by its permalink): its Tablero button scopes the tablero to the project's colonia.
    await page.evaluate((id) => { location.hash = `l=proyectos&sel=proyectos:${id}&panel=info`; }, q.id);
    const card = page.getByTestId('project-card');
    await card.filter({ hasText: q.nombre }).waitFor({ timeout: 30_000 });
    expect(await card.getByTestId('project-ficha').getAttribute('href')).toBe(`/api/fichas/proyecto/${encodeURIComponent(q.clave)}.pdf?papel=a4&lang=es`);
    await card.getByTestId('project-tablero').click();
    await territory(q.colonia, 'colonia', q.cve_col);
  }, 240_000);

  // Last in the file: it leaves this suite's copy of the demo with two localidades, so that the atlas is quick.
  it('a planner starts an atlas, follows the progress bar across a reload and downloads the PDF with its index', async () => {
    const db = suite.server.db.pool;
    await db.query('DELETE FROM carto.localidades WHERE cvegeo NOT IN (SELECT cvegeo FROM carto.localidades ORDER BY nombre, cvegeo LIMIT 2)');
    const { rows: units } = await db.query<{ nombre: string; cvegeo: string }>('SELECT nombre, cvegeo FROM carto.localidades ORDER BY nombre, cvegeo');
    const planner = { email: 'atlas@implan.test', password: 'Clave-larga-del-atlas-2026', nombre: 'Planeación Atlas' };
    await createUser(suite.server.db.url, { ...planner, roles: ['planeacion'] });

    const { page } = await suite.open('panel=tablero');
    await page.getByTestId('dashboard').waitFor();
    // Visitors see no atlas control.
    expect(await page.getByTestId('atlas').count()).toBe(0);
    const status = await page.evaluate(async ([e, pw]) => (await fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: e, password: pw }) })).status, [planner.email, planner.password]);
    expect(status).toBe(200);
    await page.reload();
    const control = page.getByTestId('atlas');
    await control.waitFor({ timeout: 60_000 });
    await control.getByLabel('Tipo de unidad').selectOption('localidad');
    await control.getByRole('button', { name: 'Generar atlas de Localidad' }).click();
    // The progress bar (or, on a fast machine, the finished link) shows the job the server accepted.
    await page.locator('[data-testid=atlas-progress], [data-testid=atlas-download]').first().waitFor({ timeout: 60_000 });
    await page.reload();
    // No click after the reload: the link can only come from the job started before it, followed by the page.
    const link = page.getByTestId('atlas-download');
    await link.waitFor({ timeout: 360_000 }).catch(async (e) => {
      throw new Error(`${(e as Error).message}\n${await control.textContent()}`);
    });
    expect(await link.textContent()).toBe('Atlas listo: descargar PDF');
    const { file, type } = await download(page, (await link.getAttribute('href'))!, 'atlas.pdf');
    expect(type).toBe('application/pdf');
    expect(Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1])).toBe(1 + units.length);
    // The index names every unit with the page its ficha starts on, and that page is the unit's ficha.
    const index = pdfText(file);
    units.forEach((u, i) => {
      expect(index).toContain(`${u.nombre} ${u.cvegeo} ${2 + i}`);
      expect(pdfText(file, 2 + i, 2 + i)).toContain(u.nombre);
    });
  }, 420_000);
});
