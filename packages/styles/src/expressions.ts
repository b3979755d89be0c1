import type { ExpressionSpecification, FilterSpecification } from '@maplibre/maplibre-gl-style-spec';

/** Zoom interpolation, exponential base 1.5 so widths grow like the ground they cover does. */
export function byZoom(stops: ReadonlyArray<readonly [number, number]>, base = 1.5): ExpressionSpecification {
  return ['interpolate', ['exponential', base], ['zoom'], ...stops.flat()] as ExpressionSpecification;
}

/** Linear zoom interpolation (opacity, text sizes). */
export function byZoomLinear(stops: ReadonlyArray<readonly [number, number]>): ExpressionSpecification {
  return ['interpolate', ['linear'], ['zoom'], ...stops.flat()] as ExpressionSpecification;
}

/** A categorical colour: `property` matched against the keys of `colors`, else `fallback`. */
export function matchColor(property: string, colors: Record<string, string>, fallback: string): ExpressionSpecification | string {
  const entries = Object.entries(colors);
  if (entries.length === 0) return fallback;
  return ['match', ['to-string', ['get', property]], ...entries.flat(), fallback] as ExpressionSpecification;
}

/**
 * A sprite icon chosen by a property: `prefix-value` for each known value, else `prefix-fallback`. A `match`
 * rather than `coalesce(image(...))`, so that QGIS's MapLibre style converter reads it too.
 */
export function iconByProperty(prefix: string, property: string, values: readonly string[], fallback: string): ExpressionSpecification | string {
  const known = values.filter((v) => v !== fallback);
  if (known.length === 0) return `${prefix}-${fallback}`;
  return ['match', ['to-string', ['get', property]], ...known.flatMap((v) => [v, `${prefix}-${v}`]), `${prefix}-${fallback}`] as ExpressionSpecification;
}

/** Features whose `property` is one of `values`. */
export function isIn(property: string, values: readonly string[]): FilterSpecification {
  return ['match', ['get', property], [...values], true, false] as FilterSpecification;
}

export const IS_POLYGON: FilterSpecification = ['match', ['geometry-type'], ['Polygon', 'MultiPolygon'], true, false];
export const IS_LINE: FilterSpecification = ['match', ['geometry-type'], ['LineString', 'MultiLineString'], true, false];
export const IS_POINT: FilterSpecification = ['match', ['geometry-type'], ['Point', 'MultiPoint'], true, false];
/** Point clusters carry their size in `point_count` (see the catalog's Clustering). */
export const IS_CLUSTER: FilterSpecification = ['has', 'point_count'];
export const NOT_CLUSTER: FilterSpecification = ['!', ['has', 'point_count']];

/** Both filters must hold. */
export function all(...filters: FilterSpecification[]): FilterSpecification {
  return ['all', ...filters] as FilterSpecification;
}
