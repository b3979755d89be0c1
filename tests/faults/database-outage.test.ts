// PostgreSQL going away under load: a 5 s stop and a restart. Requests answer 503 with Retry-After meanwhile (never
// 500, the process stays up), readiness is healthy again within 2 s of the database returning, the NOTIFY listener
// reconnects, and an edit after the outage invalidates the cached tile. The cluster is a throwaway one of this file
// (own folder under .data/, own port): stopping the shared test cluster would break the suites running beside it.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clusterPathsAt, ensureDatabaseExists, ensureLocalCluster, freePort, localUrl, migrate, repoRoot, startCluster, stopCluster, type LocalCluster,
} from '@sigmun/db';
import { buildApp } from '../../apps/server/src/app.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { addProbeFacility, PROBE_TILE, until } from '../support/throwaway-cluster.ts';

const base = join(repoRoot(), '.data', `faults-${process.pid}`);
let cluster: LocalCluster;
let dbUrl = '';
let app: FastifyInstance;
let server = '';
const TILE = PROBE_TILE;

const addFacility = (nombre: string) => addProbeFacility(dbUrl, nombre);

beforeAll(async () => {
  rmSync(base, { recursive: true, force: true });
  cluster = await ensureLocalCluster(() => {}, clusterPathsAt(base, await freePort()));
  dbUrl = localUrl(cluster, 'sigmun_faults');
  await ensureDatabaseExists(dbUrl);
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  await migrate(c).finally(() => c.end());
  await addFacility('Centro de salud uno');
  app = await buildApp(loadConfig(process.env, { databaseUrl: dbUrl, host: '127.0.0.1', port: 0, tileCacheBytes: 16 * 1024 * 1024 }), { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  server = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
}, 180_000);

afterAll(async () => {
  await app?.close();
  if (cluster) {
    try {
      stopCluster(cluster, 'immediate');
    } catch {
      /* already stopped */
    }
  }
  rmSync(base, { recursive: true, force: true });
});

interface Sample { path: string; status: number; retryAfter: string | null }

/** Four clients requesting tiles, layers, OGC items and search in a loop until stop() (real HTTP, real sockets). */
function load(): { samples: Sample[]; stop: () => Promise<void> } {
  const samples: Sample[] = [];
  let running = true;
  const paths = [TILE, '/api/layers', '/ogcapi/collections/equipamiento/items?limit=5', '/api/search?q=salud'];
  const workers = paths.map(async (path) => {
    while (running) {
      const res = await fetch(server + path).catch(() => null);
      if (!res) throw new Error(`${path}: la conexión con el servidor falló (¿terminó el proceso?)`);
      await res.arrayBuffer();
      samples.push({ path, status: res.status, retryAfter: res.headers.get('retry-after') });
      await new Promise((r) => setTimeout(r, 20));
    }
  });
  return { samples, stop: async () => { running = false; await Promise.all(workers); } };
}

async function health(): Promise<{ status: number; body: { status: string; failed: string[]; listener: { ok: boolean; reconnects: number } } }> {
  const res = await fetch(`${server}/api/health`);
  return { status: res.status, body: await res.json() };
}

/** What must hold of the samples of an outage: 503s with Retry-After, no other 5xx, successes before and after. */
function expectHonest(samples: Sample[]): void {
  const fives = samples.filter((s) => s.status >= 500);
  expect(fives.filter((s) => s.status !== 503)).toEqual([]);
  expect(fives.length).toBeGreaterThan(0);
  expect(fives.every((s) => s.retryAfter !== null && /^\d+$/.test(s.retryAfter))).toBe(true);
  expect(samples.filter((s) => s.status === 200).length).toBeGreaterThan(0);
}

describe('the database goes away under load', () => {
  it('a 5 s stop: 503s, healthy within 2 s of the database returning, listener back, edits invalidate the cached tile', async () => {
    expect((await health()).body.status).toBe('ok');
    const warm = await fetch(server + TILE);
    expect(warm.status).toBe(200);
    const etagBefore = warm.headers.get('etag');
    const reconnectsBefore = (await health()).body.listener.reconnects;

    const traffic = load();
    await until(async () => traffic.samples.some((s) => s.status === 200), 20_000, 'tráfico servido');
    const stoppedAt = Date.now();
    stopCluster(cluster, 'fast');
    await until(async () => (await health()).status === 503, 5_000, 'salud 503');
    const down = await health();
    expect(down.body.failed).toContain('database');
    // The cached tile is not trusted while its versions cannot be read.
    expect((await fetch(server + TILE)).status).toBe(503);
    // Five seconds down, as the scenario says (this wait is the outage itself, not a wait for a condition).
    await new Promise((r) => setTimeout(r, Math.max(0, 5_000 - (Date.now() - stoppedAt))));
    startCluster(cluster);
    const healthyMs = await until(async () => {
      const h = await health();
      return h.status === 200 && h.body.status === 'ok';
    }, 10_000, 'salud 200 con el listener reconectado');
    expect(healthyMs).toBeLessThan(2_000);
    const back = await health();
    expect(back.body.listener.ok).toBe(true);
    expect(back.body.listener.reconnects).toBeGreaterThan(reconnectsBefore);
    await until(async () => traffic.samples.slice(-8).every((s) => s.status === 200), 10_000, 'tráfico de vuelta a 200');
    await traffic.stop();
    expectHonest(traffic.samples);

    // An edit after the outage: the listener's notification drops the cached tile, and the tile shows the edit.
    const invalidations = app.tileCacheStats().invalidations;
    await addFacility('Centro de salud dos');
    await until(async () => app.tileCacheStats().invalidations > invalidations, 5_000, 'notificación recibida');
    const after = await fetch(server + TILE);
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etagBefore);
  }, 90_000);

  it('a restart: 503s meanwhile, then healthy within 2 s of the database accepting connections', async () => {
    const reconnectsBefore = (await health()).body.listener.reconnects;
    const traffic = load();
    await until(async () => traffic.samples.some((s) => s.status === 200), 20_000, 'tráfico servido');
    stopCluster(cluster, 'fast');
    await until(async () => traffic.samples.some((s) => s.status === 503), 5_000, 'un 503 durante el reinicio');
    startCluster(cluster);
    const healthyMs = await until(async () => (await health()).body.status === 'ok', 10_000, 'salud ok tras el reinicio');
    expect(healthyMs).toBeLessThan(2_000);
    expect((await health()).body.listener.reconnects).toBeGreaterThan(reconnectsBefore);
    await until(async () => traffic.samples.slice(-8).every((s) => s.status === 200), 10_000, 'tráfico de vuelta a 200');
    await traffic.stop();
    expectHonest(traffic.samples);
  }, 60_000);
});
