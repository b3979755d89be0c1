// Map layers for the layer catalog: one small group of MapLibre layers per catalog entry, drawn from the
// entry's style hints, each tagged with the catalog id so the client can toggle, fade and reorder them together.
import type { ExpressionSpecification, FilterSpecification, LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import { LAYER_GROUPS, type LayerDefinition, type PublicLayer } from '@sigmun/domain/layers';
import { FONT_STACKS } from './fonts.ts';
import { COMMON, propertyColors, THEME_CLARO, type Theme } from './palette.ts';
import { ICON_PREFIX } from './sprites/icons.ts';
import { all, byZoomLinear, iconByProperty, IS_CLUSTER, IS_LINE, IS_POINT, IS_POLYGON, matchColor, NOT_CLUSTER } from './expressions.ts';

/** Metadata key naming the catalog layer a style layer draws. */
export const CATALOG_LAYER = 'sigmun:layer';

/** Metadata key of a fill drawn under the basemap's block outlines and streets (the hint `fillUnderStreets`). */
export const UNDER_STREETS = 'sigmun:under-streets';

/** What styling a catalog entry reads: the server's definition and the page's public copy both qualify. */
export type StyledLayer = Pick<LayerDefinition, 'id' | 'group' | 'geometry' | 'minzoom' | 'cluster' | 'style' | 'properties'> | PublicLayer;

/** Point layers whose individual features have icons in the sprite (catalog id → icon family and property). */
export const ICONS: Record<string, { prefix: string; property: string; fallback: string }> = {
  equipamiento: { prefix: ICON_PREFIX.equipamiento, property: 'tipo', fallback: 'otro' },
  proyectos: { prefix: ICON_PREFIX.proyecto, property: 'estatus', fallback: 'planeado' },
  propuestas: { prefix: ICON_PREFIX.propuesta, property: 'estatus', fallback: 'registrada' },
};

/** The values of a catalog property, as strings, in the catalog's order. */
function propertyValues(layer: StyledLayer, property: string): string[] {
  return (layer.properties.find((p) => p.name === property)?.values ?? []).map((v) => String(v.value));
}

/** The vector source id of a catalog layer in our style documents. */
export function catalogSourceId(layer: { id: string }): string {
  return `capa-${layer.id}`;
}

/** The colour of a layer's features: categorical when the layer colours by a property, else its hint. */
export function featureColor(layer: StyledLayer, hint: string | undefined) {
  const fallback = hint ?? COMMON.cluster;
  if (!layer.style.colorBy) return fallback;
  return matchColor(layer.style.colorBy, propertyColors(layer, layer.style.colorBy), fallback);
}

/**
 * The style layers of one catalog entry on `source` (whose source layer is the catalog id, as served by
 * /tiles/{id}/{z}/{x}/{y}.mvt): fills, outlines, lines, points or icons, clusters and labels.
 */
export function catalogLayers(layer: StyledLayer, source: string, theme: Theme = THEME_CLARO): LayerSpecification[] {
  const s = layer.style;
  const base = { source, 'source-layer': layer.id, minzoom: layer.minzoom };
  const visibility = s.visible ? ('visible' as const) : ('none' as const);
  const metadata = { [CATALOG_LAYER]: layer.id, 'sigmun:group': layer.group };
  const out: LayerSpecification[] = [];
  const polygons = layer.geometry === 'polygon' || layer.geometry === 'mixed';
  const lines = layer.geometry === 'line' || layer.geometry === 'mixed';
  const points = layer.geometry === 'point' || layer.geometry === 'mixed';
  const mixed = layer.geometry === 'mixed';

  if (polygons && s.fill) {
    out.push({
      id: `${layer.id}-relleno`,
      type: 'fill',
      ...base,
      ...(mixed ? { filter: IS_POLYGON } : {}),
      layout: { visibility },
      paint: { 'fill-color': featureColor(layer, s.fill), 'fill-opacity': (s.fillOpacity ?? 0.5) * s.opacity },
      metadata: s.fillUnderStreets ? { ...metadata, [UNDER_STREETS]: true } : metadata,
    });
  }
  if ((polygons || lines) && s.line) {
    const dash = s.lineDash ? { 'line-dasharray': [...s.lineDash] } : {};
    out.push({
      id: `${layer.id}-linea`,
      type: 'line',
      ...base,
      ...(mixed ? { filter: ['any', IS_POLYGON, IS_LINE] as FilterSpecification } : {}),
      layout: { visibility, 'line-join': 'round', 'line-cap': layer.geometry === 'line' ? 'round' : 'butt' },
      paint: {
        'line-color': featureColor(layer, s.line),
        'line-width': byZoomLinear([[layer.minzoom, (s.lineWidth ?? 1) * 0.6], [16, (s.lineWidth ?? 1) * 1.6]]),
        'line-opacity': s.opacity,
        ...dash,
      },
      metadata,
    });
  }
  if (points && (s.circle || ICONS[layer.id])) {
    const pointFilter = mixed ? all(IS_POINT, NOT_CLUSTER) : NOT_CLUSTER;
    if (layer.cluster) {
      out.push({
        id: `${layer.id}-grupos`,
        type: 'circle',
        ...base,
        maxzoom: layer.cluster.maxzoom + 1,
        filter: IS_CLUSTER,
        layout: { visibility },
        // A group mixes categories: a white disc ringed in slate with its count on top, unlike any status or type
        // colour (an orange group read as «en proceso», a grey one as «cancelado»).
        paint: {
          'circle-color': COMMON.white,
          'circle-opacity': s.opacity,
          // Sized by zoom, wide enough for the count drawn on top (QGIS's converter reads only zoom as an input).
          'circle-radius': byZoomLinear([[layer.minzoom, 10], [layer.cluster.maxzoom + 1, 13]]),
          'circle-stroke-color': COMMON.cluster,
          'circle-stroke-width': 2.5,
          'circle-stroke-opacity': s.opacity,
        },
        metadata,
      });
      out.push({
        id: `${layer.id}-grupos-etiqueta`,
        type: 'symbol',
        ...base,
        maxzoom: layer.cluster.maxzoom + 1,
        filter: IS_CLUSTER,
        layout: {
          visibility,
          'text-field': ['to-string', ['get', 'point_count']],
          'text-font': [...FONT_STACKS.bold],
          'text-size': 11,
          'text-allow-overlap': true,
        },
        paint: { 'text-color': COMMON.cluster, 'text-halo-color': COMMON.white, 'text-halo-width': 1 },
        metadata,
      });
    }
    const icons = ICONS[layer.id];
    if (icons) {
      out.push({
        id: `${layer.id}-iconos`,
        type: 'symbol',
        ...base,
        filter: pointFilter,
        layout: {
          visibility,
          'icon-image': iconByProperty(icons.prefix, icons.property, propertyValues(layer, icons.property), icons.fallback),
          // One size at every zoom: QGIS's converter reads icon-size only as a number.
          'icon-size': 0.85,
          'icon-allow-overlap': true,
        },
        paint: { 'icon-opacity': s.opacity },
        metadata,
      });
    } else {
      out.push({
        id: `${layer.id}-puntos`,
        type: 'circle',
        ...base,
        filter: pointFilter,
        layout: { visibility },
        paint: {
          'circle-color': featureColor(layer, s.circle),
          'circle-radius': s.circleRadius ?? 4,
          'circle-opacity': s.opacity,
          'circle-stroke-color': COMMON.white,
          'circle-stroke-width': 1,
        },
        metadata,
      });
    }
  }
  // An outline-only area (the municipal boundary) is not named: its name is the page's title, and a polygon
  // that wide would be labelled once per tile.
  const outlineOnly = layer.geometry === 'polygon' && !s.fill;
  if (s.label && !outlineOnly) {
    const lineLabel = layer.geometry === 'line';
    const areaLabel = layer.geometry === 'polygon';
    out.push({
      id: `${layer.id}-etiqueta`,
      type: 'symbol',
      ...base,
      minzoom: Math.max(layer.minzoom, s.labelMinzoom ?? layer.minzoom),
      ...(layer.cluster ? { filter: NOT_CLUSTER } : {}),
      layout: {
        visibility,
        // A plain `get` (a missing name draws nothing): QGIS's converter skips coalesce and to-string wrappers.
        'text-field': ['get', s.label],
        'text-font': [...FONT_STACKS.regular],
        'text-size': 11,
        'text-max-width': 9,
        ...(lineLabel ? { 'symbol-placement': 'line' as const } : points ? { 'text-anchor': 'top' as const, 'text-offset': [0, 1] } : {}),
        // Pieces of one polygon in neighbouring tiles each carry the name: padding keeps one of them.
        ...(areaLabel ? { 'text-padding': 40 } : {}),
        'text-optional': true,
      },
      paint: { 'text-color': theme.text, 'text-halo-color': theme.textHalo, 'text-halo-width': 1.4 },
      metadata,
    });
  }
  return out;
}

/** Catalog layers in drawing order: panel groups bottom-up, then each entry's `order`. */
export function sortCatalog<T extends StyledLayer>(catalog: ReadonlyArray<T>): T[] {
  return [...catalog].sort((a, b) => LAYER_GROUPS[a.group].orden - LAYER_GROUPS[b.group].orden || a.style.order - b.style.order);
}

/** Whether a style layer is a catalog fill drawn under the basemap's streets. */
export const underStreets = (l: LayerSpecification): boolean => (l.metadata as Record<string, unknown> | undefined)?.[UNDER_STREETS] === true;

/** Style layers of a whole catalog, each entry on its own source (`catalogSourceId`). */
export function cartographyLayers(catalog: ReadonlyArray<LayerDefinition>, theme: Theme = THEME_CLARO): LayerSpecification[] {
  return sortCatalog(catalog).flatMap((l) => catalogLayers(l, catalogSourceId(l), theme));
}

const SELECTED: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];

/**
 * The outline of the selected feature of a catalog entry, for a client that marks it with feature-state
 * `selected`: drawn over the entry's own layers, invisible until a feature is selected, so the entry's paint
 * stays exactly the published one.
 */
export function selectionLayers(layer: StyledLayer, source: string): LayerSpecification[] {
  const base = { source, 'source-layer': layer.id, minzoom: layer.minzoom };
  const metadata = { [CATALOG_LAYER]: layer.id, 'sigmun:role': 'selection' };
  const out: LayerSpecification[] = [];
  if (layer.geometry !== 'point') {
    out.push({
      id: `${layer.id}-seleccion-linea`,
      type: 'line',
      ...base,
      ...(layer.geometry === 'mixed' ? { filter: ['!', IS_POINT] as FilterSpecification } : {}),
      layout: { 'line-join': 'round' },
      paint: { 'line-color': COMMON.selectionStroke, 'line-width': 3.5, 'line-opacity': ['case', SELECTED, 1, 0] },
      metadata,
    });
  }
  if (layer.geometry === 'point' || layer.geometry === 'mixed') {
    out.push({
      id: `${layer.id}-seleccion-punto`,
      type: 'circle',
      ...base,
      filter: layer.geometry === 'mixed' ? all(IS_POINT, NOT_CLUSTER) : NOT_CLUSTER,
      paint: {
        'circle-radius': (layer.style.circleRadius ?? 5) + 6,
        'circle-opacity': 0,
        'circle-stroke-color': COMMON.selectionStroke,
        'circle-stroke-width': 3,
        'circle-stroke-opacity': ['case', SELECTED, 1, 0],
      },
      metadata,
    });
  }
  return out;
}

// Paint properties that carry a layer's opacity; a client's opacity slider multiplies their published value.
const OPACITY_PROPERTIES: Partial<Record<LayerSpecification['type'], readonly string[]>> = {
  fill: ['fill-opacity'],
  line: ['line-opacity'],
  circle: ['circle-opacity', 'circle-stroke-opacity'],
  symbol: ['icon-opacity', 'text-opacity'],
};

/** The opacity paint properties of a style layer with their value in the layer (1 when unset or not a number). */
export function baseOpacities(spec: LayerSpecification): Record<string, number> {
  const paint = ('paint' in spec ? spec.paint : undefined) as Record<string, unknown> | undefined;
  const out: Record<string, number> = {};
  for (const p of OPACITY_PROPERTIES[spec.type] ?? []) {
    const v = paint?.[p];
    if (v === undefined || typeof v === 'number') out[p] = typeof v === 'number' ? v : 1;
  }
  return out;
}
