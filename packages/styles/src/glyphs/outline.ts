import type { PathCommand } from 'opentype.js';

/** A closed polygon ring in pixels, y pointing up (font convention), as flat [x0, y0, x1, y1, …]. */
export type Ring = number[];

/** Curves are cut into chords no longer than this (px): fine enough that the SDF error stays under 0.1 px. */
const MAX_CHORD = 0.75;

/**
 * Flattens path commands (y down, as opentype.js and SVG produce them) into closed rings with y up,
 * so that glyph and icon rasterisers share one representation.
 */
export function flattenPath(commands: readonly PathCommand[], flipY = true): Ring[] {
  const rings: Ring[] = [];
  const sy = flipY ? -1 : 1;
  let ring: Ring = [];
  let x = 0;
  let y = 0;
  const close = () => {
    if (ring.length >= 6) rings.push(ring);
    ring = [];
  };
  for (const c of commands) {
    switch (c.type) {
      case 'M':
        close();
        x = c.x;
        y = c.y;
        ring.push(x, sy * y);
        break;
      case 'L':
        x = c.x;
        y = c.y;
        ring.push(x, sy * y);
        break;
      case 'Q': {
        const n = Math.max(1, Math.ceil((Math.hypot(c.x1 - x, c.y1 - y) + Math.hypot(c.x - c.x1, c.y - c.y1)) / MAX_CHORD));
        for (let i = 1; i <= n; i++) {
          const t = i / n;
          const u = 1 - t;
          ring.push(u * u * x + 2 * u * t * c.x1 + t * t * c.x, sy * (u * u * y + 2 * u * t * c.y1 + t * t * c.y));
        }
        x = c.x;
        y = c.y;
        break;
      }
      case 'C': {
        const len = Math.hypot(c.x1 - x, c.y1 - y) + Math.hypot(c.x2 - c.x1, c.y2 - c.y1) + Math.hypot(c.x - c.x2, c.y - c.y2);
        const n = Math.max(1, Math.ceil(len / MAX_CHORD));
        for (let i = 1; i <= n; i++) {
          const t = i / n;
          const u = 1 - t;
          const px = u * u * u * x + 3 * u * u * t * c.x1 + 3 * u * t * t * c.x2 + t * t * t * c.x;
          const py = u * u * u * y + 3 * u * u * t * c.y1 + 3 * u * t * t * c.y2 + t * t * t * c.y;
          ring.push(px, sy * py);
        }
        x = c.x;
        y = c.y;
        break;
      }
      case 'Z':
        close();
        break;
    }
  }
  close();
  return rings;
}

/** Bounding box [minX, minY, maxX, maxY] of rings, or null when they are empty. */
export function ringsBounds(rings: readonly Ring[]): [number, number, number, number] | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const r of rings) {
    for (let i = 0; i < r.length; i += 2) {
      if (r[i] < minX) minX = r[i];
      if (r[i] > maxX) maxX = r[i];
      if (r[i + 1] < minY) minY = r[i + 1];
      if (r[i + 1] > maxY) maxY = r[i + 1];
    }
  }
  return minX === Infinity ? null : [minX, minY, maxX, maxY];
}

/**
 * Non-zero winding number of point (px, py) with respect to the rings (TrueType and our icons fill
 * by the non-zero rule, so overlapping contours of composite glyphs such as 'á' stay solid).
 */
export function winding(rings: readonly Ring[], px: number, py: number): number {
  let w = 0;
  for (const r of rings) {
    const n = r.length;
    for (let i = 0; i < n; i += 2) {
      const x0 = r[i];
      const y0 = r[i + 1];
      const j = (i + 2) % n;
      const x1 = r[j];
      const y1 = r[j + 1];
      if (y0 <= py) {
        if (y1 > py && (x1 - x0) * (py - y0) - (px - x0) * (y1 - y0) > 0) w++;
      } else if (y1 <= py && (x1 - x0) * (py - y0) - (px - x0) * (y1 - y0) < 0) {
        w--;
      }
    }
  }
  return w;
}
