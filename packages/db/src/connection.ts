import pg from 'pg';
import { ensureLocalCluster, localUrl } from './local-cluster.ts';

/** Where the database is: an external server (DATABASE_URL) or the project's own cluster. */
export interface DatabaseTarget {
  url: string;
  embedded: boolean;
}

export const DEFAULT_DATABASE = 'sigmun';

/** Replaces the database name of a connection URL. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres';
}

/**
 * Resolves the server to use and makes sure it is running: DATABASE_URL when set (as is, or with its database
 * replaced by `database`), else the embedded cluster, provisioned on demand.
 */
export async function resolveDatabase(opts: { database?: string; log?: (m: string) => void } = {}): Promise<DatabaseTarget> {
  const external = process.env.DATABASE_URL?.trim();
  if (external) {
    try {
      new URL(external);
    } catch {
      throw new Error('DATABASE_URL no es una URL válida (ejemplo: postgres://usuario:clave@servidor:5432/sigmun)');
    }
    return { url: opts.database ? withDatabase(external, opts.database) : external, embedded: false };
  }
  const cluster = await ensureLocalCluster(opts.log);
  return { url: localUrl(cluster, opts.database ?? process.env.SIGMUN_DB ?? DEFAULT_DATABASE), embedded: true };
}

/** Creates the database of `url` when it does not exist yet (connecting to the server's `postgres` database). */
export async function ensureDatabaseExists(url: string): Promise<boolean> {
  const name = databaseName(url);
  const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return false;
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)} ENCODING 'UTF8' TEMPLATE template0`);
    return true;
  } catch (e) {
    // Another process created it between our check and our CREATE.
    if ((e as { code?: string }).code === '42P04') return false;
    throw e;
  } finally {
    await admin.end();
  }
}

/** Fails with a clear message when the server has no PostGIS or one older than 3.1. */
export async function checkPostgisVersion(client: pg.ClientBase): Promise<string> {
  const { rows } = await client.query<{ v: string | null }>(
    "SELECT extversion AS v FROM pg_extension WHERE extname = 'postgis'",
  );
  const v = rows[0]?.v;
  if (!v) throw new Error('La base de datos no tiene la extensión PostGIS (CREATE EXTENSION postgis).');
  const [maj, min] = v.split('.').map(Number);
  if (maj < 3 || (maj === 3 && min < 1)) throw new Error(`Se requiere PostGIS ≥ 3.1; el servidor tiene ${v}.`);
  return v;
}
