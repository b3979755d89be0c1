// Walking isochrones with pgRouting over carto.red_peatonal (migration 0201). The graph is cut to a box of
// minutes × speed around the origin before routing, so the cost does not grow with the size of the city.
import fp from 'fastify-plugin';
import { repository, type Queryable, type Repository } from './repository.ts';
import { WALK_M_PER_MIN } from '@sigmun/domain/projects';

/** Whether the pgrouting extension is installed in this database. */
async function hasPgRouting(db: Queryable): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM pg_extension WHERE extname = 'pgrouting'`);
  return rows.length > 0;
}

/**
 * The walk both queries start from, as CTEs over $1 lon, $2 lat, $3 minutes: the origin `o` (and its Mercator
 * scale `k`), the `start` node on the street nearest it, the `box` the graph is cut to, and the nodes `reached`
 * with their cost in minutes. Written once so the isochrone and the minutes to each project walk the same graph.
 */
const REACHED_CTES = `WITH o AS (
       SELECT ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4326), 3857) AS g,
              -- Web Mercator stretches lengths by 1/cos(lat): the box and buffer are given in true metres.
              1 / cos(radians($2)) AS k),
     start AS (
       SELECT CASE WHEN ST_Distance(ST_StartPoint(r.geom), o.g) <= ST_Distance(ST_EndPoint(r.geom), o.g) THEN r.source ELSE r.target END AS node,
              ST_Distance(r.geom, o.g) / o.k AS snap_m
       FROM carto.red_peatonal r, o
       ORDER BY r.geom <-> o.g
       LIMIT 1),
     box AS (SELECT ST_Expand(o.g, $3::float8 * ${WALK_M_PER_MIN} * o.k * 1.05) AS b FROM o),
     reached AS (
       SELECT d.node, d.agg_cost
       FROM start, box, pgr_drivingDistance(
         format('SELECT id, source, target, longitud_m / ${WALK_M_PER_MIN}.0 AS cost FROM carto.red_peatonal WHERE geom && %L::geometry', box.b),
         start.node, $3::float8, directed => false) d)`;

export interface IsochroneResult {
  /** GeoJSON geometry (WGS84) as text, or null when nothing is reachable. */
  geojson: string | null;
  /** The polygon in EPSG:3857 as EWKB hex, for spatial filters. */
  ewkb: string | null;
  nodes: number;
  /** Metres from the origin to the street where the walk starts. */
  snap_m: number | null;
}

/** The area reachable on foot from (lon, lat) within `minutes` along the streets: the hull of the reached network. */
async function walkIsochrone(db: Queryable, lon: number, lat: number, minutes: number): Promise<IsochroneResult> {
  const { rows } = await db.query<IsochroneResult>(
    `${REACHED_CTES},
     pieces AS (
       SELECT CASE
                WHEN s.agg_cost IS NOT NULL AND t.agg_cost IS NOT NULL THEN r.geom
                WHEN s.agg_cost IS NOT NULL THEN ST_LineSubstring(r.geom, 0, least(1, ($3::float8 - s.agg_cost) * ${WALK_M_PER_MIN} / nullif(r.longitud_m, 0)))
                ELSE ST_LineSubstring(r.geom, greatest(0, 1 - ($3::float8 - t.agg_cost) * ${WALK_M_PER_MIN} / nullif(r.longitud_m, 0)), 1)
              END AS geom
       FROM carto.red_peatonal r CROSS JOIN box
       LEFT JOIN reached s ON s.node = r.source
       LEFT JOIN reached t ON t.node = r.target
       WHERE r.geom && box.b AND (s.node IS NOT NULL OR t.node IS NOT NULL) AND r.longitud_m > 0),
     -- A concave hull of the reached points, widened by half a block: tens of milliseconds where buffering and
     -- dissolving thousands of street pieces takes seconds.
     poly AS (
       SELECT ST_Buffer(ST_ConcaveHull(ST_Collect(pt), 0.15), 30 * o.k, 'quad_segs=2') AS g
       FROM (SELECT ST_StartPoint(geom) AS pt FROM pieces UNION ALL SELECT ST_EndPoint(geom) FROM pieces) p, o
       GROUP BY o.k)
     SELECT ST_AsGeoJSON(ST_Transform(poly.g, 4326), 6) AS geojson, encode(ST_AsEWKB(poly.g), 'hex') AS ewkb,
            (SELECT count(*)::int FROM reached) AS nodes, (SELECT round(snap_m::numeric, 1)::float8 FROM start) AS snap_m
     FROM (SELECT 1) one LEFT JOIN poly ON true`,
    [lon, lat, minutes],
  );
  return rows[0];
}

/**
 * Walking minutes along the streets from (lon, lat) to each project of `ids` reachable within `minutes`: the
 * network cost to the reached street node nearest the project, plus the straight walk from the origin to its
 * street and from that node to the project (the two short legs off the network).
 */
async function walkMinutesTo(db: Queryable, lon: number, lat: number, minutes: number, ids: readonly number[]): Promise<Array<{ id: number; minutes: number }>> {
  if (!ids.length) return [];
  const { rows } = await db.query<{ id: number; minutes: number }>(
    `${REACHED_CTES},
     ends AS (
       SELECT DISTINCT ON (e.node) e.node, e.pt
       FROM (SELECT r.source AS node, ST_StartPoint(r.geom) AS pt FROM carto.red_peatonal r, box WHERE r.geom && box.b
             UNION ALL SELECT r.target, ST_EndPoint(r.geom) FROM carto.red_peatonal r, box WHERE r.geom && box.b) e),
     nodes AS (SELECT reached.agg_cost, ends.pt FROM reached JOIN ends USING (node))
     SELECT p.id, round((n.cost + (SELECT snap_m FROM start) / ${WALK_M_PER_MIN}.0)::numeric, 1)::float8 AS minutes
     FROM plan.projects p, o
     CROSS JOIN LATERAL (
       SELECT nodes.agg_cost + ST_Distance(nodes.pt, p.geom) / o.k / ${WALK_M_PER_MIN}.0 AS cost
       FROM nodes ORDER BY nodes.pt <-> p.geom LIMIT 1) n
     WHERE p.id = ANY($4::int[])`,
    [lon, lat, minutes, ids],
  );
  return rows;
}

const queries = { hasPgRouting, walk: walkIsochrone, walkMinutesTo };

declare module 'fastify' {
  interface FastifyInstance {
    /** Walking isochrones (pgRouting). */
    isochroneRepository: Repository<typeof queries>;
  }
}

/** Decorates `app.isochroneRepository`. */
export default fp(async (app) => {
  app.decorate('isochroneRepository', repository(app.dbRead, queries));
}, { name: 'isochrone-repository', dependencies: ['db'] });
