// Area statistics: every indicator over a user polygon, weighted by the share of each manzana (or AGEB) inside.
import fp from 'fastify-plugin';
import { repository, type Queryable, type Repository } from './repository.ts';
import type { AreaStats } from '@sigmun/domain/indicators';

// Areas are compared in EPSG:3857: its scale error is the same for a unit and its intersection, so the shares are
// right; only the reported area_m2 is measured on the spheroid.
// Measured on a 5 × 4 km polygon at scale 1 (2,852 manzanas × 32 indicators): the unit rows are summed per
// indicator and AGEB before the AGEB-or-manzanas choice (a hash aggregate of ~90k rows, not a sort and a window
// over them), the denominators come from the same fetched rows by a hash join (not 90k index probes), and the
// values are read by an index-only scan of indicator_values_unit_cover_idx (migration 0800).
// The polygon as a constant expression (ST_GeomFromGeoJSON and ST_Transform are immutable): the planner folds it
// and estimates the GiST matches from the table statistics, so the joins after them are planned for thousands of
// rows, not the 1 row it assumes for a geometry it cannot see (a CTE), which led it into nested loops.
const POLY = 'ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326), 3857)';
const AREA_SQL = `
WITH poly AS (SELECT ${POLY} AS g),
ag AS MATERIALIZED (
  SELECT a.cvegeo, ST_Area(a.geom) AS area,
         CASE WHEN ST_CoveredBy(a.geom, p.g) THEN ST_Area(a.geom) ELSE ST_Area(ST_Intersection(a.geom, p.g)) END AS inter
  FROM carto.agebs a, poly p WHERE ST_Intersects(a.geom, ${POLY})),
mz AS MATERIALIZED (
  SELECT m.cvegeo, m.cvegeo_ageb AS ageb, ST_Area(m.geom) AS area,
         CASE WHEN ST_CoveredBy(m.geom, p.g) THEN ST_Area(m.geom) ELSE ST_Area(ST_Intersection(m.geom, p.g)) END AS inter
  FROM carto.manzanas m, poly p WHERE ST_Intersects(m.geom, ${POLY})),
-- What share of its AGEB's part of the polygon a manzana stands for (manzanas leave out the streets).
mzw AS MATERIALIZED (
  SELECT mz.*, coalesce(ag.inter, 0) / nullif(sum(mz.inter) OVER (PARTITION BY mz.ageb), 0) AS scale
  FROM mz LEFT JOIN ag ON ag.cvegeo = mz.ageb),
-- The newest year each indicator has at a level the area can be built from.
-- Only a mean weighs by a denominator (a ratio divides two sums): the others need no second value per unit.
yr AS MATERIALIZED (
  SELECT i.code, CASE WHEN i.agregacion = 'mean' THEN i.denominador END AS denominador,
         greatest((SELECT max(anio) FROM stats.indicator_values v WHERE v.indicator = i.code AND v.nivel = 'ageb'),
                  (SELECT max(anio) FROM stats.indicator_values v WHERE v.indicator = i.code AND v.nivel = 'manzana')) AS anio
  FROM stats.indicators i),
-- Values of the newest year only, read from the covering index (indicator_values_unit_cover_idx).
mzv AS MATERIALIZED (
  SELECT v.indicator, v.anio, v.clave, v.valor FROM mzw
  JOIN stats.indicator_values v ON v.nivel = 'manzana' AND v.clave = mzw.cvegeo
  JOIN (SELECT DISTINCT anio FROM yr) y ON y.anio = v.anio),
agv AS MATERIALIZED (
  SELECT v.indicator, v.anio, v.clave, v.valor FROM ag
  JOIN stats.indicator_values v ON v.nivel = 'ageb' AND v.clave = ag.cvegeo
  JOIN (SELECT DISTINCT anio FROM yr) y ON y.anio = v.anio),
-- Per indicator and AGEB, the sums the area figures are made of: from its manzanas, and from the AGEB itself.
m_part AS (
  SELECT yr.code, mzw.ageb, false AS whole,
         sum(v.valor * mzw.inter / nullif(mzw.area, 0)) AS s,
         sum(v.valor * d.valor * mzw.inter / nullif(mzw.area, 0)) FILTER (WHERE d.valor IS NOT NULL) AS vdf,
         sum(d.valor * mzw.inter / nullif(mzw.area, 0)) FILTER (WHERE d.valor IS NOT NULL AND v.valor IS NOT NULL) AS df,
         sum(v.valor * mzw.inter) AS vi,
         sum(mzw.inter) FILTER (WHERE v.valor IS NOT NULL) AS i,
         sum(mzw.inter * mzw.scale) FILTER (WHERE v.valor IS NOT NULL) AS covered,
         -- Cut by the polygon (a sliver along a shared edge is not a cut).
         bool_or(v.valor IS NOT NULL AND mzw.inter BETWEEN 0.001 * mzw.area AND 0.999 * mzw.area) AS partial
  FROM mzv v
  JOIN mzw ON mzw.cvegeo = v.clave
  JOIN yr ON yr.code = v.indicator AND yr.anio = v.anio
  LEFT JOIN mzv d ON d.indicator = yr.denominador AND d.anio = yr.anio AND d.clave = v.clave
  GROUP BY yr.code, mzw.ageb),
a_part AS (
  SELECT yr.code, ag.cvegeo AS ageb, ag.inter / nullif(ag.area, 0) > 0.999 AS whole,
         v.valor * ag.inter / nullif(ag.area, 0) AS s,
         CASE WHEN d.valor IS NOT NULL THEN v.valor * d.valor * ag.inter / nullif(ag.area, 0) END AS vdf,
         CASE WHEN d.valor IS NOT NULL AND v.valor IS NOT NULL THEN d.valor * ag.inter / nullif(ag.area, 0) END AS df,
         v.valor * ag.inter AS vi,
         CASE WHEN v.valor IS NOT NULL THEN ag.inter END AS i,
         CASE WHEN v.valor IS NOT NULL THEN ag.inter END AS covered,
         v.valor IS NOT NULL AND ag.inter BETWEEN 0.001 * ag.area AND 0.999 * ag.area AS partial
  FROM agv v
  JOIN ag ON ag.cvegeo = v.clave
  JOIN yr ON yr.code = v.indicator AND yr.anio = v.anio
  LEFT JOIN agv d ON d.indicator = yr.denominador AND d.anio = yr.anio AND d.clave = v.clave),
-- The AGEB's own figure when the AGEB lies wholly inside (it is exact, and keeps what INEGI withholds at manzana
-- level) or when there are no manzana values; the manzanas otherwise (a window over a few thousand partial sums).
parts AS (SELECT 'm' AS src, * FROM m_part UNION ALL SELECT 'a', * FROM a_part),
used AS (
  SELECT * FROM (
    SELECT p.*, bool_or(src = 'a') OVER w AND (bool_or(src = 'a' AND whole) OVER w OR NOT bool_or(src = 'm') OVER w) AS ageb_wins
    FROM parts p WINDOW w AS (PARTITION BY code, ageb)) x
  WHERE (src = 'a') = ageb_wins),
agg AS (
  SELECT code, sum(s) AS s, sum(vdf) / nullif(sum(df), 0) AS mean_den, sum(vi) / nullif(sum(i), 0) AS mean_area,
         sum(covered) AS covered, coalesce(bool_or(partial), false) AS partial
  FROM used GROUP BY code),
tot AS (SELECT ST_Area(p.g) AS a, ST_Area(ST_Transform(p.g, 4326)::geography) AS m2, (SELECT coalesce(sum(inter), 0) FROM ag) AS units FROM poly p)
SELECT tot.m2 AS area_m2, least(1, tot.units / nullif(tot.a, 0)) AS cobertura,
  coalesce(json_agg(json_build_object(
    'code', i.code, 'nombre', i.nombre, 'unidad', i.unidad, 'agregacion', i.agregacion, 'anio', yr.anio,
    -- A sum counts people or dwellings: whole ones (an apportioned count is an estimate, see 'estimado').
    'valor', CASE i.agregacion
               WHEN 'sum' THEN round(a.s)
               WHEN 'mean' THEN coalesce(CASE WHEN i.denominador IS NOT NULL THEN a.mean_den END, a.mean_area)
               ELSE 100 * an.s / nullif(ad.s, 0) END,
    'decimales', CASE WHEN i.agregacion = 'sum' THEN 0 ELSE i.decimales END,
    'estimado', CASE WHEN i.agregacion = 'ratio' THEN coalesce(an.partial OR ad.partial, false) ELSE coalesce(a.partial, false) END,
    'cobertura', least(1, coalesce(CASE WHEN i.agregacion = 'ratio' THEN least(an.covered, ad.covered) ELSE a.covered END, 0) / nullif(tot.a, 0)))
    ORDER BY i.tema, i.nombre) FILTER (WHERE i.code IS NOT NULL), '[]') AS indicators
FROM tot
LEFT JOIN stats.indicators i ON true
LEFT JOIN yr ON yr.code = i.code
LEFT JOIN agg a ON a.code = i.code
LEFT JOIN agg an ON an.code = i.numerador
LEFT JOIN agg ad ON ad.code = i.denominador
WHERE yr.anio IS NOT NULL OR i.code IS NULL
GROUP BY tot.m2, tot.units, tot.a`;

/** Every indicator summarised over a polygon (GeoJSON text in WGS84, already validated). */
export async function areaStats(db: Queryable, geojson: string): Promise<AreaStats> {
  // Unnamed on purpose: a custom plan per polygon (see POLY); a cached generic plan would lose the estimates.
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
