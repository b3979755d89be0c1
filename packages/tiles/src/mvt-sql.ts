// Tile SQL, built once per layer and zoom band from the catalog (martin's way): identifiers and catalog literals
// are escaped here, and a request binds only $1 = z, $2 = x, $3 = y.
import pg from 'pg';
import { labelPointsLayerId, splitQualified, type Generalisation, type LayerDefinition, type LayerFilter } from '@sigmun/domain/layers';

/** MVT extent and buffer, in tile units. */
export const MVT_EXTENT = 4096;
export const MVT_BUFFER = 64;

const id = (s: string) => pg.escapeIdentifier(s);
const lit = (v: string | number) => (typeof v === 'number' ? (Number.isFinite(v) ? String(v) : 'NULL') : pg.escapeLiteral(v));

/** A quoted, schema-qualified relation name. */
export function qualified(name: string): string {
  const q = splitQualified(name);
  return `${id(q.schema)}.${id(q.name)}`;
}

/** SQL predicate for one catalog filter on alias t. */
export function filterSql(f: LayerFilter, alias = 't'): string {
  const col = `${alias}.${id(f.property)}`;
  switch (f.op) {
    case 'eq':
      return `${col} = ${lit(f.value as string | number)}`;
    case 'in':
      return `${col} IN (${(f.value as ReadonlyArray<string | number>).map(lit).join(', ')})`;
    case 'gte':
      return `${col} >= ${lit(f.value as string | number)}`;
    case 'lte':
      return `${col} <= ${lit(f.value as string | number)}`;
    case 'not_null':
      return `${col} IS NOT NULL`;
  }
}

/** The generalisation rule for zoom z (the first whose maxzoom ≥ z), or none at full detail. */
export function generalisationAt(layer: LayerDefinition, z: number): Generalisation | undefined {
  return [...layer.generalisation].sort((a, b) => a.maxzoom - b.maxzoom).find((g) => z <= g.maxzoom);
}

/** Whether the layer is drawn at zoom z (below minzoom its tile part is empty). */
export function layerVisibleAt(layer: LayerDefinition, z: number): boolean {
  return z >= layer.minzoom;
}

// Metres per pixel of a 256 px tile at zoom $1, and the envelopes; one definition shared by every layer query.
const PX = `(${(2 * 20037508.342789244).toFixed(6)} / (256 * 2 ^ $1::int))`;
const ENV = 'ST_TileEnvelope($1::int, $2::int, $3::int)';
const ENV_MARGIN = `ST_TileEnvelope($1::int, $2::int, $3::int, margin => ${MVT_BUFFER / MVT_EXTENT})`;

/** The SELECT list of a layer's catalog properties from `alias`, typed as its tiles carry them (the bench's MapServer peer reads the same). */
export function propertyList(layer: LayerDefinition, alias: string): string {
  return layer.properties
    .map((p) => {
      const col = `${alias}.${id(p.name)}`;
      // MVT has no date type: dates travel as ISO strings; numerics as doubles.
      if (p.type === 'date') return `to_char(${col}, 'YYYY-MM-DD') AS ${id(p.name)}`;
      if (p.type === 'number') return `${col}::double precision AS ${id(p.name)}`;
      return `${col} AS ${id(p.name)}`;
    })
    .join(', ');
}

function featureIdArg(layer: LayerDefinition): string {
  // ST_AsMVT feature ids must be integers; string keys (CVEGEO) travel as a property for promoteId.
  return layer.source.keyType === 'integer' ? `, ${lit('__fid')}` : '';
}

// Rows are ordered by key: concurrent (synchronised) scans would otherwise reorder features, and equal data must
// give equal bytes, so ETags survive restarts and archives match the live tiles.

/**
 * A scalar SQL expression yielding the MVT bytes of one layer at zoom z (empty bytea when nothing intersects),
 * with $1, $2, $3 = z, x, y. z only selects the generalisation band; it is still bound, never inlined.
 */
export function layerTileExpression(layer: LayerDefinition, z: number): string {
  const gen = generalisationAt(layer, z);
  const rel = qualified(gen?.relation ?? layer.source.relation);
  const geom = `t.${id(layer.source.geometryColumn)}`;
  const key = `t.${id(layer.source.keyColumn)}`;
  const where = [`${geom} && ${ENV_MARGIN}`, ...(layer.filters ?? []).map((f) => filterSql(f)), ...(gen?.where ?? []).map((f) => filterSql(f))];
  if (gen?.minAreaPx && layer.geometry === 'polygon') where.push(`ST_Area(${geom}) >= ${gen.minAreaPx} * ${PX} * ${PX}`);
  if (gen?.minLengthPx && layer.geometry === 'line') where.push(`ST_Length(${geom}) >= ${gen.minLengthPx} * ${PX}`);
  const simplified = gen?.simplifyPx ? `ST_Simplify(${geom}, ${gen.simplifyPx} * ${PX}, true)` : geom;
  const fid = layer.source.keyType === 'integer' ? `, ${key} AS "__fid"` : '';
  const name = lit(layer.id);

  if (layer.cluster && z <= layer.cluster.maxzoom) {
    // Points snap to a world-aligned grid of radiusPx cells; rows are read from the tile grown by one cell so that a
    // cluster straddling the tile edge has the same members, count and position in both neighbouring tiles.
    const cell = `(${layer.cluster.radiusPx} * ${PX})`;
    const baseWhere = where.filter((w) => !w.startsWith(`${geom} &&`));
    return `(SELECT COALESCE(ST_AsMVT(q, ${name}, ${MVT_EXTENT}, 'geom'${featureIdArg(layer)}), ''::bytea) FROM (
  SELECT ST_AsMVTGeom(CASE WHEN c.n = 1 THEN ${simplified} ELSE c.p END, ${ENV}, ${MVT_EXTENT}, ${MVT_BUFFER}, true) AS geom,
         CASE WHEN c.n > 1 THEN c.n END AS point_count${fid}, ${propertyList(layer, 't')}
  FROM (
    SELECT count(*)::int AS n, min(pt.k) AS k, ST_Centroid(ST_Collect(pt.p)) AS p
    FROM (SELECT ${key} AS k, ST_PointOnSurface(${geom}) AS p FROM ${rel} t
          WHERE ${[`${geom} && ST_Expand(${ENV_MARGIN}, ${cell})`, ...baseWhere].join(' AND ')}) pt
    GROUP BY ST_SnapToGrid(pt.p, ${cell})
  ) c
  LEFT JOIN ${rel} t ON c.n = 1 AND ${key} = c.k
  WHERE c.p && ${ENV_MARGIN}
  ORDER BY c.k
) q WHERE q.geom IS NOT NULL)`;
  }

  const labels = layer.style.labelPoints && layer.geometry === 'polygon' ? `\n || ${labelPointsExpression(layer)}` : '';
  return `(SELECT COALESCE(ST_AsMVT(q, ${name}, ${MVT_EXTENT}, 'geom'${featureIdArg(layer)}), ''::bytea) FROM (
  SELECT ST_AsMVTGeom(${simplified}, ${ENV}, ${MVT_EXTENT}, ${MVT_BUFFER}, true) AS geom${fid}, ${propertyList(layer, 't')}
  FROM ${rel} t
  WHERE ${where.join('\n    AND ')}
  ORDER BY ${key}${gen?.relation ? `, ST_XMin(${geom}), ST_YMin(${geom})` : ''}
) q WHERE q.geom IS NOT NULL)${labels}`;
}

/**
 * One point per polygon (ST_PointOnSurface) in the single tile whose half-open extent holds it, so that a polygon
 * spanning many tiles carries its name once. Read from the full-detail relation: the point must not move by zoom.
 */
function labelPointsExpression(layer: LayerDefinition): string {
  const rel = qualified(layer.source.relation);
  const geom = `t.${id(layer.source.geometryColumn)}`;
  const fid = layer.source.keyType === 'integer' ? `, p.${id(layer.source.keyColumn)} AS "__fid"` : '';
  return `(SELECT COALESCE(ST_AsMVT(q, ${lit(labelPointsLayerId(layer.id))}, ${MVT_EXTENT}, 'geom'${featureIdArg(layer)}), ''::bytea) FROM (
  SELECT ST_AsMVTGeom(p."__pt", ${ENV}, ${MVT_EXTENT}, 0, false) AS geom${fid}, ${propertyList(layer, 'p')}
  FROM (SELECT ST_PointOnSurface(${geom}) AS "__pt", t.* FROM ${rel} t WHERE ${geom} && ${ENV}) p
  WHERE ST_X(p."__pt") >= ST_XMin(${ENV}) AND ST_X(p."__pt") < ST_XMax(${ENV})
    AND ST_Y(p."__pt") > ST_YMin(${ENV}) AND ST_Y(p."__pt") <= ST_YMax(${ENV})
  ORDER BY p.${id(layer.source.keyColumn)}
) q WHERE q.geom IS NOT NULL)`;
}

/**
 * One statement returning column `mvt` with the tile of every given layer visible at z; protobuf layers concatenate,
 * so a multi-layer tile is the byte concatenation of single-layer tiles. Null when no layer is drawn at z.
 */
export function tileStatement(layers: ReadonlyArray<LayerDefinition>, z: number): string | null {
  const parts = layers.filter((l) => layerVisibleAt(l, z)).map((l) => layerTileExpression(l, z));
  if (parts.length === 0) return null;
  return `SELECT ${parts.join('\n || ')} AS mvt`;
}
