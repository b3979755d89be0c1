import { describe, expect, it } from 'vitest';
import { circleAround, distanceM, formatArea, formatDistance, pathLength, ringArea, sortByDistance } from './geo.ts';

// Independent haversine (mean Earth radius, as Turf uses) to check the helpers against.
const R = 6371008.8;
const hav = (a: [number, number], b: [number, number]) => {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
};

describe('turf helpers', () => {
  const a: [number, number] = [-102.6, 23.2];
  const b: [number, number] = [-102.59, 23.21];
  const c: [number, number] = [-102.58, 23.2];

  it('measures a path as the sum of its great-circle legs', () => {
    expect(pathLength([a, b, c])).toBeCloseTo(hav(a, b) + hav(b, c), 3);
    expect(pathLength([a])).toBe(0);
  });

  it('measures the area of a small square close to its planar size', () => {
    // A 0.01° square at 23.2°N: sides of haversine length, area ≈ product (error < 0.1 % at this size).
    const sq: Array<[number, number]> = [a, [a[0] + 0.01, a[1]], [a[0] + 0.01, a[1] + 0.01], [a[0], a[1] + 0.01]];
    const expected = hav(sq[0], sq[1]) * hav(sq[0], sq[3]);
    expect(Math.abs(ringArea(sq) - expected) / expected).toBeLessThan(0.005);
    expect(ringArea([a, b])).toBe(0);
  });

  it('draws a radius circle whose vertices are all at the radius', () => {
    const circle = circleAround(a, 1000, 32);
    for (const v of circle.geometry.coordinates[0]) expect(hav(a, v as [number, number])).toBeCloseTo(1000, 0);
  });

  it('sorts items nearest first with their distances', () => {
    const items = [{ id: 1, lon: c[0], lat: c[1] }, { id: 2, lon: b[0], lat: b[1] }, { id: 3, lon: a[0] + 0.001, lat: a[1] }];
    const sorted = sortByDistance(a, items);
    expect(sorted.map((x) => x.id)).toEqual([3, 2, 1]);
    for (const s of sorted) expect(s.distanceM).toBeCloseTo(distanceM(a, [s.lon, s.lat]), 6);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i].distanceM).toBeGreaterThanOrEqual(sorted[i - 1].distanceM);
  });

  it('formats distances and areas with sensible units', () => {
    expect(formatDistance(850, 'es-MX')).toBe('850 m');
    expect(formatDistance(1234, 'es-MX')).toBe('1.23 km');
    expect(formatArea(500, 'es-MX')).toBe('500 m²');
    expect(formatArea(25_000, 'es-MX')).toBe('2.5 ha');
    expect(formatArea(3_000_000, 'es-MX')).toBe('3 km²');
  });
});
