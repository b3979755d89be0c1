// SQL for reading the audit trail: the filtered, paged list (admin, planeacion) and a project's public history.
import fp from 'fastify-plugin';
import type { AuditEntry, HistoryEntry } from '@sigmun/domain/audit';
import { repository, type Queryable, type Repository } from './repository.ts';

export interface AuditFilters {
  tabla: string | null;
  clave: string | null;
  desde: string | null;
  hasta: string | null;
  actor: string | null;
}

// The user behind an actor: user:<id> directly, token:<id> through the token's owner.
const ACTOR_USER = `(SELECT u.id FROM auth.users u WHERE
    (l.actor LIKE 'user:%' AND u.id::text = substr(l.actor, 6))
    OR (l.actor LIKE 'token:%' AND u.id = (SELECT t.user_id FROM auth.api_tokens t WHERE t.id::text = substr(l.actor, 7))))`;

const WHERE = `($1::text IS NULL OR l.tabla = $1) AND ($2::text IS NULL OR l.clave = $2)
  AND ($3::timestamptz IS NULL OR l.at >= $3) AND ($4::timestamptz IS NULL OR l.at < $4) AND ($5::text IS NULL OR l.actor = $5)`;

/** Audit rows matching the filters, newest first, and how many match in all. */
async function listAudit(db: Queryable, f: AuditFilters, limit: number, offset: number): Promise<{ total: number; items: AuditEntry[] }> {
  const params = [f.tabla, f.clave, f.desde, f.hasta, f.actor];
  const [count, page] = await Promise.all([
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit.log l WHERE ${WHERE}`, params),
    db.query<AuditEntry>(
      `SELECT l.id, to_char(l.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS fecha, l.actor,
         (SELECT email FROM auth.users WHERE id = ${ACTOR_USER}) AS usuario,
         l.action AS accion, l.tabla, l.clave, l.old_row AS antes, l.new_row AS despues, l.request_id, host(l.ip) AS ip, l.detail AS detalle
       FROM audit.log l WHERE ${WHERE} ORDER BY l.at DESC, l.id DESC LIMIT $6 OFFSET $7`,
      [...params, limit, offset],
    ),
  ]);
  return { total: count.rows[0].n, items: page.rows };
}

/** Changes of a project and of its progress entries, oldest first, with the author's display name (never email or IP). */
async function projectHistory(db: Queryable, projectId: number): Promise<HistoryEntry[]> {
  const { rows } = await db.query<HistoryEntry>(
    `SELECT to_char(l.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS fecha,
       CASE WHEN l.actor LIKE 'sql:%' THEN 'SQL (' || substr(l.actor, 5) || ')'
            ELSE (SELECT nombre FROM auth.users WHERE id = ${ACTOR_USER}) END AS autor,
       l.action AS accion,
       coalesce((SELECT json_agg(json_build_object('campo', k,
                   'antes', CASE WHEN k = 'geom' THEN NULL ELSE l.old_row -> k END,
                   'despues', CASE WHEN k = 'geom' THEN NULL ELSE l.new_row -> k END) ORDER BY k)
                 FROM (SELECT jsonb_object_keys(coalesce(l.new_row, l.old_row)) AS k) keys
                 WHERE k NOT IN ('id', 'project_id', 'updated_at')
                   -- A project's creation is one line, not every field; a progress entry shows its note and figures.
                   AND (l.action = 'UPDATE' OR l.tabla = 'plan.project_progress')
                   AND (l.old_row IS NULL OR l.new_row IS NULL OR l.old_row -> k IS DISTINCT FROM l.new_row -> k)), '[]') AS cambios
     FROM audit.log l
     WHERE (l.tabla = 'plan.projects' AND l.clave = $1::text)
        OR (l.tabla = 'plan.project_progress' AND coalesce(l.new_row, l.old_row) ->> 'project_id' = $1::text)
     ORDER BY l.at, l.id`,
    [projectId],
  );
  return rows;
}

const queries = { list: listAudit, projectHistory };

declare module 'fastify' {
  interface FastifyInstance {
    /** Reads of audit.log (writes to it happen only through triggers and audit.record). */
    auditRepository: Repository<typeof queries>;
  }
}

/** Decorates `app.auditRepository`. */
export default fp(async (app) => {
  app.decorate('auditRepository', repository(app.db, queries));
}, { name: 'audit-repository', dependencies: ['db'] });
