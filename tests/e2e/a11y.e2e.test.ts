// Accessibility (WCAG 2.1 AA) in headless Chromium against the real server: MapLibre's zoom button works from the
// keyboard; Escape closes a panel (or the sign-in dialog) and gives focus back to what opened it; <html lang> and
// MapLibre's control labels follow the language.
import { describe, expect, it } from 'vitest';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { settle, useBrowserSuite } from '../support/browser.ts';
import { esMX } from '../../apps/web/src/i18n/es-MX.ts';
import { en } from '../../apps/web/src/i18n/en.ts';

const DESKTOP: BrowserContextOptions = { viewport: { width: 1366, height: 800 } };

const suite = useBrowserSuite('a11y_e2e', DESKTOP);


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



describe('keyboard', () => {
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
