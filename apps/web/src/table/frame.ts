// Framing a row's feature on the map: its box, widened a little when it is a point (a box of zero size has no zoom).
import type { Bbox } from './visible-bounds.ts';

const POINT_MARGIN_DEG = 0.0015;

/** The fly request that frames `b` (a point gets ~150 m around it). */
export function frameOf(b: Bbox): { center: [number, number]; bbox: Bbox } {
  const [w, s, e, n] = b;
  const box: Bbox = e - w < 1e-6 && n - s < 1e-6 ? [w - POINT_MARGIN_DEG, s - POINT_MARGIN_DEG, e + POINT_MARGIN_DEG, n + POINT_MARGIN_DEG] : b;
  return { center: [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2], bbox: box };
}
