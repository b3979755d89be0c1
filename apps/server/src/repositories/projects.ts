// SQL for the Plan Municipal de Desarrollo: project list and card, the ejes tree, proximity and edits.
import fp from 'fastify-plugin';
import { repository, type Queryable, type Repository } from './repository.ts';
import type { Bbox } from '@sigmun/domain/ogc';
import type { EjeTree, NearProject, ProjectCard, ProjectSummary } from '@sigmun/domain/projects';

const SUMMARY = `
  p.id, p.clave, p.nombre,
  json_build_object('id', pr.id, 'clave', pr.clave, 'nombre', pr.nombre) AS programa,
  json_build_object('id', e.id, 'nombre', e.nombre, 'color', e.color) AS eje,
  p.dependencia, p.estatus, p.avance::float8 AS avance, p.presupuesto_aprobado::float8 AS presupuesto_aprobado,
  p.presupuesto_ejercido::float8 AS presupuesto_ejercido, p.fecha_inicio, p.fecha_fin, p.anio, p.cve_col,
  (SELECT ARRAY[round(ST_X(c)::numeric, 7)::float8, round(ST_Y(c)::numeric, 7)::float8]
     FROM ST_Transform(ST_PointOnSurface(p.geom), 4326) AS c) AS centroid`;
const FROM = `plan.projects p JOIN plan.programas pr ON pr.id = p.programa_id JOIN plan.ejes e ON e.id = pr.eje_id`;

export interface ProjectFilters {
  eje: number | null;
  /** Programa id or clave. */
  programa: string | null;
  estatus: string[] | null;
  dependencia: string | null;
  anio: number | null;
  bbox: Bbox | null;
}

const WHERE = `
  ($1::int IS NULL OR e.id = $1)
  AND ($2::text IS NULL OR pr.id::text = $2 OR pr.clave = $2)
  AND ($3::text[] IS NULL OR p.estatus = ANY($3))
  AND ($4::text IS NULL OR meta.f_unaccent(lower(p.dependencia)) = meta.f_unaccent(lower($4)))
  AND ($5::int IS NULL OR p.anio = $5)
  AND ($6::float8[] IS NULL OR p.geom && ST_Transform(ST_MakeEnvelope($6[1], $6[2], $6[3], $6[4], 4326), 3857))`;

const filterParams = (f: ProjectFilters) => [f.eje, f.programa, f.estatus, f.dependencia, f.anio, f.bbox];

/** Projects matching the filters (page by id) and how many match in all. */
async function listProjects(db: Queryable, f: ProjectFilters, limit: number, offset: number): Promise<{ total: number; items: ProjectSummary[] }> {
  const [count, page] = await Promise.all([
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${FROM} WHERE ${WHERE}`, filterParams(f)),
    db.query<ProjectSummary>(`SELECT ${SUMMARY} FROM ${FROM} WHERE ${WHERE} ORDER BY p.id LIMIT $7 OFFSET $8`, [...filterParams(f), limit, offset]),
  ]);
  return { total: count.rows[0].n, items: page.rows };
}

/** The full project card, or null. */
async function projectCard(db: Queryable, id: number): Promise<ProjectCard | null> {
  const { rows } = await db.query<ProjectCard>(
    `SELECT ${SUMMARY}, p.descripcion, c.nombre AS colonia, to_char(p.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_at,
       p.version, p.justificacion_sobreejercicio,
       ST_AsGeoJSON(ST_Transform(p.geom, 4326), 7)::json AS geometry,
       coalesce((SELECT json_agg(json_build_object('id', g.id, 'fecha', g.fecha, 'avance', g.avance::float8,
                   'presupuesto_ejercido', g.presupuesto_ejercido::float8, 'nota', g.nota, 'estatus', g.estatus,
                   'justificacion', g.justificacion, 'autor', u.nombre,
                   'fotos', coalesce((SELECT json_agg(json_build_object('url', '/media/avances/' || f.id || '.jpg',
                              'thumb_url', '/media/avances/' || f.id || '.thumb.jpg', 'ancho', f.ancho, 'alto', f.alto) ORDER BY f.orden)
                            FROM plan.avance_fotos f WHERE f.progress_id = g.id), '[]')) ORDER BY g.fecha, g.id)
                 FROM plan.project_progress g LEFT JOIN auth.users u ON u.id = g.autor_id WHERE g.project_id = p.id), '[]') AS progreso,
       coalesce((SELECT json_agg(json_build_object('id', d.id, 'titulo', d.titulo, 'tipo', d.tipo, 'url', d.url, 'fecha', d.fecha)
                   ORDER BY d.fecha DESC NULLS LAST, d.id)
                 FROM plan.documents d WHERE d.project_id = p.id), '[]') AS documentos,
       coalesce((SELECT json_agg(json_build_object('id', pp.id, 'folio', pp.folio, 'titulo', pp.titulo, 'estatus', pp.estatus,
                   'votos', pp.votos, 'proceso', json_build_object('clave', pc.clave, 'nombre', pc.nombre, 'anio', pc.anio))
                   ORDER BY pc.anio DESC, pp.id)
                 FROM partic.proposals pp JOIN partic.processes pc ON pc.id = pp.process_id WHERE pp.project_id = p.id), '[]') AS propuestas
     FROM ${FROM} LEFT JOIN carto.colonias c ON c.cve_col = p.cve_col
     WHERE p.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/** Ejes with their programas and project counts. */
async function ejeTree(db: Queryable): Promise<EjeTree['ejes']> {
  const { rows } = await db.query<EjeTree['ejes'][number]>(
    `SELECT e.id, e.nombre, e.descripcion, e.color,
       (SELECT count(*)::int FROM plan.projects p JOIN plan.programas pr ON pr.id = p.programa_id WHERE pr.eje_id = e.id) AS proyectos,
       coalesce((SELECT json_agg(json_build_object('id', pr.id, 'clave', pr.clave, 'nombre', pr.nombre,
                   'proyectos', (SELECT count(*) FROM plan.projects p WHERE p.programa_id = pr.id)) ORDER BY pr.clave)
                 FROM plan.programas pr WHERE pr.eje_id = e.id), '[]') AS programas
     FROM plan.ejes e ORDER BY e.id`,
  );
  return rows;
}

/**
 * Nearest projects to a point by true (geodesic) distance. The GiST index picks candidates by KNN in EPSG:3857
 * (conformal, so the order is the geodesic one up to the slow change of scale with latitude; a generous candidate
 * pool absorbs it), then the exact geography distance ranks and filters them. `within` is an optional
 * EPSG:3857 polygon (EWKB hex) the projects must touch, e.g. a walking isochrone.
 */
async function nearProjects(
  db: Queryable, lon: number, lat: number, radiusM: number | null, estatus: string[] | null, limit: number, within: string | null,
): Promise<NearProject[]> {
  const { rows } = await db.query<NearProject>(
    `WITH o AS (SELECT ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4326), 3857) AS g,
                       ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography AS gg),
     cand AS (
       SELECT p.id FROM plan.projects p, o
       WHERE ($4::text[] IS NULL OR p.estatus = ANY($4))
         AND ($3::float8 IS NULL OR ST_DWithin(p.geom, o.g, $3 / cos(radians(least(abs($2) + 1, 89))) * 1.02))
         AND ($6::geometry IS NULL OR ST_Intersects(p.geom, $6::geometry))
       ORDER BY p.geom <-> o.g
       LIMIT $5 * 3 + 50)
     SELECT * FROM (
       SELECT ${SUMMARY}, round(ST_Distance(ST_Transform(p.geom, 4326)::geography, o.gg)::numeric, 1)::float8 AS distance_m
       FROM cand JOIN ${FROM} ON p.id = cand.id CROSS JOIN o) r
     WHERE $3::float8 IS NULL OR r.distance_m <= $3
     ORDER BY r.distance_m, r.id
     LIMIT $5`,
    [lon, lat, radiusM, estatus, limit, within],
  );
  return rows;
}

export interface ProjectEdit {
  estatus?: string;
  avance?: number;
  presupuesto_ejercido?: number;
  /** Why ejercido exceeds aprobado (the card flags the project). */
  justificacion_sobreejercicio?: string;
  /** GeoJSON geometry text in WGS84. */
  geometry?: string;
}

/** Applies an edit (one UPDATE, so the statement trigger bumps the layer version once); false when no such project. */
async function updateProject(db: Queryable, id: number, e: ProjectEdit): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE plan.projects SET
       estatus = coalesce($2, estatus),
       avance = coalesce($3, avance),
       presupuesto_ejercido = coalesce($4, presupuesto_ejercido),
       geom = coalesce(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($5), 4326), 3857), geom),
       justificacion_sobreejercicio = coalesce($6, justificacion_sobreejercicio),
       updated_at = now()
     WHERE id = $1`,
    [id, e.estatus ?? null, e.avance ?? null, e.presupuesto_ejercido ?? null, e.geometry ?? null, e.justificacion_sobreejercicio ?? null],
  );
  return (rowCount ?? 0) > 0;
}

/**
 * Locks a project for an edit and says whether the caller may make it: `dependencias` null means any project
 * (admin, planeacion); otherwise the project's dependencia must be one of them (compared without accents or case).
 */
async function lockForEdit(db: Queryable, id: number, dependencias: readonly string[] | null): Promise<'missing' | 'forbidden' | 'ok'> {
  const { rows } = await db.query<{ allowed: boolean }>(
    `SELECT $2::text[] IS NULL OR meta.f_unaccent(lower(dependencia)) = ANY (SELECT meta.f_unaccent(lower(d)) FROM unnest($2::text[]) d) AS allowed
     FROM plan.projects WHERE id = $1 FOR UPDATE`,
    [id, dependencias],
  );
  if (!rows.length) return 'missing';
  return rows[0].allowed ? 'ok' : 'forbidden';
}

/** Records today's progress note with the project's current avance and budget (one entry per day: a later note replaces it). */
async function addProgressNote(db: Queryable, id: number, nota: string): Promise<void> {
  await db.query(
    `INSERT INTO plan.project_progress (project_id, fecha, avance, presupuesto_ejercido, nota)
     SELECT id, current_date, avance, presupuesto_ejercido, $2 FROM plan.projects WHERE id = $1
     ON CONFLICT (project_id, fecha) DO UPDATE SET avance = EXCLUDED.avance, presupuesto_ejercido = EXCLUDED.presupuesto_ejercido, nota = EXCLUDED.nota`,
    [id, nota],
  );
}

const queries = { list: listProjects, card: projectCard, ejes: ejeTree, near: nearProjects, update: updateProject, lockForEdit, addProgressNote };

declare module 'fastify' {
  interface FastifyInstance {
    /** Projects of the plan: list, card, ejes tree, proximity, edits. */
    projectsRepository: Repository<typeof queries>;
  }
}

/** Decorates `app.projectsRepository`. */
export default fp(async (app) => {
  app.decorate('projectsRepository', repository(app.db, queries));
}, { name: 'projects-repository', dependencies: ['db'] });
