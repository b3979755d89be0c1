import { describe, expect, it } from 'vitest';
import { validateStyleMin, type StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { LAYERS } from '@sigmun/domain/layers';
import { basemapStyle, cartographyStyle, indicatorStyle, LEVEL_LAYERS } from './documents.ts';
import { CATALOG_LAYER } from './cartography.ts';
import { LEGEND } from './choropleth.ts';
import { styleRuleViolations } from './rules.ts';
import { RAMP_NAMES, rampColors } from './palette.ts';

const ORIGIN = 'http://sig.example.gob.mx:8080';

const indicator = (ramp = RAMP_NAMES[0]) =>
  indicatorStyle(ORIGIN, {
    code: 'pob_total',
    title: 'Población total',
    level: 'ageb',
    year: 2020,
    method: 'quantile',
    breaks: [0, 10, 20, 30],
    counts: [2, 1, 1],
    values: [
      { clave: 'A', valor: 0 },
      { clave: 'B', valor: 10 },
      { clave: 'C', valor: 10.5 },
      { clave: 'D', valor: 30 },
      { clave: 'E', valor: null },
    ],
    ramp,
  });

const documents: Array<[string, StyleSpecification]> = [
  ['basemap claro', basemapStyle(ORIGIN)],
  ['basemap gris', basemapStyle(ORIGIN, { theme: 'gris', view: { center: [-99.1, 19.4], zoom: 11 } })],
  ['cartografia', cartographyStyle(ORIGIN)],
  ...RAMP_NAMES.map((r) => [`indicador ${r}`, indicator(r)] as [string, StyleSpecification]),
];

describe('style documents', () => {
  for (const [name, style] of documents) {
    it(`${name} passes the MapLibre style validator`, () => {
      expect(validateStyleMin(style).map((e) => e.message)).toEqual([]);
    });
    it(`${name} keeps our rules (symbol labels, palette colours, served fonts, same-origin URLs)`, () => {
      expect(styleRuleViolations(style, ORIGIN)).toEqual([]);
    });
  }

  it('reads the basemap from the PMTiles archive on the request origin', () => {
    const style = basemapStyle(ORIGIN);
    const sources = Object.values(style.sources) as Array<{ url?: string }>;
    expect(sources.map((s) => s.url)).toEqual([`pmtiles://${ORIGIN}/tiles/basemap.pmtiles`]);
    expect(style.glyphs).toBe(`${ORIGIN}/fonts/{fontstack}/{range}.pbf`);
    expect(style.sprite).toBe(`${ORIGIN}/sprites/sigmun`);
  });

  it('never names the municipal polygon, and area labels elsewhere keep their distance from repeats', () => {
    for (const [name, style] of documents) {
      const symbols = style.layers.filter((l) => l.type === 'symbol') as Array<{ id: string; 'source-layer'?: string; layout?: Record<string, unknown> }>;
      expect(symbols.filter((l) => l['source-layer'] === 'municipio').map((l) => l.id), name).toEqual([]);
      for (const l of symbols.filter((x) => x['source-layer'] === 'colonias' || x['source-layer'] === 'localidades')) {
        expect(Number(l.layout?.['text-padding']), `${name} ${l.id}`).toBeGreaterThanOrEqual(20);
      }
    }
  });

  it('draws every source layer of the basemap archive', () => {
    const used = new Set(basemapStyle(ORIGIN).layers.map((l) => ('source-layer' in l ? l['source-layer'] : undefined)));
    for (const sl of ['municipio', 'localidades', 'colonias', 'manzanas', 'vialidades', 'equipamiento']) expect(used.has(sl), sl).toBe(true);
  });

  it('gives every catalog layer its TileJSON source and at least one style layer', () => {
    const style = cartographyStyle(ORIGIN);
    for (const l of LAYERS) {
      const src = style.sources[`capa-${l.id}`] as { url?: string } | undefined;
      expect(src?.url, l.id).toBe(`${ORIGIN}/tiles/${l.id}.json`);
      const own = style.layers.filter((sl) => (sl.metadata as Record<string, unknown> | undefined)?.[CATALOG_LAYER] === l.id);
      expect(own.length, l.id).toBeGreaterThan(0);
      const shown = own.every((sl) => (('layout' in sl ? sl.layout : undefined) as { visibility?: string } | undefined)?.visibility === (l.style.visible ? 'visible' : 'none'));
      expect(shown, l.id).toBe(true);
    }
  });

  it('colours each unit by the class its value falls in, and the rest as no data', () => {
    const style = indicator('ylgnbu');
    const fill = style.layers.find((l) => l.id === 'indicador-pob_total-relleno')!;
    expect('source-layer' in fill && fill['source-layer']).toBe(LEVEL_LAYERS.ageb);
    const expr = (fill as { paint: { 'fill-color': unknown[] } }).paint['fill-color'];
    const colors = rampColors('ylgnbu', 3);
    // Class i holds breaks[i] < v ≤ breaks[i+1] (the first also its minimum): A, B → 0; C → 1; D → 2.
    const colourOf = (key: string) => {
      for (let i = 2; i < expr.length - 1; i += 2) if ((expr[i] as string[]).includes(key)) return expr[i + 1];
      return expr[expr.length - 1];
    };
    expect([colourOf('A'), colourOf('B'), colourOf('C'), colourOf('D')]).toEqual([colors[0], colors[0], colors[1], colors[2]]);
    expect(colourOf('E')).not.toBe(colors[0]);
    const legend = (fill.metadata as Record<string, Array<{ color: string; count: number }>>)[LEGEND];
    expect(legend.map((c) => c.color)).toEqual(colors);
    expect(legend.map((c) => c.count)).toEqual([2, 1, 1]);
  });

  it('puts the choropleth under the streets and labels of the basemap', () => {
    const ids = indicator().layers.map((l) => l.id);
    expect(ids.indexOf('indicador-pob_total-relleno')).toBeGreaterThan(ids.indexOf('base-manzanas'));
    expect(ids.indexOf('indicador-pob_total-relleno')).toBeLessThan(ids.indexOf('base-calles-local'));
    expect(ids.indexOf('indicador-pob_total-relleno')).toBeLessThan(ids.indexOf('base-calles-etiquetas'));
  });

  it('draws the fills hinted fillUnderStreets above the ground and under block outlines and streets, the rest under the labels only', () => {
    const ids = cartographyStyle(ORIGIN).layers.map((l) => l.id);
    const under = LAYERS.filter((l) => l.style.fillUnderStreets).map((l) => `${l.id}-relleno`);
    expect(under.length).toBeGreaterThan(0);
    for (const id of under) {
      expect(ids.indexOf(id), id).toBeGreaterThan(ids.indexOf('base-manzanas'));
      expect(ids.indexOf(id), id).toBeLessThan(ids.indexOf('base-manzanas-borde'));
      expect(ids.indexOf(id), id).toBeLessThan(ids.indexOf('base-calles-local'));
    }
    const other = LAYERS.find((l) => l.style.fill && !l.style.fillUnderStreets)!;
    expect(ids.indexOf(`${other.id}-relleno`)).toBeGreaterThan(ids.indexOf('base-calles-carretera'));
    expect(ids.indexOf(`${other.id}-relleno`)).toBeLessThan(ids.indexOf('base-calles-etiquetas'));
  });
});
