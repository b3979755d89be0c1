import type { Ring } from '../glyphs/outline.ts';

/** A straight-alpha RGBA image. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Sub-rows per pixel row: 5 gives smooth 1x icons without the cost of a full 16× supersample. */
const SUBROWS = 5;

/** A blank (transparent) image. */
export function createImage(width: number, height: number): RgbaImage {
  return { width, height, data: new Uint8Array(width * height * 4) };
}

/**
 * Anti-aliased coverage (0..1 per pixel) of rings in image pixels (y down), non-zero fill rule:
 * exact horizontal span coverage, SUBROWS samples vertically.
 */
export function coverage(rings: readonly Ring[], width: number, height: number): Float32Array {
  const cov = new Float32Array(width * height);
  const xs: Array<[number, number]> = [];
  for (let row = 0; row < height; row++) {
    for (let s = 0; s < SUBROWS; s++) {
      const y = row + (s + 0.5) / SUBROWS;
      xs.length = 0;
      for (const r of rings) {
        const n = r.length;
        for (let i = 0; i < n; i += 2) {
          const j = (i + 2) % n;
          const y0 = r[i + 1];
          const y1 = r[j + 1];
          if (y0 === y1 || y < Math.min(y0, y1) || y >= Math.max(y0, y1)) continue;
          const x = r[i] + ((y - y0) / (y1 - y0)) * (r[j] - r[i]);
          xs.push([x, y1 > y0 ? 1 : -1]);
        }
      }
      xs.sort((a, b) => a[0] - b[0]);
      let w = 0;
      for (let k = 0; k < xs.length - 1; k++) {
        w += xs[k][1];
        if (w === 0) continue;
        const a = Math.max(0, xs[k][0]);
        const b = Math.min(width, xs[k + 1][0]);
        for (let px = Math.floor(a); px < b; px++) {
          const overlap = Math.min(b, px + 1) - Math.max(a, px);
          if (overlap > 0) cov[row * width + px] += overlap / SUBROWS;
        }
      }
    }
  }
  for (let i = 0; i < cov.length; i++) if (cov[i] > 1) cov[i] = 1;
  return cov;
}

/** Paints `color` (#rrggbb) over the image through a coverage mask ("source over", straight alpha). */
export function paint(img: RgbaImage, mask: Float32Array, color: string, opacity = 1): void {
  const n = parseInt(color.slice(1), 16);
  const cr = (n >> 16) & 255;
  const cg = (n >> 8) & 255;
  const cb = n & 255;
  const d = img.data;
  for (let i = 0; i < mask.length; i++) {
    const sa = mask[i] * opacity;
    if (sa <= 0) continue;
    const da = d[i * 4 + 3] / 255;
    const oa = sa + da * (1 - sa);
    const mix = (s: number, dst: number) => (s * sa + dst * da * (1 - sa)) / oa;
    d[i * 4] = Math.round(mix(cr, d[i * 4]));
    d[i * 4 + 1] = Math.round(mix(cg, d[i * 4 + 1]));
    d[i * 4 + 2] = Math.round(mix(cb, d[i * 4 + 2]));
    d[i * 4 + 3] = Math.round(oa * 255);
  }
}

/** Copies `src` into `dst` with its top-left corner at (x, y). */
export function blit(dst: RgbaImage, src: RgbaImage, x: number, y: number): void {
  for (let row = 0; row < src.height; row++) {
    const from = row * src.width * 4;
    dst.data.set(src.data.subarray(from, from + src.width * 4), ((y + row) * dst.width + x) * 4);
  }
}

/** A circle ring (polygon with `segments` sides); `reverse` winds it the other way, to cut a hole. */
export function circle(cx: number, cy: number, r: number, reverse = false, segments = 48): Ring {
  const out: Ring = [];
  for (let i = 0; i < segments; i++) {
    const a = ((reverse ? -1 : 1) * 2 * Math.PI * i) / segments;
    out.push(cx + r * Math.cos(a), cy + r * Math.sin(a));
  }
  return out;
}

/** An axis-aligned rectangle ring; `reverse` winds it the other way, to cut a hole. */
export function rect(x: number, y: number, w: number, h: number, reverse = false): Ring {
  return reverse ? [x, y, x, y + h, x + w, y + h, x + w, y] : [x, y, x + w, y, x + w, y + h, x, y + h];
}

/** A rounded rectangle ring (corner radius r). */
export function roundedRect(x: number, y: number, w: number, h: number, r: number): Ring {
  const out: Ring = [];
  const corners: Array<[number, number, number]> = [
    [x + w - r, y + r, -Math.PI / 2],
    [x + w - r, y + h - r, 0],
    [x + r, y + h - r, Math.PI / 2],
    [x + r, y + r, Math.PI],
  ];
  for (const [cx, cy, a0] of corners) {
    for (let i = 0; i <= 8; i++) {
      const a = a0 + (Math.PI / 2) * (i / 8);
      out.push(cx + r * Math.cos(a), cy + r * Math.sin(a));
    }
  }
  return out;
}
