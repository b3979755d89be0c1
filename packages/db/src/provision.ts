import pg from 'pg';
import { checkPostgisVersion, ensureDatabaseExists, resolveDatabase, type DatabaseTarget } from './connection.ts';
import { migrate } from './migrate.ts';

/**
 * Everything needed before the app can talk to its database: server running (embedded or DATABASE_URL),
 * database created, migrations applied, PostGIS ≥ 3.1 present.
 */
export async function provisionDatabase(opts: { database?: string; log?: (m: string) => void } = {}): Promise<DatabaseTarget & { postgis: string }> {
  const log = opts.log ?? console.log;
  const target = await resolveDatabase({ database: opts.database, log });
  if (target.embedded || opts.database) await ensureDatabaseExists(target.url);
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    await migrate(client, log);
    const postgis = await checkPostgisVersion(client);
    return { ...target, postgis };
  } finally {
    await client.end();
  }
}
