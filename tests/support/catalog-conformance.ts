// Checks the layer catalog (packages/domain/src/layers.ts) against a live database: what the catalog promises —
// a relation with these columns, a GiST index on the table's geometry, a version bump on every write — is what
// the database has. Writes are probed inside a transaction that is rolled back.
import type pg from 'pg';
import type { LayerDefinition } from '@sigmun/domain/layers';

/** Every way the database falls short of the catalog, one Spanish line each (empty: it conforms). */
export async function catalogProblems(pool: pg.Pool, layers: ReadonlyArray<LayerDefinition>): Promise<string[]> {
  const problems: string[] = [];
  const client = await pool.connect();
  try {
    for (const l of layers) {
      const { relation, table, geometryColumn, keyColumn, versionKeys } = l.source;
      const rel = (await client.query<{ oid: string | null }>('SELECT to_regclass($1)::oid::text AS oid', [relation])).rows[0].oid;
      if (!rel) {
        problems.push(`${l.id}: no existe la relación ${relation}`);
        continue;
      }
      const cols = new Set((await client.query<{ attname: string }>(
        'SELECT attname FROM pg_attribute WHERE attrelid = $1::oid AND attnum > 0 AND NOT attisdropped', [rel])).rows.map((r) => r.attname));
      for (const c of new Set([geometryColumn, keyColumn, ...l.properties.map((p) => p.name)])) {
        if (!cols.has(c)) problems.push(`${l.id}: a ${relation} le falta la columna ${c}`);
      }
      const tab = (await client.query<{ oid: string | null }>('SELECT to_regclass($1)::oid::text AS oid', [table])).rows[0].oid;
      if (!tab) {
        problems.push(`${l.id}: no existe la tabla ${table}`);
        continue;
      }
      const gist = await client.query(
        `SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
         WHERE i.indrelid = $1::oid AND am.amname = 'gist' AND a.attname = $2`, [tab, geometryColumn]);
      if (!gist.rowCount) problems.push(`${l.id}: ${table}.${geometryColumn} no tiene índice GiST`);
      // A write that changes nothing still fires statement triggers: the bump must follow any write.
      await client.query('BEGIN');
      try {
        const before = new Map((await client.query<{ layer: string; version: string }>(
          'SELECT layer, version::text FROM meta.layer_versions WHERE layer = ANY($1)', [versionKeys])).rows.map((r) => [r.layer, r.version]));
        await client.query(`UPDATE ${table.split('.').map((p) => `"${p}"`).join('.')} SET "${geometryColumn}" = "${geometryColumn}" WHERE false`);
        const after = new Map((await client.query<{ layer: string; version: string }>(
          'SELECT layer, version::text FROM meta.layer_versions WHERE layer = ANY($1)', [versionKeys])).rows.map((r) => [r.layer, r.version]));
        for (const k of versionKeys) {
          if (after.get(k) === undefined || after.get(k) === before.get(k)) problems.push(`${l.id}: escribir en ${table} no sube la versión «${k}» de sus teselas`);
        }
      } finally {
        await client.query('ROLLBACK');
      }
    }
  } finally {
    client.release();
  }
  return problems;
}
