// The database foundation: migrations (ordered, once, atomic), the embedded cluster (reused, survives a crash in
// the middle of a load) and DATABASE_URL.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clusterPaths, ensureDatabaseExists, ensureLocalCluster, loadMigrations, localUrl, migrate, provisionDatabase,
  resolveDatabase, withDatabase,
} from '@sigmun/db';
import { repoRoot } from '@sigmun/db';

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function dropDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await withClient(withDatabase(url, 'postgres'), (c) => c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`));
}

const scratch = `t_provision_${process.pid}`;
let scratchUrl = '';

beforeAll(async () => {
  const target = await resolveDatabase({ database: scratch, log: () => {} });
  scratchUrl = target.url;
  await dropDatabase(scratchUrl);
  await ensureDatabaseExists(scratchUrl);
});

afterAll(async () => {
  await dropDatabase(scratchUrl);
});

describe('migrations', () => {
  it('apply every file once, in order, and a second run applies nothing', async () => {
    const files = loadMigrations();
    await withClient(scratchUrl, async (c) => {
      const first = await migrate(c);
      expect(first).toEqual(files.map((m) => m.name));
      const second = await migrate(c);
      expect(second).toEqual([]);
      const { rows } = await c.query('SELECT version FROM public.schema_migrations ORDER BY applied_at, version');
      expect(rows.map((r) => r.version)).toEqual(files.map((m) => m.version));
      // The schema the issue asks for exists.
      const tables = await c.query(`SELECT table_schema || '.' || table_name AS t FROM information_schema.tables
        WHERE table_schema IN ('carto','stats','plan','partic','meta')`);
      const names = tables.rows.map((r) => r.t);
      for (const t of ['carto.municipio', 'carto.localidades', 'carto.agebs', 'carto.manzanas', 'carto.colonias', 'carto.vialidades',
        'carto.equipamiento', 'stats.indicators', 'stats.indicator_values', 'plan.ejes', 'plan.programas', 'plan.projects',
        'plan.project_progress', 'plan.documents', 'partic.processes', 'partic.zones', 'partic.proposals', 'partic.results']) {
        expect(names).toContain(t);
      }
      // Every geometry column is in one SRID and has a GiST index.
      const geoms = await c.query(`SELECT f_table_schema || '.' || f_table_name AS t, srid FROM geometry_columns g
        JOIN information_schema.tables i ON i.table_schema = g.f_table_schema AND i.table_name = g.f_table_name
        WHERE f_table_schema IN ('carto','plan','partic') AND i.table_type = 'BASE TABLE'`);
      expect(geoms.rows.length).toBeGreaterThanOrEqual(10);
      expect(new Set(geoms.rows.map((r) => r.srid))).toEqual(new Set([3857]));
      const gist = await c.query(`SELECT schemaname || '.' || tablename AS t FROM pg_indexes WHERE indexdef ILIKE '%USING gist%'`);
      const indexed = new Set(gist.rows.map((r) => r.t));
      for (const g of geoms.rows) expect(indexed, `${g.t} needs a GiST index`).toContain(g.t);
    });
  });

  it('roll back a failing migration whole and keep the ones before it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sigmun-mig-'));
    const db = `t_migfail_${process.pid}`;
    const url = withDatabase(scratchUrl, db);
    try {
      writeFileSync(join(dir, '0001_good.sql'), 'CREATE TABLE good (id int);');
      writeFileSync(join(dir, '0002_bad.sql'), 'CREATE TABLE half (id int); SELECT no_such_function();');
      await dropDatabase(url);
      await ensureDatabaseExists(url);
      await withClient(url, async (c) => {
        await expect(migrate(c, () => {}, dir)).rejects.toThrow(/0002_bad/);
        const t = await c.query(`SELECT to_regclass('public.good') AS good, to_regclass('public.half') AS half`);
        expect(t.rows[0]).toEqual({ good: 'good', half: null });
        const { rows } = await c.query('SELECT name FROM public.schema_migrations');
        expect(rows.map((r) => r.name)).toEqual(['0001_good']);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await dropDatabase(url);
    }
  });
});

describe('provisioning', () => {
  it('reuses the running embedded cluster instead of starting another', async () => {
    const before = readFileSync(join(clusterPaths().dataDir, 'postmaster.pid'), 'utf8').split('\n')[0];
    const c = await ensureLocalCluster(() => {});
    const after = readFileSync(join(c.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0];
    expect(after).toBe(before);
  });

  it('uses DATABASE_URL when it is set, and migrates that server', async () => {
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = scratchUrl;
    try {
      const t = await provisionDatabase({ log: () => {} });
      expect(t.embedded).toBe(false);
      expect(t.url).toBe(scratchUrl);
      expect(Number(t.postgis.split('.')[0])).toBeGreaterThanOrEqual(3);
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
  });

  it('rejects a DATABASE_URL that is not a URL, naming the variable', async () => {
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = 'not a url';
    try {
      await expect(resolveDatabase()).rejects.toThrow(/DATABASE_URL/);
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
  });
});

describe('a crash in the middle of the demo load', () => {
  // A cluster of its own (other suites share the main one), crashed with an immediate shutdown while loading.
  const base = mkdtempSync(join(tmpdir(), 'sigmun-crash-'));
  const port = String(56000 + (process.pid % 1000));
  const env = { ...process.env, SIGMUN_DATA_DIR: base, SIGMUN_PG_PORT: port, DATABASE_URL: '' };
  delete (env as Record<string, string | undefined>).DATABASE_URL;
  const tsx = ['--import', 'tsx'];
  const root = repoRoot();
  const pgCtl = (args: string[]) => {
    const bin = readFileSync(join(base, 'pg', 'PG_VERSION'), 'utf8').trim();
    const cmd = `/usr/lib/postgresql/${bin}/bin/pg_ctl`;
    const asRoot = process.getuid?.() === 0;
    return spawnSync(asRoot ? 'runuser' : cmd, asRoot ? ['-u', 'postgres', '--', cmd, '-D', join(base, 'pg'), ...args] : ['-D', join(base, 'pg'), ...args]);
  };

  afterAll(() => {
    pgCtl(['-m', 'immediate', 'stop']);
    rmSync(base, { recursive: true, force: true });
  });

  it('leaves either nothing or everything, and the next start loads the data', async () => {
    chmodSync(base, 0o755);
    const start = spawnSync(process.execPath, [...tsx, 'packages/db/src/cli.ts', 'start'], { cwd: root, env, encoding: 'utf8' });
    expect(start.status, start.stderr).toBe(0);
    const url = localUrl({ port: Number(port), user: 'postgres' }, 'sigmun');

    const load = spawn(process.execPath, [...tsx, 'packages/ingest/src/demo/cli.ts', '--database', 'sigmun'], { cwd: root, env, stdio: 'ignore' });
    // Wait until the load is inside its transaction and has written rows (another backend holds a transaction id;
    // the loader uses INSERT and COPY), then crash the cluster and the loader.
    const deadline = Date.now() + 60_000;
    let inFlight = false;
    while (!inFlight && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      inFlight = await withClient(url, async (c) => {
        const { rows } = await c.query(`SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL`);
        return rows[0].n > 0;
      }).catch(() => false);
    }
    expect(inFlight).toBe(true);
    expect(pgCtl(['-m', 'immediate', 'stop']).status).toBe(0);
    load.kill('SIGKILL');

    const restart = spawnSync(process.execPath, [...tsx, 'packages/db/src/cli.ts', 'start'], { cwd: root, env, encoding: 'utf8' });
    expect(restart.status, restart.stderr).toBe(0);
    const counts = await withClient(url, async (c) => {
      const { rows } = await c.query(`SELECT (SELECT count(*) FROM meta.datasets)::int AS datasets,
        (SELECT count(*) FROM carto.manzanas)::int AS manzanas, (SELECT count(*) FROM carto.municipio)::int AS municipio`);
      return rows[0];
    });
    expect(counts).toEqual({ datasets: 0, manzanas: 0, municipio: 0 });

    const reload = spawnSync(process.execPath, [...tsx, 'packages/ingest/src/demo/cli.ts', '--database', 'sigmun'], { cwd: root, env, encoding: 'utf8' });
    expect(reload.status, reload.stderr).toBe(0);
    const after = await withClient(url, async (c) => (await c.query(`SELECT (SELECT count(*) FROM meta.datasets)::int AS d, (SELECT count(*) FROM carto.manzanas)::int AS m`)).rows[0]);
    expect(after.d).toBe(1);
    expect(after.m).toBeGreaterThan(0);
  }, 240_000);
});
