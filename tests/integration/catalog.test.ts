// The published-data catalog's JSON and downloads against the demo database: what is listed, how the filters narrow
// it, the municipal series, and the CSV/XLSX files of an indicator's values by level and year.
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { LAYERS } from '@sigmun/domain/layers';
import { MAP_PATH } from '@sigmun/domain/portal';
import type { Catalog, CatalogIndicatorDetail } from '@sigmun/domain/catalog';
import { useTestApp } from '../support/test-app.ts';

const t = useTestApp('catalog');

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

async function catalog(query = ''): Promise<Catalog> {
  const res = await t.app.inject(`/api/catalog${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

let triples: Promise<Array<{ indicator: string; nivel: string; anio: number }>> | null = null;
/** Every (indicator, level, year) with values, straight from the values table (read once per file). */
function coverageRows() {
  triples ??= t.db.pool.query<{ indicator: string; nivel: string; anio: number }>(
    'SELECT DISTINCT indicator, nivel, anio::int AS anio FROM stats.indicator_values',
  ).then((r) => r.rows);
  return triples;
}

/** (indicator → levels, years) with values. */
async function coverage(): Promise<Map<string, { niveles: Set<string>; anios: Set<number> }>> {
  const rows = await coverageRows();
  const m = new Map<string, { niveles: Set<string>; anios: Set<number> }>();
  for (const r of rows) {
    const e = m.get(r.indicator) ?? { niveles: new Set(), anios: new Set() };
    e.niveles.add(r.nivel);
    e.anios.add(r.anio);
    m.set(r.indicator, e);
  }
  return m;
}

describe('the catalog listing', () => {
  it('lists every indicator with values (and no other) with the levels and years it has, and every layer', async () => {
    const [c, cov] = await Promise.all([catalog(), coverage()]);
    const { rows: all } = await t.db.pool.query<{ code: string }>('SELECT code FROM stats.indicators');
    expect(c.total).toBe(cov.size);
    expect(c.indicators.map((i) => i.code).sort()).toEqual([...cov.keys()].sort());
    // Indicators of the bank without any value are not published (the demo has one: computed later from reports).
    const unpublished = all.map((r) => r.code).filter((code) => !cov.has(code));
    for (const code of unpublished) expect((await t.app.inject(`/api/catalog/indicators/${code}`)).statusCode).toBe(404);
    for (const i of c.indicators) {
      expect(new Set(i.niveles_publicados)).toEqual(cov.get(i.code)!.niveles);
      expect(new Set(i.anios_publicados)).toEqual(cov.get(i.code)!.anios);
      expect(i.enlaces.pagina).toBe(`/estadisticas/${i.code}`);
      expect(i.enlaces.mapa).toMatch(new RegExp(`^${MAP_PATH}#i=${i.code}:[a-z]+:\\d{4}:quantile:5:value$`));
    }
    expect(c.layers.map((l) => l.id)).toEqual(LAYERS.map((l) => l.id));
  });

  it('filters by tema, level and year, and searches words without accents or case', async () => {
    const c = await catalog();
    const tema = c.opciones.temas.find((x) => /[áéíóú]/i.test(x)) ?? c.opciones.temas[0];
    const byTema = await catalog(`?tema=${encodeURIComponent(tema)}`);
    expect(byTema.indicators.length).toBeGreaterThan(0);
    expect(byTema.indicators.length).toBeLessThan(c.indicators.length);
    expect(byTema.indicators.map((i) => i.code).sort()).toEqual(c.indicators.filter((i) => i.tema === tema).map((i) => i.code).sort());
    expect(byTema.layers).toEqual([]);

    // A level and a year some indicators lack: the expected set comes from the values table.
    const rows = await coverageRows();
    const pairs = new Map<string, Set<string>>();
    for (const r of rows) pairs.set(`${r.nivel}:${r.anio}`, (pairs.get(`${r.nivel}:${r.anio}`) ?? new Set()).add(r.indicator));
    const [pair, expected] = [...pairs].sort((a, b) => a[1].size - b[1].size || a[0].localeCompare(b[0]))[0];
    const [nivel, anio] = pair.split(':');
    const byLevelYear = await catalog(`?nivel=${nivel}&anio=${anio}`);
    expect(byLevelYear.indicators.map((i) => i.code).sort()).toEqual([...expected].sort());

    // The search folds accents and case: the tema written without accents in capitals finds the same.
    const plain = fold(tema).toUpperCase();
    const searched = await catalog(`?q=${encodeURIComponent(plain)}`);
    const expectedSearch = c.indicators.filter((i) =>
      fold([i.code, i.nombre, i.nombre_en, i.descripcion, i.tema, i.unidad, i.fuente].join(' ')).includes(fold(plain)));
    expect(searched.indicators.map((i) => i.code).sort()).toEqual(expectedSearch.map((i) => i.code).sort());
    expect(searched.indicators.length).toBeGreaterThan(0);
    // Two words must both appear.
    const two = await catalog(`?q=${encodeURIComponent(`${plain} ${c.indicators[0].code}`)}`);
    expect(two.indicators.every((i) => fold([i.code, i.nombre, i.descripcion ?? '', i.tema].join(' ')).includes(fold(plain)))).toBe(true);
    expect((await catalog('?q=%25%25zz_no_existe')).indicators).toEqual([]);
    // A layer is found by its title.
    const layer = LAYERS[2];
    expect((await catalog(`?q=${encodeURIComponent(layer.titulo)}`)).layers.map((l) => l.id)).toContain(layer.id);
  });

  it('takes the empty fields of a GET form as no filter, and names a bad one', async () => {
    const c = await catalog('?q=&tema=&nivel=&anio=');
    expect(c.indicators.length).toBe(c.total);
    for (const [q, param] of [['?nivel=barrio', 'nivel'], ['?anio=20x0', 'anio'], ['?otro=1', 'otro']] as const) {
      const res = await t.app.inject(`/api/catalog${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.json().detail + (res.json().parameter ?? '')).toContain(param);
    }
  });
});

describe('one indicator', () => {
  it('has its municipal series over years equal to the municipio values', async () => {
    const c = await catalog();
    const code = c.indicators.find((i) => i.niveles_publicados.includes('municipio') && i.anios_publicados.length > 1)!.code;
    const d: CatalogIndicatorDetail = (await t.app.inject(`/api/catalog/indicators/${code}`)).json();
    const { rows } = await t.db.pool.query<{ anio: number; valor: number | null }>(
      `SELECT anio::int AS anio, valor FROM stats.indicator_values WHERE indicator = $1 AND nivel = 'municipio' ORDER BY anio`, [code],
    );
    expect(d.serie.map((p) => [p.anio, p.valor, p.calculado])).toEqual(rows.map((r) => [r.anio, r.valor, false]));
  });

  it('computes the series from AGEBs with the aggregation rule when there is no municipio figure', async () => {
    const c = await catalog();
    const ratio = c.indicators.find((i) => i.agregacion === 'ratio' && i.niveles_publicados.includes('municipio'))!;
    const { rows: muni } = await t.db.pool.query<{ anio: number; valor: number }>(
      `SELECT anio::int AS anio, valor FROM stats.indicator_values WHERE indicator = $1 AND nivel = 'municipio' ORDER BY anio`, [ratio.code],
    );
    // Without the municipio rows the figure is rebuilt from the AGEBs' numerator and denominator; the demo's
    // AGEBs partition the municipality, so it equals the published figure.
    await t.db.pool.query(`DELETE FROM stats.indicator_values WHERE indicator = $1 AND nivel = 'municipio'`, [ratio.code]);
    try {
      const d: CatalogIndicatorDetail = (await t.app.inject(`/api/catalog/indicators/${ratio.code}`)).json();
      expect(d.serie.map((p) => p.anio)).toEqual(muni.map((r) => r.anio));
      expect(d.serie.every((p) => p.calculado && p.nivel === 'ageb')).toBe(true);
      d.serie.forEach((p, k) => expect(p.valor!).toBeCloseTo(muni[k].valor, 6));
    } finally {
      await t.db.pool.query(
        `INSERT INTO stats.indicator_values (indicator, nivel, clave, anio, valor)
         SELECT $1, 'municipio', cvegeo, y.anio, y.valor FROM carto.municipio, unnest($2::int[], $3::float8[]) AS y(anio, valor)`,
        [ratio.code, muni.map((r) => r.anio), muni.map((r) => r.valor)],
      );
    }
  });
});

describe('downloads', () => {
  async function sqlRows(code: string, nivel: string | null, anio: number | null) {
    const { rows } = await t.db.pool.query<{ nivel: string; clave: string; anio: number; valor: number | null; flag: string | null }>(
      `SELECT nivel, clave, anio::int AS anio, valor, flag FROM stats.indicator_values
       WHERE indicator = $1 AND ($2::text IS NULL OR nivel = $2) AND ($3::int IS NULL OR anio = $3)`, [code, nivel, anio],
    );
    return rows;
  }

  it('CSV by level and year: BOM, one row per unit with its value, flagged values blank with their flag', async () => {
    const { rows: f } = await t.db.pool.query<{ indicator: string; nivel: string; anio: number }>(
      `SELECT indicator, nivel, anio::int AS anio FROM stats.indicator_values WHERE flag IS NOT NULL AND nivel = 'manzana' LIMIT 1`,
    );
    const { indicator: code, nivel, anio } = f[0];
    const res = await t.app.inject(`/api/catalog/indicators/${code}/values.csv?nivel=${nivel}&anio=${anio}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain(`${code}_${nivel}_${anio}.csv`);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const records = parse(res.rawPayload, { bom: true, columns: true }) as Array<Record<string, string>>;
    const expected = await sqlRows(code, nivel, anio);
    // One comparison of whole tables (an expect per cell costs more than the download under load).
    const got = records.map((r) => [r.indicador, r.nivel, r.clave, Number(r.anio), r.valor === '' ? null : Number(r.valor), r.bandera || null]);
    const want = expected.map((e) => [code, nivel, e.clave, anio, e.valor, e.flag]);
    const byClave = (a: unknown[], b: unknown[]) => String(a[2]).localeCompare(String(b[2]));
    expect(got.sort(byClave)).toEqual(want.sort(byClave));
    expect(records.some((r) => r.bandera !== '')).toBe(true);
  });

  it('CSV of every level and year, with unit names', async () => {
    const res = await t.app.inject('/api/catalog/indicators/pob_tot/values.csv');
    expect(res.statusCode).toBe(200);
    const records = parse(res.rawPayload, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(records).toHaveLength((await sqlRows('pob_tot', null, null)).length);
    const { rows } = await t.db.pool.query<{ cve_col: string; nombre: string }>('SELECT cve_col, nombre FROM carto.colonias ORDER BY cve_col LIMIT 1');
    expect(records.find((r) => r.nivel === 'colonia' && r.clave === rows[0].cve_col)?.nombre).toBe(rows[0].nombre);
    expect(new Set(records.map((r) => r.nivel)).size).toBeGreaterThan(2);
  });

  it('XLSX by year: the values sheet equals the table, the metadata sheet says the definition', async () => {
    const c = await catalog();
    const ind = c.indicators.find((i) => i.decimales > 0)!;
    const anio = ind.anios_publicados[0];
    const res = await t.app.inject(`/api/catalog/indicators/${ind.code}/values.xlsx?nivel=colonia&anio=${anio}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('valores')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['indicador', 'nivel', 'clave', 'nombre', 'anio', 'valor', 'bandera']);
    const expected = await sqlRows(ind.code, 'colonia', anio);
    expect(ws.rowCount - 1).toBe(expected.length);
    const got: Array<[string, number | null]> = [];
    ws.eachRow((row, n) => {
      if (n > 1) got.push([String(row.getCell(3).value), (row.getCell(6).value as number | null) ?? null]);
    });
    expect(new Map(got)).toEqual(new Map(expected.map((e) => [e.clave, e.valor])));
    const meta = wb.getWorksheet('metadatos')!;
    const fields = new Map<string, string>();
    meta.eachRow((row) => fields.set(String(row.getCell(1).value), String(row.getCell(2).value)));
    expect(fields.get('unidad')).toBe(ind.unidad);
    expect(fields.get('fuente')).toBe(ind.fuente);
    expect(fields.get('definición')).toBe(ind.descripcion);
  });

  it('refuses a level or year without values with a 400 naming it, and an unknown indicator with 404', async () => {
    const c = await catalog();
    const ind = c.indicators[0];
    const missingYear = Math.max(...ind.anios_publicados) + 1;
    for (const [url, param, status] of [
      [`/api/catalog/indicators/${ind.code}/values.csv?anio=${missingYear}`, 'anio', 400],
      [`/api/catalog/indicators/${ind.code}/values.csv?nivel=barrio`, 'nivel', 400],
      [`/api/catalog/indicators/${ind.code}/values.pdf`, 'file', 400],
      ['/api/catalog/indicators/no_existe/values.xlsx', null, 404],
    ] as const) {
      const res = await t.app.inject(url);
      expect(res.statusCode, url).toBe(status);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      if (param) expect(`${res.json().parameter} ${res.json().detail}`).toContain(param);
    }
  });
});
