// MapLibre layers for the catalog's overlays, the choropleths and the tools, as pure functions of their inputs.
// The legend is read back from the same specifications, so it always matches what is drawn.
import type { ExpressionSpecification, LayerSpecification, SourceSpecification, StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { LayerInfo } from '../api/types.ts';

export const OVERLAY_PREFIX = 'ov:';
export const PROJECTS_LAYER = 'proyectos';
export const PROPOSALS_LAYER = 'propuestas';
export const ZONES_LAYER = 'participacion_zonas';

/** Tile layer of each indicator level (its key column comes from the catalog). */
export const LEVEL_LAYERS: Record<string, string> = { ageb: 'agebs', colonia: 'colonias', localidad: 'localidades', manzana: 'manzanas' };

export interface LegendEntry {
  label: string;
  /** Message key to translate instead of `label` (category values such as a status). */
  labelKey?: string;
  color: string;
  /** Outline of a fill swatch (an area drawn with both a fill and a line). */
  stroke?: string;
  shape: 'fill' | 'line' | 'circle';
}

const matchColor = (prop: string, values: ReadonlyArray<{ value: string | number; color?: string }>, fallback: string): ExpressionSpecification =>
  ['match', ['to-string', ['get', prop]], ...values.flatMap((v) => [String(v.value), v.color ?? fallback]), fallback] as unknown as ExpressionSpecification;

/** The source id of a catalog layer. */
export const sourceId = (id: string) => `${OVERLAY_PREFIX}${id}`;

/** A vector source for a catalog layer, with its key promoted to the feature id (for feature-state). */
export function overlaySource(l: LayerInfo, origin: string, attribution: string | null = l.attribution || null): SourceSpecification {
  return {
    type: 'vector',
    tiles: [decodeURI(new URL(l.tiles, origin).href)],
    minzoom: l.minzoom,
    maxzoom: Math.min(l.maxzoom, 16),
    attribution: attribution ?? undefined,
    promoteId: { [l.id]: l.keyColumn },
  } as SourceSpecification;
}

/** The style with every source credited to `attribution` (demo data are credited to their generator). */
export function withAttribution(style: StyleSpecification, attribution: string): StyleSpecification {
  const sources = Object.fromEntries(Object.entries(style.sources).map(([id, s]) => [id, { ...s, attribution }])) as StyleSpecification['sources'];
  return { ...style, sources };
}

/** Colour of a catalog layer for one paint kind: categorical when the catalog says `colorBy`, else its hint. */
export function layerColor(l: LayerInfo, kind: 'fill' | 'line' | 'circle'): string | ExpressionSpecification {
  const hint = l.style[kind] ?? l.style.fill ?? l.style.line ?? l.style.circle ?? '#0b7285';
  const by = l.style.colorBy ? l.properties.find((p) => p.name === l.style.colorBy) : undefined;
  if (by?.values?.some((v) => v.color)) return matchColor(by.name, by.values, hint);
  return hint;
}

/** Paint properties that carry a layer's opacity, with the catalog's base value (user opacity multiplies it). */
export function baseOpacities(spec: LayerSpecification, l: LayerInfo): Record<string, number> {
  if (spec.type === 'fill') return { 'fill-opacity': l.style.fillOpacity ?? 0.35 };
  if (spec.type === 'line') return { 'line-opacity': 1 };
  if (spec.type === 'circle') return { 'circle-opacity': 1, 'circle-stroke-opacity': 1 };
  return {};
}

/** The drawn layers of a catalog entry (ids `ov:<id>:<kind>`), styled from its hints and its data's categories. */
export function overlayLayers(l: LayerInfo): LayerSpecification[] {
  const base = { source: sourceId(l.id), 'source-layer': l.id, minzoom: l.minzoom };
  const id = (kind: string) => `${OVERLAY_PREFIX}${l.id}:${kind}`;
  const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];
  const lineWidth = l.style.lineWidth ?? 1;
  const count: ExpressionSpecification = ['to-number', ['coalesce', ['get', 'point_count'], 1]];
  const radius = l.style.circleRadius ?? 5;
  const circle = (filter?: ExpressionSpecification): LayerSpecification => ({
    ...base,
    id: id('circle'),
    type: 'circle',
    ...(filter ? { filter } : {}),
    paint: {
      'circle-color': layerColor(l, 'circle'),
      // Server-side clusters carry their size in point_count.
      'circle-radius': ['interpolate', ['linear'], count, 1, radius, 10, radius + 5, 100, radius + 12],
      'circle-stroke-color': ['case', selected, '#000000', '#ffffff'],
      'circle-stroke-width': ['case', selected, 3, 1.5],
    },
  });
  const fill = (filter?: ExpressionSpecification): LayerSpecification => ({
    ...base,
    id: id('fill'),
    type: 'fill',
    ...(filter ? { filter } : {}),
    paint: { 'fill-color': layerColor(l, 'fill'), 'fill-opacity': l.style.fillOpacity ?? 0.35 },
  });
  const line = (filter?: ExpressionSpecification): LayerSpecification => ({
    ...base,
    id: id('line'),
    type: 'line',
    ...(filter ? { filter } : {}),
    paint: {
      'line-color': layerColor(l, 'line'),
      'line-width': ['case', selected, lineWidth + 2.5, lineWidth],
      ...(l.style.lineDash ? { 'line-dasharray': [...l.style.lineDash] } : {}),
    },
  });
  if (l.geometry === 'mixed') {
    return [
      fill(['==', ['geometry-type'], 'Polygon']),
      line(['!=', ['geometry-type'], 'Point']),
      circle(['==', ['geometry-type'], 'Point']),
    ];
  }
  if (l.geometry === 'point') return [circle()];
  if (l.geometry === 'line') return [line()];
  return l.style.fill ? [fill(), line()] : [line()];
}

/** Legend of a catalog layer, read from the very specifications overlayLayers draws. */
export function overlayLegend(l: LayerInfo): LegendEntry[] {
  const out: LegendEntry[] = [];
  for (const s of overlayLayers(l)) {
    const paint = (s as { paint?: Record<string, unknown> }).paint ?? {};
    const shape = s.type === 'fill' ? 'fill' : s.type === 'line' ? 'line' : 'circle';
    const colorExpr = paint[`${shape}-color`];
    if (Array.isArray(colorExpr) && colorExpr[0] === 'match') {
      // ['match', input, v1, c1, v2, c2, …, fallback]: one entry per category, once for all shapes.
      if (out.length) continue;
      const prop = l.properties.find((p) => p.name === l.style.colorBy);
      for (let i = 2; i + 1 < colorExpr.length; i += 2) {
        const v = prop?.values?.find((x) => String(x.value) === colorExpr[i]);
        out.push({ label: v?.label ?? String(colorExpr[i]), labelKey: `status.${colorExpr[i]}`, color: String(colorExpr[i + 1]), shape: l.geometry === 'line' ? 'line' : l.geometry === 'polygon' ? 'fill' : 'circle' });
      }
    } else if (typeof colorExpr === 'string' && !out.some((e) => e.color === colorExpr)) {
      // An area's outline belongs to its fill's swatch, not to a second row with the same name.
      const area = shape === 'line' ? out.find((e) => e.shape === 'fill' && e.label === l.titulo && !e.stroke) : undefined;
      if (area) area.stroke = colorExpr;
      else out.push({ label: l.titulo, color: colorExpr, shape });
    }
  }
  return out;
}

/** Layers that draw an indicator choropleth from feature-state `v` on a level's tiles (value mode or change). */
export function choroplethLayers(id: string, source: string, sourceLayer: string, color: ExpressionSpecification, before?: string): LayerSpecification[] {
  void before;
  return [
    { id: `${id}:fill`, type: 'fill', source, 'source-layer': sourceLayer, paint: { 'fill-color': color, 'fill-opacity': 0.78 } },
    { id: `${id}:line`, type: 'line', source, 'source-layer': sourceLayer, paint: { 'line-color': '#ffffff', 'line-width': 0.5, 'line-opacity': 0.8 } },
  ];
}

/** The feature-state value input of choropleths. */
export const STATE_VALUE: ExpressionSpecification = ['feature-state', 'v'];

/** Project filter expression for the map: the same rule as projectMatches. */
export function projectFilterExpression(f: { status: string[]; eje: number | null; programa: number | null; dependency: string | null; year: number | null }): ExpressionSpecification | null {
  const all: unknown[] = ['all'];
  if (f.status.length) all.push(['in', ['get', 'estatus'], ['literal', f.status]]);
  if (f.eje !== null) all.push(['==', ['to-number', ['get', 'eje_id']], f.eje]);
  if (f.programa !== null) all.push(['==', ['to-number', ['get', 'programa_id']], f.programa]);
  if (f.dependency !== null) all.push(['==', ['get', 'dependencia'], f.dependency]);
  if (f.year !== null) all.push(['==', ['to-number', ['get', 'anio']], f.year]);
  return all.length > 1 ? (all as ExpressionSpecification) : null;
}

/** A basemap drawn from our own PMTiles archive when the server offers no basemap style (no labels: no glyphs). */
export function fallbackBasemap(origin: string): StyleSpecification {
  const src = 'basemap';
  return {
    version: 8,
    sources: { [src]: { type: 'vector', url: `pmtiles://${new URL('/tiles/basemap.pmtiles', origin).href}`, attribution: 'SIG Municipal' } },
    layers: [
      { id: 'bg', type: 'background', paint: { 'background-color': '#f2efe9' } },
      { id: 'municipio', type: 'fill', source: src, 'source-layer': 'municipio', paint: { 'fill-color': '#ebe7df' } },
      { id: 'manzanas', type: 'fill', source: src, 'source-layer': 'manzanas', minzoom: 13, paint: { 'fill-color': '#e0dbd1', 'fill-outline-color': '#cfc8bb' } },
      { id: 'colonias-line', type: 'line', source: src, 'source-layer': 'colonias', paint: { 'line-color': '#b9b0a3', 'line-width': 0.6, 'line-dasharray': [2, 2] } },
      { id: 'vialidades', type: 'line', source: src, 'source-layer': 'vialidades', paint: { 'line-color': '#ffffff', 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 0.5, 16, 5] } },
      { id: 'municipio-line', type: 'line', source: src, 'source-layer': 'municipio', paint: { 'line-color': '#6b6256', 'line-width': 1.5 } },
    ],
  };
}

/**
 * Makes a server style safe to load: relative URLs made absolute on our origin, any remote URL (tiles, glyphs,
 * sprites) dropped, and symbol layers removed when there are no local glyphs.
 */
export function localizeStyle(style: StyleSpecification, origin: string): StyleSpecification {
  const local = (u: string) => {
    const isPm = u.startsWith('pmtiles://');
    const raw = isPm ? u.slice('pmtiles://'.length) : u;
    const abs = new URL(raw, origin);
    if (abs.origin !== new URL(origin).origin) return null;
    // Templates like {z} must survive URL normalisation.
    const href = decodeURI(abs.href);
    return isPm ? `pmtiles://${href}` : href;
  };
  const sources: StyleSpecification['sources'] = {};
  for (const [id, s] of Object.entries(style.sources)) {
    const src = { ...s } as Record<string, unknown>;
    if (typeof src.url === 'string') {
      const u = local(src.url);
      if (!u) continue;
      src.url = u;
    }
    if (Array.isArray(src.tiles)) {
      const tiles = (src.tiles as string[]).map(local).filter((x): x is string => x !== null);
      if (!tiles.length) continue;
      src.tiles = tiles;
    }
    sources[id] = src as unknown as SourceSpecification;
  }
  const glyphs = style.glyphs ? local(style.glyphs) : null;
  const sprite = typeof style.sprite === 'string' ? local(style.sprite) : null;
  const layers = style.layers.filter((l) => (!('source' in l) || (l.source as string) in sources) && (glyphs || l.type !== 'symbol'));
  const out: StyleSpecification = { ...style, sources, layers };
  if (glyphs) out.glyphs = glyphs;
  else delete out.glyphs;
  if (sprite) out.sprite = sprite;
  else delete out.sprite;
  return out;
}
