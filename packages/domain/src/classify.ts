// Class breaks for choropleth maps, computed once on the server so that map, legend and exports agree.

export const CLASS_METHODS = ['quantile', 'jenks', 'equal'] as const;
export type ClassMethod = (typeof CLASS_METHODS)[number];
export const MIN_CLASSES = 3;
export const MAX_CLASSES = 9;

/** The result of classifying: `breaks` are the classes + 1 edges (min … max), `counts` one per class. */
export interface Classification {
  method: ClassMethod;
  classes: number;
  breaks: number[];
  counts: number[];
  /** Values that were null (or not finite) and therefore left out. */
  nulls: number;
  total: number;
}

/** Index of the class `value` falls in: class i holds breaks[i] < v ≤ breaks[i+1], the first also holds the minimum. */
export function classIndex(value: number, breaks: readonly number[]): number {
  const last = breaks.length - 2;
  for (let i = 0; i < last; i++) if (value <= breaks[i + 1]) return i;
  return Math.max(0, last);
}

/** Counts how many sorted values fall in each class of `breaks`. */
export function countPerClass(sorted: readonly number[], breaks: readonly number[]): number[] {
  const counts = new Array(Math.max(0, breaks.length - 1)).fill(0);
  for (const v of sorted) counts[classIndex(v, breaks)]++;
  return counts;
}

/** Equal-interval edges between min and max of the sorted values. */
export function equalBreaks(sorted: readonly number[], classes: number): number[] {
  if (sorted.length === 0) return [];
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  const step = (max - min) / classes;
  const out = [min];
  for (let i = 1; i < classes; i++) out.push(min + step * i);
  out.push(max);
  return out;
}

/** Quantile edges (type 7 interpolation, as R and NumPy default) of the sorted values. */
export function quantileBreaks(sorted: readonly number[], classes: number): number[] {
  if (sorted.length === 0) return [];
  const out: number[] = [];
  for (let i = 0; i <= classes; i++) {
    const h = ((sorted.length - 1) * i) / classes;
    const lo = Math.floor(h);
    const hi = Math.min(sorted.length - 1, lo + 1);
    out.push(sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]));
  }
  return out;
}

/**
 * Jenks natural breaks: the exact Fisher–Jenks optimum (least sum of squared deviations within classes) on the
 * sorted values. Ties are grouped with weights and each layer of the dynamic programme is solved by divide and
 * conquer (the optimal split is monotone for 1-D k-means), so 10⁵ values take milliseconds instead of O(k·n²).
 */
export function jenksBreaks(sorted: readonly number[], classes: number): number[] {
  if (sorted.length === 0) return [];
  const xs: number[] = [];
  const ws: number[] = [];
  for (const v of sorted) {
    if (xs.length && xs[xs.length - 1] === v) ws[ws.length - 1]++;
    else {
      xs.push(v);
      ws.push(1);
    }
  }
  const n = xs.length;
  const k = Math.min(classes, n);
  if (k <= 1) return [xs[0], xs[n - 1]];
  const w = new Float64Array(n + 1);
  const s1 = new Float64Array(n + 1);
  const s2 = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    w[i + 1] = w[i] + ws[i];
    s1[i + 1] = s1[i] + ws[i] * xs[i];
    s2[i + 1] = s2[i] + ws[i] * xs[i] * xs[i];
  }
  // Sum of squared deviations of the run i..j (inclusive), O(1) from the prefix sums.
  const ssd = (i: number, j: number) => {
    const s = s1[j + 1] - s1[i];
    return Math.max(0, s2[j + 1] - s2[i] - (s * s) / (w[j + 1] - w[i]));
  };
  let prev = new Float64Array(n);
  for (let j = 0; j < n; j++) prev[j] = ssd(0, j);
  // start[c][j]: first index of the last class when 0..j is split into c+1 classes.
  const start: Int32Array[] = [new Int32Array(n)];
  for (let c = 1; c < k; c++) {
    const cur = new Float64Array(n).fill(Infinity);
    const st = new Int32Array(n);
    const solve = (lo: number, hi: number, optLo: number, optHi: number) => {
      if (lo > hi) return;
      const j = (lo + hi) >> 1;
      let best = Infinity;
      let arg = Math.max(c, optLo);
      for (let i = Math.max(c, optLo); i <= Math.min(j, optHi); i++) {
        const v = prev[i - 1] + ssd(i, j);
        if (v < best) {
          best = v;
          arg = i;
        }
      }
      cur[j] = best;
      st[j] = arg;
      solve(lo, j - 1, optLo, arg);
      solve(j + 1, hi, arg, optHi);
    };
    solve(c, n - 1, c, n - 1);
    start.push(st);
    prev = cur;
  }
  const edges: number[] = [xs[n - 1]];
  let j = n - 1;
  for (let c = k - 1; c > 0; c--) {
    const i = start[c][j];
    edges.push(xs[i - 1]);
    j = i - 1;
  }
  edges.push(xs[0]);
  return edges.reverse();
}

/** Classifies values (nulls and non-finite values excluded and counted) by the chosen method. */
export function classify(values: ReadonlyArray<number | null | undefined>, method: ClassMethod, classes: number): Classification {
  const finite: number[] = [];
  let nulls = 0;
  for (const v of values) {
    if (v === null || v === undefined || !Number.isFinite(v)) nulls++;
    else finite.push(v);
  }
  finite.sort((a, b) => a - b);
  const fn = method === 'jenks' ? jenksBreaks : method === 'quantile' ? quantileBreaks : equalBreaks;
  const breaks = fn(finite, classes);
  return { method, classes: Math.max(0, breaks.length - 1), breaks, counts: countPerClass(finite, breaks), nulls, total: values.length };
}

/** Absolute and relative (%) change; null when either value is null or the base is 0. */
export function change(from: number | null, to: number | null): { absoluta: number | null; relativa: number | null } {
  if (from === null || to === null) return { absoluta: null, relativa: null };
  return { absoluta: to - from, relativa: from === 0 ? null : ((to - from) / Math.abs(from)) * 100 };
}
