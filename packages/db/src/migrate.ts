import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { repoRoot } from './repo-root.ts';

export interface Migration {
  version: string;
  name: string;
  sql: string;
  checksum: string;
}

export const MIGRATIONS_DIR = () => join(repoRoot(), 'packages', 'db', 'migrations');

/** The migration files, in the order they apply (by their numeric prefix). */
export function loadMigrations(dir = MIGRATIONS_DIR()): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => {
      const sql = readFileSync(join(dir, f), 'utf8');
      return {
        version: f.slice(0, 4),
        name: f.replace(/\.sql$/, ''),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex').slice(0, 16),
      };
    });
}

/** A digest of every migration: part of the fingerprint of a prepared test template. */
export function migrationsDigest(dir = MIGRATIONS_DIR()): string {
  const h = createHash('sha256');
  for (const m of loadMigrations(dir)) h.update(m.name).update(m.checksum);
  return h.digest('hex').slice(0, 16);
}

const LOCK_KEY = 727_001; // pg_advisory_lock key: one migrator per database at a time.

/**
 * Applies the pending migrations, each once, in order, each inside its own transaction, so a crash leaves
 * the database at the last complete migration. Returns the names applied now.
 */
export async function migrate(client: pg.ClientBase, log: (m: string) => void = () => {}, dir = MIGRATIONS_DIR()): Promise<string[]> {
  await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS public.schema_migrations (
      version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: string; name: string; checksum: string }>(
      'SELECT version, name, checksum FROM public.schema_migrations',
    );
    const applied = new Map(rows.map((r) => [r.version, r]));
    const done: string[] = [];
    for (const m of loadMigrations(dir)) {
      const prev = applied.get(m.version);
      if (prev) {
        if (prev.name !== m.name) throw new Error(`La migración ${m.version} ya aplicada se llamaba ${prev.name}, ahora ${m.name}`);
        if (prev.checksum !== m.checksum) log(`Aviso: la migración ${m.name} cambió después de aplicarse (no se vuelve a aplicar).`);
        continue;
      }
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO public.schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
          m.version, m.name, m.checksum,
        ]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw new Error(`La migración ${m.name} falló: ${(e as Error).message}`);
      }
      log(`Migración aplicada: ${m.name}`);
      done.push(m.name);
    }
    return done;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
  }
}
