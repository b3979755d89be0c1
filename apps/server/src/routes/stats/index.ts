import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AreaStats } from '@sigmun/domain/indicators';
import { Problem } from '@sigmun/domain/problem';
import { badRequest } from '../../errors.ts';

/** Larger than any Mexican municipality's urban area, small enough to answer in seconds. */
const MAX_AREA_KM2 = 2000;

const PolygonGeometry = Type.Object({
  type: Type.Union([Type.Literal('Polygon'), Type.Literal('MultiPolygon')]),
  coordinates: Type.Array(Type.Array(Type.Unknown()), { minItems: 1, maxItems: 10_000 }),
});

/** POST /api/stats/area — every indicator over a drawn polygon. */
const stats: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/api/stats/area', {
    schema: {
      tags: ['estadística'],
      summary: 'Indicadores de un polígono dibujado (ponderados por área de manzana o AGEB)',
      description: 'Cuerpo: una geometría GeoJSON Polygon o MultiPolygon en WGS84, o un Feature que la contenga.',
      body: Type.Union([
        PolygonGeometry,
        Type.Object({ type: Type.Literal('Feature'), geometry: PolygonGeometry, properties: Type.Optional(Type.Unknown()) }),
      ]),
      response: { 200: AreaStats, 400: Problem },
    },
  }, async (req) => {
    const geometry = req.body.type === 'Feature' ? req.body.geometry : req.body;
    const text = JSON.stringify(geometry);
    const problem = await app.geometryRepository.problem(text, ['POLYGON', 'MULTIPOLYGON'], MAX_AREA_KM2);
    if (problem) throw badRequest('geometry', problem);
    return app.statsRepository.area(text);
  });
};
export default stats;
