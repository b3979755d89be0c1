// Sessions live in PostgreSQL: two real server processes on one database accept each other's sessions, and a logout
// through one ends the session on the other.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { repoRoot } from '@sigmun/db';
import { cloneTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { createUser, type TestUser } from '../support/auth.ts';

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
