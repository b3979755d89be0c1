// Drawn-area statistics (POST /api/stats/area): a 5 × 4 km rectangle, as a planner would draw over a city
// district, centred on seeded blocks of the bench city; sequential requests so each one is a person waiting.
import type { BenchContext } from '../lib/context.ts';
import { startAppServer } from '../lib/children.ts';
import { measured, type Figure } from '../lib/figures.ts';
import { median, quantile, round } from '../lib/stats.ts';

const AREA = { id: 'area_stats_5x4km', name: 'drawn-area statistics, 5 × 4 km polygon, p50', target: '< 1000 ms' };
export const AREA_FIGURES = [AREA];

/** A w × h metre rectangle around a WGS84 point, as a GeoJSON Polygon (local degrees per metre). */
function rectangle(lon: number, lat: number, w: number, h: number): object {
  const dx = w / 2 / (111_320 * Math.cos((lat * Math.PI) / 180));
  const dy = h / 2 / 110_574;
  return { type: 'Polygon', coordinates: [[[lon - dx, lat - dy], [lon + dx, lat - dy], [lon + dx, lat + dy], [lon - dx, lat + dy], [lon - dx, lat - dy]]] };
}

/** p50 and p90 of the area statistics of 5 × 4 km rectangles around seeded blocks (target p50 < 1 s). */
export async function areaStats(ctx: BenchContext): Promise<Figure[]> {
  const n = ctx.quick ? 4 : 12;
  const { rows } = await ctx.pool.query<{ lon: number; lat: number }>(
    `SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (
       SELECT ST_Transform(ST_PointOnSurface(geom), 4326) AS p FROM carto.manzanas ORDER BY md5(cvegeo || $1::text) LIMIT $2) q`,
    [`area${ctx.seed}`, n],
  );
  const server = await startAppServer({ databaseUrl: ctx.databaseUrl, tileCacheBytes: ctx.cacheBytes, logLevel: ctx.logLevel });
  try {
    const post = (g: object) => fetch(`${server.base}/api/stats/area`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(g) });
    // One warm-up: the first request of a fresh server also plans and opens its connection.
    await (await post(rectangle(rows[0].lon, rows[0].lat, 5000, 4000))).arrayBuffer();
    const ms: number[] = [];
    for (const r of rows) {
      const s = performance.now();
      const res = await post(rectangle(r.lon, r.lat, 5000, 4000));
      const body = await res.text();
      if (res.status !== 200) throw new Error(`POST /api/stats/area → ${res.status}: ${body.slice(0, 160)}`);
      ms.push(performance.now() - s);
    }
    const p50 = median(ms);
    return [measured({
      ...AREA, value: round(p50), unit: 'ms', pass: p50 < 1000,
      note: `${ms.length} sequential requests around seeded blocks; p90 ${round(quantile(ms, 0.9))} ms`,
      details: { ms: ms.map(round) },
    })];
  } finally {
    await server.stop();
  }
}
