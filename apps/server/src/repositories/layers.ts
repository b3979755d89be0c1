// The data sets behind the catalog's layers (meta.datasets): where each layer's data came from and when.
import fp from 'fastify-plugin';
import { repository, type Queryable, type Repository } from './repository.ts';

export interface DatasetRow {
  id: string;
  kind: string;
  nombre: string;
  fuente: string;
  fecha: string;
  detalles: Record<string, unknown>;
}

/** Every loaded data set, newest first. */
async function datasets(db: Queryable): Promise<DatasetRow[]> {
  const { rows } = await db.query<DatasetRow>('SELECT id, kind, nombre, fuente, fecha::text AS fecha, detalles FROM meta.datasets ORDER BY loaded_at DESC');
  return rows;
}

const queries = { datasets };

declare module 'fastify' {
  interface FastifyInstance {
    /** Data sets behind the layers (source, date, demo or real). */
    layersRepository: Repository<typeof queries>;
  }
}

/** Decorates `app.layersRepository`. */
export default fp(async (app) => {
  app.decorate('layersRepository', repository(app.db, queries));
}, { name: 'layers-repository', dependencies: ['db'] });
