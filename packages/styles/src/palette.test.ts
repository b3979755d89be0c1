import { describe, expect, it } from 'vitest';
import { LAYERS } from '@sigmun/domain/layers';
import { categoryColors, MAX_RAMP_CLASSES, MIN_RAMP_CLASSES, paletteColors, RAMP_NAMES, rampColors } from './palette.ts';

const luminance = (hex: string) => {
  const n = parseInt(hex.slice(1), 16);
  return 0.2126 * ((n >> 16) & 255) + 0.7152 * ((n >> 8) & 255) + 0.0722 * (n & 255);
};

describe('palette', () => {
  it('gives n distinct hex colours for every ramp and class count', () => {
    for (const r of RAMP_NAMES) {
      for (let n = MIN_RAMP_CLASSES; n <= MAX_RAMP_CLASSES; n++) {
        const c = rampColors(r, n);
        expect(c).toHaveLength(n);
        expect(new Set(c).size).toBe(n);
        for (const x of c) expect(x).toMatch(/^#[0-9a-f]{6}$/);
      }
    }
  });

  it('orders sequential ramps from light (low) to dark (high)', () => {
    for (const r of ['viridis', 'cividis', 'ylgnbu'] as const) {
      const lum = rampColors(r, 7).map(luminance);
      for (let i = 1; i < lum.length; i++) expect(lum[i], `${r}[${i}]`).toBeLessThan(lum[i - 1]);
    }
  });

  it('centres the diverging ramp on its lightest class', () => {
    const lum = rampColors('rdbu', 7).map(luminance);
    expect(lum.indexOf(Math.max(...lum))).toBe(3);
  });

  it('rejects class counts outside 3–9', () => {
    expect(() => rampColors('viridis', 2)).toThrow(RangeError);
    expect(() => rampColors('viridis', 10)).toThrow(RangeError);
  });

  it('holds every colour of the catalog, so legends and map agree', () => {
    const all = paletteColors();
    for (const l of LAYERS) for (const p of l.properties) for (const v of p.values ?? []) if (v.color) expect(all.has(v.color.toLowerCase())).toBe(true);
    const equip = LAYERS.find((l) => l.id === 'equipamiento')!.properties.find((p) => p.name === 'tipo')!.values!;
    expect(Object.keys(categoryColors('equipamiento', 'tipo'))).toEqual(equip.map((v) => String(v.value)));
  });
});
