// SQL for user management and API tokens (admin routes, the users CLI, test helpers). Row changes here are
// audited by the triggers of migration 0400; password hashes and token hashes never leave this module.
import fp from 'fastify-plugin';
import type { TokenInfo, UserSummary } from '@sigmun/domain/auth';
import type { Role } from '@sigmun/domain/roles';
import { repository, type Queryable as Db, type Repository } from './repository.ts';

const ISO = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

const SUMMARY = `u.id, u.email, u.nombre, u.activo,
  coalesce((SELECT array_agg(r.role ORDER BY r.role) FROM auth.user_roles r WHERE r.user_id = u.id), '{}') AS roles,
  coalesce((SELECT array_agg(d.dependencia ORDER BY d.dependencia) FROM auth.user_dependencias d WHERE d.user_id = u.id), '{}') AS dependencias,
  ${ISO('u.created_at')} AS creado`;

const TOKEN = `t.id, t.nombre, t.prefijo, ${ISO('t.created_at')} AS creado, ${ISO('t.last_used_at')} AS ultimo_uso, ${ISO('t.revoked_at')} AS revocado`;

/** Every account, by email. */
export async function listUsers(db: Db): Promise<UserSummary[]> {
  return (await db.query<UserSummary>(`SELECT ${SUMMARY} FROM auth.users u ORDER BY u.email`)).rows;
}

/** One account by id or email, or null. */
export async function findUser(db: Db, by: { id?: number; email?: string }): Promise<UserSummary | null> {
  const { rows } = await db.query<UserSummary>(
    `SELECT ${SUMMARY} FROM auth.users u WHERE u.id = $1 OR u.email = $2`, [by.id ?? null, by.email?.trim().toLowerCase() ?? null],
  );
  return rows[0] ?? null;
}

/** Creates an account with its roles and dependencias; null when the email is taken. */
export async function insertUser(
  db: Db, u: { email: string; nombre?: string; passwordHash: string | null; roles: readonly Role[]; dependencias?: readonly string[] },
): Promise<number | null> {
  const email = u.email.trim().toLowerCase();
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO auth.users (email, nombre, password_hash, password_changed_at) VALUES ($1, $2, $3, CASE WHEN $3::text IS NULL THEN NULL ELSE now() END)
     ON CONFLICT (email) DO NOTHING RETURNING id`,
    [email, u.nombre?.trim() || email.split('@')[0], u.passwordHash],
  );
  const id = rows[0]?.id;
  if (id === undefined) return null;
  await setRoles(db, id, u.roles);
  await setDependencias(db, id, u.dependencias ?? []);
  return id;
}

/** Replaces a user's roles (only the differences are written, so the audit shows what changed). */
export async function setRoles(db: Db, userId: number, roles: readonly Role[]): Promise<void> {
  await db.query('DELETE FROM auth.user_roles WHERE user_id = $1 AND NOT (role = ANY($2::text[]))', [userId, roles]);
  await db.query('INSERT INTO auth.user_roles (user_id, role) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING', [userId, roles]);
}

/** Replaces a user's dependencias (differences only). */
export async function setDependencias(db: Db, userId: number, deps: readonly string[]): Promise<void> {
  const clean = [...new Set(deps.map((d) => d.trim()).filter(Boolean))];
  await db.query('DELETE FROM auth.user_dependencias WHERE user_id = $1 AND NOT (dependencia = ANY($2::text[]))', [userId, clean]);
  await db.query('INSERT INTO auth.user_dependencias (user_id, dependencia) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING', [userId, clean]);
}

/** Updates name, state or password hash; false when there is no such user. */
export async function updateUser(db: Db, id: number, p: { nombre?: string; activo?: boolean; passwordHash?: string }): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE auth.users SET nombre = coalesce($2, nombre), activo = coalesce($3, activo),
       password_hash = coalesce($4, password_hash), password_changed_at = CASE WHEN $4::text IS NULL THEN password_changed_at ELSE now() END,
       updated_at = now()
     WHERE id = $1`,
    [id, p.nombre ?? null, p.activo ?? null, p.passwordHash ?? null],
  );
  return (rowCount ?? 0) > 0;
}

/** Stores a new API token (its hash) for a user; returns its public description. */
export async function insertToken(db: Db, t: { userId: number; nombre: string; tokenHash: string; prefijo: string }): Promise<TokenInfo> {
  const { rows } = await db.query<TokenInfo>(
    `INSERT INTO auth.api_tokens AS t (user_id, nombre, token_hash, prefijo) VALUES ($1, $2, $3, $4) RETURNING ${TOKEN}`,
    [t.userId, t.nombre, t.tokenHash, t.prefijo],
  );
  return rows[0];
}

/** A user's tokens, newest first (revoked ones too, so the history is visible). */
export async function listTokens(db: Db, userId: number): Promise<TokenInfo[]> {
  return (await db.query<TokenInfo>(`SELECT ${TOKEN} FROM auth.api_tokens t WHERE t.user_id = $1 ORDER BY t.created_at DESC, t.id DESC`, [userId])).rows;
}

/** Revokes a token of `userId` (null: any owner, for admins); false when there is no such live token. */
export async function revokeToken(db: Db, tokenId: number, userId: number | null): Promise<boolean> {
  const { rowCount } = await db.query(
    'UPDATE auth.api_tokens SET revoked_at = now() WHERE id = $1 AND ($2::int IS NULL OR user_id = $2) AND revoked_at IS NULL', [tokenId, userId],
  );
  return (rowCount ?? 0) > 0;
}

const queries = { listUsers, findUser, insertUser, setRoles, setDependencias, updateUser, insertToken, listTokens, revokeToken };

declare module 'fastify' {
  interface FastifyInstance {
    /** Accounts, their roles and dependencias, and API tokens. */
    usersRepository: Repository<typeof queries>;
  }
}

/** Decorates `app.usersRepository`. */
export default fp(async (app) => {
  app.decorate('usersRepository', repository(app.db, queries));
}, { name: 'users-repository', dependencies: ['db'] });
