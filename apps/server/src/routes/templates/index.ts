import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { buildTemplate, TEMPLATE_KINDS } from '@sigmun/ingest/import/template';

/** Spreadsheet templates for the importer (public: they hold no data, only the columns and instructions). */
const templates: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/import/plantillas/:kind', {
    schema: {
      tags: ['administración'],
      summary: 'Plantilla de Excel (.xlsx) para importar proyectos o indicadores',
      params: Type.Object({ kind: Type.String({ pattern: `^(${TEMPLATE_KINDS.join('|')})\\.xlsx$`, description: TEMPLATE_KINDS.map((k) => `${k}.xlsx`).join(', ') }) }),
      produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      response: { 200: Type.Unknown({ description: 'Libro .xlsx' }) },
    },
  }, async (req, reply) => {
    const kind = req.params.kind.replace(/\.xlsx$/, '') as (typeof TEMPLATE_KINDS)[number];
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="plantilla-${kind}.xlsx"`)
      .header('cache-control', 'public, max-age=3600')
      .send(await buildTemplate(kind));
  });
};
export default templates;
