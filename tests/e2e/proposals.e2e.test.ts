// Phone (390×844): a citizen proposes in the demo's open process and sees the folio; once a moderator approves it
// (through the API), a second device supports it and the count on its page rises by one; a second support from that
// device is refused and the server's message is what the page shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAP_PATH } from '@sigmun/domain/portal';
import type { Browser } from 'playwright-core';
import { bearer, createUser } from '../support/auth.ts';
import { launchChromium, startTestServer, watchedPage, type TestServer, type WatchedPage } from '../support/browser.ts';

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true };

let server: TestServer;
let browser: Browser;
const pages: WatchedPage[] = [];
beforeAll(async () => {
  server = await startTestServer('proposals-e2e');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  expect(pages.flatMap((p) => p.foreignRequests)).toEqual([]);
  // The refused second support is a 409 the browser logs as a failed resource; nothing else may be logged.
  expect(pages.flatMap((p) => p.consoleErrors).filter((m) => !/status of 409/.test(m))).toEqual([]);
});

async function open(hash: string) {
  const w = await watchedPage(browser, PHONE);
  pages.push(w);
  await w.page.goto(`${server.url}${MAP_PATH}#${hash}`);
  return w;
}

describe('citizen proposal → moderation → supports (phone)', () => {
  it('proposes, sees the folio; after approval another device supports it once', async () => {
    const { rows } = await server.db.pool.query<{ id: number; clave: string; lon: number; lat: number; zona: string }>(
      `SELECT pc.id, pc.clave, ST_X(p) lon, ST_Y(p) lat, z.nombre zona
       FROM partic.processes pc JOIN partic.zones z ON z.process_id = pc.id,
            LATERAL ST_Transform(ST_PointOnSurface(z.geom), 4326) p
       WHERE current_date BETWEEN pc.propuestas_desde AND pc.propuestas_hasta
         AND current_date BETWEEN pc.apoyos_desde AND pc.apoyos_hasta
       ORDER BY z.clave LIMIT 1`);
    expect(rows).toHaveLength(1);
    const proc = rows[0];
    const hash = `v=16/${proc.lat.toFixed(5)}/${proc.lon.toFixed(5)}&pp=${proc.id}:participation&panel=participacion`;

    const citizen = await open(hash);
    const { page } = citizen;
    await page.getByTestId('propose-open').click({ timeout: 60_000 });
    // The form reads the map's centre: wait until the page has applied the link's view.
    await expect.poll(() => page.evaluate(() => window.location.hash), { timeout: 60_000 }).toContain('v=16/');
    const titulo = 'Sombra y bancas en la plaza del mercado';
    await page.getByTestId('proposal-title').fill(titulo);
    await page.getByTestId('proposal-description').fill('Techar la plaza y poner bancas para quienes esperan el camión.');
    await page.getByTestId('proposal-category').selectOption('Áreas verdes');
    await page.getByTestId('proposal-aviso').check();
    await page.getByTestId('proposal-submit').click();
    const folioEl = page.getByTestId('proposal-folio');
    await folioEl.waitFor({ timeout: 30_000 });
    const folio = (await folioEl.textContent())!.trim();
    expect(await page.getByTestId('proposal-follow').getAttribute('href')).toContain(folio);
    const stored = await server.db.pool.query<{ id: number; moderacion: string; zona: string | null }>(
      `SELECT pp.id, pp.moderacion, z.nombre zona FROM partic.proposals pp LEFT JOIN partic.zones z ON z.id = pp.zone_id WHERE pp.folio = $1`, [folio]);
    expect(stored.rows[0]).toMatchObject({ moderacion: 'pendiente', zona: proc.zona });
    await citizen.close();

    // A moderator approves it through the API.
    await createUser(server.db.url, { email: 'moderador.propuestas@example.mx', roles: ['moderacion'] });
    const token = await bearer(server.db.url, 'moderador.propuestas@example.mx');
    const ok = await fetch(`${server.url}/api/moderation/propuestas/${stored.rows[0].id}/acciones`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ accion: 'aprobar' }),
    });
    expect(ok.status).toBe(200);

    // A second device sees it in its zone's ranking and supports it.
    const other = await open(hash);
    const count = other.page.getByTestId(`apoyos-${folio}`);
    await count.waitFor({ timeout: 60_000 });
    expect(await count.getAttribute('data-value')).toBe('0');
    await other.page.getByTestId(`support-${folio}`).click();
    await expect.poll(() => count.getAttribute('data-value')).toBe('1');
    expect(await count.textContent()).toContain('1');
    // The page's count is the server's.
    expect((await (await fetch(`${server.url}/api/participation/proposals/${folio}`)).json()).apoyos).toBe(1);

    // Again from the same device: refused, with the server's own words.
    await other.page.getByTestId(`support-${folio}`).click();
    const msg = other.page.getByTestId(`support-msg-${folio}`);
    await expect.poll(() => msg.textContent()).toContain('Ya apoyó esta propuesta');
    expect(await msg.getAttribute('role')).toBe('alert');
    expect(await count.getAttribute('data-value')).toBe('1');
    expect((await (await fetch(`${server.url}/api/participation/proposals/${folio}`)).json()).apoyos).toBe(1);
    await other.close();
  }, 120_000);
});
