import { describe, expect, it } from 'vitest';
import { insetConvex, lineLength, LocalFrame, ringArea, ringCentroid, type Pt } from './geo.ts';

describe('insetConvex', () => {
  it('shrinks a square by the given distance on each side', () => {
    const sq: Pt[] = [[0, 0], [100, 0], [100, 100], [0, 100]];
    // Edges in ring order: bottom, right, top, left.
    const r = insetConvex(sq, [5, 10, 15, 20])!;
    expect(ringArea(r)).toBeCloseTo((100 - 10 - 20) * (100 - 5 - 15), 6);
    expect(ringCentroid(r)[0]).toBeCloseTo((20 + 90) / 2, 6);
    expect(ringCentroid(r)[1]).toBeCloseTo((5 + 85) / 2, 6);
  });

  it('refuses to collapse a ring narrower than its streets', () => {
    expect(insetConvex([[0, 0], [10, 0], [10, 10], [0, 10]], [6, 6, 6, 6])).toBeNull();
  });
});

describe('LocalFrame', () => {
  it('maps metres to Web Mercator with the 1/cos(lat) stretch', () => {
    const f = new LocalFrame(-102.6, 23.2);
    const o = f.toMercator([0, 0]);
    const n = f.toMercator([0, 1000]);
    const e = f.toMercator([1000, 0]);
    const k = 1 / Math.cos((23.2 * Math.PI) / 180);
    expect(Math.abs((n[1] - o[1]) / 1000 / k - 1)).toBeLessThan(0.01);
    expect(Math.abs((e[0] - o[0]) / 1000 / k - 1)).toBeLessThan(0.01);
    expect(o[0]).toBeCloseTo((-102.6 * Math.PI * 6378137) / 180, 3);
  });

  it('measures polylines in metres', () => {
    expect(lineLength([[0, 0], [3, 4], [3, 10]])).toBeCloseTo(11, 9);
  });
});
