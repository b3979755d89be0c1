// Every real Hermosillo file (../shared/data/real/hermosillo, read in place) through the importer the CLI uses,
// into a fresh database; expectations are the published figures of SOURCES.md or computed from the files.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionDatabase, repoRoot } from '@sigmun/db';
import { runImport, type ImportOptions } from '@sigmun/ingest/import/run';
import { loadDataManifest } from '@sigmun/ingest/import/manifest';
import { parseIndicatorMapping } from '@sigmun/ingest/import/indicators';
import { cloneTestDatabase, dropDatabase, type TestDatabase } from '../support/test-database.ts';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { buildApp } from '../../apps/server/src/app.ts';
import { loadConfig } from '../../apps/server/src/config.ts';

const H = join(repoRoot(), '..', 'shared', 'data', 'real', 'hermosillo');
const name = `t_import_${process.pid}_${Math.random().toString(36).slice(2, 7)}`;
let url = '';
let pool: pg.Pool;

const one = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows[0] as T;
const imp = (o: Omit<ImportOptions, 'input'> & { file: string }) => runImport(url, { ...o, input: join(H, o.file) });


beforeAll(async () => {
  url = (await provisionDatabase({ database: name, log: () => {} })).url;
  pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', () => {});
});

afterAll(async () => {
  await pool?.end();
  if (url) await dropDatabase(url);
});

describe('import of the real Hermosillo data', () => {
  it('loads the municipal boundary (per-geometry crs EPSG:6365) with its population', async () => {
    const v0 = await one<{ v: number | null }>(`SELECT max(version)::int AS v FROM meta.layer_versions WHERE layer = 'municipio'`);
    const r = await imp({ file: 'municipio/AGEM_26030.geojson', layer: 'municipio' });
    expect(r).toMatchObject({ srid: 6365, leidos: 1, cargados: 1, rechazados: [] });
    const m = await one<{ cvegeo: string; pob: number; viv: number; parts: number }>(
      'SELECT cvegeo, pob, viv, ST_NumGeometries(geom) AS parts FROM carto.municipio');
    expect(m).toEqual({ cvegeo: '26030', pob: 936263, viv: 278712, parts: 5 });
    const v1 = await one<{ v: number }>(`SELECT version::int AS v FROM meta.layer_versions WHERE layer = 'municipio'`);
    expect(v1.v).toBeGreaterThan(v0.v ?? 0);
    expect(await one(`SELECT kind FROM meta.datasets WHERE id = 'import:municipio'`)).toEqual({ kind: 'real' });
  });

  it('refuses AGEB files that carry only the 4-character key while no localidad is loaded to complete it', async () => {
    await expect(imp({ file: 'ageb/ageb_urbana_imu2020_wgs84.shp', layer: 'agebs' }))
      .rejects.toThrow(/ageb_urbana_imu2020_wgs84\.shp, fila 1, campo «CVEGEO»: la clave AGEB «1869» tiene 4 caracteres y ninguna localidad cargada la contiene/);
    expect(await one(`SELECT count(*)::int AS n FROM carto.agebs`)).toEqual({ n: 0 });
  });

  it('loads 114 localidades with string numbers parsed and accents intact', async () => {
    const r = await imp({ file: 'localidades/AGLOC_26030.geojson', layer: 'localidades' });
    expect(r.cargados).toBe(114);
    expect(await one(`SELECT count(*)::int AS n, count(*) FILTER (WHERE cvegeo ~ '^26030[0-9]{4}$')::int AS keyed,
                             count(*) FILTER (WHERE ambito = 'urbano')::int AS urbanas FROM carto.localidades`))
      .toEqual({ n: 114, keyed: 114, urbanas: 4 });
    expect(await one(`SELECT pob FROM carto.localidades WHERE cvegeo = '260300001'`)).toEqual({ pob: 855563 });
    expect(await one(`SELECT nombre FROM carto.localidades WHERE cvegeo = '260300137'`)).toEqual({ nombre: 'Bahía de Kino' });
  });

  it('recognises the INEGI LCC .prj without a code as EPSG:6372 and keeps AGEB keys with their letters', async () => {
    const r = await imp({ file: 'ageb/ageb_urbana_imu2020_lcc.shp', layer: 'agebs' });
    expect(r).toMatchObject({ srid: 6372, leidos: 404, cargados: 404, rechazados: [] });
    expect(await one(`SELECT count(*)::int AS n, sum(pob)::int AS pob, count(*) FILTER (WHERE cvegeo ~ '[A-Z]$')::int AS letra,
                             count(*) FILTER (WHERE cvegeo LIKE '260300001%')::int AS loc FROM carto.agebs`))
      .toEqual({ n: 404, pob: 782767, letra: 36, loc: 404 });
  });

  it('gives the same AGEBs and areas (within 0.1%) from the WGS84 file whose CVEGEO holds only the AGEB key', async () => {
    await pool.query(`CREATE TABLE public.t_lcc_areas AS SELECT cvegeo, ST_Area(ST_Transform(geom, 4326)::geography) AS a FROM carto.agebs`);
    const r = await imp({ file: 'ageb/ageb_urbana_imu2020_wgs84.shp', layer: 'agebs' });
    expect(r).toMatchObject({ srid: 4326, cargados: 404 });
    const cmp = await one<{ matched: number; worst: number }>(
      `SELECT count(*)::int AS matched, max(abs(ST_Area(ST_Transform(g.geom, 4326)::geography) / l.a - 1)) AS worst
       FROM carto.agebs g JOIN public.t_lcc_areas l USING (cvegeo)`);
    expect(cmp.matched).toBe(404);
    expect(cmp.worst).toBeLessThan(0.001);
    const geo = await imp({ file: 'ageb/ageb_urbana_imu2020.geojson', layer: 'agebs' });
    expect(geo.cargados).toBe(404);
    expect(await one(`SELECT count(*)::int AS n FROM carto.agebs JOIN public.t_lcc_areas USING (cvegeo)`)).toEqual({ n: 404 });
  });

  it('loads 752 colonias from the shapefile and the GeoJSON, keeping the 10-character key and the Ñ', async () => {
    for (const file of ['colonias/colonias_ine_hermosillo.shp', 'colonias/colonias_ine_hermosillo.geojson']) {
      const r = await imp({ file, layer: 'colonias' });
      expect(r).toMatchObject({ cargados: 752, rechazados: [] });
      expect(await one(`SELECT count(*)::int AS n, count(*) FILTER (WHERE cve_col = '2603000010')::int AS short,
                               count(*) FILTER (WHERE nombre ~ '[^\\x01-\\x7e]')::int AS acentos,
                               count(*) FILTER (WHERE nombre LIKE '%Ñ%')::int AS enie,
                               count(*) FILTER (WHERE cp ~ '^[0-9]{5}$')::int AS cp FROM carto.colonias`))
        .toMatchObject({ n: 752, short: 1, acentos: 14, enie: 14 });
    }
    expect(await one(`SELECT nombre FROM carto.colonias WHERE nombre = 'JORGE VALDEZ MUÑOZ'`)).toEqual({ nombre: 'JORGE VALDEZ MUÑOZ' });
  });

  it('loads the colonia census table: percent strings parsed, keys as written, population 899,998 over 699 rows', async () => {
    const mapping = parseIndicatorMapping({
      nivel: 'colonia', clave: 'cve_col', anio: 2020, fuente: 'INEGI, Censo 2020 (Sonora en Datos)',
      indicadores: [
        { columna: 'poblacion_total', code: 'pob_tot', unidad: 'hab', agregacion: 'sum' },
        { columna: 'pctj_mujeres', code: 'pct_mujeres', unidad: '%', agregacion: 'mean' },
        { columna: 'escolaridad_años_prom', code: 'graproes', unidad: 'años', agregacion: 'mean' },
      ],
    }, 'test');
    const r = await imp({ file: 'colonias/censo2020_colonias_hermosillo.csv', layer: 'indicators', indicators: mapping });
    expect(r).toMatchObject({ leidos: 699, cargados: 699, sin_unidad: 0 });
    expect(await one(`SELECT count(*)::int AS n, sum(valor)::int AS pob FROM stats.indicator_values WHERE indicator = 'pob_tot' AND nivel = 'colonia'`))
      .toEqual({ n: 699, pob: 899998 });
    // Independent reading of the file: every "50.7%" in the CSV is the stored value 50.7.
    const lines = readFileSync(join(H, 'colonias/censo2020_colonias_hermosillo.csv'), 'utf8').trim().split('\n');
    const head = lines[0].split(',');
    const expected = new Map(lines.slice(1).map((l) => l.split(',')).map((c) => [c[head.indexOf('cve_col')], c[head.indexOf('pctj_mujeres')]]));
    const { rows } = await pool.query<{ clave: string; valor: number | null; flag: string | null }>(
      `SELECT clave, valor, flag FROM stats.indicator_values WHERE indicator = 'pct_mujeres'`);
    expect(rows.length).toBe(699);
    for (const row of rows) {
      const raw = expected.get(row.clave)!;
      // The file writes missing shares as NA (colonias without population): NULL with a flag, never 0.
      if (row.flag) expect(['', '*', 'N/D', '-', 'NA']).toContain(raw);
      else expect(row.valor).toBeCloseTo(Number(raw.replace('%', '')), 10);
    }
    expect(expected.has('2603000010')).toBe(true);
    expect(await one(`SELECT niveles, anios FROM stats.indicators WHERE code = 'pct_mujeres'`)).toEqual({ niveles: ['colonia'], anios: [2020] });
  });

  it('runs the CLI on the Bachómetro CSV: 18,747 reports loaded, the 26 bad ones rejected and listed', () => {
    const cli = spawnSync(join(repoRoot(), 'node_modules', '.bin', 'tsx'),
      ['packages/ingest/src/import/cli.ts', join(H, 'reportes_ciudadanos/bachometro_reportes_baches_2021_2024.csv'), '--layer', 'reportes', '--json', '--database', name],
      { cwd: repoRoot(), encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect(cli.status, cli.stderr).toBe(0);
    const report = JSON.parse(cli.stdout);
    expect(report).toMatchObject({ capa: 'reportes', leidos: 18773, cargados: 18747, srid: 4326 });
    expect(report.rechazados).toHaveLength(26);
    for (const x of report.rechazados) expect(x.motivo).toMatch(/fuera de(l municipio| México)/);
  });

  it('shows up on the map: tiles cut from the imported colonias, the census indicator pickable', async () => {
    const app = await buildApp(loadConfig({}, { databaseUrl: url }), { logger: false });
    try {
      const ind = await app.inject({ method: 'GET', url: '/api/indicators/pob_tot?level=colonia&year=2020' });
      expect(ind.statusCode, ind.body).toBe(200);
      expect(ind.json()).toMatchObject({ total: 699, nulls: 0 });
      // The tile over the centre of Hermosillo (lon −110.96, lat 29.09) at z12.
      const z = 12;
      const lat = (29.09 * Math.PI) / 180;
      const x = Math.floor(((-110.96 + 180) / 360) * 2 ** z);
      const y = Math.floor(((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2) * 2 ** z);
      const tile = await app.inject({ method: 'GET', url: `/tiles/cartografia/${z}/${x}/${y}.mvt` });
      expect(tile.statusCode).toBe(200);
      const vt = new VectorTile(new PbfReader(tile.rawPayload));
      expect(vt.layers.colonias?.length ?? 0).toBeGreaterThan(0);
      // Tiles carry a buffer around their edge, so the comparison allows a 10% margin.
      const names = new Set(Array.from({ length: vt.layers.colonias.length }, (_, i) => vt.layers.colonias.feature(i).properties.nombre));
      const inDb = (await pool.query(`SELECT nombre FROM carto.colonias WHERE ST_Intersects(geom, ST_TileEnvelope($1, $2, $3, margin => 0.1))`, [z, x, y])).rows.map((r) => r.nombre);
      expect(inDb.length).toBeGreaterThan(0);
      for (const n of names) expect(inDb).toContain(n);
    } finally {
      await app.close();
    }
  });

  it('stored the reports inside the municipality', async () => {
    expect(await one(`SELECT count(*)::int AS n, count(*) FILTER (WHERE ST_Intersects(r.geom, m.geom))::int AS dentro,
                             count(DISTINCT folio)::int AS folios FROM partic.reportes r, carto.municipio m`))
      .toEqual({ n: 18747, dentro: 18747, folios: 18747 });
  });

  it('imports the Bachómetro reports with the status of their own «atendido» column, as public pothole reports', async () => {
    // The source read independently (csv-parse), its own values mapped: TRUE → atendido, FALSE → recibido.
    const source = parse(readFileSync(join(H, 'reportes_ciudadanos/bachometro_reportes_baches_2021_2024.csv')), { columns: true, skip_empty_lines: true }) as Array<{ id: string; atendido: string }>;
    expect(new Set(source.map((r) => r.atendido))).toEqual(new Set(['TRUE', 'FALSE']));
    const mapped = new Map(source.map((r) => [r.id, r.atendido === 'TRUE' ? 'atendido' : 'recibido']));
    const { rows } = await pool.query<{ folio: string; estatus: string; categoria: string; moderacion: string; canal: string }>(
      'SELECT folio, estatus, categoria, moderacion, canal FROM partic.reportes');
    expect(rows).toHaveLength(18747);
    const perStatus = (pairs: Array<[string, string]>) => Object.fromEntries(
      [...pairs.reduce((m, [, s]) => m.set(s, (m.get(s) ?? 0) + 1), new Map<string, number>())].sort());
    // Count per status equals the count of the loaded source rows per mapped value, and row by row the same.
    const loaded = new Set(rows.map((r) => r.folio));
    expect(perStatus(rows.map((r) => [r.folio, r.estatus]))).toEqual(perStatus([...mapped].filter(([id]) => loaded.has(id))));
    for (const r of rows) expect(r.estatus, r.folio).toBe(mapped.get(r.folio));
    expect(new Set(rows.map((r) => `${r.categoria}/${r.moderacion}/${r.canal}`))).toEqual(new Set(['baches/aprobado/importacion']));
    // Both of the source's values reach the model (not everything collapsed into one status).
    expect(Object.keys(perStatus(rows.map((r) => [r.folio, r.estatus])))).toEqual(['atendido', 'recibido']);
  });
});

describe('npm start --data (manifest)', () => {
  let db: TestDatabase;
  let murl = '';
  let mpool: pg.Pool;
  beforeAll(async () => {
    // A copy of the demo database: the manifest must load the real data INSTEAD of the demo municipality.
    db = await cloneTestDatabase('import_manifest');
    murl = db.url;
    mpool = db.pool;
    mpool.on('error', () => {});
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('replaces the demo municipality with the real data once, and does not reload an unchanged manifest', async () => {
    const manifest = join(repoRoot(), 'data', 'manifests', 'hermosillo.yaml');
    expect((await mpool.query(`SELECT count(*)::int AS n FROM meta.datasets WHERE kind = 'demo'`)).rows[0].n).toBeGreaterThan(0);
    const first = await loadDataManifest(murl, manifest);
    expect(first.loaded).toBe(true);
    const q = async (sql: string) => (await mpool.query(sql)).rows[0];
    expect(await q(`SELECT (SELECT count(*)::int FROM carto.municipio) AS mun, (SELECT count(*)::int FROM carto.localidades) AS loc,
                           (SELECT count(*)::int FROM carto.agebs) AS ageb, (SELECT count(*)::int FROM carto.colonias) AS col,
                           (SELECT count(*)::int FROM partic.reportes) AS rep, (SELECT count(*)::int FROM meta.datasets WHERE kind = 'demo') AS demo`))
      .toEqual({ mun: 1, loc: 114, ageb: 404, col: 752, rep: 18747, demo: 0 });
    // Nothing fictional is left beside the real data.
    expect(await q(`SELECT (SELECT count(*)::int FROM carto.manzanas) AS mza, (SELECT count(*)::int FROM carto.vialidades) AS vial,
                           (SELECT count(*)::int FROM plan.projects) AS proy, (SELECT count(*)::int FROM partic.proposals) AS prop,
                           (SELECT count(*)::int FROM stats.indicator_values WHERE clave NOT LIKE '26030%') AS ajenos`))
      .toEqual({ mza: 0, vial: 0, proy: 0, prop: 0, ajenos: 0 });
    expect(await q(`SELECT sum(valor)::int AS pob FROM stats.indicator_values WHERE indicator = 'pob_tot' AND nivel = 'municipio'`)).toEqual({ pob: 936263 });
    expect(await q(`SELECT sum(valor)::int AS pob FROM stats.indicator_values WHERE indicator = 'pob_tot' AND nivel = 'ageb'`)).toEqual({ pob: 782767 });
    expect(await q(`SELECT sum(valor)::int AS pob FROM stats.indicator_values WHERE indicator = 'pob_tot' AND nivel = 'colonia'`)).toEqual({ pob: 899998 });
    const versions = await q(`SELECT sum(version)::int AS v FROM meta.layer_versions`);
    const second = await loadDataManifest(murl, manifest);
    expect(second).toMatchObject({ loaded: false, digest: first.digest });
    expect(await q(`SELECT sum(version)::int AS v FROM meta.layer_versions`)).toEqual(versions);
  });
});
