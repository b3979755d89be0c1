// The site editor in the browser (issue 17): a planeacion user signs in on /editar, follows "Editar esta página" from
// a section, types Markdown and sees the sanitised preview, saves, the public page shows the new text (a typed
// <script> neither runs nor shows), restores the earlier version and the public page shows the old text again; a
// list is edited as a table. A dependencia user sees no editor and a save with her session is refused. An indicator's
// page and a query permalink (/mapa?i=…, named in its link preview) open the map on that indicator.
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { pageTranslate } from '../../apps/server/src/pages/i18n/index.ts';
import { sampleMap, settle, useBrowserSuite } from '../support/browser.ts';
import { createUser, type TestUser } from '../support/auth.ts';

const s = useBrowserSuite('portal_editor_e2e', { viewport: { width: 1280, height: 900 } });
const es = (key: string, p?: Record<string, string | number>) => pageTranslate('es', key, p);
let editor: TestUser;
let dependencia: TestUser;
beforeAll(async () => {
  editor = await createUser(s.server.db.url, { email: 'editora.e2e@implan.example', roles: ['planeacion'], nombre: 'Elena Editora' });
  dependencia = await createUser(s.server.db.url, { email: 'obras.portal@implan.example', roles: ['dependencia'], dependencias: ['Secretaría de Obras Públicas'] });
});

/** Signs in through the editor's own form and waits for the page it reloads into. */
async function signIn(page: Page, u: TestUser, after: string) {
  await page.getByLabel(es('edit.email')).fill(u.email);
  await page.getByLabel(es('edit.password')).fill(u.password);
  await page.getByRole('button', { name: es('edit.signin') }).click();
  await page.getByRole('heading', { name: after }).waitFor();
}

// The editor's signed-in page, shared by the planeacion tests (one sign-in: argon2 is slow on a busy machine).
let editorPage: Page;

/** The visible text of the public page's editable part. */
const prose = (page: Page) => page.locator('main .prose').innerText();

it('planeacion edits a section with a live preview, saves, the public page shows it, and a restore brings the old text back', async () => {
  const { page } = await s.visit('/editar');
  editorPage = page;
  await signIn(page, editor, es('edit.title'));
  await page.goto(`${s.server.url}/quienes-somos`);
  const original = await prose(page);
  expect(original).toContain('Misión');
  await page.getByRole('link', { name: es('edit.link') }).click();
  await page.getByRole('heading', { name: es('edit.pageTitle', { pagina: '¿Quiénes somos?', idioma: es('edit.lang.es') }) }).waitFor();
  expect(await page.locator('#current-version').innerText()).toContain(es('edit.current', { version: 1, fecha: '' }).split(',')[0]);

  const typed = '## Misión escrita en el navegador\n\nTexto **nuevo** <script>document.title = "inyectado"</script> y <img src="x" onerror="document.title = \'inyectado\'">.';
  await page.getByLabel(es('edit.fMarkdown')).fill(typed);
  // The preview is the server's sanitised HTML: the heading and the bold text render, the script and the img do not.
  await page.locator('#preview h2', { hasText: 'Misión escrita en el navegador' }).waitFor();
  expect(await page.locator('#preview strong').innerText()).toBe('nuevo');
  expect(await page.locator('#preview script, #preview img').count()).toBe(0);
  expect(await page.locator('#preview').innerText()).not.toContain('<script>');

  await page.getByRole('button', { name: es('edit.save') }).click();
  await page.locator('#current-version', { hasText: es('edit.current', { version: 2, fecha: '' }).split(',')[0] }).waitFor();

  await page.goto(`${s.server.url}/quienes-somos`);
  await page.getByRole('heading', { name: 'Misión escrita en el navegador' }).waitFor();
  const edited = await prose(page);
  expect(edited).toContain('Texto nuevo');
  expect(edited).not.toContain('<script>');
  expect(edited).not.toContain('document.title');
  expect(await page.locator('main script, main img').count()).toBe(0);
  expect(await page.title()).not.toContain('inyectado');

  await page.getByRole('link', { name: es('edit.link') }).click();
  await page.getByRole('button', { name: es('edit.restoreLabel', { version: 1 }) }).click();
  await page.locator('#current-version', { hasText: es('edit.current', { version: 3, fecha: '' }).split(',')[0] }).waitFor();
  // Version 3 says it was restored from version 1.
  expect(await page.locator('#versions tr[data-version="3"] td').nth(3).innerText()).toBe('1');

  await page.goto(`${s.server.url}/quienes-somos`);
  expect(await prose(page)).toBe(original);

  // The editor in English: its own messages, the English text.
  await page.goto(`${s.server.url}/editar/quienes-somos/en?lang=en`);
  await page.getByRole('heading', { name: pageTranslate('en', 'edit.pageTitle', { pagina: 'About us', idioma: pageTranslate('en', 'edit.lang.en') }) }).waitFor();
  expect(await page.getByLabel(pageTranslate('en', 'edit.fMarkdown')).inputValue()).toContain('## Mission');
});

it('planeacion adds a council member in the list editor and the council page lists her', async () => {
  const page = editorPage;
  await page.goto(`${s.server.url}/editar/datos/consejo/es`);
  await page.getByRole('heading', { name: es('edit.dataTitle', { lista: es('edit.list.consejo'), idioma: es('edit.lang.es') }) }).waitFor();
  const rows = page.locator('table[data-list="miembros"] tbody tr');
  const before = await rows.count();
  await page.getByRole('button', { name: `${es('edit.addRow')} · ${es('edit.f.miembros')}` }).click();
  const row = rows.nth(before);
  await row.getByLabel(es('edit.f.nombre')).fill('Ing. Marisol Prueba Navegador (ficticia)');
  await row.getByLabel(es('edit.f.cargo')).fill('Consejera');
  await row.getByLabel(es('edit.f.sector')).fill('Colegio de Ingenieros');
  await page.getByRole('button', { name: es('edit.save') }).click();
  await page.locator('#current-version', { hasText: es('edit.current', { version: 2, fecha: '' }).split(',')[0] }).waitFor();
  expect(await rows.count()).toBe(before + 1);
  await page.goto(`${s.server.url}/consejo`);
  await page.getByRole('cell', { name: 'Ing. Marisol Prueba Navegador (ficticia)' }).waitFor();
});

it('a dependencia user sees no editor, no edit link, and a save with her session is refused', async () => {
  const { page } = await s.visit('/editar/quienes-somos/es');
  await signIn(page, dependencia, es('edit.title'));
  await page.getByRole('alert').filter({ hasText: es('edit.notAllowed', { email: dependencia.email }) }).waitFor();
  expect(await page.locator('textarea, #page-editor').count()).toBe(0);
  await page.goto(`${s.server.url}/quienes-somos`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  expect(await page.getByRole('link', { name: es('edit.link') }).count()).toBe(0);

  // Her browser's own session cookie, sent as the page would (same origin, CSRF token): refused, nothing changed.
  const before = await prose(page);
  const cookie = (await page.context().cookies()).find((c) => c.name === 'sigmun_sid')!;
  const headers = { cookie: `sigmun_sid=${cookie.value}`, origin: s.server.url };
  const { user } = await s.api<{ user: { csrf: string; roles: string[] } }>('/api/auth/session', { headers });
  expect(user.roles).toEqual(['dependencia']);
  const res = await fetch(`${s.server.url}/api/portal/paginas/quienes-somos/es`, {
    method: 'PUT', headers: { ...headers, 'content-type': 'application/json', 'x-csrf-token': user.csrf },
    body: JSON.stringify({ titulo: 'Intruso', markdown: 'Texto de una dependencia' }),
  });
  expect(res.status).toBe(403);
  await page.reload();
  expect(await prose(page)).toBe(before);
});

it('"ver en el mapa" on an indicator page opens the map with that indicator\'s choropleth and legend', async () => {
  const { indicators } = await s.api<{ indicators: Array<{ code: string; nombre: string; niveles: string[]; anios: number[] }> }>('/api/indicators');
  const ind = indicators.find((i) => i.niveles.includes('colonia') && i.anios.length > 0)!;
  const { page } = await s.visit(`/estadisticas/${ind.code}`);
  await page.getByRole('link', { name: es('ind.map') }).click();
  await page.waitForURL(/\/mapa#i=/);
  await settle(page);
  const legend = page.getByTestId('class-legend');
  await legend.waitFor();
  expect(await legend.locator('figcaption').innerText()).toContain(ind.nombre);
  expect(await page.getByTestId('legend-class').count()).toBeGreaterThan(1);
  const colours = await page.locator('[data-testid=legend-class] .swatch').evaluateAll((els) => els.map((e) => e.getAttribute('data-color')));
  expect(new Set(colours).size).toBe(colours.length);
  // The map's pixels hold the legend's colours (the choropleth is drawn, not only listed).
  const { distinct } = await sampleMap(page);
  expect(distinct).toBeGreaterThan(10);
});

it('a map link with its permalink in the query (/mapa?i=…) is previewed as that indicator and opens its choropleth', async () => {
  const { indicators } = await s.api<{ indicators: Array<{ code: string; nombre: string; enlaces: { mapa: string } }> }>('/api/catalog');
  const ind = indicators.find((i) => i.enlaces.mapa.includes('#i='))!;
  // The same state as the catalog's map link, in the query the server can read (a #hash never reaches it).
  const link = `${ind.enlaces.mapa.replace('#', '?')}&panel=indicadores`;
  const html = await (await fetch(s.server.url + link)).text();
  const title = /<meta property="og:title" content="([^"]*)"/.exec(html)?.[1]?.replace(/&amp;/g, '&').replace(/&quot;/g, '"');
  expect(title?.startsWith(`${ind.nombre} · `)).toBe(true);
  const { page } = await s.visit(link);
  await settle(page);
  const legend = page.getByTestId('class-legend');
  await legend.waitFor();
  expect(await legend.locator('figcaption').innerText()).toContain(ind.nombre);
  expect(await page.getByTestId('legend-class').count()).toBeGreaterThan(1);
  // The state then lives in the hash alone: the address a person copies is the usual permalink.
  await expect.poll(() => new URL(page.url()).hash).toContain(`i=${ind.enlaces.mapa.split('#i=')[1]}`);
  expect(new URL(page.url()).search).toBe('');
});
