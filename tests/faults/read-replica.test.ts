// Reads from a real PostgreSQL streaming replica (DATABASE_READ_URL). A throwaway primary of this file (own folder,
// own port) gets a hot standby by pg_basebackup; the server sends tiles, OGC items and search to the standby and
// writes (a sign-in's session) to the primary. Replay is paused on the standby to make its lag visible: what the
// server answers follows the standby, then catches up when replay resumes; the standby's restart costs no request
// (reads fall back to the primary meanwhile) and health reports it.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clusterPathsAt, enableReplication, ensureDatabaseExists, ensureLocalCluster, ensureStandby, freePort, localUrl, migrate, repoRoot,
  startCluster, stopCluster, type LocalCluster,
} from '@sigmun/db';
import { buildApp } from '../../apps/server/src/app.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { createUser } from '../support/auth.ts';
import { addProbeFacility, PROBE_TILE, sqlAt, until } from '../support/throwaway-cluster.ts';

const base = join(repoRoot(), '.data', `replica-${process.pid}`);
const DB = 'sigmun_replica';
let primary: LocalCluster;
let standby: LocalCluster;
let primaryUrl = '';
let standbyUrl = '';
let app: FastifyInstance;
let server = '';
const TILE = PROBE_TILE;

const addFacility = (nombre: string) => addProbeFacility(primaryUrl, nombre);

/** The facility names the server shows through each read path: the tile, the OGC items and the search. */
async function served(): Promise<{ tile: string[]; ogc: string[]; search: string[]; statuses: number[] }> {
  const [t, o, s] = await Promise.all([
    fetch(server + TILE),
    fetch(`${server}/ogcapi/collections/equipamiento/items?limit=100`),
    fetch(`${server}/api/search?q=${encodeURIComponent('clínica réplica')}&types=equipamiento`),
  ]);
  const statuses = [t.status, o.status, s.status];
  const tile: string[] = [];
  if (t.status === 200) {
    const layer = new VectorTile(new PbfReader(new Uint8Array(await t.arrayBuffer()))).layers.equipamiento;
    for (let i = 0; i < (layer?.length ?? 0); i++) tile.push(String(layer!.feature(i).properties.nombre));
  } else await t.arrayBuffer();
  const ogc = o.status === 200 ? ((await o.json()) as { features: { properties: { nombre: string } }[] }).features.map((f) => f.properties.nombre) : [];
  const search = s.status === 200 ? ((await s.json()) as { hits: { name: string }[] }).hits.map((r) => r.name) : [];
  return { tile: tile.sort(), ogc: ogc.sort(), search: search.sort(), statuses };
}

const replayLsn = async () => (await sqlAt<{ lsn: string }>(standbyUrl, 'SELECT pg_last_wal_replay_lsn()::text AS lsn'))[0].lsn;
const primaryLsn = async () => (await sqlAt<{ lsn: string }>(primaryUrl, 'SELECT pg_current_wal_lsn()::text AS lsn'))[0].lsn;

beforeAll(async () => {
  rmSync(base, { recursive: true, force: true });
  primary = await ensureLocalCluster(() => {}, clusterPathsAt(join(base, 'primary'), await freePort()));
  await enableReplication(primary);
  primaryUrl = localUrl(primary, DB);
  await ensureDatabaseExists(primaryUrl);
  const c = new pg.Client({ connectionString: primaryUrl });
  await c.connect();
  await migrate(c).finally(() => c.end());
  await addFacility('Clínica réplica uno');
  standby = ensureStandby(primary, clusterPathsAt(join(base, 'standby'), await freePort()));
  standbyUrl = localUrl(standby, DB);
  // The standby has replayed everything written before the server starts.
  const target = await primaryLsn();
  await until(async () => (await sqlAt<{ ok: boolean }>(standbyUrl, 'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok', [target]))[0].ok, 30_000, 'réplica al día');
  app = await buildApp(loadConfig(process.env, {
    databaseUrl: primaryUrl, databaseReadUrl: standbyUrl, host: '127.0.0.1', port: 0, tileCacheBytes: 16 * 1024 * 1024, dbConnectTimeoutMs: 2000,
  }), { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  server = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
}, 180_000);

afterAll(async () => {
  await app?.close();
  for (const c of [standby, primary]) {
    if (!c) continue;
    try {
      stopCluster(c, 'immediate');
    } catch {
      /* already stopped */
    }
  }
  rmSync(base, { recursive: true, force: true });
});

describe('a streaming read replica behind DATABASE_READ_URL', () => {
  it('tiles, OGC items and search follow the replica (lag shown by pausing replay); writes go to the primary', async () => {
    const first = await served();
    expect(first.statuses).toEqual([200, 200, 200]);
    expect(first.tile).toEqual(['Clínica réplica uno']);
    expect(first.ogc).toEqual(['Clínica réplica uno']);
    expect(first.search).toContain('Clínica réplica uno');
    // The read pool's sessions are on the standby (its pg_stat_activity), under the server's read names.
    const names = (await sqlAt<{ application_name: string }>(standbyUrl, `SELECT DISTINCT application_name FROM pg_stat_activity WHERE datname = $1`, [DB]))
      .map((r) => r.application_name);
    expect(names).toEqual(expect.arrayContaining(['sigmun-tiles-read', 'sigmun-server-read']));

    // Replay paused: the replica lags. A facility added on the primary is not shown until the replica has it.
    await sqlAt(standbyUrl, 'SELECT pg_wal_replay_pause()');
    await addFacility('Clínica réplica dos');
    const lagging = await served();
    expect(lagging.tile).toEqual(['Clínica réplica uno']);
    expect(lagging.ogc).toEqual(['Clínica réplica uno']);
    expect(lagging.search).not.toContain('Clínica réplica dos');
    // Health reports the lag (the primary's WAL writer flushes within wal_writer_delay; poll, do not sleep).
    await until(async () => {
      const h = (await (await fetch(`${server}/api/health`)).json()) as { status: string; replica: { ok: boolean; lag_bytes: number } };
      return h.replica.ok && h.replica.lag_bytes > 0;
    }, 5_000, 'salud informa el retraso de la réplica');

    // A write through the server (a sign-in creates a session row) works while the replica refuses writes.
    const user = await createUser(primaryUrl, { email: 'replica@implan.example', roles: ['planeacion'] });
    const login = await fetch(`${server}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: user.email, password: user.password }),
    });
    expect(login.status).toBe(200);

    // Replay resumes: every read path shows the new facility within the bound (the tile is re-cut: its layer
    // version, read on the replica, moved with the data).
    await sqlAt(standbyUrl, 'SELECT pg_wal_replay_resume()');
    const ms = await until(async () => {
      const now = await served();
      return now.tile.length === 2 && now.ogc.length === 2 && now.search.includes('Clínica réplica dos');
    }, 10_000, 'la réplica al día se ve en teselas, OGC y búsqueda');
    expect(ms).toBeLessThan(10_000);
    expect(await replayLsn()).toBeTruthy();
  }, 90_000);

  it('the replica restarts: reads go on from the primary meanwhile (no 5xx), health says so, then reads return to it', async () => {
    stopCluster(standby, 'fast');
    await addFacility('Clínica réplica tres');
    // Every read still answers, from the primary now: the new facility is there at once.
    const during = await served();
    expect(during.statuses).toEqual([200, 200, 200]);
    expect(during.ogc).toContain('Clínica réplica tres');
    const down = await fetch(`${server}/api/health`);
    expect(down.status).toBe(200);
    const body = (await down.json()) as { status: string; failed: string[]; replica: { ok: boolean; fallbacks: number } };
    expect(body.status).toBe('degraded');
    expect(body.failed).toEqual(['replica']);
    expect(body.replica.ok).toBe(false);
    expect(body.replica.fallbacks).toBeGreaterThan(0);

    startCluster(standby);
    await until(async () => {
      const r = (await (await fetch(`${server}/api/health`)).json()) as { status: string; replica: { ok: boolean } };
      return r.status === 'ok' && r.replica.ok;
    }, 20_000, 'salud ok con la réplica de vuelta');
    const after = await served();
    expect(after.statuses).toEqual([200, 200, 200]);
    expect(after.tile).toEqual(['Clínica réplica dos', 'Clínica réplica tres', 'Clínica réplica uno']);
    // Reads are on the standby again: pausing its replay hides the next facility once more.
    await sqlAt(standbyUrl, 'SELECT pg_wal_replay_pause()');
    await addFacility('Clínica réplica cuatro');
    expect((await served()).ogc).not.toContain('Clínica réplica cuatro');
    await sqlAt(standbyUrl, 'SELECT pg_wal_replay_resume()');
    await until(async () => (await served()).ogc.includes('Clínica réplica cuatro'), 10_000, 'la cuarta clínica desde la réplica');
  }, 90_000);
});
