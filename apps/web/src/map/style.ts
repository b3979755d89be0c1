// The page's map layers come from @sigmun/styles, the same functions that publish /styles/*.json: catalog
// overlays, choropleths and the basemap. Here they only get the page's sources, ids and selection outline.
import type { ExpressionSpecification, LayerSpecification, SourceSpecification, StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { catalogLayers, selectionLayers } from '@sigmun/styles/cartography';
import { choroplethLayers as publishedChoropleth } from '@sigmun/styles/choropleth';
import { catalogLegend, type LegendEntry } from '@sigmun/styles/legend';
import { basemapLayers } from '@sigmun/styles/basemap';
import type { LayerInfo } from '../api/types.ts';

export const OVERLAY_PREFIX = 'ov:';
export const PROJECTS_LAYER = 'proyectos';
export const PROPOSALS_LAYER = 'propuestas';
export const ZONES_LAYER = 'participacion_zonas';

export { LEVEL_LAYERS } from '@sigmun/styles/documents';
export type { LegendEntry } from '@sigmun/styles/legend';
export { baseOpacities } from '@sigmun/styles/cartography';

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

/** Style-layer id on the page of a published layer id (the page's overlays share one prefix). */
export const overlayLayerId = (publishedId: string) => `${OVERLAY_PREFIX}${publishedId}`;

/**
 * The drawn layers of a catalog entry: exactly the published style's layers for it (`@sigmun/styles`), on the
 * page's source and with prefixed ids, then the selection outline the page marks with feature-state.
 */
export function overlayLayers(l: LayerInfo): LayerSpecification[] {
  const source = sourceId(l.id);
  return [...catalogLayers(l, source), ...selectionLayers(l, source)].map((spec) => ({ ...spec, id: overlayLayerId(spec.id) }) as LayerSpecification);
}

/** Legend of a catalog layer, from the same function the published styles and the fichas use. */
export const overlayLegend = (l: LayerInfo): LegendEntry[] => catalogLegend(l);

/** A choropleth on a level's tiles, coloured later from feature-state `v`: the published choropleth's layers. */
export function choroplethLayers(id: string, source: string, sourceLayer: string, color: ExpressionSpecification, opacity?: number | ExpressionSpecification): LayerSpecification[] {
  return publishedChoropleth({ id, source, sourceLayer, color, legend: [], ...(opacity !== undefined ? { opacity } : {}) });
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

/** The published basemap's layers on our own archive when the server offers no basemap style (no labels: no glyphs). */
export function fallbackBasemap(origin: string): StyleSpecification {
  const src = 'basemap';
  return {
    version: 8,
    sources: { [src]: { type: 'vector', url: `pmtiles://${new URL('/tiles/basemap.pmtiles', origin).href}`, attribution: 'SIG Municipal' } },
    layers: basemapLayers(src).filter((l) => l.type !== 'symbol'),
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
