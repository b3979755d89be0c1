// Choropleths from server-computed class breaks, so that map, legend and exports agree. The unit values are
// written into the style (a `match` on the unit key), so the style document alone draws the map.
import type { ExpressionSpecification, LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import { classIndex } from '@sigmun/domain/classify';
import { classColors, type LegendClass } from './classes.ts';
import { COMMON, type RampName } from './palette.ts';

/** Metadata key holding the legend of a choropleth layer. */
export const LEGEND = 'sigmun:legend';

/** Fill colour by value: a `step` over the breaks, the no-data colour for missing values. */
export function stepColor(property: string, breaks: readonly number[], ramp: RampName): ExpressionSpecification | string {
  const colors = classColors(ramp, Math.max(0, breaks.length - 1));
  if (colors.length === 0) return COMMON.noData;
  // classIndex puts a value equal to an inner break in the lower class; step puts it in the upper one, so the
  // thresholds are nudged to the next representable number above each inner break.
  const stops: Array<number | string> = [];
  for (let i = 1; i < colors.length; i++) stops.push(nextUp(breaks[i]), colors[i]);
  return [
    'case',
    ['==', ['typeof', ['get', property]], 'number'],
    ['step', ['get', property], colors[0], ...stops],
    COMMON.noData,
  ] as ExpressionSpecification;
}

function nextUp(x: number): number {
  if (!Number.isFinite(x)) return x;
  const buf = new Float64Array([x]);
  const bits = new BigInt64Array(buf.buffer);
  if (x === 0) return Number.MIN_VALUE;
  bits[0] += x > 0 ? 1n : -1n;
  return buf[0];
}

/** Fill colour by unit key, with each unit's class computed here with the domain's classIndex. */
export function matchColorByKey(
  keyProperty: string,
  values: ReadonlyArray<{ clave: string; valor: number | null }>,
  breaks: readonly number[],
  ramp: RampName,
): ExpressionSpecification | string {
  const colors = classColors(ramp, Math.max(0, breaks.length - 1));
  const byClass: string[][] = colors.map(() => []);
  for (const v of values) {
    if (v.valor === null || !Number.isFinite(v.valor) || colors.length === 0) continue;
    byClass[classIndex(v.valor, breaks)].push(v.clave);
  }
  const arms: Array<string[] | string> = [];
  byClass.forEach((keys, i) => {
    if (keys.length > 0) arms.push(keys, colors[i]);
  });
  if (arms.length === 0) return COMMON.noData;
  return ['match', ['to-string', ['get', keyProperty]], ...arms, COMMON.noData] as ExpressionSpecification;
}

export interface ChoroplethOptions {
  /** Style layer id prefix. */
  id: string;
  source: string;
  sourceLayer: string;
  /** Colour expression, from matchColorByKey or stepColor. */
  color: ExpressionSpecification | string;
  legend: LegendClass[];
  /** Fill opacity: a number, or a zoom expression for layers that must let the streets show when zoomed in. */
  opacity?: number | ExpressionSpecification;
  minzoom?: number;
}

/** A choropleth: the unit fill and a thin white outline, the legend carried in the fill's metadata. */
export function choroplethLayers(o: ChoroplethOptions): LayerSpecification[] {
  return [
    {
      id: `${o.id}-relleno`,
      type: 'fill',
      source: o.source,
      'source-layer': o.sourceLayer,
      ...(o.minzoom !== undefined ? { minzoom: o.minzoom } : {}),
      paint: { 'fill-color': o.color, 'fill-opacity': o.opacity ?? 0.8 },
      metadata: { [LEGEND]: o.legend },
    },
    {
      id: `${o.id}-borde`,
      type: 'line',
      source: o.source,
      'source-layer': o.sourceLayer,
      ...(o.minzoom !== undefined ? { minzoom: o.minzoom } : {}),
      paint: { 'line-color': COMMON.unitOutline, 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 0.3, 16, 1.2], 'line-opacity': 0.9 },
    },
  ];
}
