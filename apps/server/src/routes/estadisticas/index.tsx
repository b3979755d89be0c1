import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { CatalogQuery, catalogFilters } from '@sigmun/domain/catalog';
import { MAP_LEVELS, type MapLevel } from '@sigmun/domain/indicators';
import { HtmlPage, LangQuery } from '@sigmun/domain/portal';
import { Problem } from '@sigmun/domain/problem';
import { CatalogPage } from '../../pages/catalog.tsx';
import { IndicatorPage, VALUES_PAGE_SIZE } from '../../pages/indicator.tsx';
import { pageContext, renderPage, sendPage } from '../../pages/layout.tsx';
import { publishedCatalog, publishedIndicator } from '../../services/catalog.ts';
import { indicatorValues } from '../../services/indicators.ts';
import { badRequest } from '../../errors.ts';

const CatalogPageQuery = Type.Object({ ...CatalogQuery.properties, ...LangQuery.properties }, { additionalProperties: false });
const IndicatorPageQuery = Type.Object({
  ...LangQuery.properties,
  nivel: Type.Optional(Type.Union([Type.Union(MAP_LEVELS.map((l) => Type.Literal(l))), Type.Literal('')], { description: 'Nivel de la tabla de valores' })),
  anio: Type.Optional(Type.String({ pattern: '^(\\d{4})?$', description: 'Año de la tabla de valores' })),
  pagina: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
}, { additionalProperties: false });

/** The statistics bank as server-rendered pages: the /catalogo listing and one page per published indicator. */
const estadisticas: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/catalogo', {
    schema: { hide: true, querystring: CatalogPageQuery, response: { 200: HtmlPage, 400: Problem } },
  }, async (req, reply) => {
    const ctx = await pageContext(app, req);
    const catalog = await publishedCatalog(app, catalogFilters(req.query));
    return sendPage(reply, renderPage(ctx, { title: ctx.t('cat.title'), description: ctx.t('cat.desc'), nav: 'estadisticas' }, <CatalogPage ctx={ctx} catalog={catalog} />));
  });

  app.get('/estadisticas/:code', {
    schema: {
      hide: true,
      params: Type.Object({ code: Type.String({ pattern: '^[a-z][a-z0-9_]*$', maxLength: 64 }) }),
      querystring: IndicatorPageQuery,
      response: { 200: HtmlPage, 400: Problem, 404: Problem },
    },
  }, async (req, reply) => {
    const ctx = await pageContext(app, req);
    const detail = await publishedIndicator(app, req.params.code);
    const ind = detail.indicator;
    const levels = MAP_LEVELS.filter((l) => ind.niveles_publicados.includes(l));
    // The table shows what GET /api/indicators/{code} answers for the same level and year (one service for both).
    const values = await indicatorValues(app.indicatorsRepository, ind.code, {
      level: (req.query.nivel || undefined) as MapLevel | undefined,
      year: req.query.anio ? Number(req.query.anio) : undefined,
    });
    const years = [...new Set(ind.cobertura.filter((c) => c.nivel === values.level).map((c) => c.anio))].sort((a, b) => b - a);
    const page = req.query.pagina ?? 1;
    if ((page - 1) * VALUES_PAGE_SIZE >= Math.max(1, values.values.length)) throw badRequest('pagina', `La página ${page} no existe`);
    const name = ctx.lang === 'en' && ind.nombre_en ? ind.nombre_en : ind.nombre;
    return sendPage(reply, renderPage(ctx, { title: name, description: ind.descripcion ?? name, nav: 'estadisticas' },
      <IndicatorPage ctx={ctx} detail={detail} values={values} levels={levels} years={years} page={page} />));
  });
};
export default estadisticas;
