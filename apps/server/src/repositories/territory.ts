// The municipality as a whole: its centre and extent, for the initial view of the published styles.
import fp from 'fastify-plugin';
import { repository, type Queryable, type Repository } from './repository.ts';

/** Centre (WGS84) and extent size (EPSG:3857 metres) of the municipality, or null when none is loaded. */
async function municipalExtent(db: Queryable): Promise<{ x: number; y: number; w: number; h: number } | null> {
  const { rows } = await db.query<{ x: number; y: number; w: number; h: number }>(
    `SELECT ST_X(c) AS x, ST_Y(c) AS y, ST_XMax(e) - ST_XMin(e) AS w, ST_YMax(e) - ST_YMin(e) AS h
     FROM (SELECT ST_Transform(ST_PointOnSurface(ST_Union(geom)), 4326) AS c, ST_Extent(geom)::geometry AS e
           FROM carto.municipio) m WHERE c IS NOT NULL`,
  );
  return rows[0] ?? null;
}

const queries = { municipalExtent };

declare module 'fastify' {
  interface FastifyInstance {
    /** The municipality's centre and extent. */
    territoryRepository: Repository<typeof queries>;
  }
}

/** Decorates `app.territoryRepository`. */
export default fp(async (app) => {
  app.decorate('territoryRepository', repository(app.dbRead, queries));
}, { name: 'territory-repository', dependencies: ['db'] });
