import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { LAYERS, type LayerProperty } from '@sigmun/domain/layers';
import {
  clampLimit, CRS84, OGC_CONFORMANCE, OgcCollection, OgcFeatureCollection, OgcLink, OgcQueryables, parseBbox, parseDatetime, queryablesOf,
  REL_QUERYABLES, type OgcLink as Link,
} from '@sigmun/domain/ogc';
import { Problem } from '@sigmun/domain/problem';
import { floatTextProblem, integerTextProblem, isIsoDateOrDateTime } from '@sigmun/domain/pg-values';
import { StringEnum } from '@sigmun/domain/schema';
import { badRequest, notFound } from '../../errors.ts';
import { buildCollectionQueries, type CollectionQueries, type ItemsArgs } from '../../repositories/ogc.ts';
import { DOWNLOAD_FILES, DOWNLOAD_FORMATS, downloadFileName, isDownloadFormat } from '@sigmun/domain/downloads';
import { csvStream, prepareDownload, selectionSize } from '../../services/downloads.ts';

const JSON_TYPE = 'application/json';
const GEOJSON = 'application/geo+json';
const RESERVED = new Set(['bbox', 'limit', 'offset', 'datetime', 'f']);
const EXTENT_TTL_MS = 60_000;

/** Sends text already serialised (GeoJSON from PostgreSQL, CSV): with a JSON type Fastify passes strings through. */
const sendText = (reply: FastifyReply, type: string, body: string) => reply.type(type).send(body);
/** Sends a file download as a stream (never serialised against the page schema). */
const sendStream = (reply: FastifyReply, type: string, body: NodeJS.ReadableStream) => reply.type(type).send(body);

const ItemsQuery = Type.Object(
  {
    bbox: Type.Optional(Type.String({ description: 'minLon,minLat,maxLon,maxLat (CRS84)' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, description: 'Máximo de elementos (100 por omisión; se recorta a 10 000)' })),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
    datetime: Type.Optional(Type.String({ description: 'Fecha o intervalo RFC 3339 (AAAA-MM-DD/AAAA-MM-DD, .. abierto)' })),
    f: Type.Optional(StringEnum(['json', ...DOWNLOAD_FORMATS] as const, {
      description: 'json: páginas GeoJSON (OGC API); geojson, csv, gpkg, shp (zip), kml: archivo de descarga de toda la selección',
    })),
  },
  { additionalProperties: Type.String({ maxLength: 200 }), description: 'Además: ?propiedad=valor para filtrar por igualdad' },
);

/** Checks a filter value against the property type so that PostgreSQL never sees a bad cast. */
function checkFilter(p: LayerProperty, v: string): void {
  const ok = p.type === 'integer' ? integerTextProblem(v) === null
    : p.type === 'number' ? floatTextProblem(v) === null
    : p.type === 'boolean' ? v === 'true' || v === 'false'
    : p.type === 'date' ? isIsoDateOrDateTime(v, { dateOnly: true })
    : true;
  if (!ok) throw badRequest(p.name, `El filtro "${p.name}" espera un valor de tipo ${p.type}`);
}

/** OGC API – Features Part 1 (Core, GeoJSON) over the layer catalog, plus CSV downloads. */
const ogcapi: FastifyPluginAsyncTypebox = async (app) => {
  const base = (req: FastifyRequest) => app.publicBase(req);
  const collections = new Map<string, CollectionQueries>(LAYERS.map((l) => [l.id, buildCollectionQueries(l)]));
  const extents = new Map<string, { at: number; value: Awaited<ReturnType<typeof app.ogcRepository.extent>> }>();

  const collectionOf = (id: string) => {
    const q = collections.get(id);
    if (!q) throw notFound(`No existe la colección "${id}"`);
    return q;
  };

  const describe = async (req: FastifyRequest, q: CollectionQueries): Promise<OgcCollection> => {
    const b = base(req);
    const l = q.layer;
    let cached = extents.get(l.id);
    if (!cached || Date.now() - cached.at > EXTENT_TTL_MS) {
      cached = { at: Date.now(), value: await app.ogcRepository.extent(q) };
      extents.set(l.id, cached);
    }
    const { bbox, interval } = cached.value;
    const href = `${b}/ogcapi/collections/${l.id}`;
    return {
      id: l.id,
      title: l.titulo,
      description: l.descripcion,
      itemType: 'feature',
      crs: [CRS84],
      ...(bbox ? { extent: { spatial: { bbox: [bbox], crs: CRS84 }, ...(interval ? { temporal: { interval: [interval] } } : {}) } } : {}),
      links: [
        { href, rel: 'self', type: JSON_TYPE, title: l.titulo },
        { href: `${href}/items`, rel: 'items', type: GEOJSON, title: `${l.titulo} (GeoJSON)` },
        ...DOWNLOAD_FORMATS.map((f): Link => ({ href: `${href}/items?f=${f}`, rel: 'enclosure', type: DOWNLOAD_FILES[f].type, title: `${l.titulo} (${DOWNLOAD_FILES[f].label})` })),
        { href: `${href}/queryables`, rel: REL_QUERYABLES, type: 'application/schema+json', title: `${l.titulo}: filtros` },
        { href: `${b}/ogcapi/collections`, rel: 'parent', type: JSON_TYPE },
      ],
    };
  };

  /** Turns the query string into bound arguments, rejecting what is malformed with the parameter's name. */
  const itemsArgs = (q: CollectionQueries, query: Record<string, unknown>, download: boolean): ItemsArgs => {
    let bbox: ItemsArgs['bbox'] = null;
    if (typeof query.bbox === 'string') {
      const r = parseBbox(query.bbox);
      if ('error' in r) throw badRequest('bbox', r.error);
      bbox = r.bbox;
    }
    let interval: ItemsArgs['interval'] = null;
    if (typeof query.datetime === 'string') {
      const r = parseDatetime(query.datetime);
      if ('error' in r) throw badRequest('datetime', r.error);
      interval = [r.interval[0]?.slice(0, 10) ?? null, r.interval[1]?.slice(0, 10) ?? null];
    }
    const byName = new Map(q.filters.map((p) => [p.name, p]));
    for (const k of Object.keys(query)) {
      if (!RESERVED.has(k) && !byName.has(k)) {
        throw badRequest(k, `Parámetro desconocido "${k}"; filtros posibles: ${q.filters.map((p) => p.name).join(', ')}`);
      }
    }
    const filterValues = q.filters.map((p) => {
      const v = query[p.name];
      if (typeof v !== 'string') return null;
      checkFilter(p, v);
      return v;
    });
    // A file download holds the whole selection unless a limit is asked (bounded by DOWNLOAD_MAX_FEATURES).
    const limit = download && query.limit === undefined ? Number.MAX_SAFE_INTEGER : clampLimit(query.limit as number | undefined);
    return { bbox, interval, filterValues, limit, offset: (query.offset as number | undefined) ?? 0 };
  };

  app.get('/ogcapi', {
    schema: {
      tags: ['ogcapi'], summary: 'Página de inicio de OGC API – Features',
      response: { 200: Type.Object({ title: Type.String(), description: Type.String(), links: Type.Array(OgcLink) }) },
    },
  }, async (req) => {
    const b = base(req);
    const links: Link[] = [
      { href: `${b}/ogcapi`, rel: 'self', type: JSON_TYPE, title: 'Esta página' },
      { href: `${b}/docs/json`, rel: 'service-desc', type: 'application/vnd.oai.openapi+json;version=3.0', title: 'Definición OpenAPI' },
      { href: `${b}/docs`, rel: 'service-doc', type: 'text/html', title: 'Documentación de la API' },
      { href: `${b}/ogcapi/conformance`, rel: 'conformance', type: JSON_TYPE, title: 'Clases de conformidad' },
      { href: `${b}/ogcapi/collections`, rel: 'data', type: JSON_TYPE, title: 'Colecciones' },
    ];
    return { title: 'SIG Municipal — OGC API – Features', description: 'Capas del SIG municipal como colecciones de elementos geográficos (GeoJSON y CSV).', links };
  });

  app.get('/ogcapi/conformance', {
    schema: { tags: ['ogcapi'], summary: 'Clases de conformidad', response: { 200: Type.Object({ conformsTo: Type.Array(Type.String()) }) } },
  }, async () => ({ conformsTo: [...OGC_CONFORMANCE] }));

  app.get('/ogcapi/collections', {
    schema: {
      tags: ['ogcapi'], summary: 'Colecciones (una por capa del catálogo)',
      response: { 200: Type.Object({ links: Type.Array(OgcLink), collections: Type.Array(OgcCollection) }) },
    },
  }, async (req) => ({
    links: [{ href: `${base(req)}/ogcapi/collections`, rel: 'self', type: JSON_TYPE }],
    collections: await Promise.all([...collections.values()].map((q) => describe(req, q))),
  }));

  const CollectionId = Type.Object({ collectionId: Type.String({ maxLength: 64 }) });

  app.get('/ogcapi/collections/:collectionId', {
    schema: { tags: ['ogcapi'], summary: 'Descripción de una colección', params: CollectionId, response: { 200: OgcCollection, 404: Problem } },
  }, async (req) => describe(req, collectionOf(req.params.collectionId)));

  app.get('/ogcapi/collections/:collectionId/queryables', {
    schema: {
      tags: ['ogcapi'], summary: 'Propiedades por las que se filtra una colección (?propiedad=valor en items)',
      params: CollectionId, response: { 200: OgcQueryables, 404: Problem },
    },
  }, async (req, reply) => {
    const q = collectionOf(req.params.collectionId);
    reply.type('application/schema+json');
    return queryablesOf(q.layer, `${base(req)}/ogcapi/collections/${q.layer.id}/queryables`);
  });

  app.get('/ogcapi/collections/:collectionId/items', {
    schema: {
      tags: ['ogcapi'],
      summary: 'Elementos de una colección (páginas GeoJSON; f=geojson|csv|gpkg|shp|kml descarga un archivo)',
      params: CollectionId,
      querystring: ItemsQuery,
      response: { 200: OgcFeatureCollection, 400: Problem, 404: Problem },
    },
  }, async (req, reply) => {
    const q = collectionOf(req.params.collectionId);
    const query = req.query as Record<string, unknown>;
    const f = query.f;
    const download = isDownloadFormat(f);
    const args = itemsArgs(q, query, download);
    if (download) {
      const limits = { maxFeatures: app.config.downloadMaxFeatures, tmpDir: app.config.downloadTmpDir };
      // The name is set once the file exists: a refused download answers a problem document, not an attachment.
      const attachment = () => reply.header('content-disposition', `attachment; filename="${downloadFileName(q.layer.id, f)}"`);
      if (f === 'csv') {
        // CSV keeps its own columns (properties, lon, lat, WKT) straight from PostgreSQL, streamed page by page.
        const total = await selectionSize(app, q, args, limits.maxFeatures);
        attachment();
        return sendStream(reply, DOWNLOAD_FILES.csv.type, csvStream(app, q, args, total));
      }
      const file = await prepareDownload(app, q, args, f, limits);
      attachment();
      reply.header('content-length', file.size);
      // A client that goes away closes the reply; the file stream is destroyed and its folder removed.
      reply.raw.once('close', () => file.stream.destroy());
      return sendStream(reply, DOWNLOAD_FILES[f].type, file.stream);
    }
    const r = await app.ogcRepository.items(q, args);
    const self = new URL(`${base(req)}${req.url}`);
    const pageLink = (offset: number, rel: string): Link => {
      const u = new URL(self);
      u.searchParams.set('offset', String(offset));
      u.searchParams.set('limit', String(args.limit));
      return { href: u.toString(), rel, type: GEOJSON };
    };
    const links: Link[] = [
      { href: self.toString(), rel: 'self', type: GEOJSON },
      { href: `${base(req)}/ogcapi/collections/${q.layer.id}`, rel: 'collection', type: JSON_TYPE },
    ];
    if (args.offset + r.returned < r.matched) links.push(pageLink(args.offset + args.limit, 'next'));
    if (args.offset > 0) links.push(pageLink(Math.max(0, args.offset - args.limit), 'prev'));
    // The features are already JSON text from PostgreSQL: wrap them, never parse them.
    const body = `{"type":"FeatureCollection","numberMatched":${r.matched},"numberReturned":${r.returned},`
      + `"timeStamp":${JSON.stringify(new Date().toISOString())},"links":${JSON.stringify(links)},"features":[${r.features}]}`;
    return sendText(reply, GEOJSON, body);
  });

  app.get('/ogcapi/collections/:collectionId/items/:featureId', {
    schema: {
      tags: ['ogcapi'],
      summary: 'Un elemento de una colección',
      params: Type.Object({ collectionId: Type.String({ maxLength: 64 }), featureId: Type.String({ maxLength: 64 }) }),
      response: { 200: Type.Object({ type: Type.Literal('Feature') }, { additionalProperties: true }), 404: Problem },
    },
  }, async (req, reply) => {
    const q = collectionOf(req.params.collectionId);
    const f = await app.ogcRepository.item(q, req.params.featureId);
    if (!f) throw notFound(`No existe el elemento "${req.params.featureId}" en la colección "${q.layer.id}"`);
    const b = base(req);
    const links: Link[] = [
      { href: `${b}/ogcapi/collections/${q.layer.id}/items/${encodeURIComponent(req.params.featureId)}`, rel: 'self', type: GEOJSON },
      { href: `${b}/ogcapi/collections/${q.layer.id}`, rel: 'collection', type: JSON_TYPE },
    ];
    // Splice the links into the feature object PostgreSQL serialised (it ends with "}").
    return sendText(reply, GEOJSON, `${f.slice(0, -1)},"links":${JSON.stringify(links)}}`);
  });
};
export default ogcapi;
