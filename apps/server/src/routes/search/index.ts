import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Problem } from '@sigmun/domain/problem';
import { SEARCH_CP_MAX, SEARCH_TYPES, SearchResponse, type SearchType } from '@sigmun/domain/search';
import { badRequest } from '../../errors.ts';

/** GET /api/search — colonias (by name or postal code), localidades, AGEBs (by key), calles, proyectos and equipamiento. */
const search: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/search', {
    schema: {
      tags: ['búsqueda'],
      summary: 'Búsqueda de lugares, calles, proyectos y equipamiento (sin acentos, tolerante a errores)',
      description: 'Nombres sin acentos y con errores de tecleo; un código postal (o sus primeros dígitos) encuentra sus colonias; '
        + 'una clave de AGEB (CVEGEO de 13 caracteres, desde sus primeros 10, o la clave de 4 como 012-3) encuentra la AGEB. '
        + `Un código postal completo devuelve todas sus colonias aunque pasen de \`limit\`, hasta ${SEARCH_CP_MAX}.`,
      querystring: Type.Object({
        q: Type.String({ minLength: 1, maxLength: 100, description: 'Texto a buscar: nombre, código postal o clave de AGEB' }),
        limit: Type.Optional(Type.Integer({
          minimum: 1, maximum: 50, default: 10,
          description: `Máximo de resultados; con un código postal completo, todas sus colonias (hasta ${SEARCH_CP_MAX}) más allá de este número`,
        })),
        types: Type.Optional(Type.String({ maxLength: 100, description: `Tipos separados por comas: ${SEARCH_TYPES.join(', ')}` })),
      }, { additionalProperties: false }),
      response: { 200: SearchResponse, 400: Problem },
    },
  }, async (req) => {
    const q = req.query.q.trim().replace(/\s+/g, ' ');
    if (q.length < 2) throw badRequest('q', 'La búsqueda necesita al menos 2 caracteres');
    let types: SearchType[] = [...SEARCH_TYPES];
    if (req.query.types !== undefined) {
      const asked = req.query.types.split(',').map((s) => s.trim()).filter(Boolean);
      const unknown = asked.filter((t) => !(SEARCH_TYPES as readonly string[]).includes(t));
      if (unknown.length || !asked.length) throw badRequest('types', `Tipos desconocidos: ${unknown.join(', ') || '(vacío)'}; posibles: ${SEARCH_TYPES.join(', ')}`);
      types = [...new Set(asked)] as SearchType[];
    }
    return { query: q, hits: await app.searchRepository.places(q, types, req.query.limit ?? 10) };
  });
};
export default search;
