import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/test-app.ts';


const t = useTestApp('indicators');

describe('statistics', () => {
  it('lists the catalog and the values of one indicator with nulls counted', async () => {
    const cat = (await t.app.inject('/api/indicators')).json();
    const { rows } = await t.db.pool.query('SELECT count(*)::int n FROM stats.indicators');
    expect(cat.indicators).toHaveLength(rows[0].n);
    const res = (await t.app.inject('/api/indicators/pob_tot?level=colonia&year=2020')).json();
    const { rows: v } = await t.db.pool.query(
      `SELECT count(*)::int n, count(*) FILTER (WHERE valor IS NULL)::int nulls FROM stats.indicator_values WHERE indicator='pob_tot' AND nivel='colonia' AND anio=2020`,
    );
    expect(res.values).toHaveLength(v[0].n);
    expect(res.nulls).toBe(v[0].nulls);
    expect(res.values.every((x: { nombre: string | null }) => x.nombre)).toBe(true);
  });

  it('ranks descending with a limit', async () => {
    const res = (await t.app.inject('/api/indicators/pob_tot?level=ageb&sort=desc&limit=5')).json();
    const { rows } = await t.db.pool.query(
      `SELECT clave FROM stats.indicator_values WHERE indicator='pob_tot' AND nivel='ageb' AND anio=$1 AND valor IS NOT NULL ORDER BY valor DESC, clave LIMIT 5`, [res.year],
    );
    expect(res.values.map((x: { clave: string }) => x.clave)).toEqual(rows.map((r) => r.clave));
    expect(res.values[0].rank).toBe(1);
  });

  it('breaks: counts add up to the non-null values, for every method', async () => {
    const { rows } = await t.db.pool.query(
      `SELECT count(valor)::int nn, count(*)::int n FROM stats.indicator_values WHERE indicator='pct_viv_internet' AND nivel='manzana' AND anio=2020`,
    );
    for (const method of ['quantile', 'jenks', 'equal']) {
      const b = (await t.app.inject(`/api/indicators/pct_viv_internet/breaks?method=${method}&classes=6&level=manzana&year=2020`)).json();
      expect(b.counts.reduce((a: number, c: number) => a + c, 0)).toBe(rows[0].nn);
      expect(b.nulls).toBe(rows[0].n - rows[0].nn);
      expect(b.breaks).toHaveLength(7);
    }
  });

  it('change equals the difference computed in SQL', async () => {
    const res = (await t.app.inject('/api/indicators/pob_tot/change?from=2010&to=2020&level=localidad')).json();
    const { rows } = await t.db.pool.query(
      `SELECT a.clave, b.valor - a.valor AS d FROM stats.indicator_values a JOIN stats.indicator_values b USING (indicator, nivel, clave)
       WHERE indicator='pob_tot' AND nivel='localidad' AND a.anio=2010 AND b.anio=2020 AND a.valor IS NOT NULL AND b.valor IS NOT NULL`,
    );
    const byKey = new Map(res.values.map((v: { clave: string; absoluta: number }) => [v.clave, v.absoluta]));
    for (const r of rows) expect(byKey.get(r.clave)).toBeCloseTo(r.d, 6);
  });

  it('stats/area over one AGEB returns its population within 1 %', async () => {
    const { rows } = await t.db.pool.query(
      `SELECT v.valor, ST_AsGeoJSON(ST_Transform(a.geom, 4326), 9)::json AS g FROM carto.agebs a
       JOIN stats.indicator_values v ON v.clave = a.cvegeo AND v.nivel = 'ageb' AND v.indicator = 'pob_tot'
       WHERE v.valor > 0 ORDER BY v.anio DESC, a.cvegeo LIMIT 1`,
    );
    const res = await t.app.inject({ method: 'POST', url: '/api/stats/area', payload: rows[0].g });
    expect(res.statusCode).toBe(200);
    const pob = res.json().indicators.find((i: { code: string }) => i.code === 'pob_tot');
    expect(Math.abs(pob.valor - rows[0].valor) / rows[0].valor).toBeLessThan(0.01);
    expect(pob.cobertura).toBeGreaterThan(0.99);
  });

  it('stats/area rejects a self-intersecting polygon naming geometry', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/stats/area', payload: { type: 'Polygon', coordinates: [[[-102, 23], [-101, 24], [-101, 23], [-102, 24], [-102, 23]]] } });
    expect(res.statusCode).toBe(400);
    expect(res.json().parameter).toBe('geometry');
  });
});
