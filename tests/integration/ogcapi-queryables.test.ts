// The catalog's filter facts reach the OGC API: `filterable` properties are the collection's queryables (OGC API –
// Features Part 3), each one working as ?name=value on items; a layer's fixed `filters` bound its collection as they
// bound its tiles (checked by running the built statements against the demo database).
import { describe, expect, it } from 'vitest';
import { findLayer, LAYERS, type LayerDefinition } from '@sigmun/domain/layers';
import { buildCollectionQueries } from '../../apps/server/src/repositories/ogc.ts';
import { useTestApp } from '../support/test-app.ts';

const t = useTestApp('ogc_queryables');

describe('OGC API queryables and catalog filters', () => {
  it('lists exactly the filterable properties of every collection, with their types and values', async () => {
    const cols = (await t.app.inject('/ogcapi/collections')).json() as { collections: Array<{ id: string; links: Array<{ rel: string; href: string }> }> };
    for (const c of cols.collections) {
      const link = c.links.find((l) => l.rel === 'http://www.opengis.net/def/rel/ogc/1.0/queryables');
      expect(link, c.id).toBeDefined();
      const res = await t.app.inject(new URL(link!.href).pathname);
      expect(res.statusCode, c.id).toBe(200);
      expect(res.headers['content-type']).toMatch(/application\/schema\+json/);
      const q = res.json() as { properties: Record<string, { type: string; enum?: unknown[] }> };
      const layer = LAYERS.find((l) => l.id === c.id)!;
      expect(Object.keys(q.properties).sort(), c.id).toEqual(layer.properties.filter((p) => p.filterable).map((p) => p.name).sort());
      for (const p of layer.properties.filter((x) => x.filterable && x.values?.length)) {
        expect(q.properties[p.name].enum).toEqual(p.values!.map((v) => v.value));
      }
    }
    expect((await t.app.inject('/ogcapi/collections/nada/queryables')).statusCode).toBe(404);
  });

  it('each queryable of the projects filters items to the rows SQL finds with that value', async () => {
    const layer = findLayer('proyectos')!;
    const q = (await t.app.inject('/ogcapi/collections/proyectos/queryables')).json() as { properties: Record<string, unknown> };
    for (const name of Object.keys(q.properties)) {
      const { rows } = await t.db.pool.query(
        `SELECT ${name}::text AS v, count(*)::int AS n FROM ${layer.source.relation} WHERE ${name} IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`,
      );
      if (!rows.length) continue;
      const res = await t.app.inject(`/ogcapi/collections/proyectos/items?${name}=${encodeURIComponent(rows[0].v)}&limit=1`);
      expect(res.statusCode, `${name}=${rows[0].v}: ${res.body}`).toBe(200);
      expect(res.json().numberMatched, name).toBe(rows[0].n);
    }
  });

  it("a layer's fixed row filters bound its collection's pages, counts, single features and extent", async () => {
    const base = findLayer('proyectos')!;
    const layer: LayerDefinition = { ...base, filters: [{ property: 'estatus', op: 'eq', value: 'concluido' }] };
    const q = buildCollectionQueries(layer);
    const none = [null, null, null, Array(q.filters.length).fill(null)];
    const { rows: [all] } = await t.db.pool.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE estatus = 'concluido')::int AS c FROM ${base.source.relation}`);
    expect(all.c).toBeGreaterThan(0);
    expect(all.c).toBeLessThan(all.n);
    const count = await t.db.pool.query(q.count, none);
    expect(count.rows[0].n).toBe(all.c);
    const page = await t.db.pool.query(q.page, [...none, 10_000, 0]);
    const features = JSON.parse(`[${page.rows[0].features}]`) as Array<{ properties: { estatus: string } }>;
    expect(features).toHaveLength(all.c);
    expect(new Set(features.map((f) => f.properties.estatus))).toEqual(new Set(['concluido']));
    const { rows: [other] } = await t.db.pool.query(`SELECT ${base.source.keyColumn} AS k FROM ${base.source.relation} WHERE estatus <> 'concluido' LIMIT 1`);
    expect((await t.db.pool.query(q.one, [other.k])).rows).toHaveLength(0);
  });
});
