// Complete MapLibre style documents. Every URL in them is built from the origin the request came in on, so the
// same document works on localhost, behind a proxy or on any port, and nothing is fetched from another host.
import type { LayerSpecification, SourceSpecification, StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { LAYERS, type LayerDefinition } from '@sigmun/domain/layers';
import { BASEMAP_PART, basemapLayers, isGround } from './basemap.ts';
import { cartographyLayers, catalogSourceId, sortCatalog, underStreets } from './cartography.ts';
import { choroplethLayers, matchColorByKey } from './choropleth.ts';
import { classColors, legendClasses, type LegendClass } from './classes.ts';
import { THEMES, type RampName, type ThemeName } from './palette.ts';
import { SPRITE_NAME } from './sprites/names.ts';

/** The style documents the server publishes at /styles/{name}.json. */
export const STYLE_NAMES = ['basemap', 'cartografia', 'indicador'] as const;
export type StyleName = (typeof STYLE_NAMES)[number];

/** Source id of the basemap archive in every document. */
export const BASEMAP_SOURCE = 'mapa-base';

/** An initial view; omitted, the client chooses one. */
export interface View {
  center: [number, number];
  zoom: number;
}

/** Glyph URL template on `origin`. */
export function glyphsUrl(origin: string): string {
  return `${origin}/fonts/{fontstack}/{range}.pbf`;
}

/** Sprite base URL on `origin` (MapLibre adds .json, .png and @2x). */
export function spriteUrl(origin: string): string {
  return `${origin}/sprites/${SPRITE_NAME}`;
}

/** The basemap archive as a vector source through the `pmtiles://` protocol the client registers. */
export function basemapSource(origin: string): SourceSpecification {
  return {
    type: 'vector',
    url: `pmtiles://${origin}/tiles/basemap.pmtiles`,
    attribution: 'INEGI, IMPLAN — mapa base propio',
  };
}

/** A catalog layer's vector source, described by its TileJSON. */
export function catalogSource(origin: string, layer: LayerDefinition): SourceSpecification {
  return { type: 'vector', url: `${origin}/tiles/${layer.id}.json`, attribution: layer.attribution, promoteId: layer.source.keyColumn };
}

function document(name: string, origin: string, sources: Record<string, SourceSpecification>, layers: LayerSpecification[], view?: View, metadata: Record<string, unknown> = {}): StyleSpecification {
  return {
    version: 8,
    name,
    metadata: { 'sigmun:style': name, ...metadata },
    ...(view ? { center: view.center, zoom: view.zoom } : {}),
    glyphs: glyphsUrl(origin),
    sprite: spriteUrl(origin),
    sources,
    layers,
  };
}

/** The municipal basemap from tiles/basemap.pmtiles. */
export function basemapStyle(origin: string, opts: { theme?: ThemeName; view?: View } = {}): StyleSpecification {
  const theme = THEMES[opts.theme ?? 'claro'];
  return document(`SIG Municipal — mapa base (${theme.name})`, origin, { [BASEMAP_SOURCE]: basemapSource(origin) }, basemapLayers(BASEMAP_SOURCE, theme), opts.view);
}

/** Basemap plus every catalog layer from its vector tile endpoint, hidden ones with visibility none. */
export function cartographyStyle(origin: string, opts: { catalog?: ReadonlyArray<LayerDefinition>; view?: View } = {}): StyleSpecification {
  const catalog = opts.catalog ?? LAYERS;
  const sources: Record<string, SourceSpecification> = { [BASEMAP_SOURCE]: basemapSource(origin) };
  for (const l of sortCatalog(catalog)) sources[catalogSourceId(l)] = catalogSource(origin, l);
  // Catalog layers go between the basemap's streets and its labels, so place and street names stay readable.
  const base = basemapLayers(BASEMAP_SOURCE);
  // Fills hinted `fillUnderStreets` go right above the ground, under block outlines and streets.
  const cut = base.findIndex((l) => (l.metadata as Record<string, unknown> | undefined)?.[BASEMAP_PART] === 'labels');
  const ground = base.findLastIndex(isGround) + 1;
  const layers = cartographyLayers(catalog);
  return document(
    'SIG Municipal — cartografía',
    origin,
    sources,
    [...base.slice(0, ground), ...layers.filter(underStreets), ...base.slice(ground, cut), ...layers.filter((l) => !underStreets(l)), ...base.slice(cut)],
    opts.view,
  );
}

/** Catalog layer drawing each statistical level. */
export const LEVEL_LAYERS: Record<'manzana' | 'ageb' | 'colonia' | 'localidad', string> = {
  manzana: 'manzanas',
  ageb: 'agebs',
  colonia: 'colonias',
  localidad: 'localidades',
};

export interface IndicatorStyleOptions {
  code: string;
  title: string;
  level: keyof typeof LEVEL_LAYERS;
  year: number;
  method: string;
  /** classes + 1 edges, as /api/indicators/{code}/breaks returns them. */
  breaks: readonly number[];
  counts: readonly number[];
  values: ReadonlyArray<{ clave: string; valor: number | null }>;
  ramp: RampName;
  view?: View;
}

/**
 * A choropleth of one indicator at one level and year over the grey basemap: units coloured by the server's
 * breaks, drawn between the basemap's ground and its streets and labels; the legend travels in the metadata.
 */
export function indicatorStyle(origin: string, o: IndicatorStyleOptions): StyleSpecification {
  const layer = LAYERS.find((l) => l.id === LEVEL_LAYERS[o.level]);
  if (!layer) throw new Error(`el catálogo no tiene la capa del nivel ${o.level}`);
  const legend: LegendClass[] = legendClasses(o.breaks, o.counts, classColors(o.ramp, Math.max(0, o.breaks.length - 1)));
  const source = catalogSourceId(layer);
  const base = basemapLayers(BASEMAP_SOURCE, THEMES.gris);
  const cut = base.findIndex((l) => (l.metadata as Record<string, unknown> | undefined)?.[BASEMAP_PART] !== 'base');
  const choropleth = choroplethLayers({
    id: `indicador-${o.code}`,
    source,
    sourceLayer: layer.id,
    color: matchColorByKey(layer.source.keyColumn, o.values, o.breaks, o.ramp),
    legend,
    minzoom: layer.minzoom,
  });
  return document(
    `SIG Municipal — ${o.title} (${o.year})`,
    origin,
    { [BASEMAP_SOURCE]: basemapSource(origin), [source]: catalogSource(origin, layer) },
    [...base.slice(0, cut), ...choropleth, ...base.slice(cut)],
    o.view,
    { 'sigmun:indicator': { code: o.code, title: o.title, level: o.level, year: o.year, method: o.method, ramp: o.ramp, breaks: o.breaks, legend } },
  );
}
