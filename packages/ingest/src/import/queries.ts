// SQL of the import domain. Identifiers are fixed here; every value from a file is bound as a parameter or read
// from the staging table, never concatenated.
import { LAYERS, sqlTable, type ImportableLayer } from './layers.ts';

// Several imports may share one transaction (a manifest): each starts from an empty staging table.
export const CREATE_STAGING = `
DROP TABLE IF EXISTS pg_temp.import_staging;
CREATE TEMP TABLE import_staging (
  n        integer PRIMARY KEY,
  clave    text,
  attrs    jsonb NOT NULL,
  gj       text,
  reject   text,
  repaired boolean NOT NULL DEFAULT false,
  geom     geometry
) ON COMMIT DROP`;

export const INSERT_STAGING = `
INSERT INTO import_staging (n, clave, attrs, gj, reject)
SELECT n, clave, attrs, gj, reject FROM jsonb_to_recordset($1::jsonb) AS r(n integer, clave text, attrs jsonb, gj text, reject text)`;

export const SRID_INFO = `SELECT srid, proj4text LIKE '%+proj=longlat%' AS geographic FROM spatial_ref_sys WHERE srid = $1`;

export const PARSE_GEOMETRY = `
UPDATE import_staging SET geom = ST_SetSRID(ST_Force2D(ST_GeomFromGeoJSON(gj)), $1::integer)
WHERE reject IS NULL AND gj IS NOT NULL`;

export const REJECT_EMPTY = `
UPDATE import_staging SET reject = 'geometría vacía o ausente'
WHERE reject IS NULL AND (geom IS NULL OR ST_IsEmpty(geom))`;

export const REPAIR = `
UPDATE import_staging SET geom = ST_MakeValid(geom), repaired = true
WHERE reject IS NULL AND NOT ST_IsValid(geom)`;

// Mexico's extent with a margin (islands, the Pacific EEZ are not cartography). Geographic sources are tested
// as lon/lat directly, so coordinates outside ±90° are rejected instead of failing the transform.
export const REJECT_OUTSIDE_MEXICO = `
WITH g AS (
  SELECT n, CASE WHEN $1::boolean THEN ST_SetSRID(geom, 4326) ELSE ST_Transform(geom, 4326) END AS g4
  FROM import_staging WHERE reject IS NULL
)
UPDATE import_staging s
SET reject = format('fuera de México (lon %s, lat %s)',
                    round(ST_X(ST_PointOnSurface(g.g4))::numeric, 4), round(ST_Y(ST_PointOnSurface(g.g4))::numeric, 4))
FROM g
WHERE s.n = g.n AND NOT ST_Intersects(g.g4, ST_MakeEnvelope(-118.7, 14.2, -86.4, 32.8, 4326))`;

export const TRANSFORM = `UPDATE import_staging SET geom = ST_Transform(geom, 3857) WHERE reject IS NULL`;

export const UNIFY_POLYGONS = `
UPDATE import_staging SET reject = 'se esperaba un polígono y es ' || GeometryType(geom)
WHERE reject IS NULL AND ST_Dimension(geom) <> 2;
UPDATE import_staging SET geom = ST_Multi(ST_CollectionExtract(geom, 3)) WHERE reject IS NULL`;

export const UNIFY_LINES = `
UPDATE import_staging SET reject = 'se esperaba una línea y es ' || GeometryType(geom)
WHERE reject IS NULL AND ST_Dimension(geom) <> 1;
UPDATE import_staging SET geom = ST_CollectionExtract(geom, 2) WHERE reject IS NULL`;

export const UNIFY_POINTS = `
UPDATE import_staging SET reject = 'se esperaba un punto y es ' || GeometryType(geom)
WHERE reject IS NULL AND ST_Dimension(geom) <> 0;
UPDATE import_staging SET geom = ST_CollectionExtract(geom, 1) WHERE reject IS NULL`;

// A 4-character AGEB key (files that carry only CVE_AGEB) gets the key of the localidad its interior point is in.
export const PREFIX_AGEB_FROM_LOCALIDAD = `
UPDATE import_staging s SET clave = l.cvegeo || s.clave
FROM carto.localidades l
WHERE s.reject IS NULL AND length(s.clave) = 4 AND ST_Intersects(l.geom, ST_PointOnSurface(s.geom))`;

export const FIRST_SHORT_KEY = `SELECT n, clave FROM import_staging WHERE reject IS NULL AND length(clave) = 4 ORDER BY n LIMIT 1`;

// Keyed rows are checked against the municipio their key names, when that municipio is loaded.
export const REJECT_OUTSIDE_KEYED_MUNICIPIO = `
UPDATE import_staging s SET reject = 'fuera del municipio ' || m.cvegeo || ' que indica su clave'
FROM carto.municipio m
WHERE s.reject IS NULL AND m.cvegeo = left(s.clave, 5) AND NOT ST_Intersects(m.geom, s.geom)`;

// Rows without a key are checked against the municipios the import touches at all (none touched: no check).
export const REJECT_OUTSIDE_TOUCHED_MUNICIPIO = `
WITH touched AS (
  SELECT m.cvegeo, m.geom FROM carto.municipio m
  WHERE EXISTS (SELECT 1 FROM import_staging s WHERE s.reject IS NULL AND ST_Intersects(m.geom, s.geom))
)
UPDATE import_staging s SET reject = 'fuera del municipio (' || (SELECT string_agg(cvegeo, ', ') FROM touched) || ')'
WHERE s.reject IS NULL AND EXISTS (SELECT 1 FROM touched)
  AND NOT EXISTS (SELECT 1 FROM touched t WHERE ST_Intersects(t.geom, s.geom))`;

// Points are checked against every loaded municipio (none loaded: no check): a file of facilities or reports
// that lies elsewhere — wrong CRS, another city's export — is listed row by row instead of replacing the layer.
export const REJECT_OUTSIDE_LOADED_MUNICIPIO = `
WITH loaded AS (SELECT string_agg(cvegeo, ', ' ORDER BY cvegeo) AS claves FROM carto.municipio)
UPDATE import_staging s
SET reject = format('fuera del municipio (%s): lon %s, lat %s', loaded.claves,
                    round(ST_X(ST_Transform(ST_PointOnSurface(s.geom), 4326))::numeric, 5),
                    round(ST_Y(ST_Transform(ST_PointOnSurface(s.geom), 4326))::numeric, 5))
FROM loaded
WHERE s.reject IS NULL AND loaded.claves IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM carto.municipio m WHERE ST_Intersects(m.geom, s.geom))`;

export const VALID_COUNT = 'SELECT count(*)::int AS c FROM import_staging WHERE reject IS NULL';

export const REJECT_DUPLICATES = `
UPDATE import_staging s SET reject = 'clave duplicada «' || s.clave || '» (ya está en la fila ' || d.first || ')'
FROM (SELECT clave, min(n) AS first FROM import_staging WHERE reject IS NULL AND clave IS NOT NULL
      GROUP BY clave HAVING count(*) > 1) d
WHERE s.reject IS NULL AND s.clave = d.clave AND s.n > d.first`;

export const SUMMARY = `
SELECT count(*)::int AS leidos,
       count(*) FILTER (WHERE reject IS NULL)::int AS validos,
       count(*) FILTER (WHERE reject IS NULL AND repaired)::int AS reparados
FROM import_staging`;

export const REJECTED = `SELECT n AS fila, clave, reject AS motivo FROM import_staging WHERE reject IS NOT NULL ORDER BY n`;

/** Rows whose lookup (a programa, a proceso) names nothing: the first one is reported as an error. */
export const MISSING_LOOKUP: Partial<Record<ImportableLayer, string>> = {
  proyectos: `SELECT s.n, s.attrs->>'programa' AS valor, 'programa' AS campo FROM import_staging s
             WHERE s.reject IS NULL AND NOT EXISTS (SELECT 1 FROM plan.programas p WHERE p.clave = s.attrs->>'programa')
             ORDER BY s.n LIMIT 1`,
  propuestas: `SELECT s.n, s.attrs->>'proceso' AS valor, 'proceso' AS campo FROM import_staging s
              WHERE s.reject IS NULL AND NOT EXISTS (SELECT 1 FROM partic.processes p WHERE p.clave = s.attrs->>'proceso')
              ORDER BY s.n LIMIT 1`,
};

/** Empties a replaced layer (DELETE, not TRUNCATE: readers keep their snapshot while the import runs); table from the catalog. */
export const CLEAR: Partial<Record<ImportableLayer, string>> = Object.fromEntries(
  Object.values(LAYERS).filter((l) => l.mode === 'replace').map((l) => [l.name, `DELETE FROM ${sqlTable(l.table)}${l.owns ? ` WHERE ${l.owns}` : ''}`]),
);

const OK = 'FROM import_staging s WHERE s.reject IS NULL ORDER BY s.n';

const T = (id: ImportableLayer) => sqlTable(LAYERS[id].table);

/** Copies the valid staging rows into the layer's table (the catalog's `source.table`); key parts are cut from the full CVEGEO. */
export const PUBLISH: Record<ImportableLayer, string> = {
  municipio: `
INSERT INTO ${T('municipio')} (cvegeo, cve_ent, cve_mun, nombre, pob, viv, geom)
SELECT s.clave, substr(s.clave, 1, 2), substr(s.clave, 3, 3), s.attrs->>'nombre',
       (s.attrs->>'pob')::integer, (s.attrs->>'viv')::integer, s.geom ${OK}`,
  localidades: `
INSERT INTO ${T('localidades')} (cvegeo, cve_ent, cve_mun, cve_loc, nombre, ambito, pob, viv, geom)
SELECT s.clave, substr(s.clave, 1, 2), substr(s.clave, 3, 3), substr(s.clave, 6, 4), s.attrs->>'nombre',
       coalesce(s.attrs->>'ambito', 'urbano'), (s.attrs->>'pob')::integer, (s.attrs->>'viv')::integer, s.geom ${OK}`,
  agebs: `
INSERT INTO ${T('agebs')} (cvegeo, cve_ent, cve_mun, cve_loc, cve_ageb, ambito, pob, geom)
SELECT s.clave, substr(s.clave, 1, 2), substr(s.clave, 3, 3), substr(s.clave, 6, 4), substr(s.clave, 10, 4),
       coalesce(s.attrs->>'ambito', 'urbano'), (s.attrs->>'pob')::integer, s.geom ${OK}`,
  manzanas: `
INSERT INTO ${T('manzanas')} (cvegeo, cvegeo_ageb, cve_mza, pob, viv, geom)
SELECT s.clave, substr(s.clave, 1, 13), substr(s.clave, 14, 3), (s.attrs->>'pob')::integer, (s.attrs->>'viv')::integer, s.geom ${OK}`,
  colonias: `
INSERT INTO ${T('colonias')} (cve_col, nombre, tipo, cvegeo_loc, cp, pob, geom)
SELECT s.clave, s.attrs->>'nombre', coalesce(s.attrs->>'tipo', 'colonia'),
       CASE WHEN (s.attrs->>'cve_ent') || (s.attrs->>'cve_mun') || (s.attrs->>'cve_loc') ~ '^[0-9]{9}$'
            THEN (s.attrs->>'cve_ent') || (s.attrs->>'cve_mun') || (s.attrs->>'cve_loc') END,
       s.attrs->>'cp', (s.attrs->>'pob')::integer, s.geom ${OK}`,
  vialidades: `
INSERT INTO ${T('vialidades')} (nombre, tipo, clase, longitud_m, geom)
SELECT s.attrs->>'nombre', coalesce(s.attrs->>'tipo', 'calle'), coalesce(s.attrs->>'clase', 'local'),
       ST_Length(ST_Transform(d.geom, 4326)::geography), d.geom
FROM import_staging s CROSS JOIN LATERAL ST_Dump(ST_LineMerge(s.geom)) d
WHERE s.reject IS NULL ORDER BY s.n`,
  equipamiento: `
INSERT INTO ${T('equipamiento')} (nombre, tipo, subtipo, cve_col, geom)
SELECT s.attrs->>'nombre', coalesce(s.attrs->>'tipo', 'otro'), s.attrs->>'subtipo', s.attrs->>'cve_col', d.geom
FROM import_staging s CROSS JOIN LATERAL ST_Dump(s.geom) d
WHERE s.reject IS NULL ORDER BY s.n`,
  reportes: `
INSERT INTO ${T('reportes')} (folio, fuente, tipo, fecha, material, atendido, colonias_fuente, geom)
SELECT s.clave, $1, coalesce(s.attrs->>'tipo', 'bache'), (s.attrs->>'fecha')::date, s.attrs->>'material',
       (s.attrs->>'atendido')::boolean, s.attrs->>'colonias_fuente', d.geom
FROM import_staging s CROSS JOIN LATERAL ST_Dump(s.geom) d
WHERE s.reject IS NULL ORDER BY s.n`,
  proyectos: `
INSERT INTO ${T('proyectos')} (clave, nombre, descripcion, programa_id, dependencia, estatus, avance, presupuesto_aprobado,
                           presupuesto_ejercido, fecha_inicio, fecha_fin, anio, cve_col, geom)
SELECT s.clave, s.attrs->>'nombre', s.attrs->>'descripcion', p.id, s.attrs->>'dependencia',
       coalesce(s.attrs->>'estatus', 'planeado'), coalesce((s.attrs->>'avance')::numeric, 0),
       coalesce((s.attrs->>'presupuesto_aprobado')::numeric, 0), coalesce((s.attrs->>'presupuesto_ejercido')::numeric, 0),
       (s.attrs->>'fecha_inicio')::date, (s.attrs->>'fecha_fin')::date, (s.attrs->>'anio')::smallint, s.attrs->>'cve_col', s.geom
FROM import_staging s JOIN plan.programas p ON p.clave = s.attrs->>'programa'
WHERE s.reject IS NULL ORDER BY s.n
ON CONFLICT (clave) DO UPDATE SET nombre = EXCLUDED.nombre, descripcion = EXCLUDED.descripcion,
  programa_id = EXCLUDED.programa_id, dependencia = EXCLUDED.dependencia, estatus = EXCLUDED.estatus,
  avance = EXCLUDED.avance, presupuesto_aprobado = EXCLUDED.presupuesto_aprobado,
  presupuesto_ejercido = EXCLUDED.presupuesto_ejercido, fecha_inicio = EXCLUDED.fecha_inicio,
  fecha_fin = EXCLUDED.fecha_fin, anio = EXCLUDED.anio, cve_col = EXCLUDED.cve_col, geom = EXCLUDED.geom, updated_at = now()`,
  propuestas: `
INSERT INTO ${T('propuestas')} (process_id, zone_id, folio, titulo, descripcion, categoria, estatus, votos, geom)
SELECT p.id,
       (SELECT z.id FROM partic.zones z WHERE z.process_id = p.id AND ST_Intersects(z.geom, ST_PointOnSurface(s.geom)) ORDER BY z.id LIMIT 1),
       s.clave, s.attrs->>'titulo', s.attrs->>'descripcion', s.attrs->>'categoria',
       coalesce(s.attrs->>'estatus', 'registrada'), coalesce((s.attrs->>'votos')::integer, 0), s.geom
FROM import_staging s JOIN partic.processes p ON p.clave = s.attrs->>'proceso'
WHERE s.reject IS NULL ORDER BY s.n
ON CONFLICT (process_id, folio) DO UPDATE SET zone_id = EXCLUDED.zone_id, titulo = EXCLUDED.titulo, descripcion = EXCLUDED.descripcion,
  categoria = EXCLUDED.categoria, estatus = EXCLUDED.estatus, votos = EXCLUDED.votos, geom = EXCLUDED.geom`,
};

export const UPSERT_DATASET = `
INSERT INTO meta.datasets (id, kind, nombre, fuente, fecha, detalles, loaded_at)
VALUES ($1, 'real', $2, $3, $4::date, $5::jsonb, now())
ON CONFLICT (id) DO UPDATE SET kind = 'real', nombre = EXCLUDED.nombre, fuente = EXCLUDED.fuente, fecha = EXCLUDED.fecha,
  detalles = EXCLUDED.detalles, loaded_at = now()`;

export const INSERT_LOG = `
INSERT INTO meta.import_log (layer, archivo, srid, leidos, cargados, reparados, rechazados, detalles, duracion_ms)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)`;
