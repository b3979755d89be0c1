// SQL for citizen reports: categories, submission, public follow-up, removal of personal data, moderation.
// Public reads select named public columns only; partic.reportes_privado is read by the moderation queue alone.
import fp from 'fastify-plugin';
import { repository, type Queryable, type Repository } from './repository.ts';
import type { ModerationState, PublicReport, QueueItem, ReportCategory, ReportCategoryInput } from '@sigmun/domain/participation-reports';

type Db = Queryable;

const CATEGORY = 'clave, nombre, descripcion, grupo, palabras_clave, dependencia, activa, orden';

/** Every category (inactive ones too when `all`), in display order. */
async function listCategories(db: Db, all = false): Promise<ReportCategory[]> {
  const { rows } = await db.query<ReportCategory>(
    `SELECT ${CATEGORY} FROM partic.report_categories WHERE $1 OR activa ORDER BY orden, clave`, [all]);
  return rows;
}

/** Creates or updates a category; returns the stored row. */
async function upsertCategory(client: Db, clave: string, c: ReportCategoryInput): Promise<ReportCategory> {
  const { rows } = await client.query<ReportCategory>(
    `INSERT INTO partic.report_categories AS rc (clave, nombre, descripcion, grupo, palabras_clave, dependencia, activa, orden)
     VALUES ($1, $2, coalesce($3::text, ''), coalesce($4::text, 'Vía pública'), coalesce($5::text[], '{}'), $6::text,
             coalesce($7::boolean, true), coalesce($8::int, 50))
     ON CONFLICT (clave) DO UPDATE SET nombre = EXCLUDED.nombre,
       descripcion = coalesce($3::text, rc.descripcion), grupo = coalesce($4::text, rc.grupo),
       palabras_clave = coalesce($5::text[], rc.palabras_clave),
       dependencia = CASE WHEN $9::boolean THEN $6::text ELSE rc.dependencia END, activa = coalesce($7::boolean, rc.activa),
       orden = coalesce($8::int, rc.orden)
     RETURNING ${CATEGORY}`,
    [clave, c.nombre, c.descripcion ?? null, c.grupo ?? null, c.palabras_clave ?? null, c.dependencia ?? null, c.activa ?? null,
      c.orden ?? null, c.dependencia !== undefined],
  );
  return rows[0];
}

/** Whether a WGS84 point lies inside the municipality (any polygon of carto.municipio). */
async function insideMunicipality(db: Db, lon: number, lat: number): Promise<boolean> {
  const { rows } = await db.query<{ inside: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM carto.municipio m
       WHERE ST_Intersects(m.geom, ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4326), 3857))) AS inside`, [lon, lat]);
  return rows[0].inside;
}

/** The HMAC key for IPs and device ids (one row made by the migration). */
async function citizenHashKey(db: Db): Promise<string> {
  const { rows } = await db.query<{ sal: string }>('SELECT sal FROM partic.secreto');
  return rows[0].sal;
}

/** Takes one event under a limit shared by every server process; false when the limit is reached. */
async function rateTake(db: Db, ambito: string, clave: string, limite: number, ventanaSegundos: number): Promise<boolean> {
  const { rows } = await db.query<{ ok: boolean }>(
    'SELECT partic.rate_take($1, $2, $3, make_interval(secs => $4)) AS ok', [ambito, clave, limite, ventanaSegundos]);
  return rows[0].ok;
}

export interface NewReport {
  folio: string;
  categoria: string;
  descripcion: string;
  lon: number;
  lat: number;
  canal: 'web' | 'open311';
  foto: string | null;
  nombre: string | null;
  email: string | null;
  telefono: string | null;
  ipHash: string;
  dispositivoHash: string | null;
  avisoVersion: string;
  claveHash: string;
}

/** Inserts a pending report and its private row; null when the category does not exist or is inactive. */
async function insertReport(client: Db, r: NewReport): Promise<{ id: number } | null> {
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO partic.reportes (folio, fuente, categoria, descripcion, fecha, moderacion, canal, foto, dependencia, geom)
     SELECT $1, 'Participación ciudadana (' || $5 || ')', c.clave, $3, current_date, 'pendiente', $5, $6::uuid, c.dependencia,
            ST_Transform(ST_SetSRID(ST_MakePoint($2, $4), 4326), 3857)
     FROM partic.report_categories c WHERE c.clave = $7 AND c.activa
     RETURNING id::int`,
    [r.folio, r.lon, r.descripcion, r.lat, r.canal, r.foto, r.categoria],
  );
  if (!rows[0]) return null;
  await client.query(
    `INSERT INTO partic.reportes_privado (reporte_id, nombre, email, telefono, ip_hash, dispositivo_hash, acepta_aviso, aviso_version, clave_hash)
     VALUES ($1, $2, $3, $4, $5, $6, now(), $7, $8)`,
    [rows[0].id, r.nombre, r.email, r.telefono, r.ipHash, r.dispositivoHash, r.avisoVersion, r.claveHash],
  );
  await client.query(
    `INSERT INTO partic.moderation_actions (objeto, objeto_id, accion, estatus, motivo) VALUES ('reporte', $1, 'estatus', 'recibido', NULL)`,
    [rows[0].id],
  );
  return rows[0];
}

const PUBLIC_REPORT = `r.folio, r.categoria, c.nombre AS categoria_nombre, r.descripcion, r.estatus, r.nota_publica, r.moderacion,
  CASE WHEN r.moderacion = 'rechazado' THEN (SELECT a.motivo FROM partic.moderation_actions a
       WHERE a.objeto = 'reporte' AND a.objeto_id = r.id AND a.accion = 'rechazar' ORDER BY a.id DESC LIMIT 1) END AS motivo_rechazo,
  d.folio AS duplicado_de, r.dependencia, to_char(r.fecha, 'YYYY-MM-DD') AS fecha,
  to_char(r.creado AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS creado,
  to_char(r.actualizado AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS actualizado,
  ST_X(ST_Transform(r.geom, 4326)) AS lon, ST_Y(ST_Transform(r.geom, 4326)) AS lat,
  CASE WHEN r.moderacion = 'aprobado' AND r.foto IS NOT NULL THEN '/api/participation/reports/' || r.folio || '/foto' END AS foto,
  (SELECT coalesce(json_agg(json_build_object('fecha', to_char(a.creado AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
          'accion', a.accion, 'estatus', a.estatus, 'nota', CASE WHEN a.accion IN ('rechazar', 'estatus', 'duplicado') THEN a.motivo END)
          ORDER BY a.id), '[]'::json)
   FROM partic.moderation_actions a WHERE a.objeto = 'reporte' AND a.objeto_id = r.id AND a.accion <> 'borrar_datos') AS historial`;

/** A report by folio with its public status and history (no personal data), or null. */
async function publicReport(db: Db, folio: string): Promise<PublicReport | null> {
  const { rows } = await db.query<PublicReport>(
    `SELECT ${PUBLIC_REPORT} FROM partic.reportes r JOIN partic.report_categories c ON c.clave = r.categoria
     LEFT JOIN partic.reportes d ON d.id = r.duplicado_de
     WHERE r.folio = $1 AND r.canal <> 'importacion'`, [folio]);
  return rows[0] ?? null;
}

/** The stored photo id of a public report, or null. */
async function publicReportPhoto(db: Db, folio: string): Promise<string | null> {
  const { rows } = await db.query<{ foto: string }>(
    `SELECT foto::text FROM partic.reportes WHERE folio = $1 AND moderacion = 'aprobado' AND foto IS NOT NULL`, [folio]);
  return rows[0]?.foto ?? null;
}

/**
 * Erases the personal data of a report whose private code hash matches; returns when it was erased, or null when
 * folio and code do not match. The report itself (place, category, status) stays: it is not personal data.
 */
async function erasePersonalData(client: Db, folio: string, claveHash: string): Promise<string | null> {
  const { rows } = await client.query<{ id: number; borrado: string }>(
    `UPDATE partic.reportes_privado p SET nombre = NULL, email = NULL, telefono = NULL, ip_hash = NULL, dispositivo_hash = NULL,
            datos_borrados = coalesce(p.datos_borrados, now())
     FROM partic.reportes r WHERE r.id = p.reporte_id AND r.folio = $1 AND p.clave_hash = $2
     RETURNING r.id::int, to_char(p.datos_borrados AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS borrado`, [folio, claveHash]);
  if (!rows[0]) return null;
  await client.query(`INSERT INTO partic.moderation_actions (objeto, objeto_id, accion) VALUES ('reporte', $1, 'borrar_datos')`, [rows[0].id]);
  return rows[0].borrado;
}

/** Pending (or any `estado`) reports with their contact data, oldest first: for moderators only. */
async function reportQueue(db: Db, estado: ModerationState, limit: number): Promise<QueueItem[]> {
  const { rows } = await db.query<QueueItem>(
    `SELECT 'reporte' AS objeto, r.id::int, r.folio, c.nombre AS titulo, r.descripcion, r.categoria, r.estatus, r.moderacion,
            r.dependencia, to_char(r.creado AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS creado,
            ST_X(ST_Transform(r.geom, 4326)) AS lon, ST_Y(ST_Transform(r.geom, 4326)) AS lat,
            CASE WHEN r.foto IS NOT NULL THEN '/api/moderation/reportes/' || r.id || '/foto' END AS foto,
            json_build_object('nombre', p.nombre, 'email', p.email, 'telefono', p.telefono) AS contacto
     FROM partic.reportes r JOIN partic.report_categories c ON c.clave = r.categoria
     LEFT JOIN partic.reportes_privado p ON p.reporte_id = r.id
     WHERE r.moderacion = $1 AND r.canal <> 'importacion'
     ORDER BY r.creado, r.id LIMIT $2`, [estado, limit]);
  return rows;
}

/** The stored photo id of any report (moderators see photos before approval). */
async function reportPhotoById(db: Db, id: number): Promise<string | null> {
  const { rows } = await db.query<{ foto: string }>('SELECT foto::text FROM partic.reportes WHERE id = $1 AND foto IS NOT NULL', [id]);
  return rows[0]?.foto ?? null;
}

export interface ModerationChange {
  moderacion?: ModerationState;
  estatus?: string;
  nota?: string | null;
  dependencia?: string;
  duplicadoDe?: number | null;
}

/** Row id of the report with this folio (for "duplicate of"), or null. */
async function reportIdByFolio(db: Db, folio: string): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>('SELECT id::int FROM partic.reportes WHERE folio = $1', [folio]);
  return rows[0]?.id ?? null;
}

/**
 * Applies one moderation action to a report and records it (the audit trigger logs both rows in the same
 * transaction); null when no report has this id.
 */
async function moderateReport(
  client: Db, id: number, accion: string, change: ModerationChange, motivo: string | null,
): Promise<{ id: number; folio: string; moderacion: ModerationState; estatus: string; dependencia: string | null } | null> {
  const { rows } = await client.query<{ id: number; folio: string; moderacion: ModerationState; estatus: string; dependencia: string | null }>(
    `UPDATE partic.reportes SET moderacion = coalesce($2, moderacion), estatus = coalesce($3, estatus),
            nota_publica = CASE WHEN $4 THEN $5 ELSE nota_publica END, dependencia = coalesce($6, dependencia),
            duplicado_de = CASE WHEN $7 THEN $8::bigint ELSE duplicado_de END
     WHERE id = $1 AND canal <> 'importacion' OR id = $1 AND $9
     RETURNING id::int, folio, moderacion, estatus, dependencia`,
    [id, change.moderacion ?? null, change.estatus ?? null, change.nota !== undefined, change.nota ?? null, change.dependencia ?? null,
      change.duplicadoDe !== undefined, change.duplicadoDe ?? null, accion === 'estatus' || accion === 'asignar'],
  );
  const row = rows[0];
  if (!row) return null;
  await client.query(
    `INSERT INTO partic.moderation_actions (objeto, objeto_id, accion, estatus, motivo, datos) VALUES ('reporte', $1, $2, $3, $4, $5)`,
    [id, accion, row.estatus, motivo, JSON.stringify({ moderacion: row.moderacion, dependencia: row.dependencia })],
  );
  return row;
}

const queries = {
  categories: listCategories, upsertCategory, insideMunicipality, hashKey: citizenHashKey, rateTake, insertReport, publicReport,
  publicReportPhoto, erasePersonalData, queue: reportQueue, photoById: reportPhotoById, idByFolio: reportIdByFolio, moderate: moderateReport,
};

declare module 'fastify' {
  interface FastifyInstance {
    /** Citizen reports: categories, submissions, follow-up, personal data, moderation, shared rate limits. */
    participationReportsRepository: Repository<typeof queries>;
  }
}

/** Decorates `app.participationReportsRepository`. */
export default fp(async (app) => {
  app.decorate('participationReportsRepository', repository(app.db, queries));
}, { name: 'participation-reports-repository', dependencies: ['db'] });
