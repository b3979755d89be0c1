// The layer catalog against the migrated database: every layer's relation and columns exist, its table's geometry
// has a GiST index, and a write bumps every version key its tiles depend on. The checker is proved on a throwaway
// clone where an index and a trigger are dropped: it must name both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAYERS } from '@sigmun/domain/layers';
import { catalogProblems } from '../support/catalog-conformance.ts';
import { cloneTestDatabase, type TestDatabase } from '../support/test-database.ts';

let db: TestDatabase;
let broken: TestDatabase;

beforeAll(async () => {
  [db, broken] = await Promise.all([cloneTestDatabase('catalog'), cloneTestDatabase('catalog_broken')]);
});

afterAll(async () => {
  await Promise.all([db?.drop(), broken?.drop()]);
});

describe('catalog conformance', () => {
  it('every catalog layer has its relation, columns, GiST index and version bump', async () => {
    expect(await catalogProblems(db.pool, LAYERS)).toEqual([]);
  });

  it('reports a layer whose GiST index or version trigger is gone', async () => {
    const idx = await broken.pool.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
       WHERE i.indrelid = 'carto.colonias'::regclass AND am.amname = 'gist'`);
    expect(idx.rowCount).toBeGreaterThan(0);
    for (const r of idx.rows) await broken.pool.query(`DROP INDEX carto."${r.name}"`);
    const trg = await broken.pool.query<{ name: string }>(
      `SELECT tgname AS name FROM pg_trigger WHERE tgrelid = 'carto.equipamiento'::regclass AND NOT tgisinternal`);
    expect(trg.rowCount).toBeGreaterThan(0);
    for (const r of trg.rows) await broken.pool.query(`DROP TRIGGER "${r.name}" ON carto.equipamiento`);
    const problems = await catalogProblems(broken.pool, LAYERS);
    expect(problems).toEqual([
      'colonias: carto.colonias.geom no tiene índice GiST',
      'equipamiento: escribir en carto.equipamiento no sube la versión «equipamiento» de sus teselas',
    ]);
  });
});
