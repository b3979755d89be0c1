import { describe, expect, it } from 'vitest';
import { classify } from '@sigmun/domain/classify';
import { choroplethColors, classColor, classColorExpression, divergingColors, evaluateClassColor, legendClasses } from './classes.ts';
import { luminance, rampColors } from './palette.ts';

// A deterministic, uneven sample (no two equal gaps), so class edges fall between and on values.
const values = Array.from({ length: 97 }, (_, i) => Math.round(((i * 37) % 97) ** 1.5 * 10) / 10);

describe('legend classes', () => {
  for (const method of ['quantile', 'jenks', 'equal'] as const) {
    it(`legend counts equal the number of values the map colours with each class (${method})`, () => {
      const c = classify(values, method, 6);
      const colors = rampColors('viridis', c.classes);
      const legend = legendClasses(c.breaks, c.counts, colors);
      expect(legend).toHaveLength(c.classes);
      const expr = classColorExpression(['feature-state', 'v'], c.breaks, colors, '#ccc');
      for (const row of legend) {
        const drawn = values.filter((v) => evaluateClassColor(expr, v) === row.color).length;
        expect(drawn).toBe(row.count);
      }
      expect(legend.reduce((a, r) => a + r.count, 0)).toBe(values.length);
    });
  }

  it('colours values exactly at a class edge with the lower class, like the server counts them', () => {
    const c = classify(values, 'quantile', 4);
    const colors = rampColors('cividis', 4);
    const expr = classColorExpression(['get', 'v'], c.breaks, colors, '#ccc');
    for (let i = 1; i < c.breaks.length - 1; i++) {
      expect(evaluateClassColor(expr, c.breaks[i])).toBe(colors[i - 1]);
      expect(classColor(c.breaks[i], c.breaks, colors, '#ccc')).toBe(colors[i - 1]);
    }
  });

  it('gives nulls the no-data colour', () => {
    const expr = classColorExpression(['get', 'v'], [0, 1, 2, 3], ['#a', '#b', '#c'], '#nodata');
    expect(evaluateClassColor(expr, null)).toBe('#nodata');
    expect(classColor(null, [0, 1, 2, 3], ['#a', '#b', '#c'], '#nodata')).toBe('#nodata');
  });
});

describe('ramps', () => {
  it('gives n distinct colours running monotonically light → dark for viridis (more reads darker), 3 to 9 classes', () => {
    for (let n = 3; n <= 9; n++) {
      const c = rampColors('viridis', n);
      expect(new Set(c).size).toBe(n);
      const l = c.map(luminance);
      for (let i = 1; i < n; i++) expect(l[i]).toBeLessThan(l[i - 1]);
    }
  });

  it('starts and ends on the published anchors', () => {
    // ColorBrewer's YlGnBu as published per class count: 9 classes span its full anchors, 5 its own five.
    expect(rampColors('ylgnbu', 9)[0]).toBe('#ffffd9');
    expect(rampColors('ylgnbu', 9)[8]).toBe('#081d58');
    expect(rampColors('ylgnbu', 5)[0]).toBe('#ffffcc');
    expect(rampColors('ylgnbu', 5)[4]).toBe('#253494');
  });

  it('reverses the value ramp when lower is better', () => {
    const five = [0, 1, 2, 3, 4, 5];
    expect(choroplethColors('value', five, false)).toEqual([...choroplethColors('value', five, true)].reverse());
  });
});

describe('diverging change colours', () => {
  const rgb = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  it('decreases are red, increases blue (RdBu, as published), a class across zero neutral, darker away from zero', () => {
    const c = divergingColors([-156, -58, -1, 77, 119, 275, 1125]);
    const [a, b, , d, e, f] = c.map(rgb);
    expect(a[0]).toBeGreaterThan(a[2]);
    expect(b[0]).toBeGreaterThan(b[2]);
    expect(c[2]).toBe(rampColors('rdbu', 9)[4]);
    for (const x of [d, e, f]) expect(x[2]).toBeGreaterThan(x[0]);
    expect(luminance(c[0])).toBeLessThan(luminance(c[1]));
    expect(luminance(c[5])).toBeLessThan(luminance(c[3]));
  });
  it('all-positive changes use only the blue half', () => {
    for (const x of divergingColors([1, 2, 3, 4]).map(rgb)) expect(x[2]).toBeGreaterThan(x[0]);
  });
  it('uses only colours of the published RdBu ramp', () => {
    const rdbu = new Set(rampColors('rdbu', 9));
    for (const c of divergingColors([-9, -5, -2, -1, 0, 1, 3, 8, 20])) expect(rdbu.has(c), c).toBe(true);
  });
});
