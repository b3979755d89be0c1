// The plan's documents: linked to a project or to an area (nivel + clave).
import fp from 'fastify-plugin';
import { repository, type Queryable, type Repository } from './repository.ts';

export interface DocumentRow {
  id: number;
  titulo: string;
  tipo: string;
  url: string;
  fecha: string | null;
  project_id: number | null;
  area_nivel: string | null;
  area_clave: string | null;
}

/** Documents filtered by project and/or area, newest first. */
async function listDocuments(db: Queryable, f: { project?: number; nivel?: string; clave?: string; limit: number; offset: number }): Promise<{ total: number; items: DocumentRow[] }> {
  const { rows } = await db.query<DocumentRow & { total: number }>(
    `SELECT id, titulo, tipo, url, fecha, project_id, area_nivel, area_clave, count(*) OVER ()::int AS total
     FROM plan.documents
     WHERE ($1::int IS NULL OR project_id = $1) AND ($2::text IS NULL OR area_nivel = $2) AND ($3::text IS NULL OR area_clave = $3)
     ORDER BY fecha DESC NULLS LAST, id
     LIMIT $4 OFFSET $5`,
    [f.project ?? null, f.nivel ?? null, f.clave ?? null, f.limit, f.offset],
  );
  return { total: rows[0]?.total ?? 0, items: rows.map(({ total: _t, ...r }) => r) };
}

/** The catalogued document behind a /documentos/{file} URL, with whether the loaded data set is the demo. */
async function documentByFile(db: Queryable, file: string): Promise<(DocumentRow & { demo: boolean; proyecto: string | null }) | null> {
  const { rows } = await db.query<DocumentRow & { demo: boolean; proyecto: string | null }>(
    `SELECT d.id, d.titulo, d.tipo, d.url, d.fecha, d.project_id, d.area_nivel, d.area_clave, p.nombre AS proyecto,
            EXISTS (SELECT 1 FROM meta.datasets WHERE kind = 'demo') AS demo
     FROM plan.documents d LEFT JOIN plan.projects p ON p.id = d.project_id
     WHERE d.url = '/documentos/' || $1
     LIMIT 1`,
    [file],
  );
  return rows[0] ?? null;
}

const queries = { list: listDocuments, byFile: documentByFile };

declare module 'fastify' {
  interface FastifyInstance {
    /** The plan's documents. */
    documentsRepository: Repository<typeof queries>;
  }
}

/** Decorates `app.documentsRepository`. */
export default fp(async (app) => {
  app.decorate('documentsRepository', repository(app.db, queries));
}, { name: 'documents-repository', dependencies: ['db'] });
