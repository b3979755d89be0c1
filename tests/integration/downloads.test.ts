import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { ogrInfo } from '@sigmun/ingest/import/gdal';
import { shapefileFieldNames } from '@sigmun/domain/downloads';
import { LAYERS } from '@sigmun/domain/layers';
import { useTestApp } from '../support/test-app.ts';

const MAX = 400;
const work = mkdtempSync(join(tmpdir(), 'sigmun-downloads-test-'));
const convertDir = join(work, 'convert');
spawnSync('mkdir', ['-p', convertDir]);
const t = useTestApp('downloads', { downloadMaxFeatures: MAX, downloadTmpDir: convertDir });
afterAll(() => rmSync(work, { recursive: true, force: true }));

const layer = (id: string) => LAYERS.find((l) => l.id === id)!;

/** numberMatched of the same selection asked as OGC JSON. */
async function matched(collection: string, query: string): Promise<number> {
  const res = await t.app.inject(`/ogcapi/collections/${collection}/items?${query}&f=json&limit=1`);
  expect(res.statusCode).toBe(200);
  return res.json().numberMatched;
}

/** Downloads a selection into the work folder under the name the server gave it. */
async function download(collection: string, query: string, f: string): Promise<{ path: string; name: string; body: Buffer; type: string }> {
  const res = await t.app.inject(`/ogcapi/collections/${collection}/items?${query}&f=${f}`);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  const name = /attachment; filename="([^"]+)"/.exec(String(res.headers['content-disposition']))?.[1] ?? '';
  const path = join(work, name);
  writeFileSync(path, res.rawPayload);
  return { path, name, body: res.rawPayload, type: String(res.headers['content-type']) };
}

/** Features GDAL reads in a file, summed over its layers (a zipped Shapefile of a mixed layer holds three). */
async function ogrCount(path: string): Promise<number> {
  const info = await ogrInfo(path.endsWith('.zip') ? `/vsizip/${path}` : path);
  return info.layers.reduce((n, l) => n + l.featureCount, 0);
}

/** The central half of a collection's extent, as a bbox parameter (a real spatial filter, not the whole world). */
async function centralBbox(collection: string): Promise<string> {
  const [[x0, y0, x1, y1]] = (await t.app.inject(`/ogcapi/collections/${collection}`)).json().extent.spatial.bbox;
  const w = (x1 - x0) / 4;
  const h = (y1 - y0) / 4;
  return [x0 + w, y0 + h, x1 - w, y1 - h].map((v: number) => v.toFixed(6)).join(',');
}

const FORMATS = [['gpkg', 'gpkg'], ['shp', 'zip'], ['kml', 'kml'], ['csv', 'csv'], ['geojson', 'geojson']] as const;

describe('downloads through GDAL (f=gpkg|shp|kml|csv|geojson)', () => {
  it('each format, read back by ogrinfo, holds numberMatched features of the same query, named {capa}_{fecha}.{ext}', async () => {
    const today = new Date().toISOString().slice(0, 10);
    // A bbox with a queryable on a polygon layer; a queryable with a datetime interval on a mixed-geometry layer.
    const selections = [
      { collection: 'colonias', query: `bbox=${await centralBbox('colonias')}&tipo=colonia` },
      { collection: 'proyectos', query: 'estatus=en_proceso&datetime=2022-01-01/..' },
    ];
    for (const { collection, query } of selections) {
      const n = await matched(collection, query);
      expect(n, `${collection}?${query} selects something`).toBeGreaterThan(0);
      expect(n).toBeLessThanOrEqual(MAX);
      expect(n, `${collection}?${query} is a real filter`).toBeLessThan(await matched(collection, 'offset=0'));
      // The five conversions run side by side: ogr2ogr waits on the disk more than on the CPU.
      await Promise.all(FORMATS.map(async ([f, ext]) => {
        const d = await download(collection, query, f);
        expect(d.name).toBe(`${collection}_${today}.${ext}`);
        expect(await ogrCount(d.path), `${f} of ${collection}?${query}`).toBe(n);
      }));
    }
  });

  it('zips the Shapefile with .prj and .cpg and the documented ≤ 10-character field names; the CSV starts with a BOM', async () => {
    const d = await download('proyectos', 'estatus=en_proceso', 'shp');
    expect(d.type).toBe('application/zip');
    const entries = spawnSync('unzip', ['-Z1', d.path], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    const stems = [...new Set(entries.map((e) => e.replace(/\.[a-z]+$/, '')))];
    expect(stems.length).toBeGreaterThan(0);
    for (const s of stems) for (const ext of ['shp', 'shx', 'dbf', 'prj', 'cpg']) expect(entries).toContain(`${s}.${ext}`);
    const info = await ogrInfo(`/vsizip/${d.path}`);
    const expected = shapefileFieldNames(layer('proyectos')).map((m) => m.field);
    for (const l of info.layers) {
      expect(l.fields.map((x) => x.name)).toEqual(expected);
      for (const x of l.fields) expect(x.name.length).toBeLessThanOrEqual(10);
    }
    expect(expected.some((x, i) => x !== layer('proyectos').properties[i].name), 'some names were shortened').toBe(true);
    const csv = await download('colonias', 'tipo=colonia', 'csv');
    expect([...csv.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('a selection beyond the documented limit answers 400 naming limit; no temporary file survives any path', async () => {
    const all = await matched('manzanas', 'bbox=-180,-90,180,90');
    expect(all).toBeGreaterThan(MAX);
    for (const f of ['gpkg', 'csv', 'shp']) {
      const res = await t.app.inject(`/ogcapi/collections/manzanas/items?f=${f}`);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.json().parameter).toBe('limit');
      expect(res.json().detail).toContain(String(MAX));
    }
    // With limit the same layer downloads (the first MAX features), and bad parameters stay 400s naming them.
    expect(await ogrCount((await download('manzanas', `limit=${MAX}`, 'gpkg')).path)).toBe(MAX);
    const bad = await t.app.inject('/ogcapi/collections/manzanas/items?f=kml&bbox=1,2,x');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().parameter).toBe('bbox');
    expect((await t.app.inject('/ogcapi/collections/manzanas/items?f=dxf')).statusCode).toBe(400);
    expect(readdirSync(convertDir)).toEqual([]);
  });

  it('never carries the personal data of a citizen report: each format holds the report, not its author', async () => {
    const person = { nombre: 'Zacarías Testigo Privado', email: 'zacarias.privado@example.org', telefono: '6620000999' };
    const { rows: [r] } = await t.db.pool.query<{ id: string; folio: string }>(
      `INSERT INTO partic.reportes (folio, fuente, categoria, descripcion, estatus, moderacion, canal, geom)
       SELECT 'DESCARGA-1', 'prueba', 'baches', 'Bache frente a la escuela', 'recibido', 'aprobado', 'web', ST_PointOnSurface(geom)
       FROM carto.colonias ORDER BY cve_col LIMIT 1 RETURNING id, folio`);
    await t.db.pool.query(
      `INSERT INTO partic.reportes_privado (reporte_id, nombre, email, telefono, acepta_aviso, aviso_version, clave_hash)
       VALUES ($1, $2, $3, $4, now(), 'v1', 'x')`, [r.id, person.nombre, person.email, person.telefono]);
    const n = await matched('reportes', 'offset=0');
    expect(n).toBeGreaterThan(0);
    await Promise.all(FORMATS.map(async ([f]) => {
      const d = await download('reportes', 'offset=0', f);
      const path = d.path.endsWith('.zip') ? `/vsizip/${d.path}` : d.path;
      // Everything GDAL reads back (field names and values), as text.
      const dump = spawnSync('ogrinfo', ['-ro', '-al', path], { encoding: 'utf8', maxBuffer: 64 << 20 }).stdout;
      expect(dump, f).toContain(r.folio);
      for (const v of Object.values(person)) expect(dump, f).not.toContain(v);
      expect(d.body.includes(Buffer.from(person.email)), f).toBe(false);
      for (const field of ['email', 'telefono', 'ip_hash']) expect(dump, f).not.toMatch(new RegExp(`\\b${field}\\b`));
    }));
  });
});
