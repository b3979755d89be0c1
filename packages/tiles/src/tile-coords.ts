// Web Mercator tile arithmetic shared by the tile server, the archive builder and the tests.

/** Deepest zoom the dynamic tile endpoints accept. */
export const MAX_ZOOM = 22;

/** Half the EPSG:3857 world width in metres. */
export const WORLD_HALF = 20037508.342789244;

/** A tile address in the XYZ scheme (y grows southwards). */
export interface TileAddress {
  z: number;
  x: number;
  y: number;
}

/** The name of the first invalid coordinate of z/x/y with a Spanish message, or null when the address is valid. */
export function checkTileAddress(z: number, x: number, y: number, maxZoom = MAX_ZOOM): { parameter: 'z' | 'x' | 'y'; message: string } | null {
  if (!Number.isInteger(z) || z < 0 || z > maxZoom) return { parameter: 'z', message: `z debe ser un entero entre 0 y ${maxZoom}` };
  const n = 2 ** z;
  if (!Number.isInteger(x) || x < 0 || x >= n) return { parameter: 'x', message: `x debe ser un entero entre 0 y ${n - 1} en el nivel ${z}` };
  if (!Number.isInteger(y) || y < 0 || y >= n) return { parameter: 'y', message: `y debe ser un entero entre 0 y ${n - 1} en el nivel ${z}` };
  return null;
}

/** Longitude of the west edge of tile column x at zoom z. */
export function tileLon(x: number, z: number): number {
  return (x / 2 ** z) * 360 - 180;
}

/** Latitude of the north edge of tile row y at zoom z. */
export function tileLat(y: number, z: number): number {
  const n = Math.PI - (2 * Math.PI * y) / 2 ** z;
  return (180 / Math.PI) * Math.atan(Math.sinh(n));
}

/** The tile containing a lon/lat point at zoom z (clamped to the world). */
export function lonLatToTile(lon: number, lat: number, z: number): { x: number; y: number } {
  const n = 2 ** z;
  const clampLat = Math.max(-85.0511, Math.min(85.0511, lat));
  const x = Math.floor(((lon + 180) / 360) * n);
  const r = (clampLat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return { x: Math.min(n - 1, Math.max(0, x)), y: Math.min(n - 1, Math.max(0, y)) };
}
