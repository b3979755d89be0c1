import { describe, expect, it } from 'vitest';
import type { DashboardSummary } from '@sigmun/domain/dashboard';
import { useTestApp } from '../support/test-app.ts';

const t = useTestApp('dashboard');

const summary = async (qs: string) => {
  const res = await t.app.inject(`/api/dashboard/summary?${qs}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as DashboardSummary;
};

/** The colonia with the most projects touching it, counted here independently of the repository module. */
async function busiestColonia(): Promise<{ cve_col: string; n: number }> {
  const { rows } = await t.db.pool.query(
    `SELECT c.cve_col, count(p.id)::int AS n FROM carto.colonias c JOIN plan.projects p ON ST_Intersects(p.geom, c.geom)
     GROUP BY c.cve_col ORDER BY n DESC, c.cve_col LIMIT 1`,
  );
  return rows[0];
}

describe('tablero: territory summary', () => {
  it('municipio: every project, its budget and status counts, population as a whole number with its census year', async () => {
    const s = await summary('');
    const { rows: [p] } = await t.db.pool.query(
      `SELECT count(*)::int n, sum(presupuesto_aprobado)::float8 a, sum(presupuesto_ejercido)::float8 e, round(avg(avance), 1)::float8 av FROM plan.projects`,
    );
    expect(s.territorio.tipo).toBe('municipio');
    expect(s.proyectos.total).toBe(p.n);
    expect(s.proyectos.presupuesto_aprobado).toBeCloseTo(p.a, 2);
    expect(s.proyectos.presupuesto_ejercido).toBeCloseTo(p.e, 2);
    expect(s.proyectos.avance_promedio).toBe(p.av);
    const { rows: st } = await t.db.pool.query(`SELECT estatus, count(*)::int n FROM plan.projects GROUP BY 1`);
    expect(Object.fromEntries(s.proyectos.por_estatus.map((x) => [x.estatus, x.proyectos]))).toEqual(Object.fromEntries(st.map((r) => [r.estatus, r.n])));
    const { rows: [pop] } = await t.db.pool.query(
      `SELECT valor, anio FROM stats.indicator_values WHERE indicator = 'pob_tot' AND nivel = 'municipio' ORDER BY anio DESC LIMIT 1`,
    );
    expect(s.poblacion).toMatchObject({ valor: Math.round(pop.valor), anio: pop.anio, estimado: false });
    expect(Number.isInteger(s.poblacion.valor)).toBe(true);
    expect(Number.isInteger(s.hogares.valor)).toBe(true);
    // Chart buckets add up to the total in every dimension.
    for (const dim of ['estatus', 'eje', 'programa', 'dependencia', 'anio'] as const) {
      expect(s.graficas[dim].reduce((a, b) => a + b.proyectos, 0)).toBe(p.n);
    }
    expect(s.datos.fecha).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('colonia: the projects that touch it, its indicators beside the municipal value, its colonia ranking', async () => {
    const c = await busiestColonia();
    const s = await summary(`tipo=colonia&clave=${c.cve_col}`);
    expect(s.territorio.clave).toBe(c.cve_col);
    expect(s.proyectos.total).toBe(c.n);
    const { rows } = await t.db.pool.query(
      `SELECT i.code, v.valor, m.valor AS municipal FROM stats.indicators i
       JOIN stats.indicator_values v ON v.indicator = i.code AND v.nivel = 'colonia' AND v.clave = $1
         AND v.anio = (SELECT max(anio) FROM stats.indicator_values WHERE indicator = i.code AND nivel = 'colonia' AND clave = $1)
       LEFT JOIN stats.indicator_values m ON m.indicator = i.code AND m.nivel = 'municipio' AND m.anio = v.anio`,
      [c.cve_col],
    );
    const byCode = new Map(rows.map((r) => [r.code, r]));
    expect(s.indicadores.length).toBeGreaterThan(3);
    for (const i of s.indicadores) {
      expect(i.valor).toBe(byCode.get(i.code).valor);
      expect(i.municipal).toBe(byCode.get(i.code).municipal);
      expect(i.estimado).toBe(false);
      expect(i.fuente.length).toBeGreaterThan(0);
    }
    expect(s.ranking.colonias[0].clave).toBe(c.cve_col);
    expect(s.ranking.proyectos.length).toBe(Math.min(10, c.n));
    const budgets = s.ranking.proyectos.map((p) => p.presupuesto_aprobado);
    expect(budgets).toEqual([...budgets].sort((a, b) => b - a));
  });

  it('zona: population apportioned by area is a whole number labelled as an estimate; turnout is the zone\'s', async () => {
    const { rows: [z] } = await t.db.pool.query(
      `SELECT z.id, r.participantes, r.lista_nominal FROM partic.zones z JOIN partic.results r ON r.zone_id = z.id ORDER BY z.id LIMIT 1`,
    );
    const s = await summary(`tipo=zona&clave=${z.id}`);
    expect(s.poblacion.estimado).toBe(true);
    expect(Number.isInteger(s.poblacion.valor)).toBe(true);
    expect(s.poblacion.valor).toBeGreaterThan(0);
    expect(s.indicadores.every((i) => i.estimado)).toBe(true);
    expect(s.participacion?.participantes).toBe(z.participantes);
    expect(s.participacion?.lista_nominal).toBe(z.lista_nominal);
    expect(s.territorio.proceso).not.toBeNull();
  });

  it('citizen reports: open and attended by territory and period, equal to counts made here in SQL', async () => {
    const c = await busiestColonia();
    const { rows: [cat] } = await t.db.pool.query(`SELECT clave FROM partic.report_categories ORDER BY clave LIMIT 1`);
    // Reports of every status inside the colonia over two years, one still in moderation (not public: never counted).
    await t.db.pool.query(
      `INSERT INTO partic.reportes (fuente, categoria, estatus, moderacion, fecha, geom)
       SELECT 'prueba', $2, s.estatus, s.moderacion, s.fecha::date, ST_PointOnSurface(c.geom)
       FROM carto.colonias c, (VALUES ('recibido', 'aprobado', '2023-03-01'), ('en_atencion', 'aprobado', '2024-05-02'),
                                      ('atendido', 'aprobado', '2024-06-03'), ('atendido', 'aprobado', '2023-07-04'),
                                      ('rechazado', 'aprobado', '2024-08-05'), ('en_revision', 'pendiente', '2024-09-06'))
                              AS s(estatus, moderacion, fecha)
       WHERE c.cve_col = $1`,
      [c.cve_col, cat.clave],
    );
    const expected = async (where: string, params: unknown[]) => {
      const { rows: [r] } = await t.db.pool.query(
        `SELECT count(*)::int AS total, count(*) FILTER (WHERE r.estatus IN ('recibido', 'en_revision', 'en_atencion'))::int AS abiertos,
                count(*) FILTER (WHERE r.estatus = 'atendido')::int AS atendidos
         FROM partic.reportes r JOIN partic.report_categories k ON k.clave = r.categoria
         WHERE r.moderacion = 'aprobado' AND ${where}`,
        params,
      );
      return r;
    };
    const inColonia = `EXISTS (SELECT 1 FROM carto.colonias c WHERE c.cve_col = $1 AND ST_Covers(c.geom, r.geom))`;
    const col = await expected(inColonia, [c.cve_col]);
    expect(col.abiertos).toBeGreaterThanOrEqual(2);
    expect(col.atendidos).toBeGreaterThanOrEqual(2);
    expect((await summary(`tipo=colonia&clave=${c.cve_col}`)).reportes).toEqual(col);
    expect((await summary(`tipo=colonia&clave=${c.cve_col}&desde=2024&hasta=2024`)).reportes).toEqual(
      await expected(`${inColonia} AND extract(year FROM coalesce(r.fecha, r.creado::date)) = 2024`, [c.cve_col]),
    );
    expect((await summary('')).reportes).toEqual(await expected('true', []));
  });

  it('period: only projects of those years', async () => {
    const { rows: [p] } = await t.db.pool.query(`SELECT count(*)::int n FROM plan.projects WHERE anio BETWEEN 2023 AND 2024`);
    const s = await summary('desde=2023&hasta=2024');
    expect(s.proyectos.total).toBe(p.n);
    expect(s.graficas.anio.every((b) => Number(b.clave) >= 2023 && Number(b.clave) <= 2024)).toBe(true);
  });

  it('AGEB and localidad resolve by CVEGEO', async () => {
    const { rows: [a] } = await t.db.pool.query(`SELECT cvegeo FROM carto.agebs ORDER BY cvegeo LIMIT 1`);
    const { rows: [l] } = await t.db.pool.query(`SELECT cvegeo, nombre FROM carto.localidades ORDER BY cvegeo LIMIT 1`);
    expect((await summary(`tipo=ageb&clave=${a.cvegeo}`)).territorio.clave).toBe(a.cvegeo);
    expect((await summary(`tipo=localidad&clave=${l.cvegeo}`)).territorio.nombre).toBe(l.nombre);
  });

  it('bad input answers 4xx problem+json naming the parameter', async () => {
    const cases: Array<[string, number, string]> = [
      ['tipo=barrio&clave=1', 400, 'tipo'],
      ['tipo=colonia', 400, 'clave'],
      ['tipo=colonia&clave=NO-EXISTE', 404, 'clave'],
      ['desde=2024&hasta=2020', 400, 'desde'],
      ['desde=abc', 400, 'desde'],
      ['otro=1', 400, 'otro'],
    ];
    for (const [qs, status, parameter] of cases) {
      const res = await t.app.inject(`/api/dashboard/summary?${qs}`);
      expect(res.statusCode, qs).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().parameter, qs).toBe(parameter);
    }
  });
});
