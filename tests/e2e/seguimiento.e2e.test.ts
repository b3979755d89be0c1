// Seguimiento in headless Chromium against the real server: a dependencia user signs in, draws a polygon for one of
// their projects with terra-draw, saves, reports progress with a photo, reloads: the map shows the polygon (pixels)
// and the card shows the new report with its author and photo.
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startTestServer, watchedPage, type TestServer, type WatchedPage } from '../support/browser.ts';
import { createUser } from '../support/auth.ts';
import { MAP_PATH } from '@sigmun/domain/portal';
import { placeholderPdf } from '../../apps/server/src/lib/placeholder-pdf.ts';

const ARTIFACTS = join(process.cwd(), 'tests', 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });
let server: TestServer;
let browser: Browser;
const pages: WatchedPage[] = [];
const api = async <T>(path: string): Promise<T> => (await fetch(server.url + path)).json() as Promise<T>;

interface Card { id: number; dependencia: string; avance: number; centroid: [number, number]; geometry: { type: string; coordinates: unknown }; version: number }

let project: Card;
const password = 'Una-clave-larga-de-prueba-42';
const email = 'residente@obras.test';
const nombre = 'Arq. Sofía Residente';

beforeAll(async () => {
  server = await startTestServer('seguimiento_e2e');
  browser = await launchChromium();
  const { rows } = await server.db.pool.query<{ id: number }>(
    `SELECT id FROM plan.projects WHERE estatus = 'en_proceso' AND avance <= 80 ORDER BY id LIMIT 1`);
  project = await api<Card>(`/api/projects/${rows[0].id}`);
  await createUser(server.db.url, { email, password, nombre, roles: ['dependencia'], dependencias: [project.dependencia] });
});
afterAll(async () => {
  const errors = pages.flatMap((p) => p.consoleErrors);
  const foreign = pages.flatMap((p) => p.foreignRequests);
  await browser?.close();
  await server?.close();
  expect(foreign).toEqual([]);
  expect(errors).toEqual([]);
});

/** Waits until the map has drawn tiles of the overlay layers (many distinct colours on the canvas). */
async function mapDrawn(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(() => {
    const c = document.querySelector('.map canvas') as HTMLCanvasElement | null;
    if (!c) return 0;
    const t = document.createElement('canvas');
    t.width = c.width;
    t.height = c.height;
    const g = t.getContext('2d')!;
    g.drawImage(c, 0, 0);
    const d = g.getImageData(0, 0, t.width, t.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < d.length; i += 4 * 97) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    return seen.size;
  }), { timeout: 60_000 }).toBeGreaterThan(8);
}

/** RGB of the map canvas at CSS pixel (x, y). */
async function pixel(page: Page, x: number, y: number): Promise<[number, number, number]> {
  return page.evaluate(([px, py]) => {
    const c = document.querySelector('.map canvas') as HTMLCanvasElement;
    const r = c.getBoundingClientRect();
    const k = c.width / r.width;
    const t = document.createElement('canvas');
    t.width = c.width;
    t.height = c.height;
    const g = t.getContext('2d')!;
    g.drawImage(c, 0, 0);
    const d = g.getImageData(Math.round((px - r.left) * k), Math.round((py - r.top) * k), 1, 1).data;
    return [d[0], d[1], d[2]] as [number, number, number];
  }, [x, y]);
}

const differs = (a: number[], b: number[]) => a.some((v, i) => Math.abs(v - b[i]) > 12);

describe('seguimiento in the browser', () => {
  it('sign in, draw a polygon, save, report with a photo, reload: the map and the card show them', async () => {
    const [lon, lat] = project.centroid;
    const hash = `v=16/${lat}/${lon}&sel=proyectos:${project.id}&panel=info`;
    const w = await watchedPage(browser, { viewport: { width: 1280, height: 800 } });
    pages.push(w);
    const page = w.page;
    await page.goto(`${server.url}${MAP_PATH}#${hash}`);
    try {
    await mapDrawn(page);
    // Sign in (the session cookie is set for this origin), then load the page signed in.
    const status = await page.evaluate(async ([e, p]) => (await fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: e, password: p }) })).status, [email, password]);
    expect(status).toBe(200);
    await page.reload();
    await page.getByTestId('project-card').getByTestId('edit-project').waitFor({ timeout: 60_000 });
    await mapDrawn(page);

    // A square below the project, on the visible map (not under a panel).
    const box = (await page.locator('.map canvas').boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2 + 140;
    const corners: Array<[number, number]> = [[cx - 70, cy - 50], [cx + 70, cy - 50], [cx + 70, cy + 50], [cx - 70, cy + 50]];
    const onMap = await page.evaluate((pts) => pts.every(([x, y]) => document.elementFromPoint(x, y)?.tagName === 'CANVAS'), corners);
    expect(onMap).toBe(true);
    const before = await pixel(page, cx, cy);
    const outside: [number, number] = [cx + 160, cy];
    const beforeOutside = await pixel(page, ...outside);

    const card = page.getByTestId('project-card');
    await card.getByTestId('edit-project').click();
    await card.getByTestId('draw-polygon').click();
    for (const c of corners) await page.mouse.click(...c);
    await page.keyboard.press('Enter');
    await expect.poll(() => card.getByTestId('project-editor').textContent()).toContain('Polygon');
    await card.getByTestId('save-project').click();
    await card.getByTestId('project-editor').waitFor({ state: 'detached' });
    const saved = await api<Card>(`/api/projects/${project.id}`);
    expect(saved.geometry.type).toBe('Polygon');
    expect(saved.version).toBeGreaterThan(project.version);

    // A progress report with a photo.
    const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#3a7d44' } }).jpeg().toBuffer();
    const card2 = page.getByTestId('project-card');
    await card2.getByTestId('report-avance').click();
    const form = card2.getByTestId('avance-form');
    await form.locator('input[name=avance]').fill(String(Math.min(100, project.avance + 7)));
    await form.locator('textarea[name=nota]').fill('Trazo de banquetas y guarniciones');
    await form.locator('input[type=file]').setInputFiles({ name: 'avance.jpg', mimeType: 'image/jpeg', buffer: photo });
    await form.getByTestId('save-avance').click();
    await form.waitFor({ state: 'detached' });

    await page.reload();
    await mapDrawn(page);
    // The map draws the new polygon where it was drawn; a point outside it is as it was.
    await expect.poll(async () => differs(await pixel(page, cx, cy), before), { timeout: 20_000 }).toBe(true);
    expect(differs(await pixel(page, ...outside), beforeOutside)).toBe(false);
    const after = page.getByTestId('project-card');
    const first = after.getByTestId('report').first();
    await expect.poll(() => first.textContent()).toContain('Trazo de banquetas y guarniciones');
    expect(await first.getByTestId('report-author').textContent()).toContain(nombre);
    const img = first.getByTestId('report-photo');
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    expect(await after.getByTestId('card-progress').getAttribute('data-value')).toBe(String(Math.min(100, project.avance + 7)));
    } finally {

      await page.screenshot({ path: join(ARTIFACTS, 'seguimiento-after-reload.png') });
    }
  }, 180_000);

  it('a planner creates a project from the Proyectos panel by drawing its point, and attaches a PDF shown on its card', async () => {
    const planner = { email: 'planeadora@implan.test', password: 'Otra-clave-larga-de-prueba-7', nombre: 'Lic. Marta Planeación' };
    await createUser(server.db.url, { ...planner, roles: ['planeacion'] });
    const { rows: [prog] } = await server.db.pool.query<{ id: number }>('SELECT id FROM plan.programas ORDER BY id LIMIT 1');
    const [lon, lat] = project.centroid;
    const w = await watchedPage(browser, { viewport: { width: 1280, height: 800 } });
    pages.push(w);
    const page = w.page;
    await page.goto(`${server.url}${MAP_PATH}#v=16/${lat}/${lon}&panel=proyectos`);
    await mapDrawn(page);
    const status = await page.evaluate(async ([e, p]) => (await fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: e, password: p }) })).status, [planner.email, planner.password]);
    expect(status).toBe(200);
    await page.reload();
    await page.getByTestId('new-project').click();
    const form = page.getByTestId('project-editor');
    // Saving without a geometry is refused beside the drawing buttons, before anything is sent.
    await form.getByTestId('save-project').click();
    await expect.poll(() => form.getByTestId('error-geometry').textContent()).toContain('Dibuje en el mapa');
    await form.locator('input[name=clave]').fill('E2E-NUEVO-1');
    await form.locator('input[name=nombre]').fill('Parque lineal de prueba');
    await form.locator('select[name=programa_id]').selectOption(String(prog.id));
    await form.locator('input[name=dependencia]').fill(project.dependencia);
    await form.locator('input[name=presupuesto_aprobado]').fill('250000');
    await form.getByRole('button', { name: 'Marcar punto' }).click();
    const box = (await page.locator('.map canvas').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2 + 120);
    await expect.poll(() => form.textContent()).toContain('Point');
    await form.getByTestId('save-project').click();
    const card = page.getByTestId('project-card');
    await expect.poll(() => card.textContent(), { timeout: 30_000 }).toContain('Parque lineal de prueba');
    const { rows: [created] } = await server.db.pool.query<{ id: number; tipo: string }>(
      `SELECT id, GeometryType(geom) AS tipo FROM plan.projects WHERE clave = 'E2E-NUEVO-1'`);
    expect(created.tipo).toBe('POINT');
    const { rows: audit } = await server.db.pool.query(`SELECT actor FROM audit.log WHERE tabla = 'plan.projects' AND clave = $1 AND action = 'INSERT'`, [String(created.id)]);
    expect(audit).toHaveLength(1);

    // A PDF for the new project, through the card's own upload form.
    await card.getByTestId('add-document').click();
    const doc = card.getByTestId('document-form');
    await doc.locator('input[name=titulo]').fill('Ficha técnica del parque');
    await doc.locator('select[name=tipo]').selectOption('ficha');
    await doc.locator('input[type=file]').setInputFiles({ name: 'ficha.pdf', mimeType: 'application/pdf', buffer: placeholderPdf('Ficha técnica', ['Parque lineal de prueba.']) });
    await doc.getByTestId('save-document').click();
    await doc.waitFor({ state: 'detached' });
    await expect.poll(() => card.locator('ul.documents').textContent(), { timeout: 20_000 }).toContain('Ficha técnica del parque');
  });
});
