// SQL of the IMPLAN's site pages: whether the data set is the demo, and (issue 17) the versioned page texts and
// data lists editors keep (portal.page_versions, portal.data_versions).
import fp from 'fastify-plugin';
import { repository, type Queryable, type Repository } from './repository.ts';

/** Whether the latest loaded data set is the fictional demo (the pages then say so in the header). */
async function isDemo(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ demo: boolean }>(
    `SELECT coalesce((SELECT kind = 'demo' FROM meta.datasets ORDER BY loaded_at DESC LIMIT 1), false) AS demo`,
  );
  return rows[0]?.demo ?? false;
}

const queries = { isDemo };

declare module 'fastify' {
  interface FastifyInstance {
    /** The site pages' content and versions. */
    portalRepository: Repository<typeof queries>;
  }
}

/** Decorates `app.portalRepository`. */
export default fp(async (app) => {
  app.decorate('portalRepository', repository(app.db, queries));
}, { name: 'portal-repository', dependencies: ['db'] });
