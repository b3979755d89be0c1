// What /api/health reports about the database: the PostGIS version, the loaded data set, and a read replica's lag.
import fp from 'fastify-plugin';
import { repository, type Queryable, type Repository } from './repository.ts';

/** PostGIS version and the latest data set ("kind:id"); throws when the database does not answer. */
async function databaseStatus(db: Queryable): Promise<{ postgis: string; dataset: string | null }> {
  const { rows } = await db.query<{ postgis: string; dataset: string | null }>(
    `SELECT (SELECT extversion FROM pg_extension WHERE extname = 'postgis') AS postgis,
            (SELECT kind || ':' || id FROM meta.datasets ORDER BY loaded_at DESC LIMIT 1) AS dataset`,
  );
  return rows[0];
}

/**
 * Where this server's WAL stands: on the primary its insert position (with synchronous_commit off a commit can sit
 * in WAL buffers for up to wal_writer_delay, so the write position may not show it yet), on a standby the position
 * it has replayed (`recovery` true). LSNs as PostgreSQL prints them ("16/B374D848").
 */
async function walPosition(db: Queryable): Promise<{ recovery: boolean; lsn: string | null }> {
  const { rows } = await db.query<{ recovery: boolean; lsn: string | null }>(
    `SELECT pg_is_in_recovery() AS recovery,
            (CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_insert_lsn() END)::text AS lsn`,
  );
  return rows[0];
}

const queries = { databaseStatus, walPosition };

declare module 'fastify' {
  interface FastifyInstance {
    /** Database state for the health route. */
    systemRepository: Repository<typeof queries>;
  }
}

/** Decorates `app.systemRepository`. */
export default fp(async (app) => {
  app.decorate('systemRepository', repository(app.db, queries));
}, { name: 'system-repository', dependencies: ['db'] });
