// The same real colonias through every other format the importer reads (GeoPackage, KML, latin1/BOM/';' CSV) and
// the geometry checks (repair, empty, duplicate keys), all made here from the real files in a temp dir.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionDatabase, repoRoot } from '@sigmun/db';
import { parseIndicatorMapping } from '@sigmun/ingest/import/indicators';
import { runImport } from '@sigmun/ingest/import/run';
import { dropDatabase } from '../support/test-database.ts';

const H = join(repoRoot(), '..', 'shared', 'data', 'real', 'hermosillo');
const COLONIAS = join(H, 'colonias', 'colonias_ine_hermosillo.shp');
const name = `t_import_fmt_${process.pid}_${Math.random().toString(36).slice(2, 7)}`;
const tmp = mkdtempSync(join(tmpdir(), 'sigmun-fmt-'));
let url = '';
let pool: pg.Pool;
let reference: { n: number; keys: string; names: string };

const fingerprint = async () =>
  (await pool.query(`SELECT count(*)::int AS n, md5(string_agg(cve_col, ',' ORDER BY cve_col)) AS keys,
                            md5(string_agg(nombre, ',' ORDER BY cve_col)) AS names FROM carto.colonias`)).rows[0];

beforeAll(async () => {
  url = (await provisionDatabase({ database: name, log: () => {} })).url;
  pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', () => {});
  await runImport(url, { input: join(H, 'municipio/AGEM_26030.geojson'), layer: 'municipio' });
  await runImport(url, { input: COLONIAS, layer: 'colonias' });
  reference = await fingerprint();
  expect(reference.n).toBe(752);
});

afterAll(async () => {
  await pool?.end();
  if (url) await dropDatabase(url);
  rmSync(tmp, { recursive: true, force: true });
});

describe('formats', () => {
  for (const [driver, ext] of [['GPKG', 'gpkg'], ['KML', 'kml']] as const) {
    it(`reads a ${driver} with the same keys and names (Ñ intact) as the shapefile`, async () => {
      const out = join(tmp, `colonias.${ext}`);
      const r = spawnSync('ogr2ogr', ['-f', driver, out, COLONIAS], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const rep = await runImport(url, { input: out, layer: 'colonias' });
      expect(rep).toMatchObject({ srid: 4326, cargados: 752, rechazados: [] });
      expect(await fingerprint()).toEqual(reference);
    });
  }

  it('reads a folder holding one shapefile; --encoding latin1 overrides a .cpg that lies', async () => {
    const dir = join(tmp, 'carpeta');
    mkdirSync(dir);
    const r0 = spawnSync('ogr2ogr', ['-lco', 'ENCODING=ISO-8859-1', join(dir, 'colonias.shp'), COLONIAS], { encoding: 'utf8' });
    expect(r0.status, r0.stderr).toBe(0);
    // A latin1 .dbf whose .cpg says UTF-8: "MUÑOZ" cannot be read right unless the planner says latin1.
    writeFileSync(join(dir, 'colonias.cpg'), 'UTF-8');
    const garbled = await runImport(url, { input: dir, layer: 'colonias' });
    expect(garbled.avisos?.[0]).toMatch(/codificación equivocada .*--encoding latin1/);
    expect((await fingerprint()).names).not.toBe(reference.names);
    const r = await runImport(url, { input: dir, layer: 'colonias', encoding: 'latin1' });
    expect(r).toMatchObject({ archivo: 'colonias.shp', cargados: 752 });
    expect(r.avisos).toBeUndefined();
    expect(await fingerprint()).toEqual(reference);
  });

  it('reads a latin1 CSV with ";" and a UTF-8 CSV with BOM, including the "ñ" column name', async () => {
    const utf8 = readFileSync(join(H, 'colonias/censo2020_colonias_hermosillo.csv'), 'utf8');
    const mapping = parseIndicatorMapping({
      nivel: 'colonia', anio: 2020, fuente: 'INEGI',
      indicadores: [{ columna: 'poblacion_total', code: 'pob_tot' }, { columna: 'escolaridad_años_prom', code: 'graproes', agregacion: 'mean' }],
    }, 't');
    const expected = (await (async () => {
      await runImport(url, { input: join(H, 'colonias/censo2020_colonias_hermosillo.csv'), layer: 'indicators', indicators: mapping });
      return (await pool.query(`SELECT md5(string_agg(indicator || clave || coalesce(valor::text, flag), ',' ORDER BY indicator, clave)) AS h FROM stats.indicator_values`)).rows[0].h;
    })());
    const latin1 = join(tmp, 'censo_latin1.csv');
    writeFileSync(latin1, Buffer.from(utf8.replace(/,/g, ';').replace(/\n/g, '\r\n'), 'latin1'));
    const bom = join(tmp, 'censo_bom.csv');
    writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(utf8, 'utf8')]));
    for (const f of [latin1, bom]) {
      const r = await runImport(url, { input: f, layer: 'indicators', indicators: mapping });
      expect(r).toMatchObject({ leidos: 699, cargados: 699 });
      const h = (await pool.query(`SELECT md5(string_agg(indicator || clave || coalesce(valor::text, flag), ',' ORDER BY indicator, clave)) AS h FROM stats.indicator_values`)).rows[0].h;
      expect(h).toBe(expected);
    }
  });
});

describe('geometry checks', () => {
  it('repairs an invalid polygon, rejects an empty geometry and a duplicate key, and loads the rest', async () => {
    const fc = JSON.parse(readFileSync(join(H, 'colonias/colonias_ine_hermosillo.geojson'), 'utf8'));
    const feats = fc.features as Array<{ properties: Record<string, unknown>; geometry: { type: string; coordinates: number[][][] } | null }>;
    // A bow-tie over the first colonia's extent: self-intersecting, so ST_MakeValid must repair it.
    const ring = feats[0].geometry!.type === 'Polygon' ? feats[0].geometry!.coordinates[0] : (feats[0].geometry!.coordinates as unknown as number[][][][])[0][0];
    const xs = ring.map((p) => p[0]);
    const ys = ring.map((p) => p[1]);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    feats[0].geometry = { type: 'Polygon', coordinates: [[[x0, y0], [x1, y1], [x1, y0], [x0, y1], [x0, y0]]] };
    feats[1].geometry = null;
    feats.push(JSON.parse(JSON.stringify(feats[2])));
    const f = join(tmp, 'colonias_con_problemas.geojson');
    writeFileSync(f, JSON.stringify(fc));
    const r = await runImport(url, { input: f, layer: 'colonias' });
    expect(r).toMatchObject({ leidos: 753, cargados: 751, reparados: 1 });
    expect(r.rechazados).toEqual([
      { fila: 2, clave: feats[1].properties.cve_col, motivo: 'geometría vacía o ausente' },
      { fila: 753, clave: feats[2].properties.cve_col, motivo: `clave duplicada «${feats[2].properties.cve_col}» (ya está en la fila 3)` },
    ]);
    const fixed = (await pool.query(`SELECT ST_IsValid(geom) AS ok, GeometryType(geom) AS t FROM carto.colonias WHERE cve_col = $1`, [feats[0].properties.cve_col])).rows[0];
    expect(fixed).toEqual({ ok: true, t: 'MULTIPOLYGON' });
    expect((await pool.query(`SELECT count(*)::int AS n FROM carto.colonias WHERE GeometryType(geom) <> 'MULTIPOLYGON'`)).rows[0].n).toBe(0);
  });
});
