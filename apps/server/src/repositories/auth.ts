// SQL for identity: sessions, API tokens, sign-in attempts. Secrets arrive here already hashed.
import fp from 'fastify-plugin';
import type { AuthUser, Role } from '@sigmun/domain/roles';
import { repository, type Queryable as Db, type Repository } from './repository.ts';

// The user's roles and dependencias, as arrays, for a row aliased u.
const USER_COLS = `u.id, u.email, u.nombre,
  coalesce((SELECT array_agg(r.role ORDER BY r.role) FROM auth.user_roles r WHERE r.user_id = u.id), '{}') AS roles,
  coalesce((SELECT array_agg(d.dependencia ORDER BY d.dependencia) FROM auth.user_dependencias d WHERE d.user_id = u.id), '{}') AS dependencias`;

interface UserRow { id: number; email: string; nombre: string; roles: Role[]; dependencias: string[] }

export interface SessionUser extends AuthUser {
  nombre: string;
  csrf: string;
  expiresAt: string;
}

/**
 * The live session with this id hash (not past its absolute or idle timeout, its user active), or null. Touches
 * last_seen_at at most once a minute, so that a busy page does not write on every request.
 */
export async function sessionUser(db: Db, idHash: string, idleMinutes: number): Promise<SessionUser | null> {
  const { rows } = await db.query<UserRow & { csrf: string; expires_at: string }>(
    `WITH s AS (
       SELECT s.user_id, s.csrf, s.expires_at FROM auth.sessions s JOIN auth.users u ON u.id = s.user_id
       WHERE s.id_hash = $1 AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(mins => $2) AND u.activo),
     touch AS (
       UPDATE auth.sessions SET last_seen_at = now()
       WHERE id_hash = $1 AND last_seen_at < now() - interval '1 minute' AND EXISTS (SELECT 1 FROM s))
     SELECT ${USER_COLS}, s.csrf, to_char(s.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS expires_at
     FROM s JOIN auth.users u ON u.id = s.user_id`,
    [idHash, idleMinutes],
  );
  const r = rows[0];
  return r ? { id: r.id, email: r.email, nombre: r.nombre, roles: r.roles, dependencias: r.dependencias, via: 'session', csrf: r.csrf, expiresAt: r.expires_at } : null;
}

/** The owner of a live API token (not revoked nor expired, user active), or null; records its last use (to the minute). */
export async function tokenUser(db: Db, tokenHash: string): Promise<(AuthUser & { nombre: string }) | null> {
  const { rows } = await db.query<UserRow & { token_id: number }>(
    `WITH t AS (
       SELECT t.id, t.user_id FROM auth.api_tokens t JOIN auth.users u ON u.id = t.user_id
       WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now()) AND u.activo),
     touch AS (
       UPDATE auth.api_tokens SET last_used_at = now()
       WHERE id = (SELECT id FROM t) AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute'))
     SELECT ${USER_COLS}, t.id AS token_id FROM t JOIN auth.users u ON u.id = t.user_id`,
    [tokenHash],
  );
  const r = rows[0];
  return r ? { id: r.id, email: r.email, nombre: r.nombre, roles: r.roles, dependencias: r.dependencias, via: 'token', tokenId: r.token_id } : null;
}

/** The account a sign-in names (any state), for checking its password. */
export async function accountByEmail(db: Db, email: string): Promise<{ id: number; password_hash: string | null; activo: boolean } | null> {
  const { rows } = await db.query<{ id: number; password_hash: string | null; activo: boolean }>(
    'SELECT id, password_hash, activo FROM auth.users WHERE email = $1', [email],
  );
  return rows[0] ?? null;
}

/** Failed sign-ins in the last `windowMinutes`: for this account key (hash of the email) since its last success, and from this IP. */
export async function recentFailures(db: Db, cuenta: string, ip: string, windowMinutes: number): Promise<{ account: number; ip: number }> {
  const { rows } = await db.query<{ account: number; ip: number }>(
    `WITH w AS (SELECT now() - make_interval(mins => $3) AS since),
     last_ok AS (
       SELECT max(l.at) AS at FROM audit.log l, w
       WHERE l.action = 'login' AND l.at > w.since AND l.detail->>'cuenta' = $1)
     SELECT
       (SELECT count(*) FROM audit.log l, w, last_ok WHERE l.action = 'login_failed' AND l.at > greatest(w.since, coalesce(last_ok.at, w.since))
          AND l.detail->>'cuenta' = $1)::int AS account,
       (SELECT count(*) FROM audit.log l, w WHERE l.action = 'login_failed' AND l.at > w.since AND l.ip = $2::inet)::int AS ip`,
    [cuenta, ip, windowMinutes],
  );
  return rows[0];
}

/** Stores a new session; its absolute end is `maxHours` from now. Returns that end (ISO 8601). */
export async function insertSession(
  db: Db, s: { idHash: string; userId: number; csrf: string; maxHours: number; ip: string | null; userAgent: string | null },
): Promise<string> {
  const { rows } = await db.query<{ expires_at: string }>(
    `INSERT INTO auth.sessions (id_hash, user_id, csrf, expires_at, ip, user_agent)
     VALUES ($1, $2, $3, now() + make_interval(hours => $4), $5::inet, left($6, 300))
     RETURNING to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS expires_at`,
    [s.idHash, s.userId, s.csrf, s.maxHours, s.ip, s.userAgent],
  );
  return rows[0].expires_at;
}

/** Ends a session (logout, or the old id at a new login). */
export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.query('DELETE FROM auth.sessions WHERE id_hash = $1', [idHash]);
}

/** Ends every session of a user (deactivation, role or password change). */
export async function deleteUserSessions(db: Db, userId: number): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM auth.sessions WHERE user_id = $1', [userId]);
  return rowCount ?? 0;
}

/** Drops sessions past their absolute end (housekeeping at login; expired ones are refused anyway). */
export async function purgeExpiredSessions(db: Db): Promise<void> {
  await db.query('DELETE FROM auth.sessions WHERE expires_at < now()');
}

const queries = {
  sessionUser, tokenUser, accountByEmail, recentFailures, insertSession, deleteSession, deleteUserSessions, purgeExpiredSessions,
};

declare module 'fastify' {
  interface FastifyInstance {
    /** Sessions, API-token look-ups and sign-in attempts. */
    authRepository: Repository<typeof queries>;
  }
}

/** Decorates `app.authRepository`. */
export default fp(async (app) => {
  app.decorate('authRepository', repository(app.db, queries));
}, { name: 'auth-repository', dependencies: ['db'] });
