// Colour-blind-safe ramps. Anchors are the published palettes (matplotlib viridis/cividis, ColorBrewer YlGnBu,
// PuOr); n classes are sampled evenly along them so 3–9 classes keep the ramp's perceptual ordering.

export type RampName = 'viridis' | 'cividis' | 'YlGnBu' | 'PuOr';
export const RAMPS: readonly RampName[] = ['viridis', 'cividis', 'YlGnBu', 'PuOr'];

const ANCHORS: Record<RampName, string[]> = {
  viridis: ['#440154', '#472d7b', '#3b528b', '#2c728e', '#21918c', '#28ae80', '#5ec962', '#addc30', '#fde725'],
  cividis: ['#00224e', '#123570', '#3b496c', '#575d6d', '#707173', '#8a8779', '#a69d75', '#c4b56c', '#e4cf5b', '#fee838'],
  YlGnBu: ['#ffffd9', '#edf8b1', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#253494', '#081d58'],
  // Diverging, for change maps: purple = decrease, orange = increase.
  PuOr: ['#2d004b', '#542788', '#8073ac', '#b2abd2', '#d8daeb', '#f7f7f7', '#fee0b6', '#fdb863', '#e08214', '#b35806', '#7f3b08'],
};

function parseHex(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function toHex(rgb: [number, number, number]): string {
  return `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/** Colour at position t ∈ [0, 1] along a ramp, linearly interpolated between its anchors in RGB. */
export function rampAt(name: RampName, t: number): string {
  const a = ANCHORS[name];
  const x = Math.min(1, Math.max(0, t)) * (a.length - 1);
  const i = Math.min(a.length - 2, Math.floor(x));
  const f = x - i;
  const p = parseHex(a[i]);
  const q = parseHex(a[i + 1]);
  return toHex([p[0] + (q[0] - p[0]) * f, p[1] + (q[1] - p[1]) * f, p[2] + (q[2] - p[2]) * f]);
}

/** `n` colours sampled evenly from first to last anchor (reversed when `reverse`). */
export function rampColors(name: RampName, n: number, reverse = false): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(rampAt(name, n === 1 ? 0.5 : i / (n - 1)));
  return reverse ? out.reverse() : out;
}

/** Relative luminance (WCAG), used to pick a readable text colour over a swatch. */
export function luminance(hex: string): number {
  const lin = parseHex(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
}

/**
 * Colours of change classes, diverging at zero: classes wholly below zero take the purple half of PuOr (darker
 * further from zero), classes wholly above it the orange half, and a class that spans zero the neutral middle.
 */
export function divergingColors(breaks: readonly number[]): string[] {
  const n = Math.max(0, breaks.length - 1);
  const neg = Array.from({ length: n }, (_, i) => i).filter((i) => breaks[i + 1] <= 0 && breaks[i] < 0);
  const pos = Array.from({ length: n }, (_, i) => i).filter((i) => breaks[i] >= 0 && breaks[i + 1] > 0);
  return Array.from({ length: n }, (_, i) => {
    const k = neg.indexOf(i);
    if (k >= 0) return rampAt('PuOr', 0.4 * (k / Math.max(1, neg.length)) + (neg.length === 1 ? 0.15 : 0));
    const j = pos.indexOf(i);
    if (j >= 0) return rampAt('PuOr', 1 - 0.4 * ((pos.length - 1 - j) / Math.max(1, pos.length)) - (pos.length === 1 ? 0.15 : 0));
    return rampAt('PuOr', 0.5);
  });
}

/** Colours of an indicator choropleth: viridis for values (reversed when lower is better), diverging for change. */
export function choroplethColors(mode: 'value' | 'change', breaks: readonly number[], higherIsBetter: boolean | null): string[] {
  return mode === 'change' ? divergingColors(breaks) : rampColors('viridis', Math.max(0, breaks.length - 1), higherIsBetter === false);
}
