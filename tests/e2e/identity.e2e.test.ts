// Sign-in in the browser: a dependencia user edits an own project from its card, sees the new value and themselves
// as the author in the change history; another dependencia's project shows no edit controls.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, startTestServer, watchedPage, type TestServer, type WatchedPage } from '../support/browser.ts';
import { createUser } from '../support/auth.ts';
import { MAP_PATH } from '@sigmun/domain/portal';

// The card and its form are waited for by what they show, not by the map's loading bar (tiles are not under test).
let server: TestServer;
let browser: Browser;
let watched: WatchedPage | undefined;
beforeAll(async () => {
  server = await startTestServer('identity_e2e');
  browser = await launchChromium();
});
afterAll(async () => {
  const errors = watched?.consoleErrors ?? [];
  const foreign = watched?.foreignRequests ?? [];
  await browser?.close();
  await server?.close();
  expect(errors).toEqual([]);
  expect(foreign).toEqual([]);
});
const suite = { get server() { return server; } };

it('dependencia signs in, edits its project, sees the change and its author; no edit form on another dependencia', async () => {
  const { rows } = await suite.server.db.pool.query<{ id: number; dependencia: string; avance: number }>(
    // Projects already started (a progress report is dated today and may not predate the start).
    `SELECT DISTINCT ON (dependencia) id, dependencia, avance::float8 AS avance FROM plan.projects
     WHERE (fecha_inicio IS NULL OR fecha_inicio <= current_date) AND presupuesto_ejercido <= presupuesto_aprobado
     ORDER BY dependencia, id LIMIT 2`,
  );
  const [own, other] = rows;
  const user = await createUser(suite.server.db.url, { email: 'obras.e2e@implan.example', roles: ['dependencia'], dependencias: [own.dependencia], nombre: 'Olga Obras' });
  const target = own.avance === 37 ? 38 : 37;

  watched = await watchedPage(browser, { viewport: { width: 1280, height: 800 } });
  const { page } = watched;
  await page.goto(`${server.url}${MAP_PATH}#panel=info&sel=proyectos:${own.id}`);
  const card = page.getByTestId('project-card');
  await card.waitFor();
  // Anonymous: the card has no edit controls.
  expect(await page.getByTestId('report-avance').count()).toBe(0);
  expect(await page.getByTestId('edit-project').count()).toBe(0);

  await page.getByTestId('sign-in').click();
  const dialog = page.getByTestId('login-dialog');
  await dialog.getByRole('heading', { name: 'Iniciar sesión' }).waitFor();
  await dialog.getByLabel('Correo electrónico').fill(user.email);
  await dialog.getByLabel('Contraseña').fill(user.password);
  await page.getByTestId('login-submit').click();
  await expect.poll(() => page.getByTestId('signed-in').textContent()).toBe('Sesión de Olga Obras');

  // The card's own edit controls appear for the signed-in dependencia: a progress report.
  await card.getByTestId('report-avance').click();
  const form = card.getByTestId('avance-form');
  await form.waitFor();
  await form.getByLabel('Estatus').selectOption('en_proceso');
  await form.getByLabel('Avance (%)').fill(String(target));
  await form.locator('textarea[name=nota]').fill('Avance verificado en sitio');
  await form.getByTestId('save-avance').click();
  await expect.poll(async () => (await form.count()) && (await form.locator('.field-error').count())
    ? await form.locator('.field-error').first().textContent() : 'ok').toBe('ok');
  await form.waitFor({ state: 'detached' });
  await expect.poll(() => card.getByTestId('card-progress').getAttribute('data-value')).toBe(String(target));
  const changes = page.getByTestId('project-changes');
  await expect.poll(() => changes.textContent()).toContain('por Olga Obras');
  expect(await changes.textContent()).toContain(`Avance (%): ${own.avance} → ${target}`);
  // The database says the same, and names the user as the actor.
  const { rows: audit } = await suite.server.db.pool.query(
    `SELECT actor, (new_row->>'avance')::float8 AS avance FROM audit.log WHERE tabla = 'plan.projects' AND clave = $1 AND action = 'UPDATE' ORDER BY id DESC LIMIT 1`, [String(own.id)],
  );
  expect(audit[0]).toEqual({ actor: `user:${user.id}`, avance: target });

  // Another dependencia's project: the card shows, the edit form does not.
  await page.evaluate((id) => { window.location.hash = `panel=info&sel=proyectos:${id}`; }, other.id);
  await expect.poll(() => card.getAttribute('data-id')).toBe(String(other.id));
  // The card of the other project is complete (its change history loaded) before the form's absence is checked.
  await expect.poll(() => card.getByTestId('card-progress').getAttribute('data-value')).toBe(String(other.avance));
  expect(await page.getByTestId('report-avance').count()).toBe(0);
  expect(await page.getByTestId('edit-project').count()).toBe(0);
  expect(await page.getByTestId('signed-in').textContent()).toBe('Sesión de Olga Obras');

  await page.getByTestId('sign-out').click();
  await page.getByTestId('sign-in').waitFor();
});
