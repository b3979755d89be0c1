import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/test-app.ts';

const t = useTestApp('area-stats');

interface Ind { code: string; agregacion: string; valor: number | null; decimales: number; estimado: boolean }

/** A w × h metre rectangle around a WGS84 point. */
function rectangle(lon: number, lat: number, w: number, h: number) {
  const dx = w / 2 / (111_320 * Math.cos((lat * Math.PI) / 180));
  const dy = h / 2 / 110_574;
  return { type: 'Polygon', coordinates: [[[lon - dx, lat - dy], [lon + dx, lat - dy], [lon + dx, lat + dy], [lon - dx, lat + dy], [lon - dx, lat - dy]]] };
}

describe('drawn-area statistics', () => {
  it('count whole people over a 5 × 4 km polygon, labelled as an estimate, within the census total of the AGEBs it touches', async () => {
    const { rows: [c] } = await t.db.pool.query<{ lon: number; lat: number }>(
      `SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_Transform(ST_SetSRID(ST_Centroid(ST_Extent(geom)::geometry), 3857), 4326) AS p FROM carto.manzanas) q`);
    const poly = rectangle(c.lon, c.lat, 5000, 4000);
    const res = await t.app.inject({ method: 'POST', url: '/api/stats/area', payload: poly });
    expect(res.statusCode).toBe(200);
    const inds: Ind[] = res.json().indicators;
    const sums = inds.filter((i) => i.agregacion === 'sum' && i.valor !== null);
    expect(sums.length).toBeGreaterThan(5);
    for (const s of sums) {
      expect(Number.isInteger(s.valor), `${s.code} = ${s.valor}`).toBe(true);
      expect(s.decimales).toBe(0);
    }
    const pob = inds.find((i) => i.code === 'pob_tot')!;
    // A rectangle cuts blocks at its edges: the count is apportioned, hence an estimate.
    expect(pob.estimado).toBe(true);
    // Between the people of the AGEBs wholly inside and those of every AGEB it touches (independent SQL).
    const { rows: [b] } = await t.db.pool.query<{ inside: number; touched: number }>(
      `WITH p AS (SELECT ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326), 3857) AS g),
            yr AS (SELECT max(anio) AS anio FROM stats.indicator_values WHERE indicator = 'pob_tot' AND nivel = 'ageb')
       SELECT coalesce(sum(v.valor) FILTER (WHERE ST_CoveredBy(a.geom, p.g)), 0) AS inside, sum(v.valor) AS touched
       FROM carto.agebs a, p, yr JOIN stats.indicator_values v ON v.indicator = 'pob_tot' AND v.nivel = 'ageb' AND v.anio = yr.anio
       WHERE v.clave = a.cvegeo AND ST_Intersects(a.geom, p.g)`, [JSON.stringify(poly)]);
    expect(pob.valor!).toBeGreaterThanOrEqual(b.inside);
    expect(pob.valor!).toBeLessThanOrEqual(b.touched);
  });

  it('an AGEB drawn exactly is its census figure, not an estimate', async () => {
    const { rows: [a] } = await t.db.pool.query<{ valor: number; g: object }>(
      `SELECT v.valor, ST_AsGeoJSON(ST_Transform(a.geom, 4326), 9)::json AS g FROM carto.agebs a
       JOIN stats.indicator_values v ON v.clave = a.cvegeo AND v.nivel = 'ageb' AND v.indicator = 'pob_tot'
       WHERE v.valor > 0 ORDER BY v.anio DESC, a.cvegeo LIMIT 1`);
    const res = await t.app.inject({ method: 'POST', url: '/api/stats/area', payload: a.g });
    const pob = (res.json().indicators as Ind[]).find((i) => i.code === 'pob_tot')!;
    expect(pob.valor).toBe(Math.round(a.valor));
    expect(pob.estimado).toBe(false);
  });
});
