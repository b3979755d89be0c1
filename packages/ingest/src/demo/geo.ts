// Geometry helpers: the generator works in local metres (east, north) around the city centre and writes
// EPSG:3857 coordinates. The local frame uses the ellipsoid's radii of curvature at the centre, so lengths in
// metres computed here agree with PostGIS geography lengths to well under 1 %.

/** A point in local metres (x east, y north) relative to the municipal centre. */
export type Pt = [number, number];

const A = 6378137;
const E2 = 0.00669437999014;

/** Converts local metres to EPSG:3857 around a centre given in degrees. */
export class LocalFrame {
  private readonly lon0: number;
  private readonly lat0: number;
  private readonly m: number;
  private readonly n: number;

  constructor(lonDeg: number, latDeg: number) {
    this.lon0 = (lonDeg * Math.PI) / 180;
    this.lat0 = (latDeg * Math.PI) / 180;
    const s = Math.sin(this.lat0);
    const w = 1 - E2 * s * s;
    this.m = (A * (1 - E2)) / Math.pow(w, 1.5);
    this.n = A / Math.sqrt(w);
  }

  /** EPSG:3857 coordinates of a local point. */
  toMercator(p: Pt): Pt {
    const lat = this.lat0 + p[1] / this.m;
    const lon = this.lon0 + p[0] / (this.n * Math.cos(this.lat0));
    return [A * lon, A * Math.log(Math.tan(Math.PI / 4 + lat / 2))];
  }
}

/** Euclidean length of a polyline in local metres. */
export function lineLength(pts: readonly Pt[]): number {
  let s = 0;
  for (let i = 1; i < pts.length; i++) s += Math.hypot(pts[i][0] - pts[i - 1][0], pts[i][1] - pts[i - 1][1]);
  return s;
}

/** Signed area of a ring (positive when counter-clockwise). */
export function ringArea(ring: readonly Pt[]): number {
  let s = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % ring.length];
    s += a[0] * b[1] - b[0] * a[1];
  }
  return s / 2;
}

/** Centroid of a simple ring (open: first vertex not repeated). */
export function ringCentroid(ring: readonly Pt[]): Pt {
  let cx = 0;
  let cy = 0;
  let a2 = 0;
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i];
    const q = ring[(i + 1) % ring.length];
    const c = p[0] * q[1] - q[0] * p[1];
    a2 += c;
    cx += (p[0] + q[0]) * c;
    cy += (p[1] + q[1]) * c;
  }
  if (Math.abs(a2) < 1e-9) return [ring[0][0], ring[0][1]];
  return [cx / (3 * a2), cy / (3 * a2)];
}

/**
 * Insets a convex (or nearly convex) counter-clockwise ring: edge k moves inwards by d[k] metres (half the width of the street
 * along it), so manzanas leave room for the street between them. Returns null when the ring collapses.
 */
export function insetConvex(ring: readonly Pt[], d: readonly number[]): Pt[] | null {
  const n = ring.length;
  const lines: { p: Pt; v: Pt }[] = [];
  for (let k = 0; k < n; k++) {
    const a = ring[k];
    const b = ring[(k + 1) % n];
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (len < 1e-6) return null;
    const v: Pt = [(b[0] - a[0]) / len, (b[1] - a[1]) / len];
    // Inward normal of a CCW ring is the left normal.
    const nx = -v[1];
    const ny = v[0];
    lines.push({ p: [a[0] + nx * d[k], a[1] + ny * d[k]], v });
  }
  const out: Pt[] = [];
  for (let k = 0; k < n; k++) {
    const l1 = lines[(k + n - 1) % n];
    const l2 = lines[k];
    const den = l1.v[0] * l2.v[1] - l1.v[1] * l2.v[0];
    // Collinear neighbours (the middle vertex of a long block's side): the offset point is the offset vertex.
    if (Math.abs(den) < 1e-9) {
      out.push([l2.p[0], l2.p[1]]);
      continue;
    }
    const t = ((l2.p[0] - l1.p[0]) * l2.v[1] - (l2.p[1] - l1.p[1]) * l2.v[0]) / den;
    out.push([l1.p[0] + l1.v[0] * t, l1.p[1] + l1.v[1] * t]);
  }
  const a0 = ringArea(ring);
  const a1 = ringArea(out);
  if (a1 <= 0.05 * a0) return null;
  return out;
}

/** Serialises coordinates with centimetre precision; equal inputs always give equal text (shared vertices). */
export function fmt(p: Pt): string {
  return `${p[0].toFixed(2)} ${p[1].toFixed(2)}`;
}

/** WKT writer bound to a local frame; all output is EPSG:3857 (the SRID is given in SQL). */
export class Wkt {
  constructor(private readonly frame: LocalFrame) {}

  /** Mercator text of one local point. */
  coord(p: Pt): string {
    return fmt(this.frame.toMercator(p));
  }

  point(p: Pt): string {
    return `POINT(${this.coord(p)})`;
  }

  lineString(pts: readonly Pt[]): string {
    return `LINESTRING(${pts.map((p) => this.coord(p)).join(',')})`;
  }

  /** A one-ring polygon (open ring in, closed ring out). */
  polygon(ring: readonly Pt[]): string {
    return `POLYGON((${this.ringText(ring)}))`;
  }

  multiPolygon(ring: readonly Pt[]): string {
    return `MULTIPOLYGON(((${this.ringText(ring)})))`;
  }

  private ringText(ring: readonly Pt[]): string {
    const parts = ring.map((p) => this.coord(p));
    parts.push(parts[0]);
    return parts.join(',');
  }
}
