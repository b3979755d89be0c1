import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from '@sinclair/typebox';
import {
  Catalog, CatalogIndicatorDetail, CatalogQuery, catalogFilters, DcatDocument, DownloadQuery, INDICATOR_DOWNLOAD_FORMATS,
  MEDIA_TYPES, type IndicatorDownloadFormat,
} from '@sigmun/domain/catalog';
import type { IndicatorLevel } from '@sigmun/domain/indicators';
import { Problem } from '@sigmun/domain/problem';
import { StringEnum } from '@sigmun/domain/schema';
import { badRequest } from '../../errors.ts';
import { publishedCatalog, publishedIndicator } from '../../services/catalog.ts';
import { dcatCatalog } from '../../services/dcat.ts';
import { indicatorFile } from '../../services/indicator-downloads.ts';

const DOWNLOAD_FILES = ['values.csv', 'values.xlsx'] as const satisfies ReadonlyArray<`values.${(typeof INDICATOR_DOWNLOAD_FORMATS)[number]}`>;
const Code = Type.String({ pattern: '^[a-z][a-z0-9_]*$', maxLength: 64, description: 'Clave del indicador' });

/**
 * The catalog of published data sets: the JSON listing with search and filters, one indicator with its series,
 * the downloads of an indicator's values (CSV, XLSX) by level and year, and the DCAT-AP catalog as JSON-LD.
 */
const catalog: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/catalog', {
    schema: {
      tags: ['catálogo'],
      summary: 'Catálogo de datos publicados: indicadores (con búsqueda y filtros por tema, nivel y año) y capas',
      querystring: CatalogQuery,
      response: { 200: Catalog, 400: Problem },
    },
  }, async (req) => publishedCatalog(app, catalogFilters(req.query)));

  app.get('/api/catalog/indicators/:code', {
    schema: {
      tags: ['catálogo'],
      summary: 'Un indicador publicado: definición, niveles y años con valores, enlaces y serie municipal por año',
      params: Type.Object({ code: Code }),
      response: { 200: CatalogIndicatorDetail, 404: Problem },
    },
  }, async (req) => publishedIndicator(app, req.params.code));

  app.get('/api/catalog/indicators/:code/:file', {
    schema: {
      tags: ['catálogo'],
      summary: 'Valores de un indicador por unidad como archivo (values.csv con BOM UTF-8, o values.xlsx), por nivel y año',
      params: Type.Object({
        code: Code,
        file: StringEnum(DOWNLOAD_FILES, { description: DOWNLOAD_FILES.join(' o ') }),
      }),
      querystring: DownloadQuery,
      produces: [MEDIA_TYPES.csv, MEDIA_TYPES.xlsx],
      response: { 200: Type.Unknown({ description: 'Archivo CSV o XLSX' }), 400: Problem, 404: Problem },
    },
  }, async (req, reply) => {
    const format = req.params.file.slice('values.'.length) as IndicatorDownloadFormat;
    const { indicator: ind } = await publishedIndicator(app, req.params.code);
    const nivel = (req.query.nivel || null) as IndicatorLevel | null;
    const anio = req.query.anio ? Number(req.query.anio) : null;
    if (nivel && !ind.niveles_publicados.includes(nivel)) {
      throw badRequest('nivel', `El indicador "${ind.code}" no tiene valores a nivel ${nivel}; niveles: ${ind.niveles_publicados.join(', ')}`);
    }
    const years = ind.cobertura.filter((c) => !nivel || c.nivel === nivel).map((c) => c.anio);
    if (anio !== null && !years.includes(anio)) {
      throw badRequest('anio', `El indicador "${ind.code}" no tiene valores en ${anio}${nivel ? ` a nivel ${nivel}` : ''}; años: ${[...new Set(years)].join(', ')}`);
    }
    const levels = (nivel ? [nivel] : ind.niveles_publicados) as IndicatorLevel[];
    const rows = await app.catalogRepository.downloadRows(ind.code, levels, anio);
    const file = await indicatorFile(ind, rows, format, { nivel, anio });
    return reply
      .type(file.type)
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .send(file.body);
  });

  app.get('/catalogo.jsonld', {
    schema: {
      tags: ['catálogo'],
      summary: 'Catálogo DCAT-AP (JSON-LD) de los conjuntos de datos publicados, para portales de datos abiertos',
      produces: [MEDIA_TYPES.jsonld],
      response: { 200: DcatDocument },
    },
  }, async (req, reply) => {
    const doc = await dcatCatalog(app, app.publicBase(req));
    // JSON-LD's own media type; the text is sent as is (the schema documents it, ajv need not re-serialise it).
    const raw: FastifyReply = reply;
    return raw.type(MEDIA_TYPES.jsonld).send(JSON.stringify(doc));
  });
};
export default catalog;
