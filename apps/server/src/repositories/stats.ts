// Area statistics: every indicator over a user polygon, weighted by the share of each manzana (or AGEB) inside.
import fp from 'fastify-plugin';
import { repository, type Queryable, type Repository } from './repository.ts';
import type { AreaStats } from '@sigmun/domain/indicators';

// Areas are compared in EPSG:3857: its scale error is the same for a unit and its intersection, so the shares are
// right; only the reported area_m2 is measured on the spheroid.
const AREA_SQL = `
WITH poly AS (SELECT ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326), 3857) AS g),
ag AS (
  SELECT a.cvegeo, ST_Area(a.geom) AS area,
         CASE WHEN ST_CoveredBy(a.geom, p.g) THEN ST_Area(a.geom) ELSE ST_Area(ST_Intersection(a.geom, p.g)) END AS inter
  FROM carto.agebs a, poly p WHERE ST_Intersects(a.geom, p.g)),
mz AS (
  SELECT m.cvegeo, m.cvegeo_ageb AS ageb, ST_Area(m.geom) AS area,
         CASE WHEN ST_CoveredBy(m.geom, p.g) THEN ST_Area(m.geom) ELSE ST_Area(ST_Intersection(m.geom, p.g)) END AS inter
  FROM carto.manzanas m, poly p WHERE ST_Intersects(m.geom, p.g)),
-- What share of its AGEB's part of the polygon a manzana stands for (manzanas leave out the streets).
mzw AS (
  SELECT mz.*, coalesce(ag.inter, 0) / nullif(sum(mz.inter) OVER (PARTITION BY mz.ageb), 0) AS scale
  FROM mz LEFT JOIN ag ON ag.cvegeo = mz.ageb),
-- The newest year each indicator has at a level the area can be built from.
yr AS (
  SELECT i.code, i.denominador,
         greatest((SELECT max(anio) FROM stats.indicator_values v WHERE v.indicator = i.code AND v.nivel = 'ageb'),
                  (SELECT max(anio) FROM stats.indicator_values v WHERE v.indicator = i.code AND v.nivel = 'manzana')) AS anio
  FROM stats.indicators i),
units AS (
  SELECT 'm' AS src, yr.code, mzw.ageb, mzw.inter, mzw.inter / nullif(mzw.area, 0) AS f, mzw.inter * mzw.scale AS wcov, v.valor, d.valor AS den
  FROM mzw
  JOIN stats.indicator_values v ON v.nivel = 'manzana' AND v.clave = mzw.cvegeo
  JOIN yr ON yr.code = v.indicator AND yr.anio = v.anio
  LEFT JOIN stats.indicator_values d ON d.indicator = yr.denominador AND d.nivel = 'manzana' AND d.anio = yr.anio AND d.clave = mzw.cvegeo
  UNION ALL
  SELECT 'a', yr.code, ag.cvegeo, ag.inter, ag.inter / nullif(ag.area, 0), ag.inter, v.valor, d.valor
  FROM ag
  JOIN stats.indicator_values v ON v.nivel = 'ageb' AND v.clave = ag.cvegeo
  JOIN yr ON yr.code = v.indicator AND yr.anio = v.anio
  LEFT JOIN stats.indicator_values d ON d.indicator = yr.denominador AND d.nivel = 'ageb' AND d.anio = yr.anio AND d.clave = ag.cvegeo),
-- Per indicator and AGEB: the AGEB's own figure when the AGEB lies wholly inside (it is exact, and keeps what
-- INEGI withholds at manzana level) or when there are no manzana values; the manzanas otherwise.
flagged AS (
  SELECT u.*,
         bool_or(src = 'a') OVER w AND (bool_or(src = 'a' AND f > 0.999) OVER w OR NOT bool_or(src = 'm') OVER w) AS ageb_wins
  FROM units u WINDOW w AS (PARTITION BY code, ageb)),
used AS (SELECT * FROM flagged WHERE (src = 'a') = ageb_wins),
cov AS (SELECT code, sum(wcov) FILTER (WHERE valor IS NOT NULL) AS covered FROM used GROUP BY code),
agg AS (
  SELECT code,
         sum(valor * f) AS s,
         sum(valor * den * f) FILTER (WHERE den IS NOT NULL) / nullif(sum(den * f) FILTER (WHERE den IS NOT NULL AND valor IS NOT NULL), 0) AS mean_den,
         sum(valor * inter) / nullif(sum(inter) FILTER (WHERE valor IS NOT NULL), 0) AS mean_area
  FROM used GROUP BY code),
tot AS (SELECT ST_Area(p.g) AS a, ST_Area(ST_Transform(p.g, 4326)::geography) AS m2, (SELECT coalesce(sum(inter), 0) FROM ag) AS units FROM poly p)
SELECT tot.m2 AS area_m2, least(1, tot.units / nullif(tot.a, 0)) AS cobertura,
  coalesce(json_agg(json_build_object(
    'code', i.code, 'nombre', i.nombre, 'unidad', i.unidad, 'agregacion', i.agregacion, 'anio', yr.anio,
    'valor', CASE i.agregacion
               WHEN 'sum' THEN a.s
               WHEN 'mean' THEN coalesce(CASE WHEN i.denominador IS NOT NULL THEN a.mean_den END, a.mean_area)
               ELSE 100 * an.s / nullif(ad.s, 0) END,
    'cobertura', least(1, coalesce(CASE WHEN i.agregacion = 'ratio' THEN least(cn.covered, cd.covered) ELSE c.covered END, 0) / nullif(tot.a, 0)))
    ORDER BY i.tema, i.nombre) FILTER (WHERE i.code IS NOT NULL), '[]') AS indicators
FROM tot
LEFT JOIN stats.indicators i ON true
LEFT JOIN yr ON yr.code = i.code
LEFT JOIN agg a ON a.code = i.code
LEFT JOIN agg an ON an.code = i.numerador
LEFT JOIN agg ad ON ad.code = i.denominador
LEFT JOIN cov c ON c.code = i.code
LEFT JOIN cov cn ON cn.code = i.numerador
LEFT JOIN cov cd ON cd.code = i.denominador
WHERE yr.anio IS NOT NULL OR i.code IS NULL
GROUP BY tot.m2, tot.units, tot.a`;

/** Every indicator summarised over a polygon (GeoJSON text in WGS84, already validated). */
export async function areaStats(db: Queryable, geojson: string): Promise<AreaStats> {
  const { rows } = await db.query<AreaStats>(AREA_SQL, [geojson]);
  const r = rows[0];
  return r ?? { area_m2: 0, cobertura: 0, indicators: [] };
}

const queries = { area: areaStats };

declare module 'fastify' {
  interface FastifyInstance {
    /** Statistics over a drawn polygon. */
    statsRepository: Repository<typeof queries>;
  }
}

/** Decorates `app.statsRepository`. */
export default fp(async (app) => {
  app.decorate('statsRepository', repository(app.dbRead, queries));
}, { name: 'stats-repository', dependencies: ['db'] });
