// OGC API – Features Part 1 (Core + GeoJSON): shared shapes and the pure rules for its query parameters.
import { Type, type Static } from '@sinclair/typebox';
import { isIsoDateOrDateTime } from './pg-values.ts';

export const OGC_CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-common-2/1.0/conf/collections',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters',
] as const;

/** Link relation of a collection's queryables (OGC API – Features Part 3). */
export const REL_QUERYABLES = 'http://www.opengis.net/def/rel/ogc/1.0/queryables';

export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
export const OGC_DEFAULT_LIMIT = 100;
export const OGC_MAX_LIMIT = 10_000;

export const OgcLink = Type.Object({
  href: Type.String(),
  rel: Type.String(),
  type: Type.Optional(Type.String()),
  title: Type.Optional(Type.String()),
});
export type OgcLink = Static<typeof OgcLink>;

export const OgcCollection = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.Optional(Type.String()),
  itemType: Type.Literal('feature'),
  crs: Type.Array(Type.String()),
  extent: Type.Optional(
    Type.Object({
      spatial: Type.Object({ bbox: Type.Array(Type.Array(Type.Number())), crs: Type.String() }),
      temporal: Type.Optional(Type.Object({ interval: Type.Array(Type.Array(Type.Union([Type.String(), Type.Null()]))) })),
    }),
  ),
  links: Type.Array(OgcLink),
});
export type OgcCollection = Static<typeof OgcCollection>;

export const OgcFeatureCollection = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(Type.Unknown()),
  numberMatched: Type.Optional(Type.Integer()),
  numberReturned: Type.Optional(Type.Integer()),
  timeStamp: Type.Optional(Type.String()),
  links: Type.Optional(Type.Array(OgcLink)),
});
export type OgcFeatureCollection = Static<typeof OgcFeatureCollection>;

export type Bbox = [number, number, number, number];

/** Parses an OGC bbox (minLon,minLat,maxLon,maxLat in CRS84; 6 numbers for 3-D); returns an error text when malformed. */
export function parseBbox(raw: string): { bbox: Bbox } | { error: string } {
  const parts = raw.split(',').map((s) => s.trim());
  if (parts.length !== 4 && parts.length !== 6) return { error: 'bbox debe tener 4 números: minLon,minLat,maxLon,maxLat' };
  if (parts.some((p) => p === '' || !Number.isFinite(Number(p)))) return { error: 'bbox debe contener sólo números' };
  const n = parts.map(Number);
  const [minx, miny, maxx, maxy] = parts.length === 4 ? n : [n[0], n[1], n[3], n[4]];
  if (minx < -180 || maxx > 180 || miny < -90 || maxy > 90) return { error: 'bbox fuera de rango (longitud ±180, latitud ±90)' };
  if (miny > maxy) return { error: 'bbox: la latitud mínima es mayor que la máxima' };
  // minx > maxx crosses the antimeridian: never a Mexican municipality, so reject rather than guess.
  if (minx > maxx) return { error: 'bbox: la longitud mínima es mayor que la máxima' };
  return { bbox: [minx, miny, maxx, maxy] };
}

/** Clamps a requested page size into 1..OGC_MAX_LIMIT (default OGC_DEFAULT_LIMIT), as Part 1 allows. */
export function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return OGC_DEFAULT_LIMIT;
  return Math.min(OGC_MAX_LIMIT, Math.max(1, Math.floor(limit)));
}

/**
 * Parses an RFC 3339 instant or interval ("2020-01-01", "2019-01-01/2021-12-31", "../2020-12-31") into
 * [start, end] ISO strings (null for open ends); an error text when malformed.
 */
export function parseDatetime(raw: string): { interval: [string | null, string | null] } | { error: string } {
  const iso = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?)?$/;
  // Date.parse reads 2021-02-29 as 1 March; PostgreSQL refuses it, and year 0000 too.
  const valid = (s: string) => iso.test(s) && isIsoDateOrDateTime(s) && !Number.isNaN(Date.parse(s));
  const parts = raw.split('/');
  if (parts.length === 1) {
    if (!valid(parts[0])) return { error: 'datetime debe ser una fecha RFC 3339 (AAAA-MM-DD) o un intervalo inicio/fin' };
    return { interval: [parts[0], parts[0]] };
  }
  if (parts.length !== 2) return { error: 'datetime: intervalo mal formado' };
  const [a, b] = parts.map((p) => (p === '..' || p === '' ? null : p));
  if ((a !== null && !valid(a)) || (b !== null && !valid(b))) return { error: 'datetime: fecha mal formada en el intervalo' };
  if (a === null && b === null) return { error: 'datetime: el intervalo no puede estar abierto por ambos extremos' };
  if (a !== null && b !== null && Date.parse(a) > Date.parse(b)) return { error: 'datetime: el inicio es posterior al fin' };
  return { interval: [a, b] };
}

/**
 * OGC API – Features Part 3 queryables of a collection: a JSON Schema of the properties worth offering as filters
 * (the catalog's `filterable` ones), each accepted as `?name=value` on the items route.
 */
// `$schema` and `$id` travel as additional properties: named in a route schema, the OpenAPI generator's reference
// resolver reads them as the schema's own identifiers and fails.
export const OgcQueryables = Type.Object({
  type: Type.Literal('object'),
  title: Type.String(),
  properties: Type.Record(Type.String(), Type.Object({
    title: Type.String(),
    type: Type.Union([Type.Literal('string'), Type.Literal('integer'), Type.Literal('number'), Type.Literal('boolean')]),
    format: Type.Optional(Type.Literal('date')),
    enum: Type.Optional(Type.Array(Type.Union([Type.String(), Type.Number()]))),
  })),
  additionalProperties: Type.Boolean(),
}, { additionalProperties: true });
export type OgcQueryables = Static<typeof OgcQueryables> & { $schema: string; $id: string };

/** The queryables document of a layer: its filterable properties as JSON Schema. */
export function queryablesOf(layer: { id: string; titulo: string; properties: ReadonlyArray<{ name: string; label: string; type: string; filterable?: boolean; values?: ReadonlyArray<{ value: string | number }> }> }, href: string): OgcQueryables {
  const properties: OgcQueryables['properties'] = {};
  for (const p of layer.properties) {
    if (!p.filterable) continue;
    properties[p.name] = {
      title: p.label,
      type: p.type === 'date' ? 'string' : (p.type as 'string' | 'integer' | 'number' | 'boolean'),
      ...(p.type === 'date' ? { format: 'date' as const } : {}),
      ...(p.values?.length ? { enum: p.values.map((v) => v.value) } : {}),
    };
  }
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', $id: href, type: 'object', title: layer.titulo, properties, additionalProperties: true };
}
