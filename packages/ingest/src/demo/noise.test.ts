import { describe, expect, it } from 'vitest';
import { fbm2, periodicNoise1, smoothstep, valueNoise2 } from './noise.ts';

describe('value noise', () => {
  it('stays in [0, 1) and is deterministic per seed', () => {
    for (let k = 0; k < 500; k++) {
      const x = k * 0.173;
      const y = k * 0.311 - 20;
      const v = valueNoise2(x, y, 9);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
      expect(valueNoise2(x, y, 9)).toBe(v);
    }
    expect(valueNoise2(0.5, 0.5, 1)).not.toBe(valueNoise2(0.5, 0.5, 2));
  });

  it('is continuous: a tiny step changes the value by a tiny amount', () => {
    for (let k = 0; k < 200; k++) {
      const x = k * 0.37;
      const y = k * 0.19;
      expect(Math.abs(valueNoise2(x + 1e-4, y, 3) - valueNoise2(x, y, 3))).toBeLessThan(1e-3);
      expect(Math.abs(fbm2(x, y + 1e-4, 3) - fbm2(x, y, 3))).toBeLessThan(1e-2);
    }
  });

  it('is smooth enough that near points correlate and far points do not', () => {
    const pairs = (d: number) => {
      const a: number[] = [];
      const b: number[] = [];
      for (let k = 0; k < 2000; k++) {
        const x = (k % 50) * 3.1;
        const y = Math.floor(k / 50) * 2.7;
        a.push(fbm2(x, y, 5));
        b.push(fbm2(x + d, y, 5));
      }
      const ma = a.reduce((s, v) => s + v, 0) / a.length;
      const mb = b.reduce((s, v) => s + v, 0) / b.length;
      let cov = 0;
      let va = 0;
      let vb = 0;
      a.forEach((v, k) => { cov += (v - ma) * (b[k] - mb); va += (v - ma) ** 2; vb += (b[k] - mb) ** 2; });
      return cov / Math.sqrt(va * vb);
    };
    expect(pairs(0.1)).toBeGreaterThan(0.8);
    expect(Math.abs(pairs(25))).toBeLessThan(0.2);
  });

  it('wraps around for periodic 1-D noise', () => {
    for (const t of [0, 0.3, 2.5, 6.9]) expect(periodicNoise1(t + 7, 7, 4)).toBeCloseTo(periodicNoise1(t, 7, 4), 12);
  });

  it('smoothstep goes from 0 to 1 monotonically', () => {
    expect(smoothstep(0, 1, -1)).toBe(0);
    expect(smoothstep(0, 1, 2)).toBe(1);
    let prev = -1;
    for (let x = 0; x <= 1; x += 0.05) {
      const v = smoothstep(0, 1, x);
      expect(v).toBeGreaterThanOrEqual(prev);
      prev = v;
    }
  });
});
