// Legend and map colouring from one classification, so what the legend says is what the map draws.
import type { ExpressionSpecification } from '@maplibre/maplibre-gl-style-spec';

/** Server-computed classes (see GET /api/indicators/{code}/breaks): classes + 1 edges and one count per class. */
export interface ClassBreaks {
  breaks: number[];
  counts: number[];
}

export interface LegendClass {
  from: number;
  to: number;
  color: string;
  count: number;
}

/** Index of the class a value falls in: class i holds breaks[i] < v ≤ breaks[i+1]; the first also holds the minimum. */
export function classIndex(value: number, breaks: readonly number[]): number {
  const last = breaks.length - 2;
  for (let i = 0; i < last; i++) if (value <= breaks[i + 1]) return i;
  return Math.max(0, last);
}

/** One legend row per class: its range, colour and how many units it holds. */
export function legendClasses(cb: ClassBreaks, colors: readonly string[]): LegendClass[] {
  const out: LegendClass[] = [];
  for (let i = 0; i + 1 < cb.breaks.length; i++) {
    out.push({ from: cb.breaks[i], to: cb.breaks[i + 1], color: colors[i] ?? colors[colors.length - 1], count: cb.counts[i] ?? 0 });
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
export function choroplethExpression(
  input: ExpressionSpecification,
  breaks: readonly number[],
  colors: readonly string[],
  nodata: string,
): ExpressionSpecification {
  if (breaks.length < 2) return ['literal', nodata] as unknown as ExpressionSpecification;
  // Unset feature-state reads as null: anything that is not a number is no data.
  const cases: unknown[] = ['case', ['!=', ['typeof', input], 'number'], nodata];
  for (let i = 0; i < breaks.length - 2; i++) cases.push(['<=', ['to-number', input], breaks[i + 1]], colors[i]);
  cases.push(colors[breaks.length - 2]);
  return cases as ExpressionSpecification;
}

/** Evaluates the subset of expression operators choroplethExpression emits; lets tests check map == legend. */
export function evaluateChoropleth(expr: unknown, value: number | null): string {
  const e = expr as unknown[];
  if (e[0] === 'literal') return e[1] as string;
  for (let i = 1; i + 1 < e.length; i += 2) {
    const cond = e[i] as unknown[];
    const ok = cond[0] === '!=' ? value === null : value !== null && value <= (cond[2] as number);
    if (ok) return e[i + 1] as string;
  }
  return e[e.length - 1] as string;
}

/** Formats a number for the UI's locale with a fixed number of decimals. */
export function formatNumber(v: number | null | undefined, decimals: number, locale: string): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return new Intl.NumberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(v);
}
