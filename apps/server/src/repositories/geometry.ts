// Geometry checks done by PostGIS itself (validity, type, extent, area), shared by every route that accepts a drawing.
import fp from 'fastify-plugin';
import { repository, type Queryable, type Repository } from './repository.ts';

/** Checks a GeoJSON geometry text: null when usable, else the reason (in Spanish). */
async function geometryProblem(db: Queryable, geojson: string, allowed: readonly string[], maxAreaKm2: number): Promise<string | null> {
  try {
    const { rows } = await db.query<{ valid: boolean; reason: string; type: string; area_km2: number | null; inside: boolean; npoints: number }>(
      `SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason, GeometryType(g) AS type, ST_NPoints(g) AS npoints,
              CASE WHEN GeometryType(g) IN ('POLYGON', 'MULTIPOLYGON') THEN ST_Area(g::geography) / 1e6 END AS area_km2,
              ST_XMin(g) >= -180 AND ST_XMax(g) <= 180 AND ST_YMin(g) >= -85 AND ST_YMax(g) <= 85 AS inside
       FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g) s`,
      [geojson],
    );
    const r = rows[0];
    if (!allowed.includes(r.type)) return `tipo de geometría ${r.type} no admitido (se esperaba ${allowed.join(' o ')})`;
    if (!r.inside) return 'coordenadas fuera de rango: se esperan longitud y latitud WGS84';
    if (r.npoints > 100_000) return `demasiados vértices (${r.npoints}; máximo 100 000)`;
    if (!r.valid) return `geometría inválida: ${r.reason}`;
    if (r.area_km2 !== null && r.area_km2 > maxAreaKm2) return `el área (${Math.round(r.area_km2)} km²) excede el máximo de ${maxAreaKm2} km²`;
    return null;
  } catch (e) {
    // ST_GeomFromGeoJSON raises on malformed coordinates: that is the client's input, not a server fault.
    return `GeoJSON inválido: ${(e as Error).message}`;
  }
}

const queries = { problem: geometryProblem };

declare module 'fastify' {
  interface FastifyInstance {
    /** PostGIS checks of GeoJSON geometries sent by clients. */
    geometryRepository: Repository<typeof queries>;
  }
}

/** Decorates `app.geometryRepository`. */
export default fp(async (app) => {
  app.decorate('geometryRepository', repository(app.db, queries));
}, { name: 'geometry-repository', dependencies: ['db'] });
