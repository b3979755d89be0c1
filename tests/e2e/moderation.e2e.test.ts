// The moderation queue in the page: a moderator signs in through the sign-in dialog, sees the pending reports and
// proposals with their contact (only there), and acts on each: approve, reject with a reason, mark a duplicate,
// assign to a dependencia and change the status. What the public sees changes with it: the report's status colour
// on the map, the follow-up pages of each folio (status, note, reason, duplicate), and a proposal's public page with
// the project it became (status and progress).
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { MAP_PATH } from '@sigmun/domain/portal';
import { bearer, createUser } from '../support/auth.ts';
import { sampleMap, useBrowserSuite } from '../support/browser.ts';
import { valueRgb } from '../support/colours.ts';

const DESKTOP = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 };

const suite = useBrowserSuite('moderation-e2e', DESKTOP, { ready: 'canvas' });
/** Opens `path#hash` in a fresh context and waits for the map's canvas. */
const open = (path: string, hash = '') => suite.open(hash, DESKTOP, path);

/**
 * How many pixels of the map canvas within 24 px of its centre (where the view puts the report) are within a small
 * distance of `rgb`. Every pixel of that box is read: a report's dot is about 10 px wide.
 */
async function pixelsAtCentre(page: Page, rgb: [number, number, number]): Promise<number> {
  return page.evaluate(([r, g, b]) => {
    const c = document.querySelector('.map canvas') as HTMLCanvasElement;
    const t = document.createElement('canvas');
    t.width = c.width;
    t.height = c.height;
    const ctx = t.getContext('2d')!;
    ctx.drawImage(c, 0, 0);
    const half = 24;
    const d = ctx.getImageData(Math.round(c.width / 2) - half, Math.round(c.height / 2) - half, 2 * half, 2 * half).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - r) + Math.abs(d[i + 1] - g) + Math.abs(d[i + 2] - b) < 40) n++;
    return n;
  }, rgb);
}

/** POSTs JSON to the server as an anonymous citizen (a fresh device each time) and returns the parsed answer. */
async function post<T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
  const r = await fetch(suite.server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  expect(r.status, `${path}: ${await r.clone().text()}`).toBeLessThan(300);
  return (await r.json()) as T;
}

describe('moderation queue in the page', () => {
  it('a moderator signs in, acts on pending items, and the public pages and map change', async () => {
    const db = suite.server.db.pool;
    const { rows: places } = await db.query<{ lon: number; lat: number }>(
      `SELECT ST_X(p) lon, ST_Y(p) lat FROM (SELECT ST_Transform(ST_PointOnSurface(geom), 4326) p FROM carto.manzanas ORDER BY cvegeo OFFSET 80 LIMIT 1) s`);
    const here = places[0];
    const view = `v=17/${here.lat.toFixed(5)}/${here.lon.toFixed(5)}&l=reportes`;
    const atencion = valueRgb('reportes', 'estatus', 'en_atencion');

    // Three citizens report at the same place; one proposal waits in the open process.
    const report = (descripcion: string, email?: string) => post<{ folio: string; clave: string }>('/api/participation/reports',
      { categoria: 'alumbrado', ...here, descripcion, acepta_aviso: true, ...(email ? { email, nombre: 'Marta Vecina' } : {}) });
    const a = await report('Tres luminarias apagadas en la cuadra', 'marta.vecina@example.mx');
    const b = await report('Luminaria dentro de una casa particular');
    const c = await report('Las luminarias de la cuadra no encienden');
    const { rows: proc } = await db.query<{ clave: string; lon: number; lat: number }>(
      `SELECT pc.clave, ST_X(p) lon, ST_Y(p) lat FROM partic.processes pc JOIN partic.zones z ON z.process_id = pc.id,
              LATERAL ST_Transform(ST_PointOnSurface(z.geom), 4326) p
       WHERE current_date BETWEEN pc.propuestas_desde AND pc.propuestas_hasta ORDER BY z.clave LIMIT 1`);
    const proposal = await post<{ folio: string }>(`/api/participation/processes/${proc[0].clave}/proposals`, {
      titulo: 'Arbolado en el camellón', descripcion: 'Plantar mezquites y palo verde en el camellón central', categoria: 'Áreas verdes',
      lon: proc[0].lon, lat: proc[0].lat, acepta_aviso: true });

    // Before: the public map of the place shows no report in the "en atención" colour.
    const before = await open(MAP_PATH, view);
    await expect.poll(async () => (await sampleMap(before.page)).distinct, { timeout: 60_000 }).toBeGreaterThan(3);
    const baseline = await pixelsAtCentre(before.page, atencion);
    await before.close();

    // The moderator opens the moderators' address and signs in through the dialog.
    const password = 'Moderacion-en-pagina-2026';
    const user = await createUser(suite.server.db.url, { email: 'moderadora.cola@example.mx', password, roles: ['moderacion'], nombre: 'Mara Moderadora' });
    const mod = await open('/moderacion');
    const { page } = mod;
    await page.getByTestId('mod-sign-in').waitFor({ timeout: 60_000 });
    await page.getByTestId('sign-in').click();
    const dialog = page.getByTestId('login-dialog');
    await dialog.getByLabel('Correo electrónico').fill(user.email);
    await dialog.getByLabel('Contraseña').fill(password);
    await page.getByTestId('login-submit').click();
    const queue = page.getByTestId('moderation-queue');
    await queue.waitFor({ timeout: 30_000 });
    // Pending reports and the proposal, with the contact shown to the moderator only.
    for (const f of [a.folio, b.folio, c.folio, proposal.folio]) await queue.locator(`li[data-folio="${f}"]`).waitFor({ timeout: 30_000 });
    expect(await queue.locator(`li[data-folio="${a.folio}"]`).textContent()).toContain('marta.vecina@example.mx');

    const item = (f: string) => queue.locator(`li[data-folio="${f}"]`);
    // Approve A and the proposal: they leave the pending list.
    await page.getByTestId(`approve-${a.folio}`).click();
    await item(a.folio).waitFor({ state: 'detached', timeout: 30_000 });
    await page.getByTestId(`approve-${proposal.folio}`).click();
    await item(proposal.folio).waitFor({ state: 'detached', timeout: 30_000 });
    // Reject B with the reason the citizen will read.
    await page.getByTestId(`more-${b.folio}`).click();
    await item(b.folio).getByLabel('Motivo del rechazo (lo verá la persona que reportó)').fill('La luminaria es de una propiedad privada');
    await page.getByTestId(`reject-${b.folio}`).click();
    await item(b.folio).waitFor({ state: 'detached', timeout: 30_000 });
    // C duplicates A.
    await page.getByTestId(`more-${c.folio}`).click();
    await item(c.folio).getByLabel('Folio del original').fill(a.folio);
    await page.getByTestId(`dup-send-${c.folio}`).click();
    await item(c.folio).waitFor({ state: 'detached', timeout: 30_000 });

    // Among the approved ones: assign A to a dependencia, then put it "en atención" with a public note.
    await queue.getByLabel('Mostrar').selectOption('aprobado');
    await item(a.folio).waitFor({ timeout: 30_000 });
    await page.getByTestId(`more-${a.folio}`).click();
    await item(a.folio).getByLabel('Dependencia').fill('Servicios Públicos');
    await page.getByTestId(`assign-${a.folio}`).click();
    const state = page.getByTestId(`mod-state-${a.folio}`);
    await expect.poll(() => state.textContent(), { timeout: 30_000 }).toContain('Servicios Públicos');
    // The item's actions stay open after the queue reloads.
    await item(a.folio).getByLabel('Estatus').selectOption('en_atencion');
    await item(a.folio).getByLabel('Nota pública (opcional)').fill('Cuadrilla programada para el jueves');
    await page.getByTestId(`status-send-${a.folio}`).click();
    await expect.poll(() => state.textContent(), { timeout: 30_000 }).toContain('En atención');
    await mod.close();

    // Every action is in the audit trail, by this moderator.
    const { rows: audited } = await db.query<{ accion: string; actor: string }>(
      `SELECT l.new_row->>'accion' AS accion, l.actor FROM audit.log l JOIN partic.reportes r ON r.id = (l.new_row->>'objeto_id')::bigint
       WHERE l.tabla = 'partic.moderation_actions' AND l.new_row->>'objeto' = 'reporte' AND r.folio = ANY($1) AND l.actor LIKE 'user:%' ORDER BY l.id`,
      [[a.folio, b.folio, c.folio]]);
    expect(audited.map((r) => r.accion)).toEqual(['aprobar', 'rechazar', 'duplicado', 'asignar', 'estatus']);
    const { rows: who } = await db.query<{ id: number }>('SELECT id FROM auth.users WHERE email = $1', [user.email]);
    expect(new Set(audited.map((r) => r.actor))).toEqual(new Set([`user:${who[0].id}`]));

    // The public map draws A at its place in the colour of its new status.
    const after = await open(MAP_PATH, view);
    await expect.poll(() => pixelsAtCentre(after.page, atencion), { timeout: 60_000 }).toBeGreaterThan(baseline + 10);
    await after.close();

    // The follow-up pages the receipts link to say what happened, without anyone's contact.
    const followA = await open(`/seguimiento/${a.folio}`);
    const pageA = followA.page.getByTestId('follow-page');
    await expect.poll(() => followA.page.getByTestId('follow-status').textContent(), { timeout: 60_000 }).toBe('En atención');
    expect(await pageA.textContent()).toContain('Cuadrilla programada para el jueves');
    expect(await pageA.textContent()).toContain('Servicios Públicos');
    expect(await pageA.textContent()).not.toContain('marta.vecina@example.mx');
    await followA.close();

    const followB = await open(`/seguimiento/${b.folio}`);
    await expect.poll(() => followB.page.getByTestId('follow-reason').textContent(), { timeout: 60_000 }).toContain('La luminaria es de una propiedad privada');
    await followB.close();
    const followC = await open(`/seguimiento/${c.folio}`);
    await expect.poll(() => followC.page.getByTestId('follow-page').textContent(), { timeout: 60_000 }).toContain(`Se atiende con el reporte ${a.folio}`);
    await followC.close();

    // planeacion turns the approved proposal into a project; its public page then shows the project's status and progress.
    const { rows: ids } = await db.query<{ id: number; programa: number }>(
      'SELECT pp.id, (SELECT id FROM plan.programas ORDER BY id LIMIT 1) AS programa FROM partic.proposals pp WHERE pp.folio = $1', [proposal.folio]);
    await createUser(suite.server.db.url, { email: 'planeacion.cola@example.mx', roles: ['planeacion'] });
    const token = await bearer(suite.server.db.url, 'planeacion.cola@example.mx');
    const made = await post<{ project: { id: number } }>(`/api/participation/proposals/${ids[0].id}/proyecto`,
      { programa_id: ids[0].programa, dependencia: 'Servicios Públicos' }, { authorization: `Bearer ${token}` });
    await db.query(`UPDATE plan.projects SET estatus = 'en_proceso', avance = 40 WHERE id = $1`, [made.project.id]);
    const followP = await open(`/propuesta/${proposal.folio}`);
    const project = followP.page.getByTestId('follow-project');
    await expect.poll(() => project.textContent(), { timeout: 60_000 }).toContain('En proceso');
    expect(await followP.page.getByTestId('follow-progress').getAttribute('data-value')).toBe('40');
    expect(await project.textContent()).toContain('Arbolado en el camellón');
    expect(await followP.page.getByTestId('follow-moderation').textContent()).toBe('Publicado');
    await followP.close();
  }, 400_000);
});
