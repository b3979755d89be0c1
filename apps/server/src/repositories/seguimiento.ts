// SQL of seguimiento: project create/edit with a version check, progress reports with photos, geometry checks
// against the municipality, uploaded documents and their Spanish full-text search. Writes run on the client of
// app.writeTx (the audit triggers record them in the same transaction).
import fp from 'fastify-plugin';
import type { Avance, ProjectInput } from '@sigmun/domain/seguimiento';
import type { ProjectStatus } from '@sigmun/domain/projects';
import { repository, type Queryable, type Repository } from './repository.ts';

/** The fields the rules and the access check read, locked for the rest of the transaction. */
export interface ProjectState {
  id: number;
  dependencia: string;
  version: number;
  estatus: ProjectStatus;
  avance: number;
  presupuesto_aprobado: number;
  presupuesto_ejercido: number;
  justificacion_sobreejercicio: string | null;
  fecha_inicio: string | null;
}

/** The project row as the rules see it, locked FOR UPDATE (null when there is no such project). */
async function lockProject(db: Queryable, id: number): Promise<ProjectState | null> {
  const { rows } = await db.query<ProjectState>(
    `SELECT id, dependencia, version, estatus, avance::float8 AS avance, presupuesto_aprobado::float8 AS presupuesto_aprobado,
            presupuesto_ejercido::float8 AS presupuesto_ejercido, justificacion_sobreejercicio, fecha_inicio::text AS fecha_inicio
     FROM plan.projects WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return rows[0] ?? null;
}

/** The latest report of a project (by date), or null. */
async function latestAvance(db: Queryable, projectId: number): Promise<{ fecha: string; avance: number } | null> {
  const { rows } = await db.query<{ fecha: string; avance: number }>(
    `SELECT fecha::text AS fecha, avance::float8 AS avance FROM plan.project_progress WHERE project_id = $1 ORDER BY fecha DESC, id DESC LIMIT 1`,
    [projectId],
  );
  return rows[0] ?? null;
}

/** Whether a programa exists. */
async function programaExists(db: Queryable, id: number): Promise<boolean> {
  return ((await db.query('SELECT 1 FROM plan.programas WHERE id = $1', [id])).rowCount ?? 0) > 0;
}

/** Whether a colonia key exists. */
async function coloniaExists(db: Queryable, cve: string): Promise<boolean> {
  return ((await db.query('SELECT 1 FROM carto.colonias WHERE cve_col = $1', [cve])).rowCount ?? 0) > 0;
}

// GEOS names the problem in English; the person drawing reads Spanish.
const VALIDITY_ES: Array<[RegExp, string]> = [
  [/ring self-intersection/i, 'un anillo del polígono se toca a sí mismo'],
  [/self-intersection/i, 'el trazo se cruza a sí mismo'],
  [/too few points/i, 'tiene muy pocos puntos'],
  [/interior is disconnected/i, 'el interior del polígono queda partido en dos'],
  [/hole lies outside shell/i, 'un hueco queda fuera del polígono'],
  [/nested holes/i, 'hay huecos dentro de otros huecos'],
  [/nested shells/i, 'hay polígonos dentro de otros'],
  [/duplicate rings?/i, 'hay anillos repetidos'],
  [/not closed/i, 'el anillo del polígono no está cerrado'],
  [/invalid coordinate/i, 'hay coordenadas inválidas'],
];

/**
 * Checks a drawn geometry (GeoJSON text, WGS84): an accepted type, valid by ST_IsValid, inside the municipality.
 * Returns null when usable, else a Spanish sentence naming the problem (and where, for an invalid one).
 */
async function geometryProblem(db: Queryable, geojson: string, allowed: readonly string[]): Promise<string | null> {
  type Check = { type: string; npoints: number; in_range: boolean; valid: boolean; reason: string | null; lon: number | null; lat: number | null };
  let r: Check | undefined;
  try {
    ({ rows: [r] } = await db.query<Check>(
      `SELECT GeometryType(g) AS type, ST_NPoints(g) AS npoints,
              ST_XMin(g) >= -180 AND ST_XMax(g) <= 180 AND ST_YMin(g) >= -85 AND ST_YMax(g) <= 85 AS in_range,
              (d).valid, (d).reason, round(ST_X((d).location)::numeric, 6)::float8 AS lon, round(ST_Y((d).location)::numeric, 6)::float8 AS lat
       FROM (SELECT g, ST_IsValidDetail(g) AS d FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g) s) t`,
      [geojson],
    ));
  } catch (e) {
    // ST_GeomFromGeoJSON raises on an unclosed ring or malformed coordinates: the client's input, not a fault.
    const msg = (e as Error).message;
    if (/closed|Too few|LinearRing/i.test(msg)) return 'geometría inválida: el anillo del polígono no está cerrado o tiene menos de 4 puntos';
    return `GeoJSON inválido: ${msg}`;
  }
  if (!r) return 'GeoJSON inválido';
  if (!allowed.includes(r.type)) return `tipo de geometría ${r.type} no admitido (se espera punto, línea o polígono)`;
  if (!r.in_range) return 'coordenadas fuera de rango: se esperan longitud y latitud WGS84';
  if (r.npoints > 20_000) return `demasiados vértices (${r.npoints}; máximo 20 000)`;
  if (!r.valid) {
    const es = VALIDITY_ES.find(([re]) => re.test(r!.reason ?? ''))?.[1] ?? (r.reason ?? 'no es válida');
    return `geometría inválida: ${es}${r.lon !== null ? ` (cerca de ${r.lat}, ${r.lon})` : ''}`;
  }
  const { rows: [m] } = await db.query<{ nombre: string | null; inside: boolean; fuera_m: number | null }>(
    `WITH g AS (SELECT ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326), 3857) AS g),
          m AS (SELECT string_agg(nombre, ', ') AS nombre, ST_Union(geom) AS geom FROM carto.municipio)
     SELECT m.nombre, m.geom IS NULL OR ST_CoveredBy(g.g, m.geom) AS inside,
            CASE WHEN m.geom IS NOT NULL THEN round(ST_Distance(ST_Transform(ST_PointOnSurface(ST_Difference(g.g, m.geom)), 4326)::geography,
                                                    ST_Transform(ST_Boundary(m.geom), 4326)::geography))::float8 END AS fuera_m
     FROM g, m`,
    [geojson],
  );
  if (!m.inside) {
    const lejos = m.fuera_m ? ` (hasta ${m.fuera_m >= 1000 ? `${(m.fuera_m / 1000).toFixed(1)} km` : `${m.fuera_m} m`} fuera del límite)` : '';
    return `la geometría queda fuera del municipio${m.nombre ? ` de ${m.nombre}` : ''}${lejos}; dibújela dentro del límite municipal`;
  }
  return null;
}

const PROJECT_COLUMNS = `clave, nombre, descripcion, programa_id, dependencia, estatus, avance, presupuesto_aprobado, presupuesto_ejercido,
  justificacion_sobreejercicio, fecha_inicio, fecha_fin, anio, cve_col, geom`;
const projectValues = (p: ProjectInput) => [
  p.clave, p.nombre, p.descripcion, p.programa_id, p.dependencia, p.estatus, p.avance, p.presupuesto_aprobado, p.presupuesto_ejercido,
  p.justificacion_sobreejercicio, p.fecha_inicio, p.fecha_fin, p.anio, p.cve_col, JSON.stringify(p.geometry),
];

/** Creates a project; returns its id. A duplicate clave raises 23505 (projects_clave_key). */
async function insertProject(db: Queryable, p: ProjectInput): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO plan.projects (${PROJECT_COLUMNS})
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($15), 4326), 3857))
     RETURNING id`,
    projectValues(p),
  );
  return rows[0].id;
}

/** Replaces a project's fields if it is still at `version`; false when another save came first (nothing written). */
async function updateProject(db: Queryable, id: number, version: number, p: ProjectInput): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE plan.projects SET (${PROJECT_COLUMNS}) =
       ($3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($17), 4326), 3857))
     WHERE id = $1 AND version = $2`,
    [id, version, ...projectValues(p)],
  );
  return (rowCount ?? 0) > 0;
}

/** Records a report and carries its figures to the project (one UPDATE: one version and layer bump); returns its id. */
async function insertAvance(
  db: Queryable, projectId: number, autorId: number | null,
  a: { fecha: string; avance: number; presupuesto_ejercido: number; estatus: ProjectStatus; nota: string | null; justificacion: string | null },
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO plan.project_progress (project_id, fecha, avance, presupuesto_ejercido, estatus, nota, justificacion, autor_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [projectId, a.fecha, a.avance, a.presupuesto_ejercido, a.estatus, a.nota, a.justificacion, autorId],
  );
  // The project shows its latest report: a report dated before the latest one cannot be posted (rules), so this is it.
  await db.query(
    `UPDATE plan.projects SET avance = $2, presupuesto_ejercido = $3, estatus = $4,
       justificacion_sobreejercicio = CASE WHEN $3 > presupuesto_aprobado THEN coalesce($5, justificacion_sobreejercicio) ELSE justificacion_sobreejercicio END
     WHERE id = $1`,
    [projectId, a.avance, a.presupuesto_ejercido, a.estatus, a.justificacion],
  );
  return rows[0].id;
}

/** Records one stored photo of a report. */
async function insertFoto(db: Queryable, progressId: number, orden: number, f: { id: string; width: number; height: number; bytes: number }): Promise<void> {
  await db.query(`INSERT INTO plan.avance_fotos (id, progress_id, orden, ancho, alto, bytes) VALUES ($1, $2, $3, $4, $5, $6)`,
    [f.id, progressId, orden, f.width, f.height, f.bytes]);
}

/** A project's reports, newest first, each with its author's display name and its photos. */
async function listAvances(db: Queryable, projectId: number): Promise<Avance[]> {
  const { rows } = await db.query<Avance>(
    `SELECT g.id, g.fecha::text AS fecha, g.avance::float8 AS avance, g.presupuesto_ejercido::float8 AS presupuesto_ejercido, g.estatus,
            g.nota, g.justificacion, u.nombre AS autor, to_char(g.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS creado,
            coalesce((SELECT json_agg(json_build_object('url', '/media/avances/' || f.id || '.jpg', 'thumb_url', '/media/avances/' || f.id || '.thumb.jpg',
                        'ancho', f.ancho, 'alto', f.alto) ORDER BY f.orden) FROM plan.avance_fotos f WHERE f.progress_id = g.id), '[]') AS fotos
     FROM plan.project_progress g LEFT JOIN auth.users u ON u.id = g.autor_id
     WHERE g.project_id = $1 ORDER BY g.fecha DESC, g.id DESC`,
    [projectId],
  );
  return rows;
}

/** The dependencia of a project, or null when there is no such project. */
async function projectDependencia(db: Queryable, id: number): Promise<string | null> {
  const { rows } = await db.query<{ dependencia: string }>('SELECT dependencia FROM plan.projects WHERE id = $1', [id]);
  return rows[0]?.dependencia ?? null;
}

/** Whether a project exists. */
async function projectExists(db: Queryable, id: number): Promise<boolean> {
  return ((await db.query('SELECT 1 FROM plan.projects WHERE id = $1', [id])).rowCount ?? 0) > 0;
}

export interface NewDocument {
  titulo: string;
  tipo: string;
  fecha: string | null;
  project_id: number | null;
  area_nivel: string | null;
  area_clave: string | null;
  archivo: string;
  bytes: number;
  texto: string | null;
  autor_id: number | null;
}

/** Records an uploaded document; returns its id. */
async function insertDocument(db: Queryable, d: NewDocument): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO plan.documents (titulo, tipo, url, fecha, project_id, area_nivel, area_clave, archivo, bytes, texto, autor_id)
     VALUES ($1, $2, '/documentos/' || $8, $3, $4, $5, $6, $8, $7, $9, $10) RETURNING id`,
    [d.titulo, d.tipo, d.fecha, d.project_id, d.area_nivel, d.area_clave, d.bytes, d.archivo, d.texto, d.autor_id],
  );
  return rows[0].id;
}

/** Whether an area (nivel + clave) exists on the map. */
async function areaExists(db: Queryable, nivel: string, clave: string): Promise<boolean> {
  const sql: Record<string, string> = {
    municipio: 'SELECT 1 FROM carto.municipio WHERE cvegeo = $1',
    localidad: 'SELECT 1 FROM carto.localidades WHERE cvegeo = $1',
    ageb: 'SELECT 1 FROM carto.agebs WHERE cvegeo = $1',
    manzana: 'SELECT 1 FROM carto.manzanas WHERE cvegeo = $1',
    colonia: 'SELECT 1 FROM carto.colonias WHERE cve_col = $1',
  };
  return ((await db.query(sql[nivel], [clave])).rowCount ?? 0) > 0;
}

export interface DocumentHit {
  id: number; titulo: string; tipo: string; url: string; fecha: string | null; project_id: number | null; proyecto: string | null;
  area_nivel: string | null; area_clave: string | null; ficticio: boolean; extracto: string; rank: number;
}

/**
 * Documents matching `q` (websearch syntax, Spanish stemming: "contratos" finds "contrato"), best first, with an
 * excerpt around the terms. The demo's catalogue entries have no file: they are flagged `ficticio`.
 */
async function searchDocuments(db: Queryable, q: string, projectId: number | null, limit: number): Promise<DocumentHit[]> {
  const { rows } = await db.query<DocumentHit>(
    `WITH q AS (SELECT websearch_to_tsquery('spanish', $1) AS q),
          demo AS (SELECT EXISTS (SELECT 1 FROM meta.datasets WHERE kind = 'demo') AS demo)
     SELECT d.id, d.titulo, d.tipo, d.url, d.fecha::text AS fecha, d.project_id, p.nombre AS proyecto, d.area_nivel, d.area_clave,
            (d.archivo IS NULL AND demo.demo) AS ficticio,
            ts_headline('spanish', coalesce(left(d.texto, 100000), d.titulo), q.q, 'StartSel=«, StopSel=», MaxWords=30, MinWords=10, MaxFragments=2') AS extracto,
            ts_rank(d.tsv, q.q)::float8 AS rank
     FROM plan.documents d CROSS JOIN q CROSS JOIN demo LEFT JOIN plan.projects p ON p.id = d.project_id
     WHERE d.tsv @@ q.q AND ($2::int IS NULL OR d.project_id = $2)
     ORDER BY rank DESC, d.fecha DESC NULLS LAST, d.id
     LIMIT $3`,
    [q, projectId, limit],
  );
  return rows;
}

const queries = {
  searchDocuments, projectDependencia, lockProject, latestAvance, programaExists, coloniaExists, geometryProblem, insertProject, updateProject, insertAvance, insertFoto,
  listAvances, projectExists, insertDocument, areaExists,
};

declare module 'fastify' {
  interface FastifyInstance {
    /** Seguimiento: project edits with versions, progress reports and photos, uploaded documents. */
    seguimientoRepository: Repository<typeof queries>;
  }
}

/** Decorates `app.seguimientoRepository`. */
export default fp(async (app) => {
  app.decorate('seguimientoRepository', repository(app.db, queries));
}, { name: 'seguimiento-repository', dependencies: ['db'] });
