import pg from 'pg';
import { createPool, databaseName, withDatabase, type Pool } from '@sigmun/db';

/** Name of the database that holds the migrated demo municipality, cloned for each suite. */
export const TEMPLATE_DB = 'sigmun_test_template';

export interface TestDatabase {
  url: string;
  pool: Pool;
  drop: () => Promise<void>;
}

function templateUrl(): string {
  const url = process.env.SIGMUN_TEST_TEMPLATE_URL;
  if (!url) throw new Error('SIGMUN_TEST_TEMPLATE_URL no está definido: ¿corrió el globalSetup de tests/support?');
  return url;
}

/**
 * A fresh copy of the demo database for one suite (CREATE DATABASE … TEMPLATE copies files, ~1 s):
 * suites that write cannot disturb others. Call drop() in afterAll.
 */
export async function cloneTestDatabase(label: string): Promise<TestDatabase> {
  const tpl = templateUrl();
  const name = `t_${label.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${process.pid}_${Math.random().toString(36).slice(2, 7)}`;
  const admin = new pg.Client({ connectionString: withDatabase(tpl, 'postgres') });
  await admin.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE ${pg.escapeIdentifier(TEMPLATE_DB)} STRATEGY FILE_COPY`);
        break;
      } catch (e) {
        // "source database is being accessed by other users": another clone is starting; try again shortly.
        if ((e as { code?: string }).code !== '55006' || attempt > 40) throw e;
        await new Promise((r) => setTimeout(r, 250 + Math.random() * 250));
      }
    }
  } finally {
    await admin.end();
  }
  const url = withDatabase(tpl, name);
  const pool = createPool(url, { max: 8, applicationName: `test-${label}` });
  // An idle connection ended by the server (the FORCE drop below) must not become an uncaught exception; query
  // errors still reach the test through the rejected promise.
  pool.on('error', () => {});
  return {
    url,
    pool,
    drop: async () => {
      await pool.end();
      await dropDatabase(url);
    },
  };
}

/** Drops the database `url` names, ending its sessions first (WITH FORCE); nothing happens when it is gone. */
export async function dropDatabase(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(databaseName(url))} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
