// Accessibility (WCAG 2.1 AA) in headless Chromium against the real server: an axe-core audit of every panel the
// page offers (the tab bar is the app's own panel list, so panels added later are audited too) and of its dialogs,
// at desktop and phone size; the keyboard walk with a visible focus ring (MapLibre's controls included); Escape
// closes a panel and gives focus back to its tab; <html lang> and MapLibre's control labels follow the language.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { settle, useBrowserSuite } from '../support/browser.ts';
import { esMX } from '../../apps/web/src/i18n/es-MX.ts';
import { en } from '../../apps/web/src/i18n/en.ts';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const DESKTOP: BrowserContextOptions = { viewport: { width: 1366, height: 800 } };
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };

const suite = useBrowserSuite('a11y_e2e', DESKTOP);

/** Serious and critical axe violations on the page as it is now, one line per rule with up to 4 offending nodes. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the page's CSP (script-src 'self') rightly refuses an inline <script>.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(`${AXE_SOURCE};0`);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(' | ')}`);
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

/** Audits each panel of the tab bar in turn, then the sign-in dialog, on one page; returns violations by place. */
async function auditAllPanels(page: Page): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  const record = async (where: string) => {
    const v = await seriousViolations(page);
    if (v.length) found[where] = v;
  };
  // A project picked from the list opens the info panel, so the info tab is part of the walk.
  await page.getByTestId('tab-proyectos').click();
  await panelShown(page, 'proyectos');
  await page.locator('.project-list li button').first().click();
  await panelShown(page, 'info');
  await page.getByTestId('feature-info').waitFor();
  const tabs = await page.locator('[data-testid^=tab-]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice(4)));
  expect(tabs.length).toBeGreaterThanOrEqual(8);
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
  return found;
}

describe('axe-core audit of every panel', () => {
  it('desktop 1366×800: no serious or critical violation in any panel or dialog', async () => {
    const { page } = await suite.open('panel=capas', DESKTOP);
    expect(await auditAllPanels(page)).toEqual({});
  }, 300_000);

  it('phone 390×844: no serious or critical violation in any panel or dialog', async () => {
    const { page } = await suite.open('panel=capas', PHONE);
    expect(await auditAllPanels(page)).toEqual({});
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
  it('Tab reaches the search, the tabs, the panel and MapLibre’s controls, each with a visible focus ring', async () => {
    const { page } = await suite.open('panel=capas', DESKTOP);
    // With the panel closed the walk goes header → tabs → map → MapLibre's controls.
    await page.getByTestId('panel').getByRole('button', { name: esMX['app.close'] }).click();
    await page.getByTestId('panel').waitFor({ state: 'detached' });
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const seen: Array<{ key: string; ring: number }> = [];
    const wanted = ['search', 'tab-capas', 'tab-herramientas', 'zoom-in', 'zoom-out', 'attrib', 'map'];
    for (let i = 0; i < 60 && !wanted.every((w) => seen.some((s) => s.key === w)); i++) {
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
    // The ring is drawn: a 3 px outline fills a quarter of the 12 px band along the edge (none without focus).
    expect(seen.filter((s) => s.ring < 0.1)).toEqual([]);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    expect(await focusRingShare(page, '.maplibregl-ctrl-zoom-in')).toBeLessThan(0.01);
  }, 180_000);

  it('MapLibre’s zoom button works from the keyboard (Enter zooms the map in)', async () => {
    const { page } = await suite.open('v=12/29.07/-110.95&panel=capas', DESKTOP);
    await page.locator('.maplibregl-ctrl-zoom-in').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /(^#|&)v=13(\.0+)?\//.test(location.hash), null, { timeout: 15_000 });
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
