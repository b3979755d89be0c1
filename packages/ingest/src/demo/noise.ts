// Smooth random fields: value noise and its fractal sum. They make neighbouring places alike (spatial
// autocorrelation), which is what makes choropleths of the demo look like a real city and not like static.
import { hash3 } from './prng.ts';

const smooth = (t: number) => t * t * t * (t * (t * 6 - 15) + 10);

function lattice(ix: number, iy: number, seed: number): number {
  return hash3(ix, iy, 0, seed) / 4294967296;
}

/** 2-D value noise in [0, 1), smooth (C2), with features about one unit apart. */
export function valueNoise2(x: number, y: number, seed: number): number {
  const ix = Math.floor(x);
  const iy = Math.floor(y);
  const fx = smooth(x - ix);
  const fy = smooth(y - iy);
  const a = lattice(ix, iy, seed);
  const b = lattice(ix + 1, iy, seed);
  const c = lattice(ix, iy + 1, seed);
  const d = lattice(ix + 1, iy + 1, seed);
  const top = a + (b - a) * fx;
  const bottom = c + (d - c) * fx;
  return top + (bottom - top) * fy;
}

/** 1-D value noise in [0, 1), periodic with the given integer period (for shapes around a circle). */
export function periodicNoise1(t: number, period: number, seed: number): number {
  const i = Math.floor(t);
  const f = smooth(t - i);
  const m = (k: number) => ((k % period) + period) % period;
  const a = hash3(m(i), 0, 1, seed) / 4294967296;
  const b = hash3(m(i + 1), 0, 1, seed) / 4294967296;
  return a + (b - a) * f;
}

/** Fractal (fBm) value noise in [0, 1): `octaves` layers, each twice as fine and half as strong. */
export function fbm2(x: number, y: number, seed: number, octaves = 4): number {
  let sum = 0;
  let amp = 1;
  let norm = 0;
  let f = 1;
  for (let o = 0; o < octaves; o++) {
    sum += amp * valueNoise2(x * f + o * 17.31, y * f - o * 11.7, seed + o * 1013);
    norm += amp;
    amp *= 0.5;
    f *= 2;
  }
  return sum / norm;
}

/** Clamps x to [lo, hi]. */
export const clamp = (x: number, lo: number, hi: number) => (x < lo ? lo : x > hi ? hi : x);

/** Hermite step between edges e0 and e1. */
export function smoothstep(e0: number, e1: number, x: number): number {
  const t = clamp((x - e0) / (e1 - e0), 0, 1);
  return t * t * (3 - 2 * t);
}
