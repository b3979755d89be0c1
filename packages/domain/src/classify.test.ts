import { describe, expect, it } from 'vitest';
import { change, classIndex, classify, equalBreaks, jenksBreaks, quantileBreaks } from './classify.ts';

/** Sum of squared deviations within the classes defined by `breaks` (class i: breaks[i] < v ≤ breaks[i+1]). */
function withinSsd(sorted: number[], breaks: number[]): number {
  const groups: number[][] = breaks.slice(1).map(() => []);
  for (const v of sorted) groups[classIndex(v, breaks)].push(v);
  return groups.reduce((acc, g) => {
    if (!g.length) return acc;
    const m = g.reduce((a, b) => a + b, 0) / g.length;
    return acc + g.reduce((a, b) => a + (b - m) ** 2, 0);
  }, 0);
}

/** Exhaustive search over every way to cut the sorted array into k contiguous non-empty classes. */
function bruteBestSsd(sorted: number[], k: number): number {
  let best = Infinity;
  const cuts = (from: number, left: number, acc: number[]) => {
    if (left === 0) {
      const idx = [0, ...acc, sorted.length];
      let total = 0;
      for (let c = 0; c < idx.length - 1; c++) {
        const g = sorted.slice(idx[c], idx[c + 1]);
        const m = g.reduce((a, b) => a + b, 0) / g.length;
        total += g.reduce((a, b) => a + (b - m) ** 2, 0);
      }
      best = Math.min(best, total);
      return;
    }
    for (let i = from; i <= sorted.length - left; i++) cuts(i + 1, left - 1, [...acc, i]);
  };
  cuts(1, k - 1, []);
  return best;
}

function lcg(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe('jenksBreaks', () => {
  it('separates obvious clusters at their gaps', () => {
    const values = [1, 2, 3, 10, 11, 12, 30, 31, 32].sort((a, b) => a - b);
    expect(jenksBreaks(values, 3)).toEqual([1, 3, 12, 32]);
  });

  it('reaches the exhaustive optimum on random arrays', () => {
    const rnd = lcg(7);
    for (let t = 0; t < 25; t++) {
      const n = 6 + Math.floor(rnd() * 9);
      const values = Array.from({ length: n }, () => Math.round(rnd() * 100)).sort((a, b) => a - b);
      for (const k of [2, 3, 4]) {
        const breaks = jenksBreaks(values, k);
        expect(withinSsd(values, breaks)).toBeCloseTo(bruteBestSsd(values, k), 6);
      }
    }
  });

  it('returns fewer classes when there are fewer distinct values', () => {
    expect(jenksBreaks([5, 5, 7], 5)).toEqual([5, 5, 7]);
  });
});

describe('quantileBreaks and equalBreaks', () => {
  it('quantile edges put the same number of values in each class when they divide evenly', () => {
    const values = Array.from({ length: 12 }, (_, i) => i + 1);
    const breaks = quantileBreaks(values, 4);
    expect(breaks[0]).toBe(1);
    expect(breaks[4]).toBe(12);
    expect(classify(values, 'quantile', 4).counts).toEqual([3, 3, 3, 3]);
  });

  it('equal intervals have equal width', () => {
    const breaks = equalBreaks([2, 4, 10, 22], 4);
    const widths = breaks.slice(1).map((b, i) => b - breaks[i]);
    for (const w of widths) expect(w).toBeCloseTo((22 - 2) / 4);
  });
});

describe('classify', () => {
  it('excludes nulls, counts them, and the counts add up to the non-null values', () => {
    const rnd = lcg(3);
    const values: Array<number | null> = Array.from({ length: 500 }, () => (rnd() < 0.1 ? null : rnd() * 1000));
    const nonNull = values.filter((v) => v !== null).length;
    for (const method of ['quantile', 'jenks', 'equal'] as const) {
      const c = classify(values, method, 5);
      expect(c.nulls).toBe(values.length - nonNull);
      expect(c.counts.reduce((a, b) => a + b, 0)).toBe(nonNull);
      expect(c.breaks).toHaveLength(6);
      for (let i = 1; i < c.breaks.length; i++) expect(c.breaks[i]).toBeGreaterThanOrEqual(c.breaks[i - 1]);
    }
  });

  it('handles an empty input', () => {
    expect(classify([null, null], 'jenks', 5)).toMatchObject({ breaks: [], counts: [], nulls: 2, total: 2 });
  });
});

describe('change', () => {
  it('is null when a value is missing or the base is zero', () => {
    expect(change(null, 3)).toEqual({ absoluta: null, relativa: null });
    expect(change(0, 3)).toEqual({ absoluta: 3, relativa: null });
    expect(change(50, 75)).toEqual({ absoluta: 25, relativa: 50 });
  });
});
