// GET /api/layers/{id}/table on a copy of the demo database: every row of a layer, columns exactly the catalog's
// properties, values and boxes checked against PostgreSQL and against the layer's own OGC API features.
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Value } from '@sinclair/typebox/value';
import { bbox as turfBbox } from '@turf/turf';
import type { Feature } from 'geojson';
import { AttributeTable } from '@sigmun/domain/attribute-table';
import { findLayer, LAYERS } from '@sigmun/domain/layers';
import { useTestApp } from '../support/test-app.ts';

const t = useTestApp('attribute_table');

async function getTable(layer: string): Promise<AttributeTable> {
  const res = await t.app.inject(`/api/layers/${layer}/table`);
  expect(res.statusCode).toBe(200);
  const body = res.json() as AttributeTable;
  expect(Value.Errors(AttributeTable, body).First()).toBeUndefined();
  return body;
}

describe('attribute table', () => {
  it('holds every manzana, in key order, with the catalog columns and the values PostgreSQL has', async () => {
    const tbl = await getTable('manzanas');
    const layer = findLayer('manzanas')!;
    const { rows } = await t.db.pool.query<{ cvegeo: string; cvegeo_ageb: string; pob: number | null; viv: number | null }>(
      'SELECT cvegeo, cvegeo_ageb, pob, viv FROM carto.manzanas ORDER BY cvegeo',
    );
    expect(rows.length).toBeGreaterThan(1000);
    expect(tbl.count).toBe(rows.length);
    expect(tbl.columns).toEqual(layer.properties.map((p) => p.name));
    expect(tbl.columns).not.toContain('geom');
    expect(tbl.values.map((c) => c.length)).toEqual(tbl.columns.map(() => rows.length));
    expect(tbl.bbox).toHaveLength(rows.length);
    for (const [c, name] of tbl.columns.entries()) {
      expect(tbl.values[c]).toEqual(rows.map((r) => (r as Record<string, unknown>)[name] ?? null));
    }
  });

  it("gives each row the box of its own geometry (as the layer's OGC API feature has it)", async () => {
    const tbl = await getTable('manzanas');
    const keys = tbl.values[tbl.columns.indexOf('cvegeo')];
    for (const i of [0, Math.floor(tbl.count / 2), tbl.count - 1]) {
      const res = await t.app.inject(`/ogcapi/collections/manzanas/items/${keys[i]}`);
      expect(res.statusCode).toBe(200);
      const expected = turfBbox(res.json() as Feature);
      const got = tbl.bbox[i]!;
      for (let k = 0; k < 4; k++) expect(Math.abs(got[k] - expected[k])).toBeLessThan(1.1e-5);
    }
  });

  it('serves every catalog layer, points and mixed geometries included', async () => {
    for (const l of LAYERS) {
      const tbl = await getTable(l.id);
      const { rows } = await t.db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${l.source.relation}`);
      expect([l.id, tbl.count]).toEqual([l.id, rows[0].n]);
      expect(tbl.columns).toEqual(l.properties.map((p) => p.name));
    }
    const projects = await getTable('proyectos');
    const estatus = projects.values[projects.columns.indexOf('estatus')];
    expect(new Set(estatus).size).toBeGreaterThan(1);
  });

  it('travels gzipped, revalidates with its ETag, and follows an edit of the layer', async () => {
    const gz = await t.app.inject({ url: '/api/layers/colonias/table', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.statusCode).toBe(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    const before = JSON.parse(gunzipSync(gz.rawPayload).toString('utf8')) as AttributeTable;
    const etag = String(gz.headers.etag);
    const again = await t.app.inject({ url: '/api/layers/colonias/table', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);

    const keyCol = before.columns.indexOf('cve_col');
    const popCol = before.columns.indexOf('pob');
    const key = before.values[keyCol][3] as string;
    await t.db.pool.query('UPDATE carto.colonias SET pob = coalesce(pob, 0) + 12345 WHERE cve_col = $1', [key]);
    const after = await getTable('colonias');
    expect(after.version).toBeGreaterThan(before.version);
    const i = after.values[keyCol].indexOf(key);
    expect(after.values[popCol][i]).toBe(((before.values[popCol][3] as number | null) ?? 0) + 12345);
    const stale = await t.app.inject({ url: '/api/layers/colonias/table', headers: { 'if-none-match': etag } });
    expect(stale.statusCode).toBe(200);
  });

  it('answers an unknown or malformed layer id with a problem naming it', async () => {
    const missing = await t.app.inject('/api/layers/nada/table');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    const bad = await t.app.inject('/api/layers/Manz%3Bdrop/table');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.json().detail ?? bad.json().title).toMatch(/layerId/);
  });
});
