import { describe, expect, it } from 'vitest';
import { hash3, hashString, Rng } from './prng.ts';

describe('Rng', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const sa = Array.from({ length: 50 }, () => a.nextU32());
    const sb = Array.from({ length: 50 }, () => b.nextU32());
    const sc = Array.from({ length: 50 }, () => c.nextU32());
    expect(sa).toEqual(sb);
    expect(sc.filter((x, k) => x === sa[k]).length).toBeLessThan(2);
  });

  it('draws uniformly in [0, 1) with the mean and variance of a uniform variable', () => {
    const r = new Rng(7);
    const xs = Array.from({ length: 20_000 }, () => r.next());
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.005);
  });

  it('keeps int() within inclusive bounds, reaching both ends', () => {
    const r = new Rng(3);
    const seen = new Set(Array.from({ length: 2000 }, () => r.int(2, 6)));
    expect([...seen].sort()).toEqual([2, 3, 4, 5, 6]);
  });

  it('gives binomial draws within [0, n] with mean n·p', () => {
    const r = new Rng(11);
    const xs = Array.from({ length: 5000 }, () => r.binomial(40, 0.3));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThanOrEqual(40);
    expect(Math.abs(xs.reduce((s, x) => s + x, 0) / xs.length - 12)).toBeLessThan(0.3);
  });

  it('derives independent named streams from one seed', () => {
    const a = Rng.derive(1, 'census').nextU32();
    const b = Rng.derive(1, 'plan').nextU32();
    expect(a).not.toBe(b);
    expect(Rng.derive(1, 'census').nextU32()).toBe(a);
  });

  it('shuffles into a permutation of the input', () => {
    const xs = Array.from({ length: 30 }, (_x, k) => k);
    const s = new Rng(5).shuffle(xs);
    expect([...s].sort((a, b) => a - b)).toEqual(xs);
    expect(s).not.toEqual(xs);
  });
});

describe('hashes', () => {
  it('are deterministic 32-bit values that change with every argument', () => {
    expect(hashString('abc')).toBe(hashString('abc'));
    expect(hashString('abc')).not.toBe(hashString('abd'));
    const h = hash3(1, 2, 3, 4);
    expect(h).toBe(hash3(1, 2, 3, 4));
    expect(h).toBeGreaterThanOrEqual(0);
    expect(h).toBeLessThan(2 ** 32);
    expect(new Set([hash3(2, 2, 3, 4), hash3(1, 3, 3, 4), hash3(1, 2, 4, 4), hash3(1, 2, 3, 5), h]).size).toBe(5);
  });
});
