// SQL for citizen proposals: open processes, submission with private author data, moderation, supports (apoyos),
// the public page with its project, the ranking per zone, and the project made from a proposal.
import fp from 'fastify-plugin';
import { repository, type Queryable, type Repository } from './repository.ts';
import type { ModerationState, QueueItem } from '@sigmun/domain/participation-reports';
import type { LinkedProject, ProposalToProject, PublicProposal } from '@sigmun/domain/participation-proposals';

export interface OpenProcess {
  id: number;
  clave: string;
  nombre: string;
  anio: number;
  recibe_propuestas: boolean;
  recibe_apoyos: boolean;
  reglas: Record<string, unknown>;
}

const OPEN = `pc.id, pc.clave, pc.nombre, pc.anio, pc.reglas,
  (pc.propuestas_desde IS NOT NULL AND current_date BETWEEN pc.propuestas_desde AND coalesce(pc.propuestas_hasta, 'infinity')) AS recibe_propuestas,
  (pc.apoyos_desde IS NOT NULL AND current_date BETWEEN pc.apoyos_desde AND coalesce(pc.apoyos_hasta, 'infinity')) AS recibe_apoyos`;

/** A process with whether it receives proposals and supports today (its dates are data), or null. */
async function processWindow(db: Queryable, clave: string): Promise<OpenProcess | null> {
  const { rows } = await db.query<OpenProcess>(`SELECT ${OPEN} FROM partic.processes pc WHERE pc.clave = $1`, [clave]);
  return rows[0] ?? null;
}

/** The zone of the process containing a WGS84 point, or null. */
async function zoneOf(db: Queryable, processId: number, lon: number, lat: number): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>(
    `SELECT z.id FROM partic.zones z WHERE z.process_id = $1
       AND ST_Intersects(z.geom, ST_Transform(ST_SetSRID(ST_MakePoint($2, $3), 4326), 3857)) ORDER BY z.id LIMIT 1`, [processId, lon, lat]);
  return rows[0]?.id ?? null;
}

/** Proposals a device already sent to a process (the per-device rule of the process). */
async function countByDevice(db: Queryable, processId: number, deviceHash: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM partic.proposals pp JOIN partic.proposals_privado p ON p.proposal_id = pp.id
     WHERE pp.process_id = $1 AND p.dispositivo_hash = $2`, [processId, deviceHash]);
  return rows[0].n;
}

export interface NewProposal {
  processId: number;
  zoneId: number | null;
  folio: string;
  titulo: string;
  descripcion: string;
  categoria: string;
  lon: number;
  lat: number;
  foto: string | null;
  nombre: string | null;
  email: string | null;
  telefono: string | null;
  ipHash: string;
  dispositivoHash: string;
  avisoVersion: string;
  claveHash: string;
}

/** Inserts a pending proposal and its private row; returns its id. */
async function insertProposal(db: Queryable, p: NewProposal): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO partic.proposals (process_id, zone_id, folio, titulo, descripcion, categoria, estatus, moderacion, canal, foto, geom)
     VALUES ($1, $2, $3, $4, $5, $6, 'registrada', 'pendiente', 'web', $7::uuid, ST_Transform(ST_SetSRID(ST_MakePoint($8, $9), 4326), 3857))
     RETURNING id`, [p.processId, p.zoneId, p.folio, p.titulo, p.descripcion, p.categoria, p.foto, p.lon, p.lat]);
  await db.query(
    `INSERT INTO partic.proposals_privado (proposal_id, nombre, email, telefono, ip_hash, dispositivo_hash, acepta_aviso, aviso_version, clave_hash)
     VALUES ($1, $2, $3, $4, $5, $6, now(), $7, $8)`,
    [rows[0].id, p.nombre, p.email, p.telefono, p.ipHash, p.dispositivoHash, p.avisoVersion, p.claveHash]);
  return rows[0].id;
}

const PROJECT = `CASE WHEN pj.id IS NULL THEN NULL ELSE json_build_object('id', pj.id, 'clave', pj.clave, 'nombre', pj.nombre,
  'estatus', pj.estatus, 'avance', pj.avance::float8, 'fecha_fin', to_char(pj.fecha_fin, 'YYYY-MM-DD')) END`;

/** A proposal by folio (any moderation state: the folio is the author's) with its zone, supports and project. */
async function publicProposal(db: Queryable, folio: string): Promise<PublicProposal | null> {
  const { rows } = await db.query<PublicProposal>(
    `SELECT pp.id, pp.folio, pp.titulo, pp.descripcion, pp.categoria, pp.estatus, pp.moderacion,
            CASE WHEN pp.moderacion = 'rechazado' THEN pp.motivo_rechazo END AS motivo_rechazo,
            json_build_object('clave', pc.clave, 'nombre', pc.nombre) AS proceso,
            CASE WHEN z.id IS NULL THEN NULL ELSE json_build_object('clave', z.clave, 'nombre', z.nombre) END AS zona,
            (SELECT count(*)::int FROM partic.apoyos a WHERE a.proposal_id = pp.id) AS apoyos, pp.votos,
            ST_X(ST_Transform(ST_PointOnSurface(pp.geom), 4326)) AS lon, ST_Y(ST_Transform(ST_PointOnSurface(pp.geom), 4326)) AS lat,
            CASE WHEN pp.moderacion = 'aprobado' AND pp.foto IS NOT NULL THEN '/api/participation/proposals/' || pp.folio || '/foto' END AS foto,
            ${PROJECT} AS proyecto
     FROM partic.proposals pp JOIN partic.processes pc ON pc.id = pp.process_id
     LEFT JOIN partic.zones z ON z.id = pp.zone_id
     LEFT JOIN plan.projects pj ON pj.id = pp.project_id
     WHERE pp.folio = $1 ORDER BY pp.id LIMIT 1`, [folio]);
  return rows[0] ?? null;
}

/** The photo id of an approved proposal, or null. */
async function publicPhoto(db: Queryable, folio: string): Promise<string | null> {
  const { rows } = await db.query<{ foto: string }>(
    `SELECT foto::text FROM partic.proposals WHERE folio = $1 AND moderacion = 'aprobado' AND foto IS NOT NULL LIMIT 1`, [folio]);
  return rows[0]?.foto ?? null;
}

/** Pending (or any `estado`) citizen proposals with their author's contact: for moderators only. */
async function proposalQueue(db: Queryable, estado: ModerationState, limit: number): Promise<QueueItem[]> {
  const { rows } = await db.query<QueueItem>(
    `SELECT 'propuesta' AS objeto, pp.id, pp.folio, pp.titulo, pp.descripcion, pp.categoria, pp.estatus, pp.moderacion, pp.dependencia,
            to_char(pp.creado AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS creado,
            ST_X(ST_Transform(ST_PointOnSurface(pp.geom), 4326)) AS lon, ST_Y(ST_Transform(ST_PointOnSurface(pp.geom), 4326)) AS lat,
            CASE WHEN pp.foto IS NOT NULL THEN '/api/moderation/propuestas/' || pp.id || '/foto' END AS foto,
            json_build_object('nombre', p.nombre, 'email', p.email, 'telefono', p.telefono) AS contacto
     FROM partic.proposals pp LEFT JOIN partic.proposals_privado p ON p.proposal_id = pp.id
     WHERE pp.moderacion = $1 AND pp.canal = 'web' ORDER BY pp.creado, pp.id LIMIT $2`, [estado, limit]);
  return rows;
}

/** The stored photo id of any proposal (moderators see photos before approval). */
async function photoById(db: Queryable, id: number): Promise<string | null> {
  const { rows } = await db.query<{ foto: string }>('SELECT foto::text FROM partic.proposals WHERE id = $1 AND foto IS NOT NULL', [id]);
  return rows[0]?.foto ?? null;
}

/** Id of an approved-or-not proposal by folio (for "duplicate of"), or null. */
async function idByFolio(db: Queryable, folio: string): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>('SELECT id FROM partic.proposals WHERE folio = $1 ORDER BY id LIMIT 1', [folio]);
  return rows[0]?.id ?? null;
}

export interface ProposalChange {
  moderacion?: ModerationState;
  estatus?: string;
  motivo?: string | null;
  dependencia?: string;
  duplicadoDe?: number | null;
}

/** Applies one moderation action to a proposal and records it; null when no proposal has this id. */
async function moderate(db: Queryable, id: number, accion: string, c: ProposalChange, nota: string | null) {
  const { rows } = await db.query<{ id: number; folio: string; moderacion: ModerationState; estatus: string; dependencia: string | null }>(
    `UPDATE partic.proposals SET moderacion = coalesce($2, moderacion), estatus = coalesce($3, estatus),
            motivo_rechazo = CASE WHEN $2 = 'rechazado' THEN $4 ELSE motivo_rechazo END, dependencia = coalesce($5, dependencia),
            duplicado_de = CASE WHEN $6 THEN $7::integer ELSE duplicado_de END
     WHERE id = $1 RETURNING id, folio, moderacion, estatus, dependencia`,
    [id, c.moderacion ?? null, c.estatus ?? null, c.motivo ?? null, c.dependencia ?? null, c.duplicadoDe !== undefined, c.duplicadoDe ?? null]);
  const row = rows[0];
  if (!row) return null;
  await db.query(
    `INSERT INTO partic.moderation_actions (objeto, objeto_id, accion, estatus, motivo, datos) VALUES ('propuesta', $1, $2, $3, $4, $5)`,
    [id, accion, row.estatus, c.motivo ?? nota, JSON.stringify({ moderacion: row.moderacion, dependencia: row.dependencia })]);
  return row;
}

/** An approved proposal open for supports, by folio: its id and process, or null. */
async function supportable(db: Queryable, folio: string): Promise<(OpenProcess & { proposal_id: number }) | null> {
  const { rows } = await db.query<OpenProcess & { proposal_id: number }>(
    `SELECT ${OPEN}, pp.id AS proposal_id FROM partic.proposals pp JOIN partic.processes pc ON pc.id = pp.process_id
     WHERE pp.folio = $1 AND pp.moderacion = 'aprobado' ORDER BY pp.id LIMIT 1`, [folio]);
  return rows[0] ?? null;
}

/** Records one support per device (a second one changes nothing); returns whether it was new and the count. */
async function support(db: Queryable, proposalId: number, deviceHash: string, ipHash: string): Promise<{ nuevo: boolean; apoyos: number }> {
  const ins = await db.query(
    `INSERT INTO partic.apoyos (proposal_id, dispositivo_hash, ip_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [proposalId, deviceHash, ipHash]);
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM partic.apoyos WHERE proposal_id = $1', [proposalId]);
  return { nuevo: (ins.rowCount ?? 0) > 0, apoyos: rows[0].n };
}

/** Approved proposals of a process per zone, most supported first, with the official winner and each project. */
async function ranking(db: Queryable, processId: number) {
  const { rows } = await db.query<{ zone_id: number; clave: string; nombre: string; propuestas: unknown[] }>(
    `WITH ranked AS (
       SELECT pp.id, pp.zone_id, pp.folio, pp.titulo, pp.estatus, pp.votos,
              (SELECT count(*)::int FROM partic.apoyos a WHERE a.proposal_id = pp.id) AS apoyos, ${PROJECT} AS proyecto,
              r.propuesta_ganadora
       FROM partic.proposals pp
       LEFT JOIN plan.projects pj ON pj.id = pp.project_id
       LEFT JOIN partic.results r ON r.process_id = pp.process_id AND r.zone_id = pp.zone_id
       WHERE pp.process_id = $1 AND pp.moderacion = 'aprobado' AND pp.zone_id IS NOT NULL
     ), ordered AS (
       SELECT *, row_number() OVER (PARTITION BY zone_id ORDER BY apoyos DESC, votos DESC, id) AS n FROM ranked
     )
     SELECT z.id AS zone_id, z.clave, z.nombre,
            coalesce(json_agg(json_build_object('id', o.id, 'folio', o.folio, 'titulo', o.titulo, 'estatus', o.estatus,
              'apoyos', o.apoyos, 'votos', o.votos, 'proyecto', o.proyecto,
              'ganadora', CASE WHEN o.propuesta_ganadora IS NOT NULL THEN o.id = o.propuesta_ganadora ELSE o.n = 1 AND o.apoyos > 0 END)
              ORDER BY o.n) FILTER (WHERE o.id IS NOT NULL), '[]'::json) AS propuestas
     FROM partic.zones z LEFT JOIN ordered o ON o.zone_id = z.id
     WHERE z.process_id = $1 GROUP BY z.id, z.clave, z.nombre ORDER BY z.clave`, [processId]);
  return rows;
}

/**
 * Creates a plan project prefilled from an approved proposal (name, description, place, colonia) and links both
 * ways; null when the proposal is not approved, 'linked' when it already has a project.
 */
async function createProject(db: Queryable, proposalId: number, input: ProposalToProject): Promise<LinkedProject | null | 'linked'> {
  const { rows: cur } = await db.query<{ project_id: number | null }>(
    `SELECT project_id FROM partic.proposals WHERE id = $1 AND moderacion = 'aprobado' FOR UPDATE`, [proposalId]);
  if (!cur[0]) return null;
  if (cur[0].project_id !== null) return 'linked';
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO plan.projects (clave, nombre, descripcion, programa_id, dependencia, estatus, presupuesto_aprobado, anio, cve_col, geom, propuesta_id)
     SELECT 'PC-' || pp.folio, coalesce($3, pp.titulo),
            coalesce(pp.descripcion, '') || E'\\n\\nOrigen: propuesta ciudadana ' || pp.folio || ' (' || pc.nombre || ').',
            $2, $4, 'planeado', coalesce($5, 0), coalesce($6, extract(year FROM current_date)::int),
            (SELECT c.cve_col FROM carto.colonias c WHERE ST_Intersects(c.geom, ST_PointOnSurface(pp.geom)) ORDER BY c.cve_col LIMIT 1),
            pp.geom, pp.id
     FROM partic.proposals pp JOIN partic.processes pc ON pc.id = pp.process_id WHERE pp.id = $1
     RETURNING id`,
    [proposalId, input.programa_id, input.nombre ?? null, input.dependencia, input.presupuesto_aprobado ?? null, input.anio ?? null]);
  await db.query('UPDATE partic.proposals SET project_id = $2 WHERE id = $1', [proposalId, rows[0].id]);
  const { rows: pj } = await db.query<LinkedProject>(
    `SELECT id, clave, nombre, estatus, avance::float8 AS avance, to_char(fecha_fin, 'YYYY-MM-DD') AS fecha_fin FROM plan.projects WHERE id = $1`, [rows[0].id]);
  return pj[0];
}

/**
 * Erases the personal data of a proposal's author when the private code hash matches; returns when it was erased,
 * or null when folio and code do not match. The proposal itself stays: it is not personal data.
 */
async function erasePersonalData(db: Queryable, folio: string, claveHash: string): Promise<string | null> {
  const { rows } = await db.query<{ id: number; borrado: string }>(
    `UPDATE partic.proposals_privado p SET nombre = NULL, email = NULL, telefono = NULL, ip_hash = NULL, dispositivo_hash = NULL,
            datos_borrados = coalesce(p.datos_borrados, now())
     FROM partic.proposals pp WHERE pp.id = p.proposal_id AND pp.folio = $1 AND p.clave_hash = $2
     RETURNING pp.id, to_char(p.datos_borrados AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS borrado`, [folio, claveHash]);
  if (!rows[0]) return null;
  await db.query(`INSERT INTO partic.moderation_actions (objeto, objeto_id, accion) VALUES ('propuesta', $1, 'borrar_datos')`, [rows[0].id]);
  return rows[0].borrado;
}

/** Whether a programme exists (the project's required parent). */
async function programExists(db: Queryable, id: number): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM plan.programas WHERE id = $1', [id]);
  return rows.length > 0;
}

const queries = {
  processWindow, zoneOf, countByDevice, insertProposal, publicProposal, publicPhoto, queue: proposalQueue, idByFolio, moderate,
  supportable, support, ranking, createProject, programExists, erasePersonalData, photoById,
};

declare module 'fastify' {
  interface FastifyInstance {
    /** Citizen proposals: submission, moderation, supports, ranking, proposal → project. */
    proposalsRepository: Repository<typeof queries>;
  }
}

/** Decorates `app.proposalsRepository`. */
export default fp(async (app) => {
  app.decorate('proposalsRepository', repository(app.db, queries));
}, { name: 'proposals-repository', dependencies: ['db'] });
