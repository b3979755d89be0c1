// Bad input never changes the database: each case gives a one-line error saying what is wrong and what to do, the
// CLI exits non-zero, and row counts and checksums of every affected table are what they were. The bad files are
// made here from the real ones, in a temp dir (no binaries in the repo).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionDatabase, repoRoot } from '@sigmun/db';
import { parseIndicatorMapping } from '@sigmun/ingest/import/indicators';
import { runImport } from '@sigmun/ingest/import/run';
import { buildApp } from '../../apps/server/src/app.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { dropDatabase } from '../support/test-database.ts';
import { zipFiles } from '../support/zip.ts';
import { bearer, createUser } from '../support/auth.ts';

const H = join(repoRoot(), '..', 'shared', 'data', 'real', 'hermosillo');
const name = `t_import_bad_${process.pid}_${Math.random().toString(36).slice(2, 7)}`;
const tmp = mkdtempSync(join(tmpdir(), 'sigmun-bad-'));
let url = '';
let pool: pg.Pool;

// Every table an import may write, with the key that orders its rows.
const TABLES: Array<[string, string]> = [
  ['carto.municipio', 'cvegeo'], ['carto.localidades', 'cvegeo'], ['carto.agebs', 'cvegeo'], ['carto.colonias', 'cve_col'],
  ['partic.reportes', 'id'], ['stats.indicators', 'code'], ['stats.indicator_values', 'indicator, nivel, anio, clave'],
  ['meta.layer_versions', 'layer'], ['meta.datasets', 'id'], ['meta.import_log', 'id'],
];

async function snapshot(): Promise<Record<string, { n: number; h: string }>> {
  const out: Record<string, { n: number; h: string }> = {};
  for (const [t, k] of TABLES) {
    const { rows } = await pool.query(`SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY ${k}), '')) AS h FROM ${t} x`);
    out[t] = rows[0];
  }
  return out;
}

function cli(...args: string[]) {
  return spawnSync(join(repoRoot(), 'node_modules', '.bin', 'tsx'), ['packages/ingest/src/import/cli.ts', ...args, '--database', name], {
    cwd: repoRoot(), encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' },
  });
}

/** Copies a shapefile's parts into a fresh folder of the temp dir and returns the .shp path there. */
function copyShapefile(stem: string, folder: string, exts = ['shp', 'shx', 'dbf', 'prj', 'cpg']): string {
  const dir = join(tmp, folder);
  spawnSync('mkdir', ['-p', dir]);
  for (const e of exts) copyFileSync(join(H, `${stem}.${e}`), join(dir, `${basename(stem)}.${e}`));
  return join(dir, `${basename(stem)}.shp`);
}

const LCC = 'ageb/ageb_urbana_imu2020_lcc';
let before: Awaited<ReturnType<typeof snapshot>>;

beforeAll(async () => {
  url = (await provisionDatabase({ database: name, log: () => {} })).url;
  pool = new pg.Pool({ connectionString: url, max: 2 });
  // The DROP … WITH (FORCE) in afterAll may reach a client that is still closing.
  pool.on('error', () => {});
  await runImport(url, { input: join(H, 'municipio/AGEM_26030.geojson'), layer: 'municipio' });
  await runImport(url, { input: join(H, 'localidades/AGLOC_26030.geojson'), layer: 'localidades' });
  await runImport(url, { input: join(H, `${LCC}.shp`), layer: 'agebs' });
  await runImport(url, { input: join(H, 'colonias/colonias_ine_hermosillo.shp'), layer: 'colonias' });
  await runImport(url, {
    input: join(H, 'colonias/censo2020_colonias_hermosillo.csv'), layer: 'indicators',
    indicators: parseIndicatorMapping({ nivel: 'colonia', anio: 2020, fuente: 'INEGI', indicadores: [{ columna: 'pctj_mujeres', code: 'pct_mujeres', unidad: '%' }] }, 't'),
  });
  before = await snapshot();
  expect(before['carto.agebs'].n).toBe(404);
});

afterAll(async () => {
  await pool?.end();
  if (url) await dropDatabase(url);
  rmSync(tmp, { recursive: true, force: true });
});

function expectOneLineFailure(r: ReturnType<typeof cli>, pattern: RegExp) {
  expect(r.status, r.stdout).not.toBe(0);
  const err = r.stderr.trim();
  expect(err.split('\n')).toHaveLength(1);
  expect(err).toMatch(pattern);
}

describe('bad input through the CLI', () => {
  it('a truncated .shp', async () => {
    const shp = copyShapefile(LCC, 'truncated');
    truncateSync(shp, 150_000);
    expectOneLineFailure(cli(shp, '--layer', 'agebs'), /ageb_urbana_imu2020_lcc\.shp: el \.shp está truncado.*vuelva a copiar/);
    expect(await snapshot()).toEqual(before);
  });

  it('a .dbf that does not match the .shp', async () => {
    const shp = copyShapefile(LCC, 'swapped', ['shp', 'shx', 'prj']);
    copyFileSync(join(H, 'colonias/colonias_ine_hermosillo.dbf'), shp.replace(/\.shp$/, '.dbf'));
    expectOneLineFailure(cli(shp, '--layer', 'agebs'), /el \.dbf .*752 registros.* no corresponde al \.shp \(404 geometrías\); copie el \.dbf/);
    expect(await snapshot()).toEqual(before);
  });

  it('a CSV without its key column', async () => {
    const csv = join(tmp, 'sin_clave.csv');
    writeFileSync(csv, readFileSync(join(H, 'colonias/censo2020_colonias_hermosillo.csv'), 'utf8').replace(/^([^\n]*)cve_col/, '$1clave_colonia'));
    expectOneLineFailure(cli(csv, '--layer', 'indicators', '--nivel', 'colonia', '--anio', '2020', '--fuente', 'INEGI', '--key', 'cve_col'),
      /sin_clave\.csv: falta la columna clave «cve_col» \(columnas del archivo: .*clave_colonia.*\); corrija/);
    expect(await snapshot()).toEqual(before);
  });

  it('a GeoJSON that is not JSON', async () => {
    const f = join(tmp, 'cortado.geojson');
    writeFileSync(f, readFileSync(join(H, 'ageb/ageb_urbana_imu2020.geojson')).subarray(0, 5000));
    expectOneLineFailure(cli(f, '--layer', 'agebs'), /cortado\.geojson: no es un GeoJSON válido.*revise/);
    expect(await snapshot()).toEqual(before);
  });

  it('a file in an unknown CRS, and one that declares none', async () => {
    const shp = copyShapefile(LCC, 'unknown_crs');
    const prj = shp.replace(/\.shp$/, '.prj');
    writeFileSync(prj, readFileSync(prj, 'utf8').replace('"Latitude_Of_Origin",12.0', '"Latitude_Of_Origin",15.0'));
    expectOneLineFailure(cli(shp, '--layer', 'agebs'), /su sistema de coordenadas no se reconoce .*--srid/);
    rmSync(prj);
    expectOneLineFailure(cli(shp, '--layer', 'agebs'), /no declara su sistema de coordenadas \(falta el \.prj\); no se adivina: indique el sistema con --srid/);
    expect(await snapshot()).toEqual(before);
  });

  it('a zip with two shapefiles', async () => {
    const entries = ['shp', 'shx', 'dbf', 'prj'].flatMap((e) => [LCC, 'ageb/ageb_urbana_imu2020_wgs84'].map((s): [string, string] => [`${basename(s)}.${e}`, join(H, `${s}.${e}`)]));
    const zip = join(tmp, 'dos.zip');
    zipFiles(zip, entries);
    expectOneLineFailure(cli(zip, '--layer', 'agebs'), /dos\.zip: el zip contiene 2 capas \(ageb_urbana_imu2020_lcc\.shp, ageb_urbana_imu2020_wgs84\.shp\); importe un archivo a la vez/);
    expect(await snapshot()).toEqual(before);
  });
});

describe('bad values and dry runs', () => {
  it('a value that does not parse names file, row and column, and nothing is kept', async () => {
    const csv = join(tmp, 'valor_malo.csv');
    const lines = readFileSync(join(H, 'colonias/censo2020_colonias_hermosillo.csv'), 'utf8').split('\n');
    const col = lines[0].split(',').indexOf('pctj_mujeres');
    const row = lines[3].split(',');
    row[col] = 'cincuenta';
    lines[3] = row.join(',');
    writeFileSync(csv, lines.join('\n'));
    await expect(runImport(url, {
      input: csv, layer: 'indicators',
      indicators: parseIndicatorMapping({ nivel: 'colonia', anio: 2020, fuente: 'INEGI', indicadores: [{ columna: 'pctj_mujeres', code: 'pct_mujeres' }] }, 't'),
    })).rejects.toThrow('valor_malo.csv, fila 3, campo «pctj_mujeres»: «cincuenta» no es un número');
    expect(await snapshot()).toEqual(before);
  });

  it('an AGEB key that a wrong --key-prefix leaves incomplete is refused, naming row and field', async () => {
    await expect(runImport(url, { input: join(H, 'ageb/ageb_urbana_imu2020_wgs84.shp'), layer: 'agebs', keyPrefix: '2603000' }))
      .rejects.toThrow(/ageb_urbana_imu2020_wgs84\.shp, fila 1, campo «CVEGEO»: «1869» no es una CVEGEO de AGEB/);
    expect(await snapshot()).toEqual(before);
  });

  it('--dry-run reports and keeps nothing', async () => {
    const r = await runImport(url, { input: join(H, 'colonias/colonias_ine_hermosillo.geojson'), layer: 'colonias', dryRun: true });
    expect(r).toMatchObject({ simulacro: true, cargados: 752 });
    expect(await snapshot()).toEqual(before);
  });
});

describe('POST /api/import', () => {
  function multipart(fields: Record<string, string>, files: Array<{ name: string; data: Buffer }>) {
    const boundary = `----sigmun${Math.random().toString(16).slice(2)}`;
    const chunks: Buffer[] = [];
    for (const [k, v] of Object.entries(fields)) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    for (const f of files) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="archivo"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), f.data, Buffer.from('\r\n'));
    }
    chunks.push(Buffer.from(`--${boundary}--\r\n`));
    return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
  }
  const lccZip = () => zipFiles(join(tmp, 'agebs.zip'), ['shp', 'shx', 'dbf', 'prj', 'cpg'].map((e): [string, string] => [`agebs.${e}`, join(H, `${LCC}.${e}`)]));

  it('refuses anonymous (401), a wrong token (401) and a role other than planeacion (403)', async () => {
    const on = await buildApp(loadConfig({}, { databaseUrl: url }), { logger: false });
    const body = multipart({ layer: 'agebs' }, [{ name: 'agebs.zip', data: lccZip() }]);
    expect((await on.inject({ method: 'POST', url: '/api/import', ...body })).statusCode).toBe(401);
    const res = await on.inject({ method: 'POST', url: '/api/import', ...body, headers: { ...body.headers, authorization: 'Bearer otro' } });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    await createUser(url, { email: 'moderacion@import.example', roles: ['moderacion'] });
    const mod = await bearer(url, 'moderacion@import.example');
    expect((await on.inject({ method: 'POST', url: '/api/import', ...body, headers: { ...body.headers, authorization: `Bearer ${mod}` } })).statusCode).toBe(403);
    await on.close();
    expect(await snapshot()).toEqual(before);
  });

  it('imports a zipped shapefile with a planeacion token (audited as that token), and answers 400 naming the file on bad input', async () => {
    const app = await buildApp(loadConfig({}, { databaseUrl: url }), { logger: false });
    try {
      await createUser(url, { email: 'planeacion@import.example', roles: ['planeacion'] });
      const auth = { authorization: `Bearer ${await bearer(url, 'planeacion@import.example')}` };
      const bad = multipart({ layer: 'agebs' }, [{ name: 'roto.geojson', data: Buffer.from('{"type": "FeatureCollection", "features": [') }]);
      const r400 = await app.inject({ method: 'POST', url: '/api/import', ...bad, headers: { ...bad.headers, ...auth } });
      expect(r400.statusCode).toBe(400);
      expect(r400.json()).toMatchObject({ status: 400, parameter: 'archivo', detail: expect.stringMatching(/roto\.geojson: no es un GeoJSON válido/) });
      expect(await snapshot()).toEqual(before);

      const ok = multipart({ layer: 'agebs' }, [{ name: 'agebs.zip', data: lccZip() }]);
      const res = await app.inject({ method: 'POST', url: '/api/import', ...ok, headers: { ...ok.headers, ...auth } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ capa: 'agebs', srid: 6372, cargados: 404, rechazados: [] });
      const v = await pool.query(`SELECT version FROM meta.layer_versions WHERE layer = 'agebs'`);
      expect(Number(v.rows[0].version)).toBeGreaterThan(0);
      const audit = await pool.query(`SELECT actor, new_row->>'layer' AS layer FROM audit.log WHERE tabla = 'meta.import_log' ORDER BY id DESC LIMIT 1`);
      expect(audit.rows[0]).toEqual({ actor: expect.stringMatching(/^token:\d+$/), layer: 'agebs' });
    } finally {
      await app.close();
    }
  });
});
