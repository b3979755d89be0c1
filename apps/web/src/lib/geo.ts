// Turf-based measurements for the tools and Cerca de mí; all lengths in metres, areas in m².
import { area, bbox, circle, distance, length, lineString, point, polygon } from '@turf/turf';
import type { Feature, Polygon } from 'geojson';

export type LonLat = [number, number];

/** A polygon approximating a circle of `radiusM` metres around `center` (what the radius slider draws). */
export function circleAround(center: LonLat, radiusM: number, steps = 64): Feature<Polygon> {
  return circle(center, radiusM, { steps, units: 'meters' });
}

/** Geodesic length in metres of a path of two or more points (0 for fewer). */
export function pathLength(coords: readonly LonLat[]): number {
  if (coords.length < 2) return 0;
  return length(lineString(coords as LonLat[]), { units: 'meters' });
}

/** Geodesic area in m² of the ring through `coords` (closed automatically; 0 below three points). */
export function ringArea(coords: readonly LonLat[]): number {
  if (coords.length < 3) return 0;
  return area(closedPolygon(coords));
}

/** The polygon through `coords`, closing the ring if needed (three points or more). */
export function closedPolygon(coords: readonly LonLat[]): Feature<Polygon> {
  const ring = [...coords];
  const [a, b] = [ring[0], ring[ring.length - 1]];
  if (a[0] !== b[0] || a[1] !== b[1]) ring.push(a);
  return polygon([ring as LonLat[]]);
}

/** Great-circle distance in metres between two points. */
export function distanceM(a: LonLat, b: LonLat): number {
  return distance(point(a), point(b), { units: 'meters' });
}

/** Items sorted nearest first from `origin`, each with its distance in metres. */
export function sortByDistance<T extends { lon: number; lat: number }>(origin: LonLat, items: readonly T[]): Array<T & { distanceM: number }> {
  return items.map((it) => ({ ...it, distanceM: distanceM(origin, [it.lon, it.lat]) })).sort((x, y) => x.distanceM - y.distanceM);
}

/** [west, south, east, north] of any GeoJSON. */
export function boundsOf(geo: Parameters<typeof bbox>[0]): [number, number, number, number] {
  const b = bbox(geo);
  return [b[0], b[1], b[2], b[3]];
}

/** "850 m" or "1.2 km", for lists and the measure tool. */
export function formatDistance(m: number, locale: string): string {
  if (m < 1000) return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(m)} m`;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: m < 10000 ? 2 : 1 }).format(m / 1000)} km`;
}

/** "5,400 m²", "3.2 ha" or "1.5 km²" depending on size. */
export function formatArea(m2: number, locale: string): string {
  const f = (v: number, d: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: d }).format(v);
  if (m2 < 10_000) return `${f(m2, 0)} m²`;
  if (m2 < 1_000_000) return `${f(m2 / 10_000, 2)} ha`;
  return `${f(m2 / 1_000_000, 2)} km²`;
}
