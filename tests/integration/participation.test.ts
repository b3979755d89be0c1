import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/test-app.ts';


const t = useTestApp('participation');

describe('participation', () => {
  it('results per zone match partic.results', async () => {
    const { rows } = await t.db.pool.query(`SELECT p.clave, sum(r.participantes)::int part, count(*)::int zonas FROM partic.results r JOIN partic.processes p ON p.id = r.process_id GROUP BY 1 ORDER BY 1 LIMIT 1`);
    const res = (await t.app.inject(`/api/participation/processes/${rows[0].clave}/results`)).json();
    expect(res.totales.participantes).toBe(rows[0].part);
    expect(res.zones.filter((z: { participantes: number | null }) => z.participantes !== null)).toHaveLength(rows[0].zonas);
    const props = (await t.app.inject(`/api/participation/processes/${rows[0].clave}/proposals`)).json();
    const { rows: n } = await t.db.pool.query('SELECT count(*)::int n FROM partic.proposals pp JOIN partic.processes p ON p.id = pp.process_id WHERE p.clave = $1', [rows[0].clave]);
    expect(props.features).toHaveLength(n[0].n);
  });

  it('finds the zone of a point', async () => {
    const { rows } = await t.db.pool.query(`SELECT z.id, p.clave, ST_X(c) x, ST_Y(c) y FROM partic.zones z JOIN partic.processes p ON p.id = z.process_id,
      ST_Transform(ST_PointOnSurface(z.geom), 4326) c ORDER BY z.id LIMIT 1`);
    const res = (await t.app.inject(`/api/participation/zone?lon=${rows[0].x}&lat=${rows[0].y}&process=${rows[0].clave}`)).json();
    expect(res.zone.zone_id).toBe(rows[0].id);
  });

  it('answers every bad input of every endpoint with a 4xx problem that names the cause', async () => {
    const bad: Array<string | { method: 'POST' | 'PATCH'; url: string; payload: unknown }> = [
      '/ogcapi/collections/manzanas/items?bbox=a', '/ogcapi/collections/manzanas/items?bbox=10,10,0,0', '/ogcapi/collections/manzanas/items?limit=-1',
      '/ogcapi/collections/manzanas/items?offset=x', '/ogcapi/collections/manzanas/items?datetime=ayer', '/ogcapi/collections/proyectos/items?anio=dos',
      '/ogcapi/collections/manzanas/items?desconocido=1', '/ogcapi/collections/x%27;drop/items', '/ogcapi/collections/manzanas/items/%00',
      '/api/indicators/nada', '/api/indicators/POB', '/api/indicators/pob_tot?level=planeta', '/api/indicators/pob_tot?year=1800',
      '/api/indicators/pob_tot?year=2015', '/api/indicators/pob_tot/breaks?classes=2', '/api/indicators/pob_tot/breaks?method=magia',
      '/api/indicators/pob_tot/change?from=2010', '/api/indicators/pob_tot/change?from=2010&to=2010', '/api/indicators/pob_tot/change?from=2011&to=2020',
      '/api/search', '/api/search?q=a', '/api/search?q=centro&limit=0', '/api/search?q=centro&types=',
      '/api/projects?bbox=1,2', '/api/projects?estatus=perdido', '/api/projects?eje=x', '/api/projects?limit=100000', '/api/projects/0', '/api/projects/abc',
      '/api/projects/near?lon=200&lat=0', '/api/projects/near?lon=1', '/api/projects/near?lon=1&lat=1&radius_m=-5', '/api/projects/near?lon=1&lat=1&walk_minutes=90',
      '/api/isochrone?lon=1&lat=1&minutes=0', '/api/isochrone?lon=x&lat=1&minutes=5', '/api/isochrone?lon=0&lat=0&minutes=5',
      '/api/participation/processes/nada/results', '/api/participation/processes/nada/proposals', '/api/participation/zone?lon=0&lat=0',
      '/api/participation/zone?lon=a&lat=0',
      { method: 'POST', url: '/api/stats/area', payload: { type: 'Point', coordinates: [0, 0] } },
      { method: 'POST', url: '/api/stats/area', payload: { type: 'Polygon', coordinates: [[[0, 0], [1, 1]]] } },
      { method: 'POST', url: '/api/stats/area', payload: { type: 'Polygon', coordinates: [[[0, 0], [500, 1], [1, 0], [0, 0]]] } },
      { method: 'POST', url: '/api/stats/area', payload: { type: 'Polygon', coordinates: [[[-110, 20], [-100, 20], [-100, 30], [-110, 30], [-110, 20]]] } },
      { method: 'POST', url: '/api/stats/area', payload: 'no es json' },
      { method: 'PATCH', url: '/api/projects/1', payload: { avance: 500 } },
    ];
    for (const b of bad) {
      const res = typeof b === 'string' ? await t.app.inject(b) : await t.app.inject({ ...b, payload: b.payload as string });
      const label = typeof b === 'string' ? b : `${b.method} ${b.url} ${JSON.stringify(b.payload)}`;
      expect(res.statusCode, label).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, label).toBeLessThan(500);
      expect(res.headers['content-type'], label).toMatch(/problem\+json/);
      const p = res.json();
      expect(p.parameter ?? p.detail, label).toBeTruthy();
    }
  });
});
