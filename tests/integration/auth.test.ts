// Identity core (issue 11, ASVS L1): sign-in, sessions in PostgreSQL, CSRF, roles in one hook, tokens hashed at
// rest, the audit trail written by triggers in the same transaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { buildApp } from '../../apps/server/src/app.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { cloneTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { bearer, createUser, login, sessionHeaders, type TestUser } from '../support/auth.ts';

let db: TestDatabase;
let app: FastifyInstance;
let planner: TestUser;
let moderator: TestUser;
let projectId: number;

beforeAll(async () => {
  db = await cloneTestDatabase('auth');
  app = await buildApp(loadConfig(process.env, { databaseUrl: db.url, loginMaxFailures: 3, loginMaxFailuresIp: 1000 }), { logger: false });
  // A write route of the suite's own, to exercise the roles hook and writeTx before any real route uses them.
  app.post('/api/test/avance/:id', {
    config: { roles: ['planeacion'] },
    schema: { params: Type.Object({ id: Type.Integer() }), body: Type.Object({ avance: Type.Number() }) },
  }, async (req) => {
    const { id } = req.params as { id: number };
    const { avance } = req.body as { avance: number };
    return app.writeTx(req, async (c) => (await c.query('UPDATE plan.projects SET avance = $2 WHERE id = $1 RETURNING avance', [id, avance])).rows[0]);
  });
  await app.ready();
  planner = await createUser(db.url, { email: 'Planeadora@implan.example', roles: ['planeacion'] });
  moderator = await createUser(db.url, { email: 'moderador@implan.example', roles: ['moderacion'] });
  projectId = (await db.pool.query('SELECT min(id)::int AS id FROM plan.projects')).rows[0].id;
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

const avance = async (id: number) => Number((await db.pool.query('SELECT avance FROM plan.projects WHERE id = $1', [id])).rows[0].avance);

describe('sign-in and sessions', () => {
  it('401 for anonymous /api/auth/me, 200 with the session cookie (httpOnly, SameSite=Lax)', async () => {
    expect((await app.inject('/api/auth/me')).statusCode).toBe(401);
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: planner.email, password: planner.password } });
    expect(res.statusCode).toBe(200);
    const c = res.cookies.find((k) => k.name === 'sigmun_sid')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Lax');
    expect(c.secure).toBeFalsy();
    const me = await app.inject({ url: '/api/auth/me', headers: { cookie: `sigmun_sid=${c.value}` } });
    expect(me.json()).toMatchObject({ email: 'planeadora@implan.example', roles: ['planeacion'], via: 'session' });
    expect(me.json().csrf).toBe(res.json().csrf);
  });

  it('Secure cookie when served over HTTPS behind a trusted proxy', async () => {
    const proxied = await buildApp(loadConfig(process.env, { databaseUrl: db.url, trustProxy: true }), { logger: false });
    try {
      const res = await proxied.inject({ method: 'POST', url: '/api/auth/login', headers: { 'x-forwarded-proto': 'https' }, payload: { email: planner.email, password: planner.password } });
      expect(res.statusCode).toBe(200);
      expect(res.cookies.find((k) => k.name === 'sigmun_sid')!.secure).toBe(true);
    } finally {
      await proxied.close();
    }
  });

  it('same 401 message for an unknown account and a wrong password; both audited as login_failed', async () => {
    const unknown = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'nadie@implan.example', password: 'x'.repeat(14) } });
    const wrong = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: moderator.email, password: 'y'.repeat(14) } });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().detail).toBe(wrong.json().detail);
    const { rows } = await db.pool.query(`SELECT actor, clave, host(ip) AS ip FROM audit.log WHERE action = 'login_failed' ORDER BY id`);
    expect(rows).toEqual([
      { actor: 'anon', clave: null, ip: '127.0.0.1' },
      { actor: 'anon', clave: String(moderator.id), ip: '127.0.0.1' },
    ]);
  });

  it('a new session id at every sign-in; the previous one is refused afterwards', async () => {
    const first = await login(app, planner.email, planner.password);
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { cookie: first.cookie, origin: 'http://localhost:80' }, payload: { email: planner.email, password: planner.password } });
    const second = res.cookies.find((k) => k.name === 'sigmun_sid')!.value;
    expect(second).not.toBe(first.sid);
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie: first.cookie } })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie: `sigmun_sid=${second}` } })).statusCode).toBe(200);
  });

  it('logout deletes the session server-side: the old cookie is refused', async () => {
    const s = await login(app, planner.email, planner.password);
    const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: sessionHeaders(s) });
    expect(out.statusCode).toBe(200);
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie: s.cookie } })).statusCode).toBe(401);
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM auth.sessions WHERE user_id = $1 AND id_hash = encode(sha256($2::bytea), 'hex')`, [planner.id, s.sid]);
    expect(rows[0].n).toBe(0);
  });

  it('session ids are stored only as SHA-256 (no cookie value in the table)', async () => {
    const s = await login(app, planner.email, planner.password);
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM auth.sessions s WHERE s::text LIKE '%' || $1 || '%'`, [s.sid]);
    expect(rows[0].n).toBe(0);
    const { rows: hashed } = await db.pool.query(`SELECT count(*)::int AS n FROM auth.sessions WHERE id_hash = encode(sha256($1::bytea), 'hex')`, [s.sid]);
    expect(hashed[0].n).toBe(1);
  });
});

describe('roles, CSRF and writeTx', () => {
  it('401 anonymous, 403 wrong role, row unchanged in SQL', async () => {
    const before = await avance(projectId);
    expect((await app.inject({ method: 'POST', url: `/api/test/avance/${projectId}`, payload: { avance: 77 } })).statusCode).toBe(401);
    const mod = await login(app, moderator.email, moderator.password);
    const res = await app.inject({ method: 'POST', url: `/api/test/avance/${projectId}`, headers: sessionHeaders(mod), payload: { avance: 77 } });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(await avance(projectId)).toBe(before);
  });

  it('cookie writes need a same-origin Origin or the CSRF header: foreign Origin → 403, nothing changed', async () => {
    const s = await login(app, planner.email, planner.password);
    const before = await avance(projectId);
    const url = `/api/test/avance/${projectId}`;
    expect((await app.inject({ method: 'POST', url, headers: { cookie: s.cookie, origin: 'https://evil.example' }, payload: { avance: 11 } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url, headers: { ...sessionHeaders(s), origin: 'https://evil.example' }, payload: { avance: 11 } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url, headers: { cookie: s.cookie }, payload: { avance: 11 } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url, headers: { cookie: s.cookie, 'x-csrf-token': 'otro' }, payload: { avance: 11 } })).statusCode).toBe(403);
    expect(await avance(projectId)).toBe(before);
    // Same origin (the Host the request was sent to) passes, and so does the CSRF header without Origin.
    expect((await app.inject({ method: 'POST', url, headers: { cookie: s.cookie, origin: 'http://localhost:80' }, payload: { avance: 12 } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url, headers: sessionHeaders(s), payload: { avance: 13 } })).statusCode).toBe(200);
    expect(await avance(projectId)).toBe(13);
  });

  it('writeTx audits the row change with actor, before/after, request id and IP in the same transaction', async () => {
    const s = await login(app, planner.email, planner.password);
    const res = await app.inject({ method: 'POST', url: `/api/test/avance/${projectId}`, headers: sessionHeaders(s), payload: { avance: 21.5 } });
    expect(res.statusCode).toBe(200);
    const { rows } = await db.pool.query(
      `SELECT actor, action, clave, (old_row->>'avance')::float8 AS antes, (new_row->>'avance')::float8 AS despues, request_id, host(ip) AS ip
       FROM audit.log WHERE tabla = 'plan.projects' ORDER BY id DESC LIMIT 1`,
    );
    expect(rows[0]).toMatchObject({ actor: `user:${planner.id}`, action: 'UPDATE', clave: String(projectId), antes: 13, despues: 21.5, ip: '127.0.0.1' });
    expect(rows[0].request_id).toBeTruthy();
  });

  it('API tokens: Bearer works, stored only hashed, token:<id> is the audit actor', async () => {
    const token = await bearer(db.url, planner.email);
    const me = await app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.json()).toMatchObject({ email: planner.email, via: 'token', csrf: null });
    // No CSRF for tokens: a browser never sends them by itself.
    const res = await app.inject({ method: 'POST', url: `/api/test/avance/${projectId}`, headers: { authorization: `Bearer ${token}`, origin: 'https://otro.example' }, payload: { avance: 30 } });
    expect(res.statusCode).toBe(200);
    const { rows: plain } = await db.pool.query(`SELECT count(*)::int AS n FROM auth.api_tokens t WHERE t::text LIKE '%' || $1 || '%'`, [token.slice(7)]);
    expect(plain[0].n).toBe(0);
    const { rows: tok } = await db.pool.query(`SELECT id, last_used_at IS NOT NULL AS used FROM auth.api_tokens WHERE token_hash = encode(sha256($1::bytea), 'hex')`, [token]);
    expect(tok[0].used).toBe(true);
    const { rows } = await db.pool.query(`SELECT actor FROM audit.log WHERE tabla = 'plan.projects' ORDER BY id DESC LIMIT 1`);
    expect(rows[0].actor).toBe(`token:${tok[0].id}`);
    const { rows: logText } = await db.pool.query(`SELECT count(*)::int AS n FROM audit.log l WHERE l::text LIKE '%' || $1 || '%'`, [token.slice(7)]);
    expect(logText[0].n).toBe(0);
  });

  it('a wrong or revoked token is 401 on a protected route', async () => {
    const token = await bearer(db.url, planner.email);
    await db.pool.query(`UPDATE auth.api_tokens SET revoked_at = now() WHERE token_hash = encode(sha256($1::bytea), 'hex')`, [token]);
    expect((await app.inject({ method: 'POST', url: `/api/test/avance/${projectId}`, headers: { authorization: `Bearer ${token}` }, payload: { avance: 1 } })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/auth/me', headers: { authorization: 'Bearer sigmun_inventado' } })).statusCode).toBe(401);
  });
});

describe('audit trail', () => {
  it('hand-run SQL is caught as sql:<role> with before/after', async () => {
    await db.pool.query('UPDATE plan.projects SET avance = 55 WHERE id = $1', [projectId]);
    const { rows } = await db.pool.query(`SELECT actor, current_user AS me, (new_row->>'avance')::float8 AS despues, old_row IS NOT NULL AS has_before FROM audit.log WHERE tabla = 'plan.projects' ORDER BY id DESC LIMIT 1`);
    expect(rows[0]).toMatchObject({ despues: 55, has_before: true });
    expect(rows[0].actor).toBe(`sql:${rows[0].me}`);
  });

  it('audit.log refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(db.pool.query('UPDATE audit.log SET actor = $1', ['nadie'])).rejects.toThrow(/solo anexado/);
    await expect(db.pool.query('DELETE FROM audit.log')).rejects.toThrow(/solo anexado/);
    await expect(db.pool.query('TRUNCATE audit.log')).rejects.toThrow(/solo anexado/);
  });

  it('user and role changes are audited without the password hash', async () => {
    const { rows } = await db.pool.query(`SELECT tabla, action, new_row FROM audit.log WHERE tabla LIKE 'auth.%' AND (new_row->>'user_id' = $1 OR new_row->>'id' = $1) ORDER BY id`, [String(planner.id)]);
    const users = rows.filter((r) => r.tabla === 'auth.users');
    expect(users[0].action).toBe('INSERT');
    expect(users[0].new_row.email).toBe(planner.email);
    expect(users[0].new_row).not.toHaveProperty('password_hash');
    expect(rows.some((r) => r.tabla === 'auth.user_roles' && r.new_row.role === 'planeacion')).toBe(true);
  });

  it('sign-in success is audited as the user', async () => {
    const { rows } = await db.pool.query(`SELECT actor, clave FROM audit.log WHERE action = 'login' ORDER BY id DESC LIMIT 1`);
    expect(rows[0]).toEqual({ actor: `user:${planner.id}`, clave: String(planner.id) });
  });
});

describe('rate limit', () => {
  it('429 in Spanish after repeated failures for one account, even with the right password', async () => {
    const victim = await createUser(db.url, { email: 'limite@implan.example', roles: ['dependencia'], dependencias: ['Secretaría de Obras Públicas'] });
    for (let i = 0; i < 3; i++) {
      expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: victim.email, password: `incorrecta-${i}-xxxxx` } })).statusCode).toBe(401);
    }
    const blocked = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: victim.email, password: victim.password } });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().detail).toMatch(/Demasiados intentos fallidos/);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Other accounts are not affected.
    expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: moderator.email, password: moderator.password } })).statusCode).toBe(200);
  });
});
