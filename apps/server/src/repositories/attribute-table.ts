// SQL of the attribute table, built once per catalog layer: the layer's catalog properties (never other columns of
// the relation) aggregated column by column, and each row's box, in key order. Identifiers come from the catalog
// (escaped); there is no request value to bind.
import pg from 'pg';
import fp from 'fastify-plugin';
import { repository, type Queryable, type Repository } from './repository.ts';
import { ATTRIBUTE_BBOX_DECIMALS } from '@sigmun/domain/attribute-table';
import type { LayerDefinition } from '@sigmun/domain/layers';
import { filterSql } from '@sigmun/tiles/mvt-sql';

const id = (s: string) => pg.escapeIdentifier(s);
const qualified = (name: string) => name.split('.').map(id).join('.');

/** The one statement of a layer's table. */
export interface TableQuery {
  layer: LayerDefinition;
  columns: string[];
  sql: string;
}

/** Builds the statement that reads a layer's whole attribute table as JSON text (PostgreSQL serialises it). */
export function buildTableQuery(layer: LayerDefinition): TableQuery {
  const g = `t.${id(layer.source.geometryColumn)}`;
  const columns = layer.properties.map((p) => p.name);
  const fixed = (layer.filters ?? []).map((f) => `(${filterSql(f)})`);
  const round = (fn: string) => `round(${fn}(e)::numeric, ${ATTRIBUTE_BBOX_DECIMALS})`;
  // One pass over the rows numbered in key order; each aggregate orders by that number, so the columns and the
  // boxes line up row for row. The box of a Web Mercator box is a box in degrees (the projection is separable).
  const sql = `WITH r AS (
      SELECT row_number() OVER (ORDER BY t.${id(layer.source.keyColumn)}) AS i,
             ${columns.map((c, n) => `t.${id(c)} AS c${n}`).join(', ')},
             CASE WHEN ${g} IS NULL THEN NULL ELSE ST_Transform(ST_Envelope(${g}), 4326)::box2d END AS e
      FROM ${qualified(layer.source.relation)} t${fixed.length ? ` WHERE ${fixed.join(' AND ')}` : ''})
    SELECT count(*)::int AS n,
           json_build_array(${columns.map((_c, n) => `coalesce(json_agg(c${n} ORDER BY i), '[]'::json)`).join(', ')})::text AS "values",
           coalesce(json_agg(CASE WHEN e IS NULL THEN NULL ELSE json_build_array(${['ST_XMin', 'ST_YMin', 'ST_XMax', 'ST_YMax'].map(round).join(', ')}) END ORDER BY i), '[]'::json)::text AS bbox
    FROM r`;
  return { layer, columns, sql };
}

/** The whole table of a layer: its row count, the columns' values and the boxes, as JSON texts. */
async function table(db: Queryable, q: TableQuery): Promise<{ count: number; values: string; bbox: string }> {
  const { rows } = await db.query<{ n: number; values: string; bbox: string }>(q.sql);
  return { count: rows[0].n, values: rows[0].values, bbox: rows[0].bbox };
}

const queries = { table };

declare module 'fastify' {
  interface FastifyInstance {
    /** Attribute tables of the catalog's layers, read on the pool. */
    attributeTableRepository: Repository<typeof queries>;
  }
}

/** Decorates `app.attributeTableRepository`. */
export default fp(async (app) => {
  app.decorate('attributeTableRepository', repository(app.db, queries));
}, { name: 'attribute-table-repository', dependencies: ['db'] });
