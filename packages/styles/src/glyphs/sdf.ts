import { ringsBounds, winding, type Ring } from './outline.ts';

/** MapLibre's glyph conventions: 24 px em, 3 px border around each bitmap, SDF radius 8 px, edge at 0.75. */
export const GLYPH_SIZE = 24;
export const GLYPH_BUFFER = 3;
export const SDF_RADIUS = 8;
export const SDF_CUTOFF = 0.25;

/** A rasterised glyph: bitmap is (width + 2·buffer) × (height + 2·buffer) bytes, empty for blank glyphs. */
export interface SdfBitmap {
  width: number;
  height: number;
  /** Pixel column of the bitmap's left edge (without buffer) relative to the pen position. */
  left: number;
  /** Pixel row of the bitmap's top edge (without buffer) above the baseline. */
  bearingTop: number;
  bitmap: Uint8Array;
}

/** Squared distance from (px, py) to the segment (x0, y0)–(x1, y1). */
function segmentDist2(px: number, py: number, x0: number, y0: number, x1: number, y1: number): number {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((px - x0) * dx + (py - y0) * dy) / len2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const ex = x0 + t * dx - px;
  const ey = y0 + t * dy - py;
  return ex * ex + ey * ey;
}

/**
 * Signed distance field of rings (pixels, y up), encoded as MapLibre expects:
 * byte = 255 − 255·(d/radius + cutoff), d > 0 outside, so the outline sits at 191.
 */
export function renderSdf(rings: readonly Ring[], buffer = GLYPH_BUFFER, radius = SDF_RADIUS, cutoff = SDF_CUTOFF): SdfBitmap {
  const b = ringsBounds(rings);
  if (!b) return { width: 0, height: 0, left: 0, bearingTop: 0, bitmap: new Uint8Array(0) };
  const left = Math.floor(b[0]);
  const bottom = Math.floor(b[1]);
  const width = Math.max(1, Math.ceil(b[2]) - left);
  const top = Math.max(bottom + 1, Math.ceil(b[3]));
  const height = top - bottom;
  const w = width + 2 * buffer;
  const h = height + 2 * buffer;
  const out = new Uint8Array(w * h);
  const maxD2 = radius * radius;
  for (let row = 0; row < h; row++) {
    const py = top + buffer - row - 0.5;
    for (let col = 0; col < w; col++) {
      const px = left - buffer + col + 0.5;
      let d2 = maxD2;
      for (const r of rings) {
        const n = r.length;
        for (let i = 0; i < n; i += 2) {
          const j = (i + 2) % n;
          // Cheap reject: a segment whose box is farther than the best distance cannot improve it.
          const sx0 = r[i] < r[j] ? r[i] : r[j];
          const sx1 = r[i] < r[j] ? r[j] : r[i];
          const gx = px < sx0 ? sx0 - px : px > sx1 ? px - sx1 : 0;
          if (gx * gx >= d2) continue;
          const e = segmentDist2(px, py, r[i], r[i + 1], r[j], r[j + 1]);
          if (e < d2) d2 = e;
        }
      }
      const inside = winding(rings, px, py) !== 0;
      const d = (inside ? -1 : 1) * Math.sqrt(d2);
      const v = Math.round(255 - 255 * (d / radius + cutoff));
      out[row * w + col] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
  }
  return { width, height, left, bearingTop: top, bitmap: out };
}
