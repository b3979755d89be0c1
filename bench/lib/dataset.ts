// The benchmark city lives in its own database (sigmun_bench by default), so that a scale-10 city never touches
// the `sigmun` database people work with. The database comment records the scale and seed it was generated with;
// a different request regenerates it.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { databaseName, migrationsDigest, provisionDatabase, repoRoot, withDatabase } from '@sigmun/db';

/** Digest of the generator's sources, so a changed generator regenerates the city (as the test template does). */
function generatorDigest(): string {
  const h = createHash('sha256');
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (!name.endsWith('.test.ts')) h.update(name).update(readFileSync(p));
    }
  };
  walk(join(repoRoot(), 'packages', 'ingest', 'src', 'demo'));
  return h.digest('hex').slice(0, 16);
}

export interface BenchDatabase {
  url: string;
  manzanas: number;
  agebs: number;
  /** How the data got there: generated now, reused from an earlier run (migrated: with new migrations applied), or given by --db-url. */
  origin: 'generated' | 'reused' | 'migrated' | 'given';
  generateSeconds: number | null;
}

async function counts(url: string): Promise<{ manzanas: number; agebs: number }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ m: string; a: string }>(
      'SELECT (SELECT count(*) FROM carto.manzanas) AS m, (SELECT count(*) FROM carto.agebs) AS a',
    );
    return { manzanas: Number(rows[0].m), agebs: Number(rows[0].a) };
  } finally {
    await c.end();
  }
}

/** Uses `given` as is, or provisions `database` with a demo city of this scale and seed (regenerating on change). */
export async function prepareBenchDatabase(opts: {
  given?: string;
  database: string;
  scale: number;
  seed: number;
  /** Drop and generate the city even when one of this scale, seed and generator exists. */
  regenerate?: boolean;
  log: (m: string) => void;
}): Promise<BenchDatabase> {
  if (opts.given) return { url: opts.given, ...(await counts(opts.given)), origin: 'given', generateSeconds: null };
  // The city is what the generator made for this scale and seed; migrations only add to it. provisionDatabase
  // applies any pending migration to the existing city, so a new migration costs its own run time instead of a
  // regenerated scale-10 city (minutes). A migration that needs generated rows it does not create itself would
  // call for --regenerate.
  const city = `sigmun bench city: scale=${opts.scale} seed=${opts.seed} generator=${generatorDigest()}`;
  const fingerprint = `${city} migrations=${migrationsDigest()}`;
  const target = await provisionDatabase({ database: opts.database, log: opts.log });
  const admin = new pg.Client({ connectionString: withDatabase(target.url, 'postgres') });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ c: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS c FROM pg_database WHERE datname = $1`,
      [opts.database],
    );
    const comment = rows[0]?.c ?? '';
    if (!opts.regenerate && (comment === fingerprint || comment.startsWith(`${city} migrations=`))) {
      const n = await counts(target.url);
      if (n.manzanas > 0) {
        if (comment !== fingerprint) {
          // Migrated above: refresh the planner's statistics for what they changed and record the new state.
          const c = new pg.Client({ connectionString: target.url });
          await c.connect();
          await c.query('ANALYZE').finally(() => c.end());
          await admin.query(`COMMENT ON DATABASE ${pg.escapeIdentifier(databaseName(target.url))} IS ${pg.escapeLiteral(fingerprint)}`);
          return { url: target.url, ...n, origin: 'migrated', generateSeconds: null };
        }
        return { url: target.url, ...n, origin: 'reused', generateSeconds: null };
      }
    }
    opts.log(`Generando la ciudad de prueba (escala ${opts.scale}, semilla ${opts.seed}) en ${opts.database}…`);
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(opts.database)} WITH (FORCE)`);
    await provisionDatabase({ database: opts.database, log: () => {} });
    // Imported by name at run time: the generator is optional until it lands, and heavy when it has.
    const generator = '@sigmun/ingest/demo/index';
    const demo = (await import(generator).catch((e: Error) => {
      throw new Error(`demo generator not available (${e.message.split('\n')[0]})`);
    })) as { ensureDemoData?: (url: string, o: Record<string, unknown>) => Promise<unknown> };
    if (typeof demo.ensureDemoData !== 'function') throw new Error('demo generator has no ensureDemoData export');
    const t0 = performance.now();
    await demo.ensureDemoData(target.url, { scale: opts.scale, seed: opts.seed, log: opts.log });
    const generateSeconds = (performance.now() - t0) / 1000;
    const c = new pg.Client({ connectionString: target.url });
    await c.connect();
    await c.query('ANALYZE').finally(() => c.end());
    await admin.query(
      `COMMENT ON DATABASE ${pg.escapeIdentifier(databaseName(target.url))} IS ${pg.escapeLiteral(fingerprint)}`,
    );
    return { url: target.url, ...(await counts(target.url)), origin: 'generated', generateSeconds };
  } finally {
    await admin.end();
  }
}
