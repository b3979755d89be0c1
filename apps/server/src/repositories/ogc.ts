// SQL for OGC API – Features, built once per catalog layer: identifiers come from the catalog (escaped), every
// request value is bound. Features are serialised to GeoJSON by PostgreSQL and passed through untouched.
import pg from 'pg';
import fp from 'fastify-plugin';
import { repository, type Queryable, type Repository } from './repository.ts';
import type { LayerDefinition, LayerProperty } from '@sigmun/domain/layers';
import { filterSql } from '@sigmun/tiles/mvt-sql';
import type { Bbox } from '@sigmun/domain/ogc';

const id = (s: string) => pg.escapeIdentifier(s);
const qualified = (name: string) => name.split('.').map(id).join('.');

const CAST: Record<LayerProperty['type'], string> = {
  string: 'text', integer: 'bigint', number: 'double precision', boolean: 'boolean', date: 'date',
};

/** The time span of a feature: a date property (or two: start/end), or the calendar year of `anio`. */
function temporalOf(layer: LayerDefinition): { start: string; end: string } | null {
  const dates = layer.properties.filter((p) => p.type === 'date');
  if (dates.length) return { start: `t.${id(dates[0].name)}`, end: `coalesce(t.${id((dates[1] ?? dates[0]).name)}, t.${id(dates[0].name)})` };
  if (layer.properties.some((p) => p.name === 'anio' && p.type === 'integer')) {
    return { start: 'make_date(t.anio::int, 1, 1)', end: 'make_date(t.anio::int, 12, 31)' };
  }
  return null;
}

export interface CollectionQueries {
  layer: LayerDefinition;
  temporal: boolean;
  /** Property names accepted as `?name=value` filters, with their SQL cast. */
  filters: ReadonlyArray<LayerProperty>;
  count: string;
  page: string;
  one: string;
  csv: string;
  extent: string;
}

/**
 * Builds the statements of one collection. Parameters: $1 bbox (float8[4] or null), $2/$3 datetime interval
 * (date or null), $4 filter values (text[] aligned with `filters`, null = no filter), then $5 limit, $6 offset.
 */
export function buildCollectionQueries(layer: LayerDefinition): CollectionQueries {
  const rel = qualified(layer.source.relation);
  const g = `t.${id(layer.source.geometryColumn)}`;
  const key = `t.${id(layer.source.keyColumn)}`;
  const temporal = temporalOf(layer);
  const filters = layer.properties;
  const fixed = (layer.filters ?? []).map((f) => `(${filterSql(f)})`);
  // Latitudes beyond ±85.05° have no Web Mercator image; the envelope is clamped before it is transformed.
  const where = [
    `($1::float8[] IS NULL OR ${g} && ST_Transform(ST_MakeEnvelope($1[1], greatest($1[2], -85.05), $1[3], least($1[4], 85.05), 4326), 3857))`,
    temporal
      ? `(($2::date IS NULL OR ${temporal.end} >= $2::date) AND ($3::date IS NULL OR ${temporal.start} <= $3::date)
          AND ($2::date IS NULL AND $3::date IS NULL OR ${temporal.start} IS NOT NULL))`
      : '($2::date IS NULL OR $3::date IS NULL OR true)',
    ...filters.map((p, i) => `($4::text[])[${i + 1}] IS NULL OR t.${id(p.name)} = ($4::text[])[${i + 1}]::${CAST[p.type]}`).map((c) => `(${c})`),
    // The catalog's fixed row filters: the collection holds exactly the rows its tiles draw.
    ...fixed,
  ].join('\n    AND ');
  const props = filters.map((p) => `${pg.escapeLiteral(p.name)}, t.${id(p.name)}`).join(', ');
  // The Feature's text is concatenated: ST_AsGeoJSON's text goes in as is. Cast to json inside json_build_object,
  // each geometry was parsed and printed again: 10–20 % of the page statement's CPU (bench/findings.md, finding 9).
  const feature = `('{"type":"Feature","id":' || to_json(${key})::text
      || ',"geometry":' || coalesce(ST_AsGeoJSON(ST_Transform(${g}, 4326), 7), 'null')
      || ',"properties":' || json_build_object(${props})::text || '}')`;
  return {
    layer,
    temporal: temporal !== null,
    filters,
    count: `SELECT count(*)::int AS n FROM ${rel} t WHERE ${where}`,
    // The page is chosen first, in a MATERIALIZED CTE planned on its own, and its JSON built after. Planned as one
    // query, the JSON's cost per row tipped the plan to a parallel seq scan of the whole table (its row estimate is
    // per worker, so the JSON looked cheaper): 900 ms instead of 44 ms for a z14 box at scale 10 on a busy 2-core
    // machine (bench/findings.md, "OGC items ÷ MapServer").
    page: `WITH page AS MATERIALIZED (SELECT * FROM ${rel} t WHERE ${where} ORDER BY ${key} LIMIT $5 OFFSET $6)
      SELECT coalesce(string_agg(f, ',' ORDER BY k), '') AS features, count(*)::int AS n FROM (
        SELECT ${key} AS k, ${feature}::text AS f FROM page t) s`,
    one: `SELECT ${feature}::text AS f FROM ${rel} t WHERE ${key} = $1::${layer.source.keyType === 'integer' ? 'bigint' : 'text'}${fixed.map((c) => ` AND ${c}`).join('')}`,
    csv: `SELECT ${filters.map((p) => `t.${id(p.name)}`).join(', ')},
        round(ST_X(ST_Transform(ST_PointOnSurface(${g}), 4326))::numeric, 7)::float8 AS lon,
        round(ST_Y(ST_Transform(ST_PointOnSurface(${g}), 4326))::numeric, 7)::float8 AS lat,
        ST_AsText(ST_Transform(${g}, 4326), 7) AS wkt
      FROM ${rel} t WHERE ${where} ORDER BY ${key} LIMIT $5 OFFSET $6`,
    extent: `SELECT ST_XMin(e) AS minx, ST_YMin(e) AS miny, ST_XMax(e) AS maxx, ST_YMax(e) AS maxy, a::text AS tmin, b::text AS tmax
      FROM (SELECT ST_Transform(ST_SetSRID(ST_Extent(${g})::geometry, 3857), 4326) AS e,
                   ${temporal ? `min(${temporal.start}) AS a, max(${temporal.end}) AS b` : 'NULL::date AS a, NULL::date AS b'}
            FROM ${rel} t${fixed.length ? ` WHERE ${fixed.join(' AND ')}` : ''}) x`,
  };
}

export interface ItemsArgs {
  bbox: Bbox | null;
  interval: [string | null, string | null] | null;
  filterValues: Array<string | null>;
  limit: number;
  offset: number;
}

const params = (a: ItemsArgs) => [a.bbox, a.interval?.[0] ?? null, a.interval?.[1] ?? null, a.filterValues];

/** Count of matching features and the page of features as one JSON text (comma-separated Feature objects). */
async function queryItems(db: Queryable, q: CollectionQueries, a: ItemsArgs): Promise<{ matched: number; returned: number; features: string }> {
  const page = await db.query<{ features: string; n: number }>(q.page, [...params(a), a.limit, a.offset]);
  const returned = page.rows[0].n;
  // A page that is not full ends the collection: the count is known without counting again.
  const matched = returned < a.limit && (returned > 0 || a.offset === 0)
    ? a.offset + returned
    : (await db.query<{ n: number }>(q.count, params(a))).rows[0].n;
  return { matched, returned, features: page.rows[0].features };
}

/** How many features match (the whole selection, before limit and offset). */
async function queryCount(db: Queryable, q: CollectionQueries, a: ItemsArgs): Promise<number> {
  return (await db.query<{ n: number }>(q.count, params(a))).rows[0].n;
}

/** One page of features as JSON text (comma-separated Feature objects) and how many it holds; no count. */
async function queryPage(db: Queryable, q: CollectionQueries, a: ItemsArgs): Promise<{ returned: number; features: string }> {
  const page = await db.query<{ features: string; n: number }>(q.page, [...params(a), a.limit, a.offset]);
  return { returned: page.rows[0].n, features: page.rows[0].features };
}

/** One feature as GeoJSON text, or null (also for an id that cannot be a key of this collection). */
async function queryItem(db: Queryable, q: CollectionQueries, featureId: string): Promise<string | null> {
  if (q.layer.source.keyType === 'integer' && !/^-?\d{1,18}$/.test(featureId)) return null;
  const { rows } = await db.query<{ f: string }>(q.one, [featureId]);
  return rows[0]?.f ?? null;
}

/** Rows for the CSV export, as arrays in column order (properties, lon, lat, wkt). */
async function queryCsvRows(db: Queryable, q: CollectionQueries, a: ItemsArgs): Promise<{ columns: string[]; rows: unknown[][] }> {
  const res = await db.query({ text: q.csv, values: [...params(a), a.limit, a.offset], rowMode: 'array' });
  return { columns: res.fields.map((f) => f.name), rows: res.rows as unknown[][] };
}

/** Spatial extent in CRS84 and the temporal interval of a collection (nulls when empty). */
async function queryExtent(db: Queryable, q: CollectionQueries): Promise<{ bbox: Bbox | null; interval: [string | null, string | null] | null }> {
  const { rows } = await db.query<{ minx: number | null; miny: number; maxx: number; maxy: number; tmin: string | null; tmax: string | null }>(q.extent);
  const r = rows[0];
  return {
    bbox: r && r.minx !== null ? [r.minx, r.miny, r.maxx, r.maxy] : null,
    interval: q.temporal ? [r?.tmin ?? null, r?.tmax ?? null] : null,
  };
}

const queries = { items: queryItems, count: queryCount, page: queryPage, item: queryItem, csvRows: queryCsvRows, extent: queryExtent };

declare module 'fastify' {
  interface FastifyInstance {
    /** OGC API – Features statements, run against the pool. */
    ogcRepository: Repository<typeof queries>;
  }
}

/** Decorates `app.ogcRepository`. */
export default fp(async (app) => {
  app.decorate('ogcRepository', repository(app.dbRead, queries));
}, { name: 'ogc-repository', dependencies: ['db'] });
