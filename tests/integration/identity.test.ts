// Issue 11 on the real database: writes by role with object checks, token and user management, the audit API and a
// project's history, the users CLI, and no secret in the captured log of the whole suite.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { repoRoot } from '@sigmun/db';
import { buildApp } from '../../apps/server/src/app.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { cloneTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { bearer, createUser, login, sessionHeaders, type TestUser } from '../support/auth.ts';

let db: TestDatabase;
let app: FastifyInstance;
const logLines: string[] = [];
const secrets: string[] = [];
let admin: TestUser;
let planner: TestUser;
let obras: TestUser;
let own: { id: number; dependencia: string };
let other: { id: number; dependencia: string };

beforeAll(async () => {
  db = await cloneTestDatabase('identity');
  app = await buildApp(loadConfig({ ...process.env, LOG_LEVEL: 'trace' }, { databaseUrl: db.url }), { logStream: { write: (l) => void logLines.push(l) } });
  await app.ready();
  const { rows } = await db.pool.query<{ id: number; dependencia: string }>(
    `SELECT DISTINCT ON (dependencia) id, dependencia FROM plan.projects ORDER BY dependencia, id LIMIT 2`,
  );
  [own, other] = rows;
  admin = await createUser(db.url, { email: 'admin@implan.example', roles: ['admin'], nombre: 'Ana Admin' });
  planner = await createUser(db.url, { email: 'planeacion@implan.example', roles: ['planeacion'], nombre: 'Pedro Planeación' });
  // Spelled without accents and in other case: dependencias compare like the project filter does.
  obras = await createUser(db.url, { email: 'obras@implan.example', roles: ['dependencia'], dependencias: [own.dependencia.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase()], nombre: 'Olga Obras' });
  secrets.push(admin.password, planner.password, obras.password);
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

const project = async (id: number) =>
  (await db.pool.query('SELECT estatus, avance::float8 AS avance, presupuesto_ejercido::float8 AS ejercido FROM plan.projects WHERE id = $1', [id])).rows[0];

describe('project edits by role', () => {
  it('dependencia edits its own project (audited as the user) and gets 403 on another, row unchanged in SQL', async () => {
    const s = await login(app, obras.email, obras.password);
    secrets.push(s.sid, s.csrf);
    const ownBefore = await project(own.id);
    const mine = await app.inject({ method: 'PATCH', url: `/api/projects/${own.id}`, headers: sessionHeaders(s), payload: { avance: 64, estatus: 'en_proceso', nota: 'Colado de losa terminado' } });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toMatchObject({ avance: 64, estatus: 'en_proceso' });
    expect(await project(own.id)).toMatchObject({ avance: 64, estatus: 'en_proceso' });

    const before = await project(other.id);
    const theirs = await app.inject({ method: 'PATCH', url: `/api/projects/${other.id}`, headers: sessionHeaders(s), payload: { avance: 99 } });
    expect(theirs.statusCode).toBe(403);
    expect(theirs.json().detail).toMatch(/no es de su dependencia/);
    expect(await project(other.id)).toEqual(before);
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM audit.log WHERE tabla = 'plan.projects' AND clave = $1 AND action = 'UPDATE'`, [String(other.id)]);
    expect(rows[0].n).toBe(0);

    const audit = await db.pool.query(
      `SELECT actor, (old_row->>'avance')::float8 AS antes, (new_row->>'avance')::float8 AS despues FROM audit.log
       WHERE tabla = 'plan.projects' AND clave = $1 AND action = 'UPDATE' ORDER BY id DESC LIMIT 1`, [String(own.id)],
    );
    expect(audit.rows[0]).toEqual({ actor: `user:${obras.id}`, antes: ownBefore.avance, despues: 64 });
    const note = await db.pool.query(`SELECT actor, new_row->>'nota' AS nota FROM audit.log WHERE tabla = 'plan.project_progress' ORDER BY id DESC LIMIT 1`);
    expect(note.rows[0]).toEqual({ actor: `user:${obras.id}`, nota: 'Colado de losa terminado' });
  });

  it('planeacion edits any project; moderacion gets 403; anonymous 401', async () => {
    const token = await bearer(db.url, planner.email);
    secrets.push(token);
    const res = await app.inject({ method: 'PATCH', url: `/api/projects/${other.id}`, headers: { authorization: `Bearer ${token}` }, payload: { presupuesto_ejercido: 12345.5 } });
    expect(res.statusCode, res.body).toBe(200);
    expect((await project(other.id)).ejercido).toBe(12345.5);
    const mod = await createUser(db.url, { email: 'mod@implan.example', roles: ['moderacion'] });
    secrets.push(mod.password);
    const modToken = await bearer(db.url, mod.email);
    secrets.push(modToken);
    expect((await app.inject({ method: 'PATCH', url: `/api/projects/${other.id}`, headers: { authorization: `Bearer ${modToken}` }, payload: { avance: 1 } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'PATCH', url: `/api/projects/${other.id}`, payload: { avance: 1 } })).statusCode).toBe(401);
    expect((await project(other.id)).ejercido).toBe(12345.5);
  });

  it("the project's public history names the author of each change (display name, no email)", async () => {
    const res = await app.inject(`/api/projects/${own.id}/historial`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<{ autor: string | null; accion: string; cambios: Array<{ campo: string; antes: unknown; despues: unknown }> }>;
    const edit = items.find((i) => i.autor === 'Olga Obras' && i.cambios.some((c) => c.campo === 'avance'))!;
    expect(edit.cambios.find((c) => c.campo === 'avance')!.despues).toBe(64);
    expect(items.some((i) => i.cambios.some((c) => c.campo === 'nota' && c.despues === 'Colado de losa terminado'))).toBe(true);
    expect(res.body).not.toContain('@implan.example');
  });
});

describe('API tokens and user management', () => {
  it('a user creates a token (shown once, stored hashed), lists it without the secret, revokes it; all audited', async () => {
    const s = await login(app, planner.email, planner.password);
    const created = await app.inject({ method: 'POST', url: '/api/auth/tokens', headers: sessionHeaders(s), payload: { nombre: 'script de carga' } });
    expect(created.statusCode).toBe(201);
    const { token, id, prefijo } = created.json();
    secrets.push(token);
    expect(token.startsWith(prefijo)).toBe(true);
    expect((await app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } })).json().email).toBe(planner.email);
    const list = await app.inject({ url: '/api/auth/tokens', headers: { cookie: s.cookie } });
    expect(list.json().items.find((t: { id: number }) => t.id === id)).toMatchObject({ nombre: 'script de carga', revocado: null });
    expect(list.body).not.toContain(token);
    const { rows: plain } = await db.pool.query(`SELECT count(*)::int AS n FROM auth.api_tokens t WHERE t::text LIKE '%' || $1 || '%'`, [token.slice(prefijo.length)]);
    expect(plain[0].n).toBe(0);

    expect((await app.inject({ method: 'DELETE', url: `/api/auth/tokens/${id}`, headers: sessionHeaders(s) })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
    const { rows } = await db.pool.query(
      `SELECT action, actor, new_row->>'nombre' AS nombre, new_row->>'revoked_at' IS NOT NULL AS revocado, new_row ? 'token_hash' AS has_hash
       FROM audit.log WHERE tabla = 'auth.api_tokens' AND clave = $1 ORDER BY id`, [String(id)],
    );
    expect(rows).toEqual([
      { action: 'INSERT', actor: `user:${planner.id}`, nombre: 'script de carga', revocado: false, has_hash: false },
      { action: 'UPDATE', actor: `user:${planner.id}`, nombre: 'script de carga', revocado: true, has_hash: false },
    ]);
    // Someone else's token cannot be revoked by a non-admin.
    const adminToken = await bearer(db.url, admin.email);
    secrets.push(adminToken);
    const adminTokenId = (await db.pool.query(`SELECT id FROM auth.api_tokens WHERE token_hash = encode(sha256($1::bytea), 'hex')`, [adminToken])).rows[0].id;
    expect((await app.inject({ method: 'DELETE', url: `/api/auth/tokens/${adminTokenId}`, headers: sessionHeaders(s) })).statusCode).toBe(404);
  });

  it('admin creates a user and changes roles; deactivation ends the sessions at once; all audited with before/after', async () => {
    const a = await login(app, admin.email, admin.password);
    const pw = 'una-clave-bastante-larga-2024';
    secrets.push(pw);
    const short = await app.inject({ method: 'POST', url: '/api/users', headers: sessionHeaders(a), payload: { email: 'corta@implan.example', password: 'corta', roles: ['moderacion'] } });
    expect(short.statusCode).toBe(400);
    expect(short.json().parameter).toBe('password');
    expect(short.body).not.toContain('corta"');
    const res = await app.inject({ method: 'POST', url: '/api/users', headers: sessionHeaders(a), payload: { email: 'Nueva@Implan.example', password: pw, roles: ['moderacion'] } });
    expect(res.statusCode, res.body).toBe(201);
    const user = res.json();
    expect(user).toMatchObject({ email: 'nueva@implan.example', roles: ['moderacion'], activo: true });
    expect((await app.inject({ method: 'GET', url: '/api/users', headers: { cookie: s0(a) } })).json().items.length).toBeGreaterThan(3);
    expect((await app.inject({ method: 'GET', url: '/api/users', headers: { authorization: `Bearer ${await bearer(db.url, obras.email)}` } })).statusCode).toBe(403);

    const role = await app.inject({ method: 'PATCH', url: `/api/users/${user.id}`, headers: sessionHeaders(a), payload: { roles: ['dependencia'], dependencias: [own.dependencia] } });
    expect(role.json()).toMatchObject({ roles: ['dependencia'], dependencias: [own.dependencia] });
    const roleRows = await db.pool.query(`SELECT action, actor, coalesce(new_row, old_row)->>'role' AS role FROM audit.log WHERE tabla = 'auth.user_roles' AND clave LIKE $1 ORDER BY id`, [`${user.id},%`]);
    expect(roleRows.rows).toEqual([
      { action: 'INSERT', actor: `user:${admin.id}`, role: 'moderacion' },
      { action: 'DELETE', actor: `user:${admin.id}`, role: 'moderacion' },
      { action: 'INSERT', actor: `user:${admin.id}`, role: 'dependencia' },
    ]);

    const session = await login(app, 'nueva@implan.example', pw);
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie: session.cookie } })).statusCode).toBe(200);
    const off = await app.inject({ method: 'PATCH', url: `/api/users/${user.id}`, headers: sessionHeaders(a), payload: { activo: false } });
    expect(off.json().activo).toBe(false);
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie: session.cookie } })).statusCode).toBe(401);
    expect((await db.pool.query('SELECT count(*)::int AS n FROM auth.sessions WHERE user_id = $1', [user.id])).rows[0].n).toBe(0);
    const { rows } = await db.pool.query(
      `SELECT (old_row->>'activo')::boolean AS antes, (new_row->>'activo')::boolean AS despues, actor FROM audit.log
       WHERE tabla = 'auth.users' AND clave = $1 AND action = 'UPDATE' ORDER BY id DESC LIMIT 1`, [String(user.id)],
    );
    expect(rows[0]).toEqual({ antes: true, despues: false, actor: `user:${admin.id}` });
    expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'nueva@implan.example', password: pw } })).statusCode).toBe(401);
  });
});

const s0 = (s: { cookie: string }) => s.cookie;

describe('GET /api/audit', () => {
  it('401 anonymous, 403 for dependencia, paged JSON and CSV for planeacion with the filters applied', async () => {
    expect((await app.inject('/api/audit')).statusCode).toBe(401);
    const o = await login(app, obras.email, obras.password);
    expect((await app.inject({ url: '/api/audit', headers: { cookie: o.cookie } })).statusCode).toBe(403);
    const p = await login(app, planner.email, planner.password);
    const res = await app.inject({ url: `/api/audit?tabla=plan.projects&clave=${own.id}&desde=2000-01-01&limit=2`, headers: { cookie: p.cookie } });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM audit.log WHERE tabla = 'plan.projects' AND clave = $1`, [String(own.id)]);
    expect(page.total).toBe(rows[0].n);
    expect(page.items.length).toBe(Math.min(2, rows[0].n));
    expect(page.items[0]).toMatchObject({ tabla: 'plan.projects', clave: String(own.id), actor: `user:${obras.id}`, usuario: obras.email });
    expect(page.items[0].antes).toHaveProperty('avance');
    const csv = await app.inject({ url: `/api/audit?tabla=plan.projects&clave=${own.id}&f=csv`, headers: { cookie: p.cookie } });
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('id,fecha,actor,usuario,accion,tabla,clave,antes,despues,request_id,ip,detalle');
    expect(lines.length - 1).toBe(rows[0].n);
    expect(csv.body).toContain(`user:${obras.id}`);
    const bad = await app.inject({ url: '/api/audit?desde=ayer', headers: { cookie: p.cookie } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().parameter).toBe('desde');
    const future = await app.inject({ url: '/api/audit?desde=2999-01-01', headers: { cookie: p.cookie } });
    expect(future.json()).toMatchObject({ total: 0, items: [] });
  });

  it('sign-in success and failure and logout appear in the trail', async () => {
    await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: planner.email, password: 'contraseña-equivocada' } });
    const s = await login(app, planner.email, planner.password);
    await app.inject({ method: 'POST', url: '/api/auth/logout', headers: sessionHeaders(s) });
    const p = await login(app, planner.email, planner.password);
    const res = (await app.inject({ url: `/api/audit?tabla=auth.users&clave=${planner.id}&limit=20`, headers: { cookie: p.cookie } })).json();
    const actions = res.items.map((i: { accion: string }) => i.accion);
    expect(actions).toEqual(expect.arrayContaining(['login', 'login_failed', 'logout']));
    expect(JSON.stringify(res)).not.toContain('contraseña-equivocada');
  });
});

describe('users CLI', () => {
  const cli = (args: string[], input = '') => spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot(), 'apps/server/src/cli/users.ts'), ...args], {
    input, encoding: 'utf8', env: { ...process.env, DATABASE_URL: db.url }, cwd: repoRoot(),
  });

  it('add (password from stdin), token, list, disable — audited as cli:<user>', async () => {
    const pw = 'clave-de-consola-muy-larga';
    secrets.push(pw);
    const tooShort = cli(['add', 'consola@implan.example', '--role', 'planeacion'], 'corta\n');
    expect(tooShort.status).toBe(2);
    expect(tooShort.stderr).toMatch(/al menos 12 caracteres/);
    const add = cli(['add', 'consola@implan.example', '--role', 'dependencia', '--dependencia', own.dependencia], `${pw}\n`);
    expect(add.status, add.stderr).toBe(0);
    expect(add.stdout).toMatch(/creado/);
    const tok = cli(['token', 'consola@implan.example']);
    expect(tok.status, tok.stderr).toBe(0);
    const token = tok.stdout.trim();
    secrets.push(token);
    expect(token).toMatch(/^sigmun_[A-Za-z0-9_-]{43}$/);
    const list = cli(['list']);
    expect(list.stdout).toMatch(new RegExp(`consola@implan\\.example\\tactivo\\tdependencia\\t${own.dependencia}`));
    expect(list.stdout).not.toContain(token);
    expect(cli(['disable', 'consola@implan.example']).status).toBe(0);
    expect((await db.pool.query(`SELECT activo FROM auth.users WHERE email = 'consola@implan.example'`)).rows[0].activo).toBe(false);
    const { rows } = await db.pool.query(`SELECT DISTINCT actor FROM audit.log WHERE tabla = 'auth.users' AND new_row->>'email' = 'consola@implan.example'`);
    expect(rows.map((r) => r.actor)).toEqual([expect.stringMatching(/^cli:/)]);
  });
});

describe('logs', () => {
  it('no password, session id, CSRF token or API token used in this suite appears in the captured log', () => {
    expect(logLines.length).toBeGreaterThan(20);
    const text = logLines.join('');
    expect(secrets.length).toBeGreaterThan(8);
    for (const s of secrets) expect(text.includes(s), `secreto en el log: ${s.slice(0, 4)}…`).toBe(false);
  });
});
