// A database connection killed under a running request (pg_terminate_backend, as an operator or a failover does)
// fails that request alone with a 503, and the server keeps serving: no unhandled 'error' event, no exit. Each
// request is held on a lock first, so the termination lands while it is in flight, not by luck of timing.
import { once } from 'node:events';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseName } from '@sigmun/db';
import { bearer, createUser } from '../support/auth.ts';
import { useTestApp } from '../support/test-app.ts';

const t = useTestApp('faults_terminate', { tileCacheBytes: 0 });
let locker: pg.Client;

beforeAll(async () => {
  locker = new pg.Client({ connectionString: t.db.url, application_name: 'faults-locker' });
  await locker.connect();
});
afterAll(async () => {
  await locker?.end();
});

/** Polls pg_stat_activity until a backend of `app` in this database waits on a lock; returns its pids. */
async function blockedBackends(app: string): Promise<number[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const { rows } = await t.db.pool.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name = $2 AND state = 'active' AND wait_event_type = 'Lock'`,
      [databaseName(t.db.url), app],
    );
    if (rows.length) return rows.map((r) => r.pid);
    if (Date.now() > deadline) throw new Error(`ningún backend de ${app} quedó bloqueado`);
    await new Promise((r) => setImmediate(r));
  }
}

/** Runs `request` while `table` is locked, terminates the backends of `app` it blocked, and returns the response. */
async function terminatedDuring<T>(table: string, app: string, request: () => Promise<T>): Promise<{ res: T; killed: number }> {
  await locker.query('BEGIN');
  await locker.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
  const pending = request();
  try {
    const pids = await blockedBackends(app);
    const { rows } = await t.db.pool.query<{ ok: boolean }>('SELECT pg_terminate_backend(pid) AS ok FROM unnest($1::int[]) AS pid', [pids]);
    return { res: await pending, killed: rows.filter((r) => r.ok).length };
  } finally {
    await locker.query('ROLLBACK');
  }
}

describe('a backend terminated mid-request', () => {
  it('fails only that search, with a 503 and Retry-After; the next search answers', async () => {
    const { res, killed } = await terminatedDuring('carto.colonias', 'sigmun-server', () => t.app.inject('/api/search?q=hidalgo'));
    expect(killed).toBeGreaterThan(0);
    expect(res.statusCode, res.body).toBe(503);
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    // Concurrent searches after the fault all succeed: the dead client was discarded, not reused.
    const after = await Promise.all(Array.from({ length: 8 }, () => t.app.inject('/api/search?q=hidalgo')));
    expect(after.map((r) => r.statusCode)).toEqual(Array(8).fill(200));
    expect(after[0].json().hits.length).toBeGreaterThan(0);
  });

  it('fails only that tile query; the same tile is served right after', async () => {
    const { rows } = await t.db.pool.query<{ x: number; y: number }>(
      `SELECT floor((ST_X(p) + 20037508.342789244) / (40075016.68557849 / 4096))::int AS x,
              floor((20037508.342789244 - ST_Y(p)) / (40075016.68557849 / 4096))::int AS y
       FROM (SELECT ST_PointOnSurface(geom) AS p FROM carto.colonias LIMIT 1) c`,
    );
    const url = `/tiles/colonias/12/${rows[0].x}/${rows[0].y}.mvt`;
    const { res, killed } = await terminatedDuring('carto.colonias', 'sigmun-tiles', () => t.app.inject(url));
    expect(killed).toBeGreaterThan(0);
    expect(res.statusCode, res.body).toBe(503);
    const again = await t.app.inject(url);
    expect(again.statusCode).toBe(200);
    expect(again.rawPayload.length).toBeGreaterThan(0);
  });

  it('fails only that import (its transaction rolled back); the layer is intact and the next import works', async () => {
    const { rows } = await t.db.pool.query<{ lon: number; lat: number; n: number }>(
      `SELECT ST_X(p) AS lon, ST_Y(p) AS lat, (SELECT count(*)::int FROM carto.equipamiento) AS n
       FROM (SELECT ST_Transform(geom, 4326) AS p FROM carto.equipamiento LIMIT 1) e`,
    );
    const { lon, lat, n } = rows[0];
    const geojson = JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { nombre: 'Escuela de prueba', tipo: 'educacion' }, geometry: { type: 'Point', coordinates: [lon, lat] } }],
    });
    await createUser(t.db.url, { email: 'planeacion@faults.example', roles: ['planeacion'] });
    const token = await bearer(t.db.url, 'planeacion@faults.example');
    const boundary = '----sigmunfaults';
    const payload = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="layer"\r\n\r\nequipamiento\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="archivo"; filename="equipamiento.geojson"\r\nContent-Type: application/geo+json\r\n\r\n${geojson}\r\n--${boundary}--\r\n`,
    );
    const send = () => t.app.inject({
      method: 'POST', url: '/api/import', payload,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, authorization: `Bearer ${token}` },
    });
    const { res, killed } = await terminatedDuring('carto.equipamiento', 'sigmun-server', send);
    expect(killed).toBeGreaterThan(0);
    expect(res.statusCode, res.body).toBe(503);
    const count = await t.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM carto.equipamiento');
    expect(count.rows[0].n).toBe(n);
    const ok = await send();
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().cargados).toBe(1);
  });
});

describe('a database that cannot be reached', () => {
  // A port nobody listens on: every connect is refused, as when PostgreSQL is down.
  let port = 0;
  beforeAll(async () => {
    const net = await import('node:net');
    const srv = net.createServer().listen(0, '127.0.0.1');
    await once(srv, 'listening');
    port = (srv.address() as { port: number }).port;
    srv.close();
  });

  it('answers reads with 503 + Retry-After, readiness 503 naming the database, liveness 200', async () => {
    const { buildApp } = await import('../../apps/server/src/app.ts');
    const { loadConfig } = await import('../../apps/server/src/config.ts');
    const url = new URL(t.db.url);
    url.port = String(port);
    const app = await buildApp(loadConfig(process.env, { databaseUrl: url.toString() }), { logger: false });
    try {
      for (const path of ['/api/layers', '/api/search?q=hidalgo', '/tiles/colonias/12/1000/1700.mvt', '/ogcapi/collections/agebs/items']) {
        const res = await app.inject(path);
        expect(res.statusCode, `${path} ${res.body}`).toBe(503);
        expect(res.headers['retry-after'], path).toMatch(/^\d+$/);
      }
      const health = await app.inject('/api/health');
      expect(health.statusCode).toBe(503);
      expect(health.json()).toMatchObject({ status: 'unavailable', database: { ok: false } });
      expect(health.json().failed).toContain('database');
      const live = await app.inject('/api/health/live');
      expect(live.statusCode).toBe(200);
      expect(live.json().status).toBe('alive');
    } finally {
      await app.close();
    }
  });
});
