// SQL for participación ciudadana: processes, results per zone, proposals and the zone of a point.
import fp from 'fastify-plugin';
import { repository, type Queryable, type Repository } from './repository.ts';
import type { Process, ZoneResult } from '@sigmun/domain/participation';

const PROCESS = `pc.id, pc.clave, pc.nombre, pc.tipo, pc.anio, pc.fecha_inicio, pc.fecha_fin, pc.presupuesto::float8 AS presupuesto,
  pc.descripcion,
  (SELECT count(*)::int FROM partic.zones z WHERE z.process_id = pc.id) AS zonas,
  (SELECT count(*)::int FROM partic.proposals pp WHERE pp.process_id = pc.id AND pp.moderacion = 'aprobado') AS propuestas`;

const ZONE_RESULT = `z.id AS zone_id, z.clave, z.nombre, r.lista_nominal, r.participantes,
  round(100.0 * r.participantes / nullif(r.lista_nominal, 0), 2)::float8 AS participacion,
  r.votos_validos, r.votos_nulos,
  CASE WHEN g.id IS NULL THEN NULL
       ELSE json_build_object('id', g.id, 'folio', g.folio, 'titulo', g.titulo, 'votos', g.votos, 'project_id', g.project_id) END AS ganadora`;
const ZONE_FROM = `partic.zones z
  LEFT JOIN partic.results r ON r.zone_id = z.id AND r.process_id = z.process_id
  LEFT JOIN partic.proposals g ON g.id = r.propuesta_ganadora`;

/** Every process, newest first. */
async function listProcesses(db: Queryable): Promise<Process[]> {
  const { rows } = await db.query<Process>(`SELECT ${PROCESS} FROM partic.processes pc ORDER BY pc.anio DESC, pc.clave`);
  return rows;
}

/** One process by its clave, or null. */
async function getProcess(db: Queryable, clave: string): Promise<Process | null> {
  const { rows } = await db.query<Process>(`SELECT ${PROCESS} FROM partic.processes pc WHERE pc.clave = $1`, [clave]);
  return rows[0] ?? null;
}

/** Results of every zone of a process (zones without results have nulls). */
async function zoneResults(db: Queryable, processId: number): Promise<ZoneResult[]> {
  const { rows } = await db.query<ZoneResult>(`SELECT ${ZONE_RESULT} FROM ${ZONE_FROM} WHERE z.process_id = $1 ORDER BY z.clave`, [processId]);
  return rows;
}

/** The proposals of a process as a GeoJSON FeatureCollection text (WGS84), built by PostgreSQL. */
async function proposalsGeoJson(db: Queryable, processId: number, estatus: string[] | null, zone: string | null): Promise<{ count: number; features: string }> {
  const { rows } = await db.query<{ count: number; features: string }>(
    `SELECT count(*)::int AS count, coalesce(string_agg(f, ',' ORDER BY id), '') AS features FROM (
       SELECT pp.id, json_build_object('type', 'Feature', 'id', pp.id,
         'geometry', ST_AsGeoJSON(ST_Transform(pp.geom, 4326), 7)::json,
         'properties', json_build_object('id', pp.id, 'folio', pp.folio, 'titulo', pp.titulo, 'descripcion', pp.descripcion,
           'categoria', pp.categoria, 'estatus', pp.estatus, 'votos', pp.votos, 'project_id', pp.project_id,
           'zone_id', pp.zone_id, 'zona', z.clave, 'zona_nombre', z.nombre))::text AS f
       FROM partic.proposals pp LEFT JOIN partic.zones z ON z.id = pp.zone_id
       WHERE pp.process_id = $1 AND pp.moderacion = 'aprobado' AND ($2::text[] IS NULL OR pp.estatus = ANY($2))
         AND ($3::text IS NULL OR z.clave = $3 OR z.id::text = $3)) s`,
    [processId, estatus, zone],
  );
  return rows[0];
}

/** The zone containing a point in a process (the latest process when none is named), with its results. */
async function zoneAt(
  db: Queryable, lon: number, lat: number, processClave: string | null,
): Promise<{ process: { id: number; clave: string; nombre: string; anio: number }; geometry: unknown; zone: ZoneResult } | null> {
  const { rows } = await db.query<ZoneResult & { process: { id: number; clave: string; nombre: string; anio: number }; geometry: unknown }>(
    `SELECT json_build_object('id', pc.id, 'clave', pc.clave, 'nombre', pc.nombre, 'anio', pc.anio) AS process,
            ST_AsGeoJSON(ST_Transform(z.geom, 4326), 7)::json AS geometry, ${ZONE_RESULT}
     FROM ${ZONE_FROM}
     JOIN partic.processes pc ON pc.id = z.process_id
     WHERE ($3::text IS NULL OR pc.clave = $3)
       AND ST_Intersects(z.geom, ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4326), 3857))
     ORDER BY pc.anio DESC, pc.id DESC
     LIMIT 1`,
    [lon, lat, processClave],
  );
  const r = rows[0];
  if (!r) return null;
  const { process, geometry, ...zone } = r;
  return { process, geometry, zone };
}

const queries = { processes: listProcesses, process: getProcess, zoneResults, proposals: proposalsGeoJson, zoneAt };

declare module 'fastify' {
  interface FastifyInstance {
    /** Participación ciudadana: processes, results, proposals, zones. */
    participationRepository: Repository<typeof queries>;
  }
}

/** Decorates `app.participationRepository`. */
export default fp(async (app) => {
  app.decorate('participationRepository', repository(app.db, queries));
}, { name: 'participation-repository', dependencies: ['db'] });
