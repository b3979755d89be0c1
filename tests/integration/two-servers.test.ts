// N replicas of the server on one database: two real server processes accept each other's sessions (they live in
// PostgreSQL), a logout through one ends the session on the other, and an edit through one is in the other's next
// tile within the stated bound (cache invalidation by NOTIFY reaches every process).
import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { lonLatToTile } from '@sigmun/tiles/tile-coords';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { repoRoot } from '@sigmun/db';
import { cloneTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { bearer, createUser, type TestUser } from '../support/auth.ts';

let db: TestDatabase;
let user: TestUser;
const procs: ChildProcess[] = [];
const urls: string[] = [];
let output = '';

/** Starts apps/server/src/server.ts in its own process on a free port; resolves with its URL once it listens. */
function startServer(): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e',
    "const { startServer } = await import('./apps/server/src/server.ts'); const s = await startServer(process.env.DATABASE_URL); console.log('ESCUCHANDO ' + s.url);"], {
    cwd: repoRoot(), env: { ...process.env, DATABASE_URL: db.url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  procs.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      const m = /ESCUCHANDO (\S+)/.exec(d.toString());
      if (m) resolve(m[1].replace('localhost', '127.0.0.1'));
    });
    child.stderr!.on('data', (d: Buffer) => { output += d.toString(); });
    child.once('exit', (code) => reject(new Error(`el servidor terminó (${code}): ${output.slice(-2000)}`)));
  });
}

beforeAll(async () => {
  db = await cloneTestDatabase('two_servers');
  user = await createUser(db.url, { email: 'dos@implan.example', roles: ['planeacion'] });
  urls.push(...(await Promise.all([startServer(), startServer()])));
});
afterAll(async () => {
  await Promise.all(procs.map((p) => new Promise<void>((resolve) => {
    if (p.exitCode !== null) return resolve();
    p.once('exit', () => resolve());
    p.kill('SIGTERM');
  })));
  await db?.drop();
});

it('a session created through one process is valid on the other; logout on the second ends it on the first', async () => {
  expect(urls[0]).not.toBe(urls[1]);
  const login = await fetch(`${urls[0]}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: user.email, password: user.password }),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers.getSetCookie().find((c) => c.startsWith('sigmun_sid='))!.split(';')[0];
  const { csrf } = await login.json();
  const me = await fetch(`${urls[1]}/api/auth/me`, { headers: { cookie } });
  expect(me.status).toBe(200);
  expect((await me.json()).email).toBe(user.email);

  const out = await fetch(`${urls[1]}/api/auth/logout`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf } });
  expect(out.status).toBe(200);
  expect((await fetch(`${urls[0]}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
  // Neither process logged the password or the session id.
  expect(output).not.toContain(user.password);
  expect(output).not.toContain(cookie.split('=')[1]);
});

/** The bound within which an edit committed through one process is in another process's next tile. */
const FRESH_TILE_BOUND_MS = 2_000;

it(`an edit through one process is in the other's next tile within ${FRESH_TILE_BOUND_MS} ms (its cached tile dropped by NOTIFY)`, async () => {
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  // A point project whose seguimiento rules allow raising its progress (in progress, within budget).
  const { rows } = await c.query<{ id: number; avance: number; lon: number; lat: number }>(
    `SELECT id, avance::float8 AS avance, ST_X(ST_Transform(geom, 4326)) AS lon, ST_Y(ST_Transform(geom, 4326)) AS lat
     FROM plan.projects WHERE GeometryType(geom) = 'POINT' AND estatus = 'en_proceso' AND avance <= 80
       AND coalesce(presupuesto_ejercido, 0) <= coalesce(presupuesto_aprobado, 0) ORDER BY id LIMIT 1`,
  ).finally(() => c.end());
  const p = rows[0];
  const z = 14;
  const { x, y } = lonLatToTile(p.lon, p.lat, z);
  const avanceIn = async (url: string): Promise<number | null> => {
    const res = await fetch(`${url}/tiles/proyectos/${z}/${x}/${y}.mvt`);
    expect(res.status).toBe(200);
    const layer = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer()))).layers.proyectos;
    for (let i = 0; i < layer.length; i++) {
      const f = layer.feature(i);
      if (Number(f.properties.id) === p.id) return Number(f.properties.avance);
    }
    return null;
  };
  // Both processes have the tile cached (the second request is a cache hit).
  for (const url of urls) {
    expect(await avanceIn(url)).toBe(p.avance);
    expect(await avanceIn(url)).toBe(p.avance);
  }
  const token = await bearer(db.url, user.email);
  const target = Math.min(100, p.avance + 7);
  const edit = await fetch(`${urls[0]}/api/projects/${p.id}`, {
    method: 'PATCH', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ avance: target, nota: 'Avance informado en la prueba de dos procesos' }),
  });
  expect(edit.status).toBe(200);
  const committed = Date.now();
  let seen = -1;
  while (Date.now() - committed < FRESH_TILE_BOUND_MS * 5) {
    if ((await avanceIn(urls[1])) === target) {
      seen = Date.now() - committed;
      break;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  expect(seen).toBeGreaterThanOrEqual(0);
  expect(seen).toBeLessThan(FRESH_TILE_BOUND_MS);
  expect(await avanceIn(urls[0])).toBe(target);
});
