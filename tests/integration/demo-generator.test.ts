// The demo municipality as loaded in the template database: sizes the issue asks for, a connected street graph,
// values in range, sums consistent across levels, spatial autocorrelation, and determinism of the generator.
// Expectations come from the database itself or from an independent computation, never from constants copied
// out of the generator.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionDatabase, repoRoot, withDatabase } from '@sigmun/db';
import { demoDigest, ensureDemoData, generateDemo } from '@sigmun/ingest/demo/index';
import { cloneTestDatabase, type TestDatabase } from '../support/test-database.ts';

let db: TestDatabase;
const q = async <T extends pg.QueryResultRow = Record<string, unknown>>(sql: string, params: unknown[] = []) => (await db.pool.query<T>(sql, params)).rows;
const one = async <T extends pg.QueryResultRow = Record<string, unknown>>(sql: string, params: unknown[] = []) => (await q<T>(sql, params))[0];
const num = (x: unknown) => Number(x);
// Counts come back as strings or numbers depending on the pool's type parsers: compare them as numbers.
const nums = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v === undefined ? v : Number(v)]));

beforeAll(async () => {
  db = await cloneTestDatabase('demo_generator');
});
afterAll(async () => {
  await db?.drop();
});

describe('demo municipality: sizes', () => {
  it('has the units, projects, processes and indicators the issue asks for', async () => {
    const c = await one<Record<string, string>>(`SELECT
      (SELECT count(*) FROM carto.agebs) AS agebs, (SELECT count(*) FROM carto.manzanas) AS manzanas,
      (SELECT count(*) FROM carto.colonias) AS colonias, (SELECT count(*) FROM carto.localidades) AS localidades,
      (SELECT count(*) FROM plan.projects) AS projects,
      (SELECT count(DISTINCT pr.eje_id) FROM plan.projects p JOIN plan.programas pr ON pr.id = p.programa_id) AS ejes,
      (SELECT count(*) FROM carto.equipamiento) AS equipamiento,
      (SELECT count(DISTINCT tipo) FROM carto.equipamiento) AS tipos_equip`);
    expect(num(c.agebs)).toBeGreaterThanOrEqual(300);
    expect(num(c.manzanas)).toBeGreaterThanOrEqual(10_000);
    expect(num(c.colonias)).toBeGreaterThanOrEqual(150);
    expect(num(c.localidades)).toBeGreaterThanOrEqual(9);
    expect(num(c.projects)).toBeGreaterThanOrEqual(150);
    expect(num(c.ejes)).toBe(5);
    expect(num(c.equipamiento)).toBeGreaterThanOrEqual(200);
    expect(num(c.tipos_equip)).toBeGreaterThanOrEqual(8);
    const procs = await q<{ clave: string }>(`SELECT clave FROM partic.processes WHERE tipo = 'presupuesto_participativo' AND propuestas_desde IS NULL ORDER BY clave`);
    expect(procs.map((p) => p.clave)).toEqual(['pp2022', 'pp2023', 'pp2024']);
    // ≥ 20 indicators, each with values for both census years at all five levels.
    const full = await q(`SELECT indicator FROM stats.indicator_values GROUP BY indicator
      HAVING count(DISTINCT anio) FILTER (WHERE anio IN (2010, 2020)) = 2 AND count(DISTINCT nivel) = 5`);
    expect(full.length).toBeGreaterThanOrEqual(20);
  });

  it('is recorded as a fictional dataset with its seed and scale', async () => {
    const d = await one<{ kind: string; fuente: string; nombre: string; detalles: { seed: number; scale: number } }>(`SELECT * FROM meta.datasets`);
    expect(d.kind).toBe('demo');
    expect(d.fuente).toMatch(/ficticios/);
    expect(d.nombre).toMatch(/ficticio/);
    const demo = generateDemo({ seed: d.detalles.seed, scale: d.detalles.scale });
    const c = await one<{ m: string; v: string; iv: string }>(`SELECT (SELECT count(*) FROM carto.manzanas) AS m,
      (SELECT count(*) FROM carto.vialidades) AS v, (SELECT count(*) FROM stats.indicator_values) AS iv`);
    expect(num(c.m)).toBe(demo.manzanas.length);
    expect(num(c.v)).toBe(demo.vialidades.length);
    expect(num(c.iv)).toBe(demo.values.indicator.length);
  });

  it('uses INEGI-shaped keys under the fictional state 99, some AGEBs ending in a letter', async () => {
    const k = await one<Record<string, string>>(`SELECT
      (SELECT count(*) FROM carto.manzanas WHERE left(cvegeo, 13) <> cvegeo_ageb OR length(cvegeo) <> 16) AS bad_mza,
      (SELECT count(*) FROM carto.manzanas m WHERE NOT EXISTS (SELECT 1 FROM carto.agebs a WHERE a.cvegeo = m.cvegeo_ageb)) AS orphan_mza,
      (SELECT count(*) FROM carto.agebs a WHERE NOT EXISTS (SELECT 1 FROM carto.localidades l WHERE l.cvegeo = left(a.cvegeo, 9))) AS orphan_ageb,
      (SELECT count(*) FROM carto.agebs WHERE cvegeo ~ '[A-Z]$') AS letter_agebs,
      (SELECT count(*) FROM carto.localidades WHERE cvegeo NOT LIKE '99001%') AS foreign_loc,
      (SELECT count(*) FROM carto.colonias WHERE cp !~ '^[0-9]{5}$') AS bad_cp,
      (SELECT count(DISTINCT ambito) FROM carto.agebs) AS ambitos,
      (SELECT cvegeo FROM carto.municipio) AS mun,
      (SELECT count(*) FROM carto.localidades WHERE cvegeo = '990010001') AS cabecera`);
    expect(num(k.bad_mza)).toBe(0);
    expect(num(k.orphan_mza)).toBe(0);
    expect(num(k.orphan_ageb)).toBe(0);
    expect(num(k.letter_agebs)).toBeGreaterThan(0);
    expect(num(k.foreign_loc)).toBe(0);
    expect(num(k.bad_cp)).toBe(0);
    expect(num(k.ambitos)).toBe(2);
    expect(k.mun).toBe('99001');
    expect(num(k.cabecera)).toBe(1);
  });
});

describe('demo municipality: geometry', () => {
  it('lies inside Mexico, in EPSG:3857, with valid blocks inside their AGEB and the municipio', async () => {
    const g = await one<Record<string, string>>(`SELECT
      ST_X(ST_Transform(ST_Centroid(geom), 4326)) AS lon, ST_Y(ST_Transform(ST_Centroid(geom), 4326)) AS lat, ST_SRID(geom) AS srid
      FROM carto.municipio`);
    expect(num(g.srid)).toBe(3857);
    expect(num(g.lon)).toBeGreaterThan(-117);
    expect(num(g.lon)).toBeLessThan(-87);
    expect(num(g.lat)).toBeGreaterThan(15);
    expect(num(g.lat)).toBeLessThan(32);
    const v = await one<Record<string, string>>(`SELECT
      (SELECT count(*) FROM carto.manzanas WHERE NOT ST_IsValid(geom)) AS invalid_mza,
      (SELECT count(*) FROM carto.agebs WHERE NOT ST_IsValid(geom) OR ST_IsEmpty(geom)) AS invalid_ageb,
      (SELECT count(*) FROM carto.colonias WHERE NOT ST_IsValid(geom) OR ST_IsEmpty(geom)) AS invalid_col,
      (SELECT count(*) FROM carto.manzanas m JOIN carto.agebs a ON a.cvegeo = m.cvegeo_ageb WHERE NOT ST_Covers(a.geom, m.geom)) AS outside_ageb,
      (SELECT count(*) FROM carto.localidades l, carto.municipio mu WHERE NOT ST_Covers(mu.geom, l.geom)) AS outside_mun`);
    expect(nums(v)).toEqual({ invalid_mza: 0, invalid_ageb: 0, invalid_col: 0, outside_ageb: 0, outside_mun: 0 });
  });

  it('leaves room for streets: blocks do not touch each other, and streets do not cross blocks', async () => {
    const r = await one<{ touching: string; crossing: string }>(`SELECT
      (SELECT count(*) FROM (SELECT cvegeo, geom FROM carto.manzanas ORDER BY cvegeo LIMIT 2000) a
         JOIN carto.manzanas b ON b.cvegeo > a.cvegeo AND ST_Intersects(a.geom, b.geom)) AS touching,
      (SELECT count(*) FROM (SELECT geom FROM carto.vialidades WHERE clase <> 'carretera' ORDER BY id LIMIT 3000) v
         JOIN carto.manzanas m ON ST_Intersects(v.geom, m.geom)) AS crossing`);
    expect(num(r.touching)).toBe(0);
    expect(num(r.crossing)).toBe(0);
  });

  it('has a denser historic centre: blocks near the cabecera centre are smaller and more populated per hectare', async () => {
    const r = await q<{ ring: number; area: number; dens: number }>(`
      WITH c AS (SELECT ST_Centroid(geom) AS p FROM carto.manzanas ORDER BY ST_Area(geom) LIMIT 1),
      centre AS (SELECT geom AS p FROM carto.equipamiento WHERE nombre = 'Plaza de Armas'),
      m AS (SELECT ST_Distance(ST_Centroid(mz.geom), centre.p) AS d, ST_Area(mz.geom) AS a, mz.pob
              FROM carto.manzanas mz, centre WHERE left(mz.cvegeo, 9) = '990010001')
      SELECT ntile AS ring, avg(a) AS area, sum(pob) / sum(a) * 1e4 AS dens
        FROM (SELECT *, ntile(4) OVER (ORDER BY d) FROM m) x GROUP BY ntile ORDER BY ntile`);
    expect(r).toHaveLength(4);
    expect(Number(r[0].area)).toBeLessThan(Number(r[3].area));
    expect(Number(r[0].dens)).toBeGreaterThan(Number(r[3].dens));
  });
});

describe('demo municipality: street network', () => {
  it('is one connected component', async () => {
    const hasPgr = await one<{ e: boolean }>(`SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pgrouting') AS e`);
    if (hasPgr.e) {
      const r = await one<{ n: string }>(`SELECT count(DISTINCT component) AS n FROM pgr_connectedComponents(
        'SELECT id, source, target, longitud_m AS cost, longitud_m AS reverse_cost FROM carto.vialidades')`);
      expect(num(r.n)).toBe(1);
    }
    // Independently of pgRouting: a breadth-first search over source/target reaches every node.
    const edges = await q<{ source: string; target: string }>(`SELECT source, target FROM carto.vialidades`);
    const adj = new Map<string, string[]>();
    for (const e of edges) {
      (adj.get(e.source) ?? adj.set(e.source, []).get(e.source)!).push(e.target);
      (adj.get(e.target) ?? adj.set(e.target, []).get(e.target)!).push(e.source);
    }
    const seen = new Set([edges[0].source]);
    const queue = [edges[0].source];
    while (queue.length) for (const n of adj.get(queue.pop()!)!) if (!seen.has(n)) { seen.add(n); queue.push(n); }
    expect(seen.size).toBe(adj.size);
  });

  it('has node ids that match the geometry, real lengths in metres, names and every class', async () => {
    const r = await one<Record<string, string>>(`WITH ends AS (
        SELECT source AS node, ST_StartPoint(geom) AS p FROM carto.vialidades
        UNION ALL SELECT target, ST_EndPoint(geom) FROM carto.vialidades)
      SELECT (SELECT count(*) FROM (SELECT node FROM ends GROUP BY node HAVING ST_NumGeometries(ST_Collect(DISTINCT ST_SnapToGrid(p, 0.05))) > 1) x) AS split_nodes,
             (SELECT max(abs(longitud_m / ST_Length(ST_Transform(geom, 4326)::geography) - 1)) FROM carto.vialidades) AS len_err,
             (SELECT count(*) FROM carto.vialidades WHERE nombre IS NULL OR nombre = '') AS unnamed,
             (SELECT count(DISTINCT clase) FROM carto.vialidades) AS clases`);
    expect(num(r.split_nodes)).toBe(0);
    expect(num(r.len_err)).toBeLessThan(0.01);
    expect(num(r.unnamed)).toBe(0);
    expect(num(r.clases)).toBe(5);
    // Avenue names run along whole lines: the commonest primaria name covers many segments.
    const av = await one<{ n: string }>(`SELECT count(*) AS n FROM carto.vialidades WHERE clase = 'primaria' GROUP BY nombre ORDER BY 1 DESC LIMIT 1`);
    expect(num(av.n)).toBeGreaterThan(20);
  });
});

describe('demo municipality: statistics', () => {
  it('keeps values in range and NULL exactly where a flag explains it', async () => {
    const r = await one<Record<string, string>>(`SELECT
      count(*) FILTER (WHERE (v.valor IS NULL) <> (v.flag IS NOT NULL)) AS null_mismatch,
      count(*) FILTER (WHERE i.unidad = '%' AND (v.valor < 0 OR v.valor > 100)) AS pct_out,
      count(*) FILTER (WHERE i.agregacion = 'sum' AND (v.valor < 0 OR v.valor <> round(v.valor))) AS bad_counts,
      count(*) FILTER (WHERE v.flag = 'confidencial') AS confidencial,
      count(*) FILTER (WHERE v.flag = 'no_disponible') AS no_disponible,
      count(*) FILTER (WHERE v.flag = 'confidencial' AND v.nivel <> 'manzana') AS conf_above
      FROM stats.indicator_values v JOIN stats.indicators i ON i.code = v.indicator`);
    expect(num(r.null_mismatch)).toBe(0);
    expect(num(r.pct_out)).toBe(0);
    expect(num(r.bad_counts)).toBe(0);
    expect(num(r.confidencial)).toBeGreaterThan(0);
    expect(num(r.no_disponible)).toBeGreaterThan(0);
    expect(num(r.conf_above)).toBe(0);
    const cat = await q<{ agregacion: string; numerador: string | null; denominador: string | null; fuente: string }>(`SELECT * FROM stats.indicators`);
    expect(cat.every((c) => /ficticio/.test(c.fuente))).toBe(true);
    expect(cat.filter((c) => c.agregacion === 'ratio').every((c) => c.numerador && c.denominador)).toBe(true);
    expect(cat.some((c) => c.agregacion === 'mean' && c.denominador)).toBe(true);
  });

  it('adds up across levels: carto population and indicator sums', async () => {
    const carto = await one<Record<string, string>>(`SELECT
      (SELECT count(*) FROM carto.agebs a WHERE a.pob <> (SELECT sum(pob) FROM carto.manzanas m WHERE m.cvegeo_ageb = a.cvegeo)) AS ageb_bad,
      (SELECT count(*) FROM carto.localidades l WHERE l.pob <> (SELECT sum(pob) FROM carto.agebs a WHERE left(a.cvegeo, 9) = l.cvegeo)) AS loc_bad,
      (SELECT count(*) FROM carto.municipio mu WHERE mu.pob <> (SELECT sum(pob) FROM carto.localidades)) AS mun_bad,
      (SELECT count(*) FROM carto.municipio mu WHERE mu.viv <> (SELECT sum(viv) FROM carto.manzanas)) AS mun_viv_bad`);
    expect(nums(carto)).toEqual({ ageb_bad: 0, loc_bad: 0, mun_bad: 0, mun_viv_bad: 0 });
    // Colonias checked spatially: each block counted in the colonia that contains its interior point.
    const col = await one<{ bad: string }>(`WITH s AS (
        SELECT c.cve_col, c.pob, coalesce(sum(m.pob), 0) AS s FROM carto.colonias c
        LEFT JOIN carto.manzanas m ON ST_Contains(c.geom, ST_PointOnSurface(m.geom)) GROUP BY c.cve_col, c.pob)
      SELECT count(*) AS bad FROM s WHERE pob <> s`);
    expect(num(col.bad)).toBe(0);
    const iv = await one<Record<string, string>>(`WITH v AS (
        SELECT v.* FROM stats.indicator_values v JOIN stats.indicators i ON i.code = v.indicator WHERE i.agregacion = 'sum'),
      mz AS (SELECT indicator, anio, left(clave, 13) AS ageb, sum(valor) AS s, bool_or(valor IS NULL) AS masked FROM v WHERE nivel = 'manzana' GROUP BY 1, 2, 3),
      ag AS (SELECT indicator, anio, clave, valor FROM v WHERE nivel = 'ageb'),
      lo AS (SELECT indicator, anio, left(clave, 9) AS loc, sum(valor) AS s FROM ag GROUP BY 1, 2, 3)
      SELECT
        (SELECT count(*) FROM mz JOIN ag ON ag.indicator = mz.indicator AND ag.anio = mz.anio AND ag.clave = mz.ageb
          WHERE (NOT mz.masked AND ag.valor <> mz.s) OR (mz.masked AND ag.valor < coalesce(mz.s, 0))) AS ageb_bad,
        (SELECT count(*) FROM mz WHERE NOT masked) AS ageb_checked,
        (SELECT count(*) FROM lo JOIN v ON v.nivel = 'localidad' AND v.indicator = lo.indicator AND v.anio = lo.anio AND v.clave = lo.loc WHERE v.valor <> lo.s) AS loc_bad,
        (SELECT count(*) FROM (SELECT indicator, anio, sum(valor) AS s FROM v WHERE nivel = 'localidad' GROUP BY 1, 2) l
          JOIN v ON v.nivel = 'municipio' AND v.indicator = l.indicator AND v.anio = l.anio WHERE v.valor <> l.s) AS mun_bad,
        (SELECT count(*) FROM v JOIN carto.agebs a ON a.cvegeo = v.clave WHERE v.nivel = 'ageb' AND v.indicator = 'pob_tot' AND v.anio = 2020 AND v.valor <> a.pob) AS carto_bad`);
    expect(num(iv.ageb_checked)).toBeGreaterThan(1000);
    expect(nums({ ...iv, ageb_checked: undefined })).toEqual({ ageb_bad: 0, loc_bad: 0, mun_bad: 0, carto_bad: 0, ageb_checked: undefined });
  });

  it('recomputes ratios and means from their parts at every aggregate level', async () => {
    const r = await one<{ checked: string; bad: string }>(`
      SELECT count(*) AS checked,
             count(*) FILTER (WHERE abs(v.valor - 100 * n.valor / d.valor) > 1e-6 * greatest(1, abs(v.valor))) AS bad
        FROM stats.indicator_values v
        JOIN stats.indicators i ON i.code = v.indicator AND i.agregacion = 'ratio'
        JOIN stats.indicator_values n ON n.indicator = i.numerador AND n.nivel = v.nivel AND n.clave = v.clave AND n.anio = v.anio
        JOIN stats.indicator_values d ON d.indicator = i.denominador AND d.nivel = v.nivel AND d.clave = v.clave AND d.anio = v.anio
       WHERE v.valor IS NOT NULL AND v.nivel <> 'manzana'`);
    expect(num(r.checked)).toBeGreaterThan(1000);
    expect(num(r.bad)).toBe(0);
    // The weighted mean at AGEB level equals Σ(mean × weight) / Σ weight over its unmasked manzanas when none is masked.
    const m = await one<{ checked: string; bad: string }>(`WITH mz AS (
        SELECT left(g.clave, 13) AS ageb, g.anio, sum(g.valor * w.valor) AS sw, sum(w.valor) AS w, bool_or(g.valor IS NULL AND (w.valor IS NULL OR w.valor > 0)) AS masked
          FROM stats.indicator_values g
          JOIN stats.indicator_values w ON w.indicator = 'pob_15_mas' AND w.nivel = 'manzana' AND w.clave = g.clave AND w.anio = g.anio
         WHERE g.indicator = 'graproes' AND g.nivel = 'manzana' GROUP BY 1, 2)
      SELECT count(*) AS checked, count(*) FILTER (WHERE abs(a.valor - mz.sw / mz.w) > 1e-6) AS bad
        FROM mz JOIN stats.indicator_values a ON a.indicator = 'graproes' AND a.nivel = 'ageb' AND a.clave = mz.ageb AND a.anio = mz.anio
       WHERE NOT mz.masked AND mz.w > 0`);
    expect(num(m.checked)).toBeGreaterThan(50);
    expect(num(m.bad)).toBe(0);
  });

  it('is spatially autocorrelated: neighbouring AGEBs have alike densities and internet access (Moran’s I > 0.3)', async () => {
    const moran = async (valueSql: string) => {
      const r = await one<{ i: number }>(`WITH x AS (${valueSql}),
          z AS (SELECT cvegeo, geom, val - avg(val) OVER () AS z FROM x),
          w AS (SELECT a.z * b.z AS zz FROM z a JOIN z b ON a.cvegeo <> b.cvegeo AND ST_Touches(a.geom, b.geom))
        SELECT ((SELECT count(*) FROM z)::float8 / (SELECT count(*) FROM w)) * (SELECT sum(zz) FROM w) / (SELECT sum(z * z) FROM z) AS i`);
      return Number(r.i);
    };
    const density = await moran(`SELECT cvegeo, geom, pob / (ST_Area(geom) / 1e4) AS val FROM carto.agebs WHERE cvegeo LIKE '990010001%'`);
    const internet = await moran(`SELECT a.cvegeo, a.geom, v.valor AS val FROM carto.agebs a
      JOIN stats.indicator_values v ON v.clave = a.cvegeo AND v.nivel = 'ageb' AND v.indicator = 'pct_viv_internet' AND v.anio = 2020
      WHERE a.cvegeo LIKE '990010001%' AND v.valor IS NOT NULL`);
    expect(density).toBeGreaterThan(0.3);
    expect(internet).toBeGreaterThan(0.3);
  });

  it('grows at the periphery between 2010 and 2020', async () => {
    const r = await q<{ ring: number; p10: string; p20: string }>(`
      WITH centre AS (SELECT geom AS p FROM carto.equipamiento WHERE nombre = 'Plaza de Armas'),
      a AS (SELECT a.cvegeo, ST_Distance(ST_Centroid(a.geom), centre.p) AS d FROM carto.agebs a, centre WHERE a.cvegeo LIKE '990010001%'),
      r AS (SELECT cvegeo, ntile(3) OVER (ORDER BY d) AS ring FROM a)
      SELECT r.ring, sum(v.valor) FILTER (WHERE v.anio = 2010) AS p10, sum(v.valor) FILTER (WHERE v.anio = 2020) AS p20
        FROM r JOIN stats.indicator_values v ON v.clave = r.cvegeo AND v.nivel = 'ageb' AND v.indicator = 'pob_tot'
       GROUP BY r.ring ORDER BY r.ring`);
    const growth = r.map((x) => Number(x.p20) / Number(x.p10));
    expect(growth[2]).toBeGreaterThan(growth[0]);
    expect(growth[2]).toBeGreaterThan(1.2);
  });
});

describe('demo municipality: plan and participation', () => {
  it('keeps status, progress, budget and dates consistent', async () => {
    const r = await one<Record<string, string>>(`SELECT
      count(*) FILTER (WHERE estatus = 'planeado' AND avance <> 0) AS planeado_bad,
      count(*) FILTER (WHERE estatus = 'concluido' AND avance <> 100) AS concluido_bad,
      count(*) FILTER (WHERE estatus = 'en_proceso' AND (avance <= 0 OR avance >= 100)) AS proceso_bad,
      count(*) FILTER (WHERE presupuesto_ejercido > 1.1 * presupuesto_aprobado + 0.01) AS over_budget,
      count(*) FILTER (WHERE fecha_inicio < '2022-01-01' OR fecha_fin > '2027-12-31' OR anio <> extract(year FROM fecha_inicio)) AS bad_dates,
      count(DISTINCT estatus) AS estatus, count(DISTINCT GeometryType(geom)) AS geom_kinds,
      count(*) FILTER (WHERE cve_col IS NULL) AS no_col
      FROM plan.projects`);
    expect(nums(r)).toMatchObject({ planeado_bad: 0, concluido_bad: 0, proceso_bad: 0, over_budget: 0, bad_dates: 0, no_col: 0 });
    expect(num(r.estatus)).toBe(5);
    expect(num(r.geom_kinds)).toBeGreaterThanOrEqual(3);
    const h = await one<Record<string, string>>(`WITH p AS (
        SELECT project_id, avance, presupuesto_ejercido, lag(avance) OVER w AS prev, lag(presupuesto_ejercido) OVER w AS prev_ej,
               row_number() OVER (PARTITION BY project_id ORDER BY fecha DESC) AS last
          FROM plan.project_progress WINDOW w AS (PARTITION BY project_id ORDER BY fecha))
      SELECT count(*) FILTER (WHERE avance < prev OR presupuesto_ejercido < prev_ej) AS non_monotone,
             (SELECT count(*) FROM p JOIN plan.projects pr ON pr.id = p.project_id WHERE p.last = 1 AND p.avance <> pr.avance) AS last_mismatch,
             (SELECT count(DISTINCT project_id) FROM plan.project_progress) AS with_history,
             (SELECT count(*) FROM plan.documents WHERE url NOT LIKE '/documentos/%.pdf') AS bad_urls,
             (SELECT count(*) FROM plan.documents WHERE project_id IS NULL) AS area_docs
        FROM p`);
    expect(num(h.non_monotone)).toBe(0);
    expect(num(h.last_mismatch)).toBe(0);
    expect(num(h.with_history)).toBeGreaterThan(100);
    expect(num(h.bad_urls)).toBe(0);
    expect(num(h.area_docs)).toBeGreaterThan(5);
  });

  it('has zones, proposals and results whose votes add up, winners linked to projects', async () => {
    const r = await one<Record<string, string>>(`SELECT
      (SELECT min(n) FROM (SELECT count(*) AS n FROM partic.zones GROUP BY process_id) x) AS min_zones,
      (SELECT max(n) FROM (SELECT count(*) AS n FROM partic.zones GROUP BY process_id) x) AS max_zones,
      (SELECT count(*) FROM partic.results WHERE participantes > lista_nominal OR votos_validos + votos_nulos <> participantes) AS bad_results,
      (SELECT count(*) FROM partic.results r WHERE r.votos_validos <> (SELECT coalesce(sum(votos), 0) FROM partic.proposals p WHERE p.zone_id = r.zone_id)) AS votes_mismatch,
      (SELECT count(*) FROM partic.results r JOIN partic.proposals w ON w.id = r.propuesta_ganadora
         WHERE w.zone_id <> r.zone_id OR w.project_id IS NULL OR w.votos < (SELECT max(votos) FROM partic.proposals p WHERE p.zone_id = r.zone_id)) AS bad_winners,
      (SELECT count(*) FROM partic.proposals WHERE estatus = 'ganadora' AND project_id IS NOT NULL) AS ganadoras_linked,
      (SELECT count(DISTINCT GeometryType(geom)) FROM partic.proposals) AS prop_geoms,
      (SELECT count(*) FROM partic.zones WHERE ST_IsEmpty(geom)) AS empty_zones`);
    expect(num(r.min_zones)).toBeGreaterThanOrEqual(15);
    expect(num(r.max_zones)).toBeLessThanOrEqual(30);
    expect(nums(r)).toMatchObject({ bad_results: 0, votes_mismatch: 0, bad_winners: 0, empty_zones: 0 });
    expect(num(r.ganadoras_linked)).toBeGreaterThan(0);
    expect(num(r.prop_geoms)).toBe(2);
  });
});

describe('generateDemo and ensureDemoData', () => {
  it('is deterministic: the same seed and load date give the same digest, another seed or date a different one', () => {
    const a = demoDigest(generateDemo({ seed: 7, scale: 0.12, loadDate: '2026-03-10' }));
    const b = demoDigest(generateDemo({ seed: 7, scale: 0.12, loadDate: '2026-03-10' }));
    const c = demoDigest(generateDemo({ seed: 8, scale: 0.12, loadDate: '2026-03-10' }));
    const later = generateDemo({ seed: 7, scale: 0.12, loadDate: '2026-09-01' });
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(demoDigest(later)).not.toBe(a);
    // The load date moves only the open process's dates: the past processes and everything else are the same rows.
    const first = generateDemo({ seed: 7, scale: 0.12, loadDate: '2026-03-10' });
    const strip = (d: typeof first) => ({ ...d, loadDate: '', processes: d.processes.filter((p) => p.propuestas_desde === null) });
    expect(demoDigest(strip(later))).toBe(demoDigest(strip(first)));
  });

  it('has one fictional process open on the load date, with zones and approved proposals', async () => {
    const p = await one<Record<string, string>>(`SELECT pc.clave, pc.nombre,
        (SELECT count(*) FROM partic.zones z WHERE z.process_id = pc.id) AS zonas,
        (SELECT count(*) FROM partic.proposals pp WHERE pp.process_id = pc.id AND pp.moderacion = 'aprobado') AS propuestas,
        (SELECT d.detalles->>'fecha_carga' FROM meta.datasets d WHERE d.id = 'demo') AS fecha_carga,
        (pc.propuestas_desde <= (SELECT (d.detalles->>'fecha_carga')::date FROM meta.datasets d WHERE d.id = 'demo')
          AND pc.propuestas_hasta >= (SELECT (d.detalles->>'fecha_carga')::date FROM meta.datasets d WHERE d.id = 'demo')
          AND pc.apoyos_desde <= (SELECT (d.detalles->>'fecha_carga')::date FROM meta.datasets d WHERE d.id = 'demo')
          AND pc.apoyos_hasta >= (SELECT (d.detalles->>'fecha_carga')::date FROM meta.datasets d WHERE d.id = 'demo')) AS contiene
      FROM partic.processes pc WHERE pc.propuestas_desde IS NOT NULL`);
    expect(p.nombre).toMatch(/ficticio/);
    expect(p.contiene).toBe(true);
    expect(num(p.zonas)).toBeGreaterThanOrEqual(10);
    expect(num(p.propuestas)).toBeGreaterThanOrEqual(num(p.zonas));
    // The server sees it open (its windows compare with the database's date, as the loader's date was).
    const w = await one<{ abierto: boolean }>(`SELECT current_date BETWEEN propuestas_desde AND propuestas_hasta AS abierto FROM partic.processes WHERE clave = $1`, [p.clave]);
    expect(w.abierto).toBe(true);
  });

  it('does not reload a database that has data', async () => {
    const r = await ensureDemoData(db.url);
    expect(r.loaded).toBe(false);
  });

  it('loads an empty database once, in one go (a kill midway leaves nothing), and replaces demo data with force', async () => {
    const name = `t_demo_fresh_${process.pid}`;
    const target = await provisionDatabase({ database: name, log: () => {} });
    const admin = new pg.Client({ connectionString: withDatabase(target.url, 'postgres') });
    const counts = async () => {
      const c = new pg.Client({ connectionString: target.url });
      await c.connect();
      try {
        const { rows } = await c.query<{ d: string; m: string; z: string }>(`SELECT (SELECT count(*) FROM meta.datasets) AS d,
          (SELECT count(*) FROM carto.manzanas) AS m, (SELECT count(*) FROM carto.municipio) AS z`);
        return nums(rows[0]);
      } finally {
        await c.end();
      }
    };
    try {
      // The CLI is killed once its transaction has written the manzanas: nothing of it may remain.
      const cli = spawn(process.execPath, ['--import', 'tsx', join(repoRoot(), 'packages', 'ingest', 'src', 'demo', 'cli.ts'), '--database', name, '--scale', '0.3', '--seed', '4'], { cwd: repoRoot(), stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      const killed = await new Promise<boolean>((resolve) => {
        cli.stdout.on('data', (b: Buffer) => {
          out += b.toString();
          if (/manzanas \(/.test(out) && cli.kill('SIGKILL')) resolve(true);
        });
        cli.on('exit', () => resolve(false));
      });
      expect(killed, out).toBe(true);
      await new Promise((r) => (cli.exitCode !== null || cli.signalCode !== null ? r(null) : cli.on('exit', r)));
      expect(await counts()).toEqual({ d: 0, m: 0, z: 0 });
      const first = await ensureDemoData(target.url, { seed: 5, scale: 0.08 });
      expect(first.loaded).toBe(true);
      expect(first.counts['carto.manzanas']).toBeGreaterThan(0);
      expect((await ensureDemoData(target.url, { seed: 5, scale: 0.08 })).loaded).toBe(false);
      const again = await ensureDemoData(target.url, { seed: 6, scale: 0.08, force: true });
      expect(again.loaded).toBe(true);
      const c = new pg.Client({ connectionString: target.url });
      await c.connect();
      try {
        const { rows } = await c.query<{ detalles: { seed: number }; n: string; m: string }>(
          `SELECT detalles, (SELECT count(*) FROM meta.datasets) AS n, (SELECT count(*) FROM carto.manzanas) AS m FROM meta.datasets`);
        expect(rows[0].detalles.seed).toBe(6);
        expect(num(rows[0].n)).toBe(1);
        expect(num(rows[0].m)).toBe(again.counts['carto.manzanas']);
      } finally {
        await c.end();
      }
    } finally {
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
      await admin.end();
    }
  });
});
