import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/test-app.ts';


const t = useTestApp('ogcapi');

describe('OGC API – Features', () => {
  it('advertises the core and GeoJSON conformance classes and item links QGIS follows', async () => {
    const conf = (await t.app.inject('/ogcapi/conformance')).json();
    expect(conf.conformsTo).toContain('http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core');
    expect(conf.conformsTo).toContain('http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson');
    const landing = (await t.app.inject('/ogcapi')).json();
    expect(landing.links.map((l: { rel: string }) => l.rel)).toEqual(expect.arrayContaining(['self', 'conformance', 'data', 'service-desc']));
    const cols = (await t.app.inject('/ogcapi/collections')).json();
    const manz = cols.collections.find((c: { id: string }) => c.id === 'manzanas');
    expect(manz.links).toContainEqual(expect.objectContaining({ rel: 'items', type: 'application/geo+json' }));
    expect(manz.extent.spatial.bbox[0]).toHaveLength(4);
  });

  it('numberMatched equals an independent count of features intersecting the bbox', async () => {
    const { rows } = await t.db.pool.query(`SELECT ST_XMin(e) x0, ST_YMin(e) y0, ST_XMax(e) x1, ST_YMax(e) y1 FROM (
      SELECT ST_Transform(ST_Buffer(ST_PointOnSurface(geom), 800), 4326) e FROM carto.manzanas ORDER BY cvegeo LIMIT 1 OFFSET 500) s`);
    const b = [rows[0].x0, rows[0].y0, rows[0].x1, rows[0].y1];
    const { rows: cnt } = await t.db.pool.query(
      `SELECT count(*)::int n FROM carto.manzanas WHERE geom && ST_Transform(ST_MakeEnvelope($1, $2, $3, $4, 4326), 3857)`, b,
    );
    const res = await t.app.inject(`/ogcapi/collections/manzanas/items?bbox=${b.join(',')}&limit=5`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/geo\+json/);
    const fc = res.json();
    expect(cnt[0].n).toBeGreaterThan(5);
    expect(fc.numberMatched).toBe(cnt[0].n);
    expect(fc.numberReturned).toBe(5);
    expect(fc.features).toHaveLength(5);
    expect(fc.links.find((l: { rel: string }) => l.rel === 'next').href).toContain('offset=5');
    const [lon, lat] = fc.features[0].geometry.coordinates[0][0][0];
    expect(lon).toBeGreaterThanOrEqual(-180);
    expect(Math.abs(lat)).toBeLessThanOrEqual(90);
  });

  it('clamps the limit to 10 000 and filters by property', async () => {
    const fc = (await t.app.inject('/ogcapi/collections/manzanas/items?limit=999999')).json();
    const { rows } = await t.db.pool.query('SELECT count(*)::int n FROM carto.manzanas');
    expect(fc.numberReturned).toBe(Math.min(10_000, rows[0].n));
    const { rows: st } = await t.db.pool.query(`SELECT estatus, count(*)::int n FROM plan.projects GROUP BY 1 ORDER BY 2 DESC LIMIT 1`);
    const byStatus = (await t.app.inject(`/ogcapi/collections/proyectos/items?estatus=${st[0].estatus}`)).json();
    expect(byStatus.numberMatched).toBe(st[0].n);
  });

  it('returns one feature, 404 for unknown ones, 400 naming bbox when malformed', async () => {
    const { rows } = await t.db.pool.query('SELECT id, nombre FROM carto.equipamiento ORDER BY id LIMIT 1');
    const f = (await t.app.inject(`/ogcapi/collections/equipamiento/items/${rows[0].id}`)).json();
    expect(f.properties.nombre).toBe(rows[0].nombre);
    expect((await t.app.inject('/ogcapi/collections/equipamiento/items/abc')).statusCode).toBe(404);
    expect((await t.app.inject('/ogcapi/collections/nada/items')).statusCode).toBe(404);
    const bad = await t.app.inject('/ogcapi/collections/manzanas/items?bbox=1,2,x,4');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().parameter).toBe('bbox');
  });

  it('serves CSV in UTF-8 with a BOM and lon/lat/WKT columns', async () => {
    const res = await t.app.inject('/ogcapi/collections/colonias/items?f=csv');
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const raw = res.rawPayload;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0].split(',')).toEqual(expect.arrayContaining(['nombre', 'lon', 'lat', 'wkt']));
    const { rows } = await t.db.pool.query('SELECT count(*)::int n FROM carto.colonias');
    expect(lines.length - 1).toBe(rows[0].n);
  });
});
