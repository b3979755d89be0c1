// Accounts for tests: users straight into the database (as an administrator's SQL would), API tokens, sign-in.
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import type { Role } from '@sigmun/domain/roles';
import { hashPassword, newApiToken, secretHash } from '../../apps/server/src/lib/credentials.ts';
import { findUser, insertToken, insertUser } from '../../apps/server/src/repositories/users.ts';

export interface TestUser {
  id: number;
  email: string;
  password: string;
}

async function withClient<T>(dbUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: dbUrl, application_name: 'test-auth' });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Creates an account (password defaults to a fresh 20-character one) and returns it with its password. */
export async function createUser(
  dbUrl: string, u: { email: string; password?: string; roles: Role[]; dependencias?: string[]; nombre?: string },
): Promise<TestUser> {
  const password = u.password ?? `Clave-${Math.random().toString(36).slice(2, 10)}-${Date.now() % 100000}`;
  const passwordHash = await hashPassword(password);
  const id = await withClient(dbUrl, (c) => insertUser(c, { ...u, passwordHash }));
  if (id === null) throw new Error(`createUser: ya existe ${u.email}`);
  return { id, email: u.email.trim().toLowerCase(), password };
}

/** A fresh API token for the user with this email (what `npm run users -- token` prints). */
export async function bearer(dbUrl: string, email: string): Promise<string> {
  return withClient(dbUrl, async (c) => {
    const user = await findUser(c, { email });
    if (!user) throw new Error(`bearer: no existe ${email}`);
    const { token, prefijo } = newApiToken();
    await insertToken(c, { userId: user.id, nombre: 'prueba', tokenHash: secretHash(token), prefijo });
    return token;
  });
}

/** Signs in through POST /api/auth/login; `cookie` goes in the Cookie header, `csrf` in x-csrf-token on writes. */
export async function login(app: FastifyInstance, email: string, password: string): Promise<{ cookie: string; csrf: string; sid: string }> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login ${email}: ${res.statusCode} ${res.body}`);
  const c = res.cookies.find((k) => k.name === 'sigmun_sid');
  if (!c) throw new Error(`login ${email}: sin cookie sigmun_sid`);
  return { cookie: `sigmun_sid=${c.value}`, csrf: res.json().csrf, sid: c.value };
}

/** Headers of a cookie-authenticated write (cookie + CSRF token). */
export function sessionHeaders(s: { cookie: string; csrf: string }): Record<string, string> {
  return { cookie: s.cookie, 'x-csrf-token': s.csrf };
}
