// Legend classes and the colour of a value under a classification: one set of functions for the page's map and
// legends, the published indicator style and the PDF fichas, so that a legend row's count is what the map draws.
import type { ExpressionSpecification } from '@maplibre/maplibre-gl-style-spec';
import { classIndex } from '@sigmun/domain/classify';
import { MIN_RAMP_CLASSES, rampColors, type RampName } from './palette.ts';

/** One legend row: the class range, its colour and how many units fall in it. */
export interface LegendClass {
  from: number;
  to: number;
  color: string;
  count: number;
}

/**
 * The colours of `classes` classes of a ramp. Fewer than 3 classes happen when values tie (the breaks
 * collapse); they take the ramp's ends rather than failing.
 */
export function classColors(ramp: RampName, classes: number): string[] {
  if (classes <= 0) return [];
  if (classes >= MIN_RAMP_CLASSES) return rampColors(ramp, classes);
  const three = rampColors(ramp, MIN_RAMP_CLASSES);
  return classes === 1 ? [three[1]] : [three[0], three[2]];
}

/** Legend rows for breaks (classes + 1 edges), per-class counts and one colour per class. */
export function legendClasses(breaks: readonly number[], counts: readonly number[], colors: readonly string[]): LegendClass[] {
  const out: LegendClass[] = [];
  for (let i = 0; i + 1 < breaks.length; i++) {
    out.push({ from: breaks[i], to: breaks[i + 1], color: colors[i] ?? colors[colors.length - 1], count: counts[i] ?? 0 });
  }
  return out;
}

/** Colour of a value under the classification; `nodata` for null/non-finite values. */
export function classColor(value: number | null | undefined, breaks: readonly number[], colors: readonly string[], nodata: string): string {
  if (value === null || value === undefined || !Number.isFinite(value) || breaks.length < 2) return nodata;
  return colors[classIndex(value, breaks)];
}

/**
 * A MapLibre expression that colours `input` exactly as classColor does (≤ upper edge, not MapLibre's `step` ≥),
 * so the drawn map and the legend counts agree at the class edges.
 */
export function classColorExpression(input: ExpressionSpecification, breaks: readonly number[], colors: readonly string[], nodata: string): ExpressionSpecification {
  if (breaks.length < 2) return ['literal', nodata] as unknown as ExpressionSpecification;
  // Unset feature-state reads as null: anything that is not a number is no data.
  const cases: unknown[] = ['case', ['!=', ['typeof', input], 'number'], nodata];
  for (let i = 0; i < breaks.length - 2; i++) cases.push(['<=', ['to-number', input], breaks[i + 1]], colors[i]);
  cases.push(colors[breaks.length - 2]);
  return cases as ExpressionSpecification;
}

/** Evaluates the subset of expression operators classColorExpression emits; lets tests check map == legend. */
export function evaluateClassColor(expr: unknown, value: number | null): string {
  const e = expr as unknown[];
  if (e[0] === 'literal') return e[1] as string;
  for (let i = 1; i + 1 < e.length; i += 2) {
    const cond = e[i] as unknown[];
    const ok = cond[0] === '!=' ? value === null : value !== null && value <= (cond[2] as number);
    if (ok) return e[i + 1] as string;
  }
  return e[e.length - 1] as string;
}

/** The diverging ramp of change maps (ColorBrewer RdBu): red = loss, blue = gain. */
export const CHANGE_RAMP: RampName = 'rdbu';
/** The sequential ramp of value maps. */
export const VALUE_RAMP: RampName = 'viridis';

/**
 * Colours of change classes, diverging at zero on RdBu's 9 classes: classes wholly below zero take its red half
 * (darker further from zero), classes wholly above it the blue half, and a class that spans zero the neutral middle.
 */
export function divergingColors(breaks: readonly number[]): string[] {
  const ramp = rampColors(CHANGE_RAMP, 9);
  const reds = ramp.slice(0, 4);
  const blues = ramp.slice(5);
  const n = Math.max(0, breaks.length - 1);
  const idx = Array.from({ length: n }, (_, i) => i);
  const neg = idx.filter((i) => breaks[i + 1] <= 0 && breaks[i] < 0);
  const pos = idx.filter((i) => breaks[i] >= 0 && breaks[i + 1] > 0);
  // The k-th of m classes on one side, spread over its four shades; one class alone takes a middle shade.
  const shade = (k: number, m: number) => (m <= 1 ? 1 : Math.round((k * 3) / (m - 1)));
  return idx.map((i) => {
    const k = neg.indexOf(i);
    // The most negative class is the darkest red (reds run dark → light towards zero).
    if (k >= 0) return reds[shade(k, neg.length)];
    const j = pos.indexOf(i);
    if (j >= 0) return blues[pos.length <= 1 ? 2 : shade(j, pos.length)];
    return ramp[4];
  });
}

/** Colours of an indicator choropleth: the value ramp (reversed when lower is better) or diverging for change. */
export function choroplethColors(mode: 'value' | 'change', breaks: readonly number[], higherIsBetter: boolean | null): string[] {
  if (mode === 'change') return divergingColors(breaks);
  const colors = classColors(VALUE_RAMP, Math.max(0, breaks.length - 1));
  return higherIsBetter === false ? colors.reverse() : colors;
}
