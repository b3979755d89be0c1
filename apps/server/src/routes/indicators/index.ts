import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { change, MAX_CLASSES, MIN_CLASSES, CLASS_METHODS } from '@sigmun/domain/classify';
import {
  IndicatorBreaks, IndicatorChange, IndicatorList, IndicatorValues, MAP_LEVELS,
} from '@sigmun/domain/indicators';
import { Problem } from '@sigmun/domain/problem';
import { StringEnum } from '@sigmun/domain/schema';
import { badRequest } from '../../errors.ts';
import { indicatorBreaks, indicatorValues, resolveIndicator } from '../../services/indicators.ts';

const Code = Type.Object({ code: Type.String({ pattern: '^[a-z][a-z0-9_]*$', maxLength: 64, description: 'Clave del indicador' }) });
const Level = StringEnum(MAP_LEVELS, { description: 'Nivel geográfico' });
const Year = Type.Integer({ minimum: 1900, maximum: 2100 });

/** The statistics bank: catalog, values with rankings, class breaks and change between years. */
const indicators: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/indicators', {
    schema: { tags: ['estadística'], summary: 'Catálogo de indicadores', response: { 200: IndicatorList } },
  }, async () => ({ indicators: await app.indicatorsRepository.list() }));

  app.get('/api/indicators/:code', {
    schema: {
      tags: ['estadística'],
      summary: 'Valores de un indicador por unidad (con nulos, banderas y ranking)',
      params: Code,
      querystring: Type.Object({
        level: Type.Optional(Level),
        year: Type.Optional(Year),
        sort: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')], { description: 'Ordena por valor (ranking)' })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
      }, { additionalProperties: false }),
      response: { 200: IndicatorValues, 400: Problem, 404: Problem },
    },
  }, async (req) => indicatorValues(app.indicatorsRepository, req.params.code, req.query));

  app.get('/api/indicators/:code/breaks', {
    schema: {
      tags: ['estadística'],
      summary: 'Cortes de clase (cuantiles, Jenks o intervalos iguales) con el número de unidades por clase',
      params: Code,
      querystring: Type.Object({
        method: Type.Optional(StringEnum(CLASS_METHODS)),
        classes: Type.Optional(Type.Integer({ minimum: MIN_CLASSES, maximum: MAX_CLASSES })),
        level: Type.Optional(Level),
        year: Type.Optional(Year),
      }, { additionalProperties: false }),
      response: { 200: IndicatorBreaks, 400: Problem, 404: Problem },
    },
  }, async (req) => indicatorBreaks(app.indicatorsRepository, req.params.code, req.query));

  app.get('/api/indicators/:code/change', {
    schema: {
      tags: ['estadística'],
      summary: 'Cambio absoluto y relativo (%) entre dos años por unidad',
      params: Code,
      querystring: Type.Object({ from: Year, to: Year, level: Type.Optional(Level) }, { additionalProperties: false }),
      response: { 200: IndicatorChange, 400: Problem, 404: Problem },
    },
  }, async (req) => {
    const { from, to } = req.query;
    if (from === to) throw badRequest('to', 'Los años "from" y "to" deben ser distintos');
    const { ind, level, years } = await resolveIndicator(app.indicatorsRepository, req.params.code, req.query.level, undefined);
    if (!years.includes(from)) throw badRequest('from', `No hay valores de "${ind.code}" a nivel ${level} en ${from}; años: ${years.join(', ')}`);
    if (!years.includes(to)) throw badRequest('to', `No hay valores de "${ind.code}" a nivel ${level} en ${to}; años: ${years.join(', ')}`);
    const rows = await app.indicatorsRepository.paired(ind.code, level, from, to);
    return { indicator: ind.code, level, from, to, values: rows.map((r) => ({ ...r, ...change(r.desde, r.hasta) })) };
  });
};
export default indicators;
