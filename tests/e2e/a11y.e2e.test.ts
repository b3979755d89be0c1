// Accessibility (WCAG 2.1 AA) in headless Chromium against the real server: an axe-core audit of every panel the
// map's tab bar offers (the tab bar is the app's own panel list, so panels added later are audited too), the Tablero,
// the sign-in dialog, at desktop and phone size; the tab bar fits its side bar; the keyboard walk with a visible focus
// ring, MapLibre's controls operated from the keyboard; Escape closes a panel and gives focus back to its tab;
// <html lang> and MapLibre's control labels follow the language; the phone walk of the IMPLAN's site (home →
// Planeación → the map filtered by one eje → back) with an audit of every page on the way.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { MAP_PATH } from '@sigmun/domain/portal';
import { settle, useBrowserSuite } from '../support/browser.ts';
import { esMX } from '../../apps/web/src/i18n/es-MX.ts';
import { en } from '../../apps/web/src/i18n/en.ts';
// The panel ids of the app's tab bar, from its own source: panels added later are audited without editing this file.
import { PANELS as PANEL_IDS } from '../../apps/web/src/stores/ui-slice.ts';
import { pageTranslate } from '../../apps/server/src/pages/i18n/index.ts';

const ARTIFACTS = join(process.cwd(), 'tests', 'artifacts');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const DESKTOP: BrowserContextOptions = { viewport: { width: 1366, height: 800 } };
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };

const suite = useBrowserSuite('a11y_e2e', DESKTOP);

/** Serious and critical axe violations on the page as it is now, one line per rule with up to 4 offending nodes. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the page's CSP (script-src 'self') rightly refuses an inline <script>.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(`${AXE_SOURCE};0`);
  return page.evaluate(async () => {
    type Result = { violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown[]; failureSummary?: string }> }> };
    const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<Result> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')} — ${(n.failureSummary ?? '').split('\n').slice(1, 2).join('').trim()}`).join(' | ')}`);
  });
}

/** Waits until the open panel shows `tab`'s content (its lazy chunk loaded, no loading text) and the map is idle. */
async function panelShown(page: Page, tab: string): Promise<void> {
  const label = esMX[`panel.${tab}` as keyof typeof esMX];
  await page.waitForFunction(
    (l) => {
      const p = document.getElementById('panel');
      return !!p && p.getAttribute('aria-label') === l && !p.querySelector('.panel-body > p.muted:only-child');
    },
    label ?? '',
    { timeout: 30_000 },
  );
  await settle(page);
}



/** Every tab of the bar lies inside the bar and shows its whole label (none cut at the side bar's edge). */
async function tabsFit(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bar = document.querySelector('.tabs')!.getBoundingClientRect();
    const out: string[] = [];
    for (const tab of document.querySelectorAll<HTMLElement>('.tabs .tab')) {
      const r = tab.getBoundingClientRect();
      const label = tab.querySelector<HTMLElement>('.tab-label')!;
      const l = label.getBoundingClientRect();
      const inside = (b: DOMRect) => b.left >= bar.left - 0.5 && b.right <= bar.right + 0.5 && b.top >= bar.top - 0.5 && b.bottom <= bar.bottom + 0.5;
      if (!inside(r) || !inside(l) || l.left < r.left - 0.5 || l.right > r.right + 0.5 || label.scrollWidth > Math.ceil(l.width) + 1) out.push(`${tab.dataset.testid}: ${Math.round(l.left)}–${Math.round(l.right)} in ${Math.round(bar.left)}–${Math.round(bar.right)}`);
    }
    return out;
  });
}

/** Audits each panel of the tab bar in turn (the Tablero among them), then the sign-in dialog; violations by place. */
async function auditAllPanels(page: Page): Promise<{ tabs: string[]; found: Record<string, string[]> }> {
  const found: Record<string, string[]> = {};
  const record = async (where: string) => {
    const v = await seriousViolations(page);
    if (v.length) found[where] = v;
  };
  // A project picked from the list opens the info panel, so the info tab is part of the walk.
  await page.getByTestId('tab-proyectos').click();
  await panelShown(page, 'proyectos');
  await page.getByTestId('project-list').locator('[role="row"][data-id]').first().click();
  await panelShown(page, 'info');
  await page.getByTestId('feature-info').waitFor();
  const tabs = await page.locator('[data-testid^=tab-]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice(4)));
  for (const tab of tabs) {
    const button = page.getByTestId(`tab-${tab}`);
    if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
    await panelShown(page, tab);
    await record(tab);
  }
  await page.getByTestId('sign-in').click();
  await page.getByTestId('login-dialog').waitFor();
  await record('login-dialog');
  await page.keyboard.press('Escape');
  await page.getByTestId('login-dialog').waitFor({ state: 'detached' });
  return { tabs, found };
}


describe('axe-core audit of every panel', () => {
  it('desktop 1366×800: every tab fits the side bar; no serious or critical violation in any panel or dialog', async () => {
    const { page } = await suite.open('panel=capas', DESKTOP);
    // "Tabla" and the last tabs were cut at the 380 px side bar's edge: each tab and its label lie inside the bar.
    expect(await tabsFit(page)).toEqual([]);
    const { tabs, found } = await auditAllPanels(page);
    expect([...tabs].sort()).toEqual([...PANEL_IDS].sort());
    expect(tabs).toContain('tablero');
    expect(found).toEqual({});
    // With the info tab too (something picked), still every tab fits, in Spanish and in English.
    expect(await tabsFit(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'a11y-desktop-tabs.png'), clip: { x: 0, y: 0, width: 700, height: 300 } });
    await page.getByTestId('switch-lang').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await tabsFit(page)).toEqual([]);
  }, 300_000);

  it('phone 390×844: no serious or critical violation in any panel or dialog', async () => {
    const { page } = await suite.open('panel=capas', PHONE);
    // The bottom bar scrolls sideways: while tabs lie beyond its right edge a "more" chevron says so, and tapping
    // it brings the last tab fully into view.
    const last = page.locator('.tabs .tab').last();
    const lastInView = () => last.evaluate((el) => {
      const bar = el.closest('.tabs')!.getBoundingClientRect();
      const r = el.getBoundingClientRect();
      return r.left >= bar.left - 0.5 && r.right <= bar.right + 0.5;
    });
    if (!(await lastInView())) {
      const more = page.getByRole('button', { name: esMX['app.moreTabs'] });
      for (let i = 0; i < 10 && (await more.isVisible()); i++) {
        const ended = page.locator('.tabs-scroll').evaluate((el) => new Promise((r) => el.addEventListener('scrollend', () => r(null), { once: true })));
        await more.click();
        await ended;
        // The chevron shows exactly while something is left to the right (its state follows the scroll).
        await page.waitForFunction(() => {
          const el = document.querySelector('.tabs-scroll')!;
          return (el.scrollLeft + el.clientWidth >= el.scrollWidth - 2) === !document.querySelector('.tabs-more');
        });
      }
      await expect.poll(lastInView).toBe(true);
      await expect.poll(() => more.isVisible()).toBe(false);
    }
    const { tabs, found } = await auditAllPanels(page);
    expect([...tabs].sort()).toEqual([...PANEL_IDS].sort());
    expect(found).toEqual({});
    await page.screenshot({ path: join(ARTIFACTS, 'a11y-phone.png') });
  }, 300_000);
});

/** Share of pixels in the 12 px band around the element's edge (6 px out, 6 px in) coloured as the focus ring (#005fcc, ±40). */
async function focusRingShare(page: Page, selector: string): Promise<number> {
  const b = await page.evaluate((sel) => {
    const r = (sel === ':focus' ? document.activeElement : document.querySelector(sel))!.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  }, selector);
  const clip = { x: Math.max(0, b.x - 6), y: Math.max(0, b.y - 6), width: b.width + 12, height: b.height + 12 };
  const png = await page.screenshot({ clip });
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const g = c.getContext('2d')!;
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    let ring = 0;
    let band = 0;
    for (let y = 0; y < c.height; y++) {
      for (let x = 0; x < c.width; x++) {
        if (x >= 12 && x < c.width - 12 && y >= 12 && y < c.height - 12) continue;
        band++;
        const i = (y * c.width + x) * 4;
        if (Math.abs(d[i] - 0) < 40 && Math.abs(d[i + 1] - 95) < 40 && Math.abs(d[i + 2] - 204) < 40) ring++;
      }
    }
    return ring / band;
  }, png.toString('base64'));
}

describe('keyboard', () => {
  it('Tab reaches the search, every tab, the map and MapLibre’s controls, each with a visible focus ring', async () => {
    const { page } = await suite.open('panel=capas', DESKTOP);
    // With the panel closed the walk goes header → tabs → map → MapLibre's controls.
    await page.getByTestId('panel').getByRole('button', { name: esMX['app.close'] }).click();
    await page.getByTestId('panel').waitFor({ state: 'detached' });
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const tabs = await page.locator('[data-testid^=tab-]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!));
    const seen: Array<{ key: string; ring: number }> = [];
    const wanted = ['search', ...tabs, 'zoom-in', 'zoom-out', 'attrib', 'map'];
    for (let i = 0; i < 80 && !wanted.every((w) => seen.some((s) => s.key === w)); i++) {
      await page.keyboard.press('Tab');
      const key = await page.evaluate(() => {
        const a = document.activeElement as HTMLElement | null;
        if (!a || a === document.body) return 'body';
        if (a.matches('.maplibregl-ctrl-zoom-in')) return 'zoom-in';
        if (a.matches('.maplibregl-ctrl-zoom-out')) return 'zoom-out';
        if (a.matches('.maplibregl-ctrl-attrib-button')) return 'attrib';
        if (a.matches('.maplibregl-canvas')) return 'map';
        if (a.matches('input[type=search], [role=combobox]')) return 'search';
        return a.getAttribute('data-testid') ?? `${a.tagName.toLowerCase()}.${a.className}`;
      });
      if (wanted.includes(key) && !seen.some((s) => s.key === key)) seen.push({ key, ring: await focusRingShare(page, ':focus') });
    }
    expect(seen.map((s) => s.key).sort()).toEqual([...wanted].sort());
    // The ring is drawn: a 3 px outline fills a good part of the 12 px band along the edge (none without focus).
    expect(seen.filter((s) => s.ring < 0.1)).toEqual([]);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    expect(await focusRingShare(page, '.maplibregl-ctrl-zoom-in')).toBeLessThan(0.01);
  }, 180_000);

  it('MapLibre’s controls and the map itself work from the keyboard: zoom buttons, attribution toggle, +/− and arrows on the map', async () => {
    const { page } = await suite.open('v=12/29.07/-110.95&panel=capas', DESKTOP);
    const view = () => page.evaluate(() => /v=([\d.]+)\/([-\d.]+)\/([-\d.]+)/.exec(location.hash)!.slice(1).map(Number));
    await page.locator('.maplibregl-ctrl-zoom-in').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /(^#|&)v=13(\.0+)?\//.test(location.hash), null, { timeout: 15_000 });
    await page.locator('.maplibregl-ctrl-zoom-out').focus();
    await page.keyboard.press(' ');
    await page.waitForFunction(() => /(^#|&)v=12(\.0+)?\//.test(location.hash), null, { timeout: 15_000 });
    // The attribution button opens and closes the credits (what a person reads: the credits' text shows).
    const attrib = page.locator('.maplibregl-ctrl-attrib');
    const shown = () => attrib.evaluate((el) => el.classList.contains('maplibregl-compact-show'));
    const before = await shown();
    await page.locator('.maplibregl-ctrl-attrib-button').focus();
    await page.keyboard.press('Enter');
    await expect.poll(shown).toBe(!before);
    await page.keyboard.press('Enter');
    await expect.poll(shown).toBe(before);
    // The map canvas: "+" zooms in, an arrow pans (MapLibre's keyboard handler).
    await page.locator('.maplibregl-canvas').focus();
    await page.keyboard.press('Equal');
    await expect.poll(async () => (await view())[0], { timeout: 15_000 }).toBeGreaterThan(12.5);
    const [, , lon] = await view();
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await view())[2], { timeout: 15_000 }).toBeGreaterThan(lon);
  });

  it('Escape closes the open panel and gives focus back to the tab that opened it', async () => {
    const { page } = await suite.open('panel=capas', DESKTOP);
    await page.getByTestId('tab-herramientas').focus();
    await page.keyboard.press('Enter');
    await panelShown(page, 'herramientas');
    await page.getByTestId('tool-line').focus();
    await page.keyboard.press('Escape');
    await page.getByTestId('panel').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('tab-herramientas');
    expect(await page.getByRole('heading', { name: esMX['panel.herramientas'] }).count()).toBe(0);
    // The sign-in dialog too: Escape closes it and focus is back on "Iniciar sesión".
    await page.getByTestId('sign-in').click();
    await page.getByTestId('login-dialog').locator('input[name=email]').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('login-dialog').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('sign-in');
  });
});

describe('language', () => {
  it('<html lang> and MapLibre’s control labels follow the language switch', async () => {
    const { page } = await suite.open('panel=capas', DESKTOP);
    const state = () =>
      page.evaluate(() => ({
        lang: document.documentElement.lang,
        zoomIn: document.querySelector('.maplibregl-ctrl-zoom-in')?.getAttribute('aria-label'),
        zoomOut: document.querySelector('.maplibregl-ctrl-zoom-out')?.getAttribute('title'),
        attrib: document.querySelector('.maplibregl-ctrl-attrib-button')?.getAttribute('aria-label'),
      }));
    expect(await state()).toEqual({ lang: 'es-MX', zoomIn: esMX['a11y.map.zoomIn'], zoomOut: esMX['a11y.map.zoomOut'], attrib: esMX['a11y.map.attribution'] });
    await page.getByTestId('switch-lang').click();
    await expect.poll(state).toEqual({ lang: 'en', zoomIn: en['a11y.map.zoomIn'], zoomOut: en['a11y.map.zoomOut'], attrib: en['a11y.map.attribution'] });
    // What a person reads: the tab text changed too.
    expect((await page.getByTestId('tab-capas').textContent())?.trim()).toBe(en['tab.capas']);
  });
});

describe('the IMPLAN site on a phone', () => {
  it('390×844: home → Planeación → the map filtered by one eje (only its projects) → back home, each page audited', async () => {
    const { page } = await suite.page(PHONE);
    const audits: Record<string, string[]> = {};
    const audit = async (where: string) => {
      const v = await seriousViolations(page);
      if (v.length) audits[where] = v;
    };
    const h1 = () => page.locator('h1').first().innerText();
    await page.goto(`${suite.server.url}/`);
    await page.locator('h1').first().waitFor();
    await audit('home');
    const home = await h1();
    // The home page's own link to the section (its card), as a person taps it.
    const planeacion = pageTranslate('es', 'nav.planeacion');
    await page.locator('main').getByRole('link', { name: planeacion, exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/planeacion');
    await page.locator('a[data-eje]').first().waitFor();
    await audit('planeacion');
    const plan = await h1();
    // The first eje's "see on the map" link; the projects of that eje come from the database, not from the page.
    const link = page.locator('a[data-eje]').first();
    const eje = Number(await link.getAttribute('data-eje'));
    const pool = new pg.Pool({ connectionString: suite.server.db.url, max: 1 });
    const { rows } = await pool.query<{ eje: string; programas: string[]; n: number; others: string[] }>(
      `SELECT e.nombre AS eje,
              array_agg(DISTINCT pr.nombre) FILTER (WHERE pr.eje_id = e.id) AS programas,
              count(p.id) FILTER (WHERE pr.eje_id = e.id)::int AS n,
              (SELECT array_agg(DISTINCT o.nombre) FROM plan.programas o WHERE o.eje_id <> e.id) AS others
         FROM plan.ejes e, plan.projects p JOIN plan.programas pr ON pr.id = p.programa_id
        WHERE e.id = $1 GROUP BY e.id, e.nombre`,
      [eje],
    );
    await pool.end();
    const want = rows[0]!;
    expect(want.n).toBeGreaterThan(0);
    expect(await link.innerText()).toContain(want.eje);
    await link.scrollIntoViewIfNeeded();
    await link.click();
    await page.waitForURL((u) => u.pathname === MAP_PATH);
    await settle(page);
    await panelShown(page, 'proyectos');
    const list = page.getByTestId('project-list');
    await list.locator('[role="row"][data-id]').first().waitFor();
    // What a person reads: the eje filter names the eje, the count is that eje's, every listed programa is one of its.
    const ejeSelect = page.getByTestId('panel').locator('label.field', { hasText: esMX['projects.eje'] }).locator('select');
    expect(await ejeSelect.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent)).toBe(want.eje);
    await expect.poll(() => page.getByTestId('panel').getByText(esMX['projects.count'].replace('{n}', String(want.n)), { exact: true }).isVisible()).toBe(true);
    const shown = await list.locator('[role="row"][data-id] [role="gridcell"][aria-colindex="3"]').allInnerTexts();
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.map((x) => x.trim()).filter((x) => !want.programas.includes(x))).toEqual([]);
    expect(shown.some((x) => want.others.includes(x.trim()))).toBe(false);
    // The same eje's projects the API answers: its count, and every listed project's name is one of them.
    const api = await suite.api<{ total: number; items: Array<{ nombre: string }> }>(`/api/projects?eje=${eje}&limit=1000`);
    expect(api.total).toBe(want.n);
    const names = await list.locator('[role="row"][data-id] [role="gridcell"][aria-colindex="1"]').allInnerTexts();
    expect(names.length).toBe(shown.length);
    expect(names.map((x) => x.trim()).filter((x) => !api.items.some((p) => p.nombre === x))).toEqual([]);
    await audit('mapa');
    // The map's header leads home (a visible link); the browser's back goes to Planeación and then home.
    const homeLink = page.locator('.header a.home-link');
    expect(await homeLink.isVisible()).toBe(true);
    expect(new URL(await homeLink.evaluate((a: HTMLAnchorElement) => a.href)).pathname).toBe('/');
    await page.goBack();
    await page.waitForURL((u) => u.pathname === '/planeacion');
    expect(await h1()).toBe(plan);
    expect(await page.locator('a[data-eje]').first().isVisible()).toBe(true);
    // The page as the browser brings it back (possibly from its back-forward cache) is audited again.
    await audit('planeacion (back)');
    await page.goBack();
    await page.waitForURL((u) => u.pathname === '/');
    expect(await h1()).toBe(home);
    expect(audits).toEqual({});
  }, 180_000);
});
