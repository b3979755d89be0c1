// Prepares, once per run, the template database every integration and browser suite clones: migrated and
// loaded with the demo municipality. Rebuilt only when the migrations or the generator change, or on a new day.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { databaseName, migrationsDigest, provisionDatabase, repoRoot, withDatabase } from '@sigmun/db';
import { TEMPLATE_DB } from './test-database.ts';

function dirDigest(dir: string, h = createHash('sha256')): string {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) dirDigest(p, h);
    else if (!name.endsWith('.test.ts')) h.update(name).update(readFileSync(p));
  }
  return h.digest('hex').slice(0, 16);
}

async function prepareTemplate(): Promise<string> {
  const root = repoRoot();
  // The day is part of it: the demo's open process surrounds its load date, so a template of another day is stale.
  const fingerprint = `${migrationsDigest()}-${dirDigest(join(root, 'packages', 'ingest', 'src', 'demo'))}-${new Date().toISOString().slice(0, 10)}`;
  const target = await provisionDatabase({ database: TEMPLATE_DB, log: () => {} });
  const admin = new pg.Client({ connectionString: withDatabase(target.url, 'postgres') });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ c: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS c FROM pg_database WHERE datname = $1`, [TEMPLATE_DB],
    );
    if (rows[0]?.c === fingerprint) return target.url;
    // Stale or half-made template: start over.
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(TEMPLATE_DB)} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(TEMPLATE_DB)} TEMPLATE template0 ENCODING 'UTF8'`);
    await provisionDatabase({ database: TEMPLATE_DB, log: () => {} });
    const { ensureDemoData } = await import('@sigmun/ingest/demo/index');
    await ensureDemoData(target.url, { log: () => {} });
    await admin.query(`COMMENT ON DATABASE ${pg.escapeIdentifier(databaseName(target.url))} IS ${pg.escapeLiteral(fingerprint)}`);
    return target.url;
  } finally {
    await admin.end();
  }
}

export default async function setup(): Promise<void> {
  // The glyph files are built once here, so the suites' apps (each of which would build them at start) only read.
  const { ensureGlyphFiles } = await import('@sigmun/styles/glyphs/build');
  await ensureGlyphFiles(process.env.SIGMUN_GLYPHS_DIR || join(repoRoot(), '.data', 'glyphs'));
  process.env.SIGMUN_TEST_TEMPLATE_URL = await prepareTemplate();
}
