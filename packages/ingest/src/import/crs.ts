import { ImportError } from './errors.ts';

/** Parameters of a PROJ.4 string, e.g. { proj: 'lcc', lat_1: '17.5', ellps: 'GRS80' }. */
export function parseProj4(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tok of s.trim().split(/\s+/)) {
    const m = /^\+([a-z_0-9]+)(?:=(.*))?$/i.exec(tok);
    if (m) out[m[1]] = m[2] ?? 'true';
  }
  return out;
}

const near = (a: string | undefined, b: number) => a !== undefined && Math.abs(Number(a) - b) < 1e-9;

/**
 * The EPSG code of a CRS described by PROJ.4, for the systems Mexican data comes in; null when it is something
 * else. INEGI's LCC ITRF2008 .prj carries no code, so it is recognised by its parameters (EPSG:6372).
 */
export function sridFromProj4(proj4: string): number | null {
  const p = parseProj4(proj4);
  const grs80 = p.ellps === 'GRS80' || p.datum === 'NAD83';
  const wgs84 = p.datum === 'WGS84' || p.ellps === 'WGS84';
  if (p.proj === 'longlat') {
    if (wgs84) return 4326;
    if (grs80 && p.datum !== 'NAD83') return 6365;
    return null;
  }
  if (p.proj === 'lcc' && grs80 && near(p.lat_0, 12) && near(p.lon_0, -102) && near(p.x_0, 2_500_000) && near(p.y_0 ?? '0', 0)) {
    const sp = [Number(p.lat_1), Number(p.lat_2)].sort((a, b) => a - b);
    if (near(String(sp[0]), 17.5) && near(String(sp[1]), 29.5)) return 6372;
  }
  if (p.proj === 'utm' && !p.south && (p.units ?? 'm') === 'm') {
    const zone = Number(p.zone);
    if (wgs84 && zone >= 1 && zone <= 60) return 32600 + zone;
    // Mexico ITRF2008 / UTM zones 11N–16N are EPSG:6366–6371.
    if (grs80 && p.datum !== 'NAD83' && zone >= 11 && zone <= 16) return 6355 + zone;
  }
  if (p.proj === 'merc' && p.a === '6378137' && p.b === '6378137') return 3857;
  return null;
}

/** Reads the CRS a GeoJSON declares with the pre-RFC 7946 `crs` member (collection- or geometry-level). */
export function sridFromGeoJsonCrs(head: string): number | null | undefined {
  const m = /"crs"\s*:\s*\{[^{}]*"properties"\s*:\s*\{[^{}]*"name"\s*:\s*"([^"]+)"/.exec(head);
  if (!m) return undefined;
  const name = m[1];
  if (/CRS84$/i.test(name)) return 4326;
  const code = /EPSG:{1,2}(?:[0-9.]*:)?(\d+)$/i.exec(name);
  return code ? Number(code[1]) : null;
}

/** The message for a file whose CRS nothing declares: never guess, say how to tell us. */
export function noCrsError(file: string, detail: string): ImportError {
  return new ImportError(
    `${file}: ${detail}; no se adivina: indique el sistema con --srid N (p. ej. --srid 6372 para INEGI Lambert ITRF2008, --srid 4326 para longitud/latitud WGS84).`,
    { file },
  );
}
