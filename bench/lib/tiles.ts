// The fixed, seeded tile list: points drawn inside the city (on blocks, where users look, and anywhere in the
// municipality, where they pan), converted to tiles per zoom. Same seed → same list on every run.
import type pg from 'pg';
import { seededRandom, shuffled } from './stats.ts';

export interface Tile {
  z: number;
  x: number;
  y: number;
}

export const WORLD_HALF = 20037508.342789244;
const HALF = WORLD_HALF;

/** The tile containing an EPSG:3857 point at zoom z. */
export function tileOf(mx: number, my: number, z: number): Tile {
  const n = 2 ** z;
  const x = Math.min(n - 1, Math.max(0, Math.floor(((mx + HALF) / (2 * HALF)) * n)));
  const y = Math.min(n - 1, Math.max(0, Math.floor(((HALF - my) / (2 * HALF)) * n)));
  return { z, x, y };
}

export const tileKey = (t: Tile): string => `${t.z}/${t.x}/${t.y}`;

/**
 * Up to `perZoom` distinct tiles per zoom in [minZoom, maxZoom]: two thirds on manzanas, one third anywhere in
 * the municipio. Low zooms have fewer distinct tiles than asked (the whole city is one or two tiles at z8).
 */
export async function seededTiles(
  client: Pick<pg.Pool, 'query'> | pg.ClientBase,
  opts: { seed: number; perZoom: number; minZoom: number; maxZoom: number },
): Promise<Map<number, Tile[]>> {
  const n = opts.perZoom * 3;
  const { rows } = await client.query<{ x: number; y: number }>(
    `WITH onblocks AS (
       SELECT ST_PointOnSurface(geom) AS p FROM carto.manzanas ORDER BY md5(cvegeo || $1::text) LIMIT $2
     ), anywhere AS (
       SELECT (ST_Dump(ST_GeneratePoints(ST_Union(geom), $3::int, $4::int))).geom AS p FROM carto.municipio
     )
     SELECT ST_X(p) AS x, ST_Y(p) AS y FROM (SELECT p FROM onblocks UNION ALL SELECT p FROM anywhere) q`,
    [String(opts.seed), Math.ceil((n * 2) / 3), Math.ceil(n / 3), opts.seed],
  );
  if (rows.length === 0) throw new Error('no manzanas or municipio to draw tiles from');
  const points = shuffled(rows, seededRandom(opts.seed));
  const out = new Map<number, Tile[]>();
  for (let z = opts.minZoom; z <= opts.maxZoom; z++) {
    const seen = new Map<string, Tile>();
    for (const r of points) {
      const t = tileOf(r.x, r.y, z);
      if (!seen.has(tileKey(t))) seen.set(tileKey(t), t);
      if (seen.size >= opts.perZoom) break;
    }
    out.set(z, [...seen.values()]);
  }
  return out;
}
