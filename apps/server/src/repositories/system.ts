// What /api/health reports about the database: the PostGIS version and the loaded data set.
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

const queries = { databaseStatus };

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
