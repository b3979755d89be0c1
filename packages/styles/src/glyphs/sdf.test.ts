import { describe, expect, it } from 'vitest';
import { GLYPH_BUFFER, SDF_CUTOFF, SDF_RADIUS, renderSdf } from './sdf.ts';
import { winding } from './outline.ts';

// Expected bytes follow MapLibre's encoding, computed here from the exact distance to a known square.
const encode = (d: number) => Math.max(0, Math.min(255, Math.round(255 - 255 * (d / SDF_RADIUS + SDF_CUTOFF))));

describe('renderSdf', () => {
  const square = [[0, 0, 10, 0, 10, 10, 0, 10]];
  const sdf = renderSdf(square);
  const w = sdf.width + 2 * GLYPH_BUFFER;
  const at = (x: number, y: number) => {
    // (x, y) in glyph pixels, y up; pixel centres sit at +0.5.
    const col = Math.floor(x - sdf.left + GLYPH_BUFFER);
    const row = Math.floor(sdf.bearingTop + GLYPH_BUFFER - y);
    return sdf.bitmap[row * w + col];
  };

  it('sizes the bitmap to the outline plus the border', () => {
    expect(sdf.width).toBe(10);
    expect(sdf.height).toBe(10);
    expect(sdf.bitmap.length).toBe((10 + 2 * GLYPH_BUFFER) * (10 + 2 * GLYPH_BUFFER));
  });

  it('encodes signed distances: inside high, outline at the cutoff, outside falling to zero', () => {
    expect(at(5.5, 5.5)).toBe(encode(-4.5));
    expect(at(0.5, 5.5)).toBe(encode(-0.5));
    expect(at(-1.5, 5.5)).toBe(encode(1.5));
    expect(at(-2.5, -2.5)).toBe(encode(Math.hypot(2.5, 2.5)));
  });

  it('returns an empty bitmap for an empty outline', () => {
    expect(renderSdf([]).bitmap.length).toBe(0);
  });

  it('fills overlapping contours by the non-zero rule', () => {
    const overlapping = [square[0], [5, 5, 15, 5, 15, 15, 5, 15]];
    expect(winding(overlapping, 7, 7)).not.toBe(0);
    expect(winding(overlapping, 12, 2)).toBe(0);
  });
});
