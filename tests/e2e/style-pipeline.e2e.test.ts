// One style pipeline: the map the page draws is the published style. The page's layers, read back from the live
// map (`map.getStyle()`), carry the same paint, layout, filters and zooms as /styles/cartografia.json and
// /styles/basemap.json for the same layers, and the page's choropleth uses exactly the colours and classes of
// /styles/indicador.json for the same indicator.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { LayerSpecification, StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { LAYERS } from '@sigmun/domain/layers';
import { LEGEND } from '@sigmun/styles/choropleth';
import { settle, useBrowserSuite } from '../support/browser.ts';

const suite = useBrowserSuite('style_pipeline_e2e', { viewport: { width: 1280, height: 800 } });

/** The page's live style, as MapLibre holds it after the page has drawn. */
function pageStyle(page: Page): Promise<StyleSpecification> {
  return page.evaluate(() => {
    const el = document.querySelector('[data-testid=map]') as HTMLElement & { maplibreMap?: { getStyle(): unknown } };
    return JSON.parse(JSON.stringify(el.maplibreMap!.getStyle()));
  }) as Promise<StyleSpecification>;
}

/** What a layer draws: everything but its id, source and on/off switch. */
function drawn(l: LayerSpecification) {
  const layout = { ...(('layout' in l ? l.layout : undefined) ?? {}) } as Record<string, unknown>;
  delete layout.visibility;
  return {
    type: l.type,
    'source-layer': 'source-layer' in l ? l['source-layer'] : undefined,
    minzoom: l.minzoom,
    maxzoom: l.maxzoom,
    filter: 'filter' in l ? l.filter : undefined,
    layout,
    paint: ('paint' in l ? l.paint : undefined) ?? {},
  };
}

/** Every colour literal inside a paint expression. */
function colours(v: unknown, out = new Set<string>()): Set<string> {
  if (typeof v === 'string' && /^#[0-9a-f]{6}$/i.test(v)) out.add(v.toLowerCase());
  else if (Array.isArray(v)) v.forEach((x) => colours(x, out));
  return out;
}

describe('the page draws the published styles', () => {
  it('every catalog overlay and basemap layer on the page equals its published layer', async () => {
    const ids = LAYERS.map((l) => l.id).join(',');
    const { page } = await suite.open(`l=${ids}`);
    await settle(page);
    const live = await pageStyle(page);
    const published = await suite.api<StyleSpecification>('/styles/cartografia.json');
    const byId = new Map(published.layers.map((l) => [l.id, l]));
    const overlays = live.layers.filter((l) => l.id.startsWith('ov:') && !l.id.includes('-seleccion-'));
    // Every catalog entry is on the page, each with at least its published layers.
    for (const l of LAYERS) expect(overlays.some((o) => (o.metadata as Record<string, unknown>)?.['sigmun:layer'] === l.id), l.id).toBe(true);
    for (const o of overlays) {
      const p = byId.get(o.id.slice('ov:'.length));
      expect(p, o.id).toBeDefined();
      expect(drawn(o), o.id).toEqual(drawn(p!));
    }
    // Icons, labels and group counts are drawn on the page too, not only circles.
    expect(overlays.map((o) => o.id)).toEqual(expect.arrayContaining(['ov:proyectos-iconos', 'ov:equipamiento-iconos', 'ov:proyectos-grupos-etiqueta']));
    const basemap = await suite.api<StyleSpecification>('/styles/basemap.json');
    const liveBase = new Map(live.layers.map((l) => [l.id, l]));
    for (const b of basemap.layers) {
      expect(liveBase.has(b.id), b.id).toBe(true);
      expect(drawn(liveBase.get(b.id)!), b.id).toEqual(drawn(b));
    }
  }, 180_000);

  it('the page choropleth uses the published indicator style’s colours, classes and counts', async () => {
    const { indicators } = await suite.api<{ indicators: Array<{ code: string; niveles: string[]; anios: number[]; mayor_es_mejor?: boolean | null }> }>('/api/indicators');
    const ind = indicators.find((i) => i.niveles.includes('ageb') && i.anios.includes(2020) && i.mayor_es_mejor !== false);
    expect(ind).toBeDefined();
    const { page } = await suite.open('panel=indicadores');
    await page.getByTestId('indicator-select').selectOption(ind!.code);
    await page.getByTestId('class-legend').waitFor();
    await settle(page);
    const live = await pageStyle(page);
    const fill = live.layers.find((l) => l.id === 'choro-relleno');
    expect(fill).toBeDefined();
    const published = await suite.api<StyleSpecification>(`/styles/indicador.json?code=${ind!.code}&level=ageb&year=2020&method=quantile&classes=5`);
    const pubFill = published.layers.find((l) => l.id === `indicador-${ind!.code}-relleno`)!;
    const legend = (pubFill.metadata as Record<string, Array<{ from: number; to: number; color: string; count: number }>>)[LEGEND];
    const noData = colours((pubFill as { paint: Record<string, unknown> }).paint['fill-color']);
    const pageColours = colours((fill as { paint: Record<string, unknown> }).paint['fill-color']);
    // The same ramp: the class colours of the published legend, plus the same no-data colour.
    expect([...pageColours].sort()).toEqual([...noData].sort());
    expect(new Set(legend.map((c) => c.color))).toEqual(new Set([...pageColours].filter((c) => legend.some((r) => r.color === c))));
    // And the legend a person reads on the page is the published legend, row by row.
    const rows = await page.getByTestId('legend-class').evaluateAll((els) =>
      els.map((e) => ({ from: Number(e.getAttribute('data-from')), to: Number(e.getAttribute('data-to')), count: Number(e.getAttribute('data-count')), color: e.querySelector('[data-color]')?.getAttribute('data-color') ?? '' })),
    );
    expect(rows).toEqual(legend.map((c) => ({ from: c.from, to: c.to, count: c.count, color: c.color })));
    expect((fill as { paint: Record<string, unknown> }).paint['fill-opacity']).toEqual((pubFill as { paint: Record<string, unknown> }).paint['fill-opacity']);
  }, 180_000);
});
