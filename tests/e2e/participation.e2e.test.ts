// A citizen on a phone (390×844) reports a problem with a photo and gets a folio; a moderator approves it from the
// moderation queue; the report then shows on the public map (its status colour in the map's pixels).
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { createUser } from '../support/auth.ts';
import { sampleMap, useBrowserSuite } from '../support/browser.ts';
import { valueRgb } from '../support/colours.ts';

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true };

// Pages are ready once the map's canvas exists: the suite waits for what it asserts (the form, the folio, the
// queue, the map's pixels) rather than for every tile of the view.
const suite = useBrowserSuite('participation-e2e', PHONE, { ready: 'canvas' });

/** How many sampled map pixels are within a small distance of `rgb`. */
async function pixelsNear(page: Page, rgb: [number, number, number]): Promise<number> {
  const { pixels } = await sampleMap(page);
  return pixels.filter((v) => Math.abs(((v >> 16) & 255) - rgb[0]) + Math.abs(((v >> 8) & 255) - rgb[1]) + Math.abs((v & 255) - rgb[2]) < 40).length;
}

describe('citizen report → moderation → public map (phone)', () => {
  it('submits a report with a photo, a moderator approves it, and it appears on the map', async () => {
    const { rows } = await suite.server.db.pool.query<{ lon: number; lat: number }>(
      `SELECT ST_X(p) lon, ST_Y(p) lat FROM (SELECT ST_Transform(ST_PointOnSurface(geom), 4326) p FROM carto.manzanas ORDER BY cvegeo OFFSET 40 LIMIT 1) s`);
    const here = rows[0];
    const view = `v=17/${here.lat.toFixed(5)}/${here.lon.toFixed(5)}`;
    const recibido = valueRgb('reportes', 'estatus', 'recibido');

    // The public map of the place before: no report drawn in the status colour.
    const before = await suite.open(`${view}&l=reportes`);
    // The map has drawn the place once its canvas shows more than the background.
    await expect.poll(async () => (await sampleMap(before.page)).distinct, { timeout: 60_000 }).toBeGreaterThan(3);
    const baseline = await pixelsNear(before.page, recibido);
    await before.close();

    // The citizen fills the form on a phone.
    const citizen = await suite.open(`${view}&panel=reportar`);
    const { page } = citizen;
    await page.getByTestId('report-form').waitFor({ timeout: 60_000 });
    // The view of the link is the place: wait until the page has applied it (the form reads the map's centre).
    await expect.poll(() => page.evaluate(() => window.location.hash), { timeout: 60_000 }).toContain('v=17/');
    await page.getByTestId('report-category').selectOption('baches');
    await page.getByTestId('report-description').fill('Bache grande frente al número 120');
    const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 120, g: 90, b: 60 } } })
      .withExif({ IFD0: { Artist: 'Vecina Prueba' } }).jpeg().toBuffer();
    await page.getByTestId('report-photo').setInputFiles({ name: 'bache.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByTestId('report-aviso').check();
    await page.getByTestId('report-submit').click();
    const folioEl = page.getByTestId('report-folio');
    await folioEl.waitFor({ timeout: 30_000 });
    const folio = (await folioEl.textContent())!.trim();
    expect(folio).toMatch(/^R\d\d-[A-Z2-9]{8}$/);
    await expect.poll(() => page.getByTestId('report-follow').textContent()).toContain('Recibido');
    const stored = await suite.server.db.pool.query(
      `SELECT moderacion, foto IS NOT NULL AS con_foto, ST_Distance(ST_Transform(geom, 4326)::geography, ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography) AS d
       FROM partic.reportes WHERE folio = $1`, [folio, here.lon, here.lat]);
    expect(stored.rows[0]).toMatchObject({ moderacion: 'pendiente', con_foto: true });
    expect(stored.rows[0].d).toBeLessThan(5);
    await citizen.close();

    // Pending: still not on the public map.
    const pending = await suite.open(`${view}&l=reportes`);
    await expect.poll(async () => (await sampleMap(pending.page)).distinct, { timeout: 60_000 }).toBeGreaterThan(3);
    expect(await pixelsNear(pending.page, recibido)).toBe(baseline);
    await pending.close();

    // The moderator signs in and approves it from the queue.
    const password = 'Moderacion-de-prueba-2026';
    await createUser(suite.server.db.url, { email: 'moderadora.e2e@example.mx', password, roles: ['moderacion'] });
    const login = await fetch(`${suite.server.url}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'moderadora.e2e@example.mx', password }),
    });
    expect(login.status).toBe(200);
    const sid = /sigmun_sid=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1];
    const moderator = await suite.open('panel=reportar', {
      ...PHONE,
      storageState: { cookies: [{ name: 'sigmun_sid', value: sid, domain: 'localhost', path: '/', httpOnly: true, secure: false, sameSite: 'Lax', expires: -1 }], origins: [] },
    }, '/moderacion');
    const approve = moderator.page.getByTestId(`approve-${folio}`);
    await approve.waitFor({ timeout: 30_000 });
    await expect.poll(() => moderator.page.getByTestId('moderation-queue').textContent()).toContain('Bache grande frente al número 120');
    await approve.click();
    await moderator.page.getByTestId(`approve-${folio}`).waitFor({ state: 'detached', timeout: 30_000 });
    expect((await suite.server.db.pool.query('SELECT moderacion FROM partic.reportes WHERE folio = $1', [folio])).rows[0].moderacion).toBe('aprobado');
    await moderator.close();

    // The public map now draws the report at the place, in the colour of its status.
    const after = await suite.open(`${view}&l=reportes`);
    await expect.poll(() => pixelsNear(after.page, recibido), { timeout: 60_000 }).toBeGreaterThan(baseline);
    // Its photo is public now, re-encoded without the camera's metadata.
    const img = await fetch(`${suite.server.url}/api/participation/reports/${folio}/foto`);
    expect(img.status).toBe(200);
    const meta = await sharp(Buffer.from(await img.arrayBuffer())).metadata();
    expect(meta.exif).toBeUndefined();
    await after.close();
  }, 300_000);
});
