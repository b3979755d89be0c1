// The municipal basemap drawn from our own PMTiles archive (source layers municipio, localidades, colonias,
// manzanas, vialidades, equipamiento): land, localities, blocks, neighbourhood outlines, streets by class with
// casing, the municipal boundary, then labels and facility icons. Pure: (source, theme) → layers.
import { labelPointsLayerId } from '@sigmun/domain/layers';
import type { FilterSpecification, LayerSpecification, SymbolLayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import { FONT_STACKS } from './fonts.ts';
import { categoryColors, THEME_CLARO, type Theme } from './palette.ts';
import { ICON_PREFIX } from './sprites/icons.ts';
import { all, byZoom, byZoomLinear, iconByProperty, isIn, NOT_CLUSTER } from './expressions.ts';

/** Which band of the basemap a layer belongs to; overlays (choropleths) go between 'base' and 'lines'. */
export type BasemapPart = 'base' | 'lines' | 'labels';

export const BASEMAP_PART = 'sigmun:basemap';

type RoadClass = keyof Theme['roads'];

// Fill width (px) of each street class by zoom; casings add a border on both sides.
const ROAD_WIDTH: Record<RoadClass, ReadonlyArray<readonly [number, number]>> = {
  carretera: [[8, 0.8], [12, 2.5], [15, 8], [18, 28]],
  primaria: [[10, 0.6], [12, 1.6], [15, 6.5], [18, 22]],
  secundaria: [[11, 0.4], [13, 1.2], [15, 4.5], [18, 16]],
  local: [[13, 0.4], [15, 2.8], [18, 12]],
  peatonal: [[14, 0.5], [16, 1.5], [18, 4]],
};

const ROAD_MINZOOM: Record<RoadClass, number> = { carretera: 8, primaria: 10, secundaria: 11, local: 13, peatonal: 14 };
// Casings only once a street is wide enough for a border to read as one.
const CASING_MINZOOM: Record<RoadClass, number> = { carretera: 10, primaria: 12, secundaria: 13, local: 14, peatonal: 99 };

/** Whether a basemap layer is ground (background, land, blocks): what fills drawn under the streets go above. */
export function isGround(l: LayerSpecification): boolean {
  return (l.metadata as Record<string, unknown> | undefined)?.[BASEMAP_PART] === 'base' && (l.type === 'fill' || l.type === 'background');
}

/** Prefix of every basemap layer id, so catalog layers drawn on top never clash with them. */
export const BASEMAP_ID_PREFIX = 'base-';

function part<T extends LayerSpecification>(layer: T, p: BasemapPart): T {
  return { ...layer, id: BASEMAP_ID_PREFIX + layer.id, metadata: { ...(layer.metadata as object | undefined), [BASEMAP_PART]: p } };
}

function widthPlus(stops: ReadonlyArray<readonly [number, number]>, extra: number): ReadonlyArray<readonly [number, number]> {
  return stops.map(([z, w]) => [z, w + extra * Math.min(1, Math.max(0.4, (z - 10) / 6))] as const);
}

function roadLayers(source: string, theme: Theme): { casings: LayerSpecification[]; fills: LayerSpecification[] } {
  const casings: LayerSpecification[] = [];
  const fills: LayerSpecification[] = [];
  // Drawn minor first so that main roads sit on top of the streets that meet them.
  const order: RoadClass[] = ['peatonal', 'local', 'secundaria', 'primaria', 'carretera'];
  for (const clase of order) {
    if (CASING_MINZOOM[clase] < 99) {
      casings.push(
        part(
          {
            id: `calles-${clase}-borde`,
            type: 'line',
            source,
            'source-layer': 'vialidades',
            minzoom: CASING_MINZOOM[clase],
            filter: isIn('clase', [clase]),
            layout: { 'line-cap': 'round', 'line-join': 'round' },
            paint: { 'line-color': theme.roadCasing, 'line-width': byZoom(widthPlus(ROAD_WIDTH[clase], 2)) },
          },
          'lines',
        ),
      );
    }
    fills.push(
      part(
        {
          id: `calles-${clase}`,
          type: 'line',
          source,
          'source-layer': 'vialidades',
          minzoom: ROAD_MINZOOM[clase],
          filter: isIn('clase', [clase]),
          layout: { 'line-cap': clase === 'peatonal' ? 'butt' : 'round', 'line-join': 'round' },
          paint: {
            'line-color': theme.roads[clase],
            'line-width': byZoom(ROAD_WIDTH[clase]),
            ...(clase === 'peatonal' ? { 'line-dasharray': [2, 1] } : {}),
          },
        },
        'lines',
      ),
    );
  }
  return { casings, fills };
}

const halo = (theme: Theme, width = 1.4) => ({ 'text-halo-color': theme.textHalo, 'text-halo-width': width, 'text-halo-blur': 0.3 });

function labelLayers(source: string, theme: Theme): SymbolLayerSpecification[] {
  return [
    {
      id: 'calles-etiquetas',
      type: 'symbol',
      source,
      'source-layer': 'vialidades',
      minzoom: 13,
      // Main roads are named from z13; local streets once they are wide enough for their names.
      filter: all(['has', 'nombre'], ['any', isIn('clase', ['carretera', 'primaria', 'secundaria']), ['>=', ['zoom'], 15]] as FilterSpecification),
      layout: {
        'symbol-placement': 'line',
        'symbol-spacing': 280,
        'text-field': ['get', 'nombre'],
        'text-font': [...FONT_STACKS.condensed],
        'text-size': byZoomLinear([[13, 9.5], [16, 12], [18, 14]]),
        'text-max-angle': 35,
        'text-padding': 2,
        'symbol-sort-key': ['match', ['get', 'clase'], 'carretera', 0, 'primaria', 1, 'secundaria', 2, 3],
      },
      paint: { 'text-color': theme.text, ...halo(theme, 1.6) },
    },
    {
      id: 'colonias-etiquetas',
      type: 'symbol',
      source,
      // One label point per colonia (the tile server puts it in a single tile), so a name is never repeated.
      'source-layer': labelPointsLayerId('colonias'),
      minzoom: 13,
      layout: {
        'text-field': ['get', 'nombre'],
        'text-font': [...FONT_STACKS.condensedBold],
        'text-padding': 4,
        'symbol-sort-key': ['-', 0, ['coalesce', ['get', 'pob'], 0]],
        'text-size': byZoomLinear([[13, 9.5], [17, 13]]),
        'text-transform': 'uppercase',
        'text-letter-spacing': 0.08,
        'text-max-width': 8,
      },
      paint: { 'text-color': theme.coloniaText, ...halo(theme) },
    },
    {
      id: 'equipamiento-iconos',
      type: 'symbol',
      source,
      'source-layer': 'equipamiento',
      minzoom: 14,
      filter: NOT_CLUSTER,
      layout: {
        'icon-image': iconByProperty(ICON_PREFIX.equipamiento, 'tipo', Object.keys(categoryColors('equipamiento', 'tipo')), 'otro'),
        // One size at every zoom: QGIS's converter reads icon-size only as a number.
        'icon-size': 0.8,
        'icon-allow-overlap': false,
      },
    },
    {
      // Names under the icons from z16, in a layer of their own (a zoom `step` inside text-field is beyond
      // QGIS's converter).
      id: 'equipamiento-nombres',
      type: 'symbol',
      source,
      'source-layer': 'equipamiento',
      minzoom: 16,
      filter: NOT_CLUSTER,
      layout: {
        'text-field': ['get', 'nombre'],
        'text-font': [...FONT_STACKS.regular],
        'text-size': 11,
        'text-anchor': 'top',
        'text-offset': [0, 1.1],
        'text-max-width': 9,
        'text-optional': true,
      },
      paint: { 'text-color': theme.textMuted, ...halo(theme) },
    },
    {
      id: 'localidades-etiquetas',
      type: 'symbol',
      source,
      // One label point per locality; at street zooms the colonias name the city's parts instead.
      'source-layer': labelPointsLayerId('localidades'),
      minzoom: 9,
      maxzoom: 14,
      layout: {
        'text-field': ['get', 'nombre'],
        'text-font': [...FONT_STACKS.bold],
        'text-size': ['interpolate', ['linear'], ['zoom'], 9, ['match', ['get', 'ambito'], 'urbano', 14, 9.5], 14, ['match', ['get', 'ambito'], 'urbano', 18, 13]],
        'text-max-width': 7,
        'text-padding': 24,
        'symbol-sort-key': ['-', 0, ['coalesce', ['get', 'pob'], 0]],
      },
      paint: { 'text-color': theme.text, ...halo(theme, 1.8) },
    },
  ];
}

/** The basemap's layers for a vector source holding our basemap layers; labels use only the fonts we serve. */
export function basemapLayers(source: string, theme: Theme = THEME_CLARO): LayerSpecification[] {
  const roads = roadLayers(source, theme);
  const base: LayerSpecification[] = [
    // The archive leaves out tiles inside the municipality that hold nothing but land (the boundary counts by
    // its outline only), so land is the background colour rather than a fill of the municipal polygon.
    { id: 'fondo', type: 'background', paint: { 'background-color': theme.land } },
    {
      id: 'localidades-area',
      type: 'fill',
      source,
      'source-layer': 'localidades',
      paint: { 'fill-color': ['match', ['get', 'ambito'], 'rural', theme.rural, theme.urban], 'fill-opacity': byZoomLinear([[8, 0.9], [15, 1]]) },
    },
    {
      id: 'manzanas',
      type: 'fill',
      source,
      'source-layer': 'manzanas',
      minzoom: 13,
      paint: { 'fill-color': theme.block, 'fill-opacity': byZoomLinear([[13, 0], [14, 1]]) },
    },
    {
      id: 'manzanas-borde',
      type: 'line',
      source,
      'source-layer': 'manzanas',
      minzoom: 15,
      paint: { 'line-color': theme.blockOutline, 'line-width': byZoom([[15, 0.4], [18, 1]]) },
    },
    {
      id: 'colonias-limite',
      type: 'line',
      source,
      'source-layer': 'colonias',
      minzoom: 12,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': theme.coloniaLine, 'line-width': byZoom([[12, 0.5], [16, 1.4]]), 'line-dasharray': [3, 2], 'line-opacity': 0.8 },
    },
  ].map((l) => part(l as LayerSpecification, 'base'));
  const boundary: LayerSpecification[] = [
    {
      id: 'municipio-limite-halo',
      type: 'line',
      source,
      'source-layer': 'municipio',
      layout: { 'line-join': 'round' },
      paint: { 'line-color': theme.boundaryHalo, 'line-width': byZoom([[6, 3], [12, 6], [16, 10]]), 'line-opacity': 0.8 },
    },
    {
      id: 'municipio-limite',
      type: 'line',
      source,
      'source-layer': 'municipio',
      layout: { 'line-join': 'round' },
      paint: { 'line-color': theme.boundary, 'line-width': byZoom([[6, 1.2], [12, 2], [16, 3]]), 'line-dasharray': [4, 2, 1, 2] },
    },
  ].map((l) => part(l as LayerSpecification, 'lines'));
  // No grouped facility dots below z14: unexplained by any legend, grey dots read as cancelled projects. The
  // catalog's «Equipamiento» layer draws its groups, with counts and a legend, for whoever turns it on.
  return [...base, ...roads.casings, ...roads.fills, ...boundary, ...labelLayers(source, theme).map((l) => part(l, 'labels'))];
}
