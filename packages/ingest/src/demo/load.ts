// Writes a generated municipality into the caller's transaction. The big tables stream in with COPY, the small
// ones travel as column arrays expanded by unnest() (never one round trip per row), and the polygons of AGEBs,
// colonias, localidades and participation zones are unions of their blocks' cells, computed by PostGIS.
import type pg from 'pg';
import { copyRows } from './copy.ts';
import type { DemoMunicipality } from './types.ts';

type Col<R> = { name: string; type: string; get: (r: R) => unknown; expr?: string };

/** A PostgreSQL array literal; building it here is markedly cheaper than pg's generic array serialiser. */
function arrayLiteral(xs: unknown[]): string {
  const parts = new Array<string>(xs.length);
  for (let k = 0; k < xs.length; k++) {
    const x = xs[k];
    if (x === null || x === undefined) parts[k] = 'NULL';
    else if (typeof x === 'number') parts[k] = String(x);
    else if (typeof x === 'boolean') parts[k] = x ? 't' : 'f';
    else parts[k] = `"${String(x).replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
  }
  return `{${parts.join(',')}}`;
}

/** Inserts rows with one `INSERT … SELECT … FROM unnest(…)` per batch; returns the number of rows written. */
async function insertRows<R>(client: pg.ClientBase, table: string, cols: Col<R>[], rows: readonly R[], batch = 5000, suffix = ''): Promise<number> {
  if (!rows.length) return 0;
  const names = cols.map((c) => c.name).join(', ');
  const params = cols.map((c, k) => `$${k + 1}::${c.type}[]`).join(', ');
  const alias = cols.map((_c, k) => `c${k}`).join(', ');
  const exprs = cols.map((c, k) => (c.expr ? c.expr.replaceAll('$', `u.c${k}`) : `u.c${k}`)).join(', ');
  const sql = `INSERT INTO ${table} (${names}) SELECT ${exprs} FROM unnest(${params}) AS u(${alias}) ${suffix}`;
  let n = 0;
  for (let i = 0; i < rows.length; i += batch) {
    const part = rows.slice(i, i + batch);
    const r = await client.query(sql, cols.map((c) => arrayLiteral(part.map(c.get))));
    n += r.rowCount ?? 0;
  }
  return n;
}

/**
 * Runs `fn` with the table's indexes and foreign keys set aside, then rebuilds them: building a b-tree once from
 * sorted data is several times faster than a million random insertions, and one anti-join replaces a million
 * per-row foreign-key checks. Everything happens in the caller's transaction, so a failure restores the schema.
 * Keys that other tables reference stay in place.
 */
async function withIndexesDeferred<T>(client: pg.ClientBase, table: string, fn: () => Promise<T>): Promise<T> {
  const { rows: cons } = await client.query<{ name: string; def: string; contype: string }>(
    `SELECT c.conname AS name, pg_get_constraintdef(c.oid) AS def, c.contype
       FROM pg_constraint c
      WHERE c.conrelid = $1::regclass AND c.contype IN ('p', 'u', 'f')
        AND (c.contype = 'f' OR NOT EXISTS (SELECT 1 FROM pg_constraint r WHERE r.confrelid = c.conrelid AND r.conindid = c.conindid))`,
    [table],
  );
  const { rows: idx } = await client.query<{ name: string; def: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i
      WHERE i.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    [table],
  );
  for (const c of cons) await client.query(`ALTER TABLE ${table} DROP CONSTRAINT ${pgIdent(c.name)}`);
  for (const i of idx) await client.query(`DROP INDEX ${i.name}`);
  const out = await fn();
  for (const i of idx) await client.query(i.def);
  for (const c of cons.filter((x) => x.contype !== 'f')) await client.query(`ALTER TABLE ${table} ADD CONSTRAINT ${pgIdent(c.name)} ${c.def}`);
  for (const c of cons.filter((x) => x.contype === 'f')) await client.query(`ALTER TABLE ${table} ADD CONSTRAINT ${pgIdent(c.name)} ${c.def}`);
  return out;
}

const pgIdent = (s: string) => `"${s.replaceAll('"', '""')}"`;

const G = 'ST_GeomFromText($, 3857)';
const MG = 'ST_Multi(ST_GeomFromText($, 3857))';

/** Loads every table of the demo inside the caller's transaction; returns row counts per table. */
export async function loadDemo(client: pg.ClientBase, demo: DemoMunicipality, log: (m: string) => void = () => {}): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const t0 = Date.now();
  const step = (m: string) => log(`${m} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

  const m = demo.municipio;
  await client.query(
    `INSERT INTO carto.municipio (cvegeo, cve_ent, cve_mun, nombre, pob, viv, geom) VALUES ($1, $2, $3, $4, $5, $6, ST_Multi(ST_GeomFromText($7, 3857)))`,
    [m.cvegeo, m.cve_ent, m.cve_mun, m.nombre, m.pob, m.viv, m.geom],
  );
  counts['carto.municipio'] = 1;

  type Mz = DemoMunicipality['manzanas'][number];
  const ewkt = (w: string) => `SRID=3857;${w}`;
  counts['carto.manzanas'] = await withIndexesDeferred(client, 'carto.manzanas', () => copyRows<Mz>(client, 'carto.manzanas', [
    { name: 'cvegeo', get: (r) => r.cvegeo },
    { name: 'cvegeo_ageb', get: (r) => r.cvegeo_ageb },
    { name: 'cve_mza', get: (r) => r.cve_mza },
    { name: 'pob', get: (r) => r.pob },
    { name: 'viv', get: (r) => r.viv },
    { name: 'geom', get: (r) => ewkt(r.geom) },
  ], demo.manzanas));
  step(`${counts['carto.manzanas']} manzanas`);

  // Cells (block + half its streets) tile the ground without gaps: their unions are the larger units.
  await client.query(`CREATE TEMP TABLE demo_cells (ageb text, col text, geom geometry) ON COMMIT DROP`);
  await copyRows<Mz>(client, 'demo_cells', [
    { name: 'ageb', get: (r) => r.cvegeo_ageb },
    { name: 'col', get: (r) => r.cve_col },
    { name: 'geom', get: (r) => ewkt(r.cell) },
  ], demo.manzanas);

  await client.query(`CREATE TEMP TABLE demo_ageb_geom ON COMMIT DROP AS SELECT ageb, ST_Multi(ST_Union(geom)) AS geom FROM demo_cells GROUP BY ageb`);
  type Ag = DemoMunicipality['agebs'][number];
  counts['carto.agebs'] = await insertRows<Ag>(client, 'carto.agebs', [
    { name: 'cvegeo', type: 'text', get: (r) => r.cvegeo },
    { name: 'cve_ent', type: 'text', get: () => m.cve_ent },
    { name: 'cve_mun', type: 'text', get: () => m.cve_mun },
    { name: 'cve_loc', type: 'text', get: (r) => r.cve_loc },
    { name: 'cve_ageb', type: 'text', get: (r) => r.cve_ageb },
    { name: 'ambito', type: 'text', get: (r) => r.ambito },
    { name: 'pob', type: 'int', get: (r) => r.pob },
    { name: 'geom', type: 'text', get: (r) => r.cvegeo, expr: '(SELECT g.geom FROM demo_ageb_geom g WHERE g.ageb = $)' },
  ], demo.agebs);

  type Lo = DemoMunicipality['localidades'][number];
  counts['carto.localidades'] = await insertRows<Lo>(client, 'carto.localidades', [
    { name: 'cvegeo', type: 'text', get: (r) => r.cvegeo },
    { name: 'cve_ent', type: 'text', get: () => m.cve_ent },
    { name: 'cve_mun', type: 'text', get: () => m.cve_mun },
    { name: 'cve_loc', type: 'text', get: (r) => r.cve_loc },
    { name: 'nombre', type: 'text', get: (r) => r.nombre },
    { name: 'ambito', type: 'text', get: (r) => r.ambito },
    { name: 'pob', type: 'int', get: (r) => r.pob },
    { name: 'viv', type: 'int', get: (r) => r.viv },
    { name: 'geom', type: 'text', get: (r) => r.cvegeo, expr: `(SELECT ST_Multi(ST_Union(a.geom)) FROM carto.agebs a WHERE left(a.cvegeo, 9) = $)` },
  ], demo.localidades);

  await client.query(`CREATE TEMP TABLE demo_col_geom ON COMMIT DROP AS SELECT col, ST_Multi(ST_Union(geom)) AS geom FROM demo_cells GROUP BY col`);
  type Co = DemoMunicipality['colonias'][number];
  counts['carto.colonias'] = await insertRows<Co>(client, 'carto.colonias', [
    { name: 'cve_col', type: 'text', get: (r) => r.cve_col },
    { name: 'nombre', type: 'text', get: (r) => r.nombre },
    { name: 'tipo', type: 'text', get: (r) => r.tipo },
    { name: 'cvegeo_loc', type: 'text', get: (r) => r.cvegeo_loc },
    { name: 'cp', type: 'text', get: (r) => r.cp },
    { name: 'pob', type: 'int', get: (r) => r.pob },
    { name: 'geom', type: 'text', get: (r) => r.cve_col, expr: '(SELECT g.geom FROM demo_col_geom g WHERE g.col = $)' },
  ], demo.colonias);
  step('AGEB, localidades y colonias');

  type Vi = DemoMunicipality['vialidades'][number];
  counts['carto.vialidades'] = await withIndexesDeferred(client, 'carto.vialidades', () => copyRows<Vi>(client, 'carto.vialidades', [
    { name: 'id', get: (r) => r.id },
    { name: 'nombre', get: (r) => r.nombre },
    { name: 'tipo', get: (r) => r.tipo },
    { name: 'clase', get: (r) => r.clase },
    { name: 'source', get: (r) => r.source },
    { name: 'target', get: (r) => r.target },
    { name: 'longitud_m', get: (r) => r.longitud_m },
    { name: 'geom', get: (r) => ewkt(r.geom) },
  ], demo.vialidades));

  type Eq = DemoMunicipality['equipamiento'][number];
  counts['carto.equipamiento'] = await insertRows<Eq>(client, 'carto.equipamiento', [
    { name: 'id', type: 'bigint', get: (r) => r.id },
    { name: 'nombre', type: 'text', get: (r) => r.nombre },
    { name: 'tipo', type: 'text', get: (r) => r.tipo },
    { name: 'subtipo', type: 'text', get: (r) => r.subtipo },
    { name: 'cve_col', type: 'text', get: (r) => r.cve_col },
    { name: 'geom', type: 'text', get: (r) => r.geom, expr: G },
  ], demo.equipamiento);
  step('vialidades y equipamiento');

  type In = DemoMunicipality['indicators'][number];
  counts['stats.indicators'] = await insertRows<In>(client, 'stats.indicators', [
    { name: 'code', type: 'text', get: (r) => r.code },
    { name: 'nombre', type: 'text', get: (r) => r.nombre },
    { name: 'descripcion', type: 'text', get: (r) => r.descripcion },
    { name: 'tema', type: 'text', get: (r) => r.tema },
    { name: 'unidad', type: 'text', get: (r) => r.unidad },
    { name: 'fuente', type: 'text', get: (r) => r.fuente },
    // Arrays of arrays do not survive unnest(); they travel as literals and are cast back.
    { name: 'niveles', type: 'text', get: (r) => `{${r.niveles.join(',')}}`, expr: '$::text[]' },
    { name: 'anios', type: 'text', get: (r) => `{${r.anios.join(',')}}`, expr: '$::integer[]' },
    { name: 'agregacion', type: 'text', get: (r) => r.agregacion },
    { name: 'numerador', type: 'text', get: (r) => r.numerador },
    { name: 'denominador', type: 'text', get: (r) => r.denominador },
    { name: 'decimales', type: 'smallint', get: (r) => r.decimales },
    { name: 'mayor_es_mejor', type: 'boolean', get: (r) => r.mayor_es_mejor },
  ], demo.indicators);

  // Check the catalog's deferred self-references now: pending checks would forbid rebuilding the values' keys.
  await client.query('SET CONSTRAINTS ALL IMMEDIATE');
  const v = demo.values;
  const idx = Array.from({ length: v.indicator.length }, (_x, k) => k);
  counts['stats.indicator_values'] = await withIndexesDeferred(client, 'stats.indicator_values', () => copyRows<number>(client, 'stats.indicator_values', [
    { name: 'indicator', get: (k) => v.indicator[k] },
    { name: 'nivel', get: (k) => v.nivel[k] },
    { name: 'clave', get: (k) => v.clave[k] },
    { name: 'anio', get: (k) => v.anio[k] },
    { name: 'valor', get: (k) => v.valor[k] },
    { name: 'flag', get: (k) => v.flag[k] },
  ], idx));
  step(`${counts['stats.indicator_values']} valores de indicadores`);

  counts['plan.ejes'] = await insertRows<DemoMunicipality['ejes'][number]>(client, 'plan.ejes', [
    { name: 'id', type: 'smallint', get: (r) => r.id },
    { name: 'nombre', type: 'text', get: (r) => r.nombre },
    { name: 'descripcion', type: 'text', get: (r) => r.descripcion },
    { name: 'color', type: 'text', get: (r) => r.color },
  ], demo.ejes);
  counts['plan.programas'] = await insertRows<DemoMunicipality['programas'][number]>(client, 'plan.programas', [
    { name: 'id', type: 'int', get: (r) => r.id },
    { name: 'eje_id', type: 'smallint', get: (r) => r.eje_id },
    { name: 'clave', type: 'text', get: (r) => r.clave },
    { name: 'nombre', type: 'text', get: (r) => r.nombre },
  ], demo.programas);
  type Pr = DemoMunicipality['projects'][number];
  counts['plan.projects'] = await insertRows<Pr>(client, 'plan.projects', [
    { name: 'id', type: 'int', get: (r) => r.id },
    { name: 'clave', type: 'text', get: (r) => r.clave },
    { name: 'nombre', type: 'text', get: (r) => r.nombre },
    { name: 'descripcion', type: 'text', get: (r) => r.descripcion },
    { name: 'programa_id', type: 'int', get: (r) => r.programa_id },
    { name: 'dependencia', type: 'text', get: (r) => r.dependencia },
    { name: 'estatus', type: 'text', get: (r) => r.estatus },
    { name: 'avance', type: 'numeric', get: (r) => r.avance },
    { name: 'presupuesto_aprobado', type: 'numeric', get: (r) => r.presupuesto_aprobado },
    { name: 'presupuesto_ejercido', type: 'numeric', get: (r) => r.presupuesto_ejercido },
    { name: 'fecha_inicio', type: 'date', get: (r) => r.fecha_inicio },
    { name: 'fecha_fin', type: 'date', get: (r) => r.fecha_fin },
    { name: 'anio', type: 'smallint', get: (r) => r.anio },
    { name: 'cve_col', type: 'text', get: (r) => r.cve_col },
    { name: 'geom', type: 'text', get: (r) => r.geom, expr: G },
  ], demo.projects);
  type Pg = DemoMunicipality['progress'][number];
  counts['plan.project_progress'] = await insertRows<Pg>(client, 'plan.project_progress', [
    { name: 'project_id', type: 'int', get: (r) => r.project_id },
    { name: 'fecha', type: 'date', get: (r) => r.fecha },
    { name: 'avance', type: 'numeric', get: (r) => r.avance },
    { name: 'presupuesto_ejercido', type: 'numeric', get: (r) => r.presupuesto_ejercido },
    { name: 'nota', type: 'text', get: (r) => r.nota },
  ], demo.progress);
  type Dc = DemoMunicipality['documents'][number];
  counts['plan.documents'] = await insertRows<Dc>(client, 'plan.documents', [
    { name: 'titulo', type: 'text', get: (r) => r.titulo },
    { name: 'tipo', type: 'text', get: (r) => r.tipo },
    { name: 'url', type: 'text', get: (r) => r.url },
    { name: 'fecha', type: 'date', get: (r) => r.fecha },
    { name: 'project_id', type: 'int', get: (r) => r.project_id },
    { name: 'area_nivel', type: 'text', get: (r) => r.area_nivel },
    { name: 'area_clave', type: 'text', get: (r) => r.area_clave },
  ], demo.documents);
  step('plan municipal');

  type Ps = DemoMunicipality['processes'][number];
  counts['partic.processes'] = await insertRows<Ps>(client, 'partic.processes', [
    { name: 'id', type: 'int', get: (r) => r.id },
    { name: 'clave', type: 'text', get: (r) => r.clave },
    { name: 'nombre', type: 'text', get: (r) => r.nombre },
    { name: 'tipo', type: 'text', get: (r) => r.tipo },
    { name: 'anio', type: 'smallint', get: (r) => r.anio },
    { name: 'fecha_inicio', type: 'date', get: (r) => r.fecha_inicio },
    { name: 'fecha_fin', type: 'date', get: (r) => r.fecha_fin },
    { name: 'presupuesto', type: 'numeric', get: (r) => r.presupuesto },
    { name: 'descripcion', type: 'text', get: (r) => r.descripcion },
    { name: 'propuestas_desde', type: 'date', get: (r) => r.propuestas_desde },
    { name: 'propuestas_hasta', type: 'date', get: (r) => r.propuestas_hasta },
    { name: 'apoyos_desde', type: 'date', get: (r) => r.apoyos_desde },
    { name: 'apoyos_hasta', type: 'date', get: (r) => r.apoyos_hasta },
  ], demo.processes);
  type Zn = DemoMunicipality['zones'][number];
  counts['partic.zones'] = await insertRows<Zn>(client, 'partic.zones', [
    { name: 'id', type: 'int', get: (r) => r.id },
    { name: 'process_id', type: 'int', get: (r) => r.process_id },
    { name: 'clave', type: 'text', get: (r) => r.clave },
    { name: 'nombre', type: 'text', get: (r) => r.nombre },
    { name: 'geom', type: 'text', get: (r) => `{${r.colonias.join(',')}}`, expr: '(SELECT ST_Multi(ST_Union(c.geom)) FROM carto.colonias c WHERE c.cve_col = ANY($::text[]))' },
  ], demo.zones, 200);
  type Po = DemoMunicipality['proposals'][number];
  counts['partic.proposals'] = await insertRows<Po>(client, 'partic.proposals', [
    { name: 'id', type: 'int', get: (r) => r.id },
    { name: 'process_id', type: 'int', get: (r) => r.process_id },
    { name: 'zone_id', type: 'int', get: (r) => r.zone_id },
    { name: 'folio', type: 'text', get: (r) => r.folio },
    { name: 'titulo', type: 'text', get: (r) => r.titulo },
    { name: 'descripcion', type: 'text', get: (r) => r.descripcion },
    { name: 'categoria', type: 'text', get: (r) => r.categoria },
    { name: 'estatus', type: 'text', get: (r) => r.estatus },
    { name: 'votos', type: 'int', get: (r) => r.votos },
    { name: 'project_id', type: 'int', get: (r) => r.project_id },
    { name: 'geom', type: 'text', get: (r) => r.geom, expr: G },
  ], demo.proposals);
  type Rs = DemoMunicipality['results'][number];
  counts['partic.results'] = await insertRows<Rs>(client, 'partic.results', [
    { name: 'process_id', type: 'int', get: (r) => r.process_id },
    { name: 'zone_id', type: 'int', get: (r) => r.zone_id },
    { name: 'lista_nominal', type: 'int', get: (r) => r.lista_nominal },
    { name: 'participantes', type: 'int', get: (r) => r.participantes },
    { name: 'votos_validos', type: 'int', get: (r) => r.votos_validos },
    { name: 'votos_nulos', type: 'int', get: (r) => r.votos_nulos },
    { name: 'propuesta_ganadora', type: 'int', get: (r) => r.propuesta_ganadora },
  ], demo.results);

  // Rows came with explicit ids: move the sequences past them so later inserts (imports, edits) do not collide.
  for (const [table, col] of [
    ['carto.vialidades', 'id'], ['carto.equipamiento', 'id'], ['plan.projects', 'id'], ['plan.project_progress', 'id'],
    ['plan.documents', 'id'], ['partic.processes', 'id'], ['partic.zones', 'id'], ['partic.proposals', 'id'],
  ] as const) {
    await client.query(`SELECT setval(pg_get_serial_sequence($1, $2), GREATEST(1, (SELECT coalesce(max(${col}), 0) FROM ${table})))`, [table, col]);
  }
  step('participación ciudadana');
  return counts;
}
