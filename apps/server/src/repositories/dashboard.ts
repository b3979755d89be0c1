// SQL of the territory summary: the one set of queries behind the tablero, the map's filters and the printed fichas.
// A territory kind picks one of a fixed set of unit statements; the clave and the period are always bound.
import { createHash } from 'node:crypto';
import fp from 'fastify-plugin';
import {
  FICHA_INDICATOR_CODES, FICHA_INDICATOR_MAX, HOMES_CODE, POPULATION_CODE,
  type ChartBucket, type ColoniaRow, type DashboardSummary, type DataDates, type KeyIndicator, type PeopleCount,
  type ProjectRow, type ReportCounts, type Territory, type TerritoryKind, type Turnout,
} from '@sigmun/domain/dashboard';
import { PROJECT_STATUSES } from '@sigmun/domain/projects';
import { OPEN311_STATUS } from '@sigmun/domain/open311';
import { REPORT_STATUSES } from '@sigmun/domain/participation-reports';
import { repository, type Queryable, type Repository } from './repository.ts';
import { areaStats } from './stats.ts';

// One row per unit: clave, nombre, geom (3857), proceso (zonas only). $1 is the clave (null = the municipio).
const UNIT: Record<TerritoryKind, string> = {
  municipio: `SELECT cvegeo AS clave, nombre, geom, NULL::json AS proceso FROM carto.municipio
              WHERE $1::text IS NULL OR cvegeo = $1 ORDER BY cvegeo LIMIT 1`,
  localidad: `SELECT cvegeo AS clave, nombre, geom, NULL::json AS proceso FROM carto.localidades WHERE cvegeo = $1`,
  colonia: `SELECT cve_col AS clave, nombre, geom, NULL::json AS proceso FROM carto.colonias WHERE cve_col = $1`,
  ageb: `SELECT a.cvegeo AS clave, 'AGEB ' || a.cve_ageb || coalesce(', ' || l.nombre, '') AS nombre, a.geom, NULL::json AS proceso
         FROM carto.agebs a LEFT JOIN carto.localidades l ON l.cvegeo = left(a.cvegeo, 9) WHERE a.cvegeo = $1`,
  zona: `SELECT z.id::text AS clave, z.nombre, z.geom, json_build_object('clave', pc.clave, 'nombre', pc.nombre, 'anio', pc.anio) AS proceso
         FROM partic.zones z JOIN partic.processes pc ON pc.id = z.process_id WHERE z.id::text = $1`,
};

// Indicator level of each kind; a zona has none (the census does not publish by participation zone).
const LEVEL: Record<TerritoryKind, string | null> = { municipio: 'municipio', localidad: 'localidad', colonia: 'colonia', ageb: 'ageb', zona: null };

// A project belongs to a territory when its geometry touches the unit; the whole municipio takes every project.
const inUnit = (kind: TerritoryKind, geomCol: string) => (kind === 'municipio' ? 'true' : `ST_Intersects(${geomCol}, u.geom)`);
// A colonia or zone overlaps the territory when their interiors meet (sharing a border is not overlapping).
const overlaps = (a: string) => `ST_Relate(${a}, u.geom, 'T********')`;

export interface Period {
  desde: number | null;
  hasta: number | null;
}

/** The territory of a kind and clave (clave null = the municipio), or null when there is no such unit. */
async function findTerritory(db: Queryable, kind: TerritoryKind, clave: string | null): Promise<Territory | null> {
  const { rows } = await db.query<Territory>(
    `WITH u AS (${UNIT[kind]})
     SELECT $2::text AS tipo, u.clave, u.nombre, u.proceso,
            ARRAY[round(ST_XMin(b)::numeric, 6)::float8, round(ST_YMin(b)::numeric, 6)::float8,
                  round(ST_XMax(b)::numeric, 6)::float8, round(ST_YMax(b)::numeric, 6)::float8] AS bbox
     FROM u, ST_Transform(ST_Envelope(u.geom), 4326) AS b`,
    [clave, kind],
  );
  return rows[0] ?? null;
}

/** The unit's outline as GeoJSON geometry (WGS84, simplified to ~1 m). */
async function territoryGeometry(db: Queryable, kind: TerritoryKind, clave: string): Promise<unknown> {
  const { rows } = await db.query<{ g: unknown }>(
    `WITH u AS (${UNIT[kind]}) SELECT ST_AsGeoJSON(ST_Transform(ST_SimplifyPreserveTopology(u.geom, 1), 4326), 6)::json AS g FROM u`,
    [clave],
  );
  return rows[0]?.g ?? null;
}

const bucket = (key: string, name: string, color: string, ord: string) => `
  SELECT coalesce(json_agg(json_build_object('clave', k, 'nombre', n, 'color', c, 'proyectos', cnt,
           'presupuesto_aprobado', apr, 'presupuesto_ejercido', eje, 'avance_promedio', av) ORDER BY ord, n), '[]')
  FROM (SELECT ${key} AS k, ${name} AS n, ${color} AS c, count(*)::int AS cnt,
               sum(aprobado)::float8 AS apr, sum(ejercido)::float8 AS eje, round(avg(avance)::numeric, 1)::float8 AS av,
               ${ord} AS ord
        FROM pr GROUP BY 1, 2, 3) b`;

/** Projects of the territory in the period: totals, status counts, chart buckets and the two ranking tables. */
async function projectFigures(db: Queryable, kind: TerritoryKind, clave: string | null, p: Period) {
  const { rows } = await db.query<{
    total: number; aprobado: number; ejercido: number; avance: number | null;
    estatus: ChartBucket[]; eje: ChartBucket[]; programa: ChartBucket[]; dependencia: ChartBucket[]; anio: ChartBucket[];
    top: ProjectRow[]; colonias: ColoniaRow[];
  }>(
    `WITH u AS (${UNIT[kind]}),
     pr AS (
       SELECT p.id, p.clave, p.nombre, p.estatus, p.avance::float8 AS avance, p.presupuesto_aprobado AS aprobado,
              p.presupuesto_ejercido AS ejercido, p.dependencia, p.anio, p.geom,
              e.id AS eje_id, e.nombre AS eje_nombre, e.color AS eje_color, pg.id AS programa_id, pg.nombre AS programa_nombre,
              array_position($4::text[], p.estatus) AS ord_estatus
       FROM plan.projects p JOIN plan.programas pg ON pg.id = p.programa_id JOIN plan.ejes e ON e.id = pg.eje_id, u
       WHERE ${inUnit(kind, 'p.geom')}
         AND ($2::int IS NULL OR p.anio >= $2) AND ($3::int IS NULL OR p.anio <= $3))
     SELECT (SELECT count(*)::int FROM pr) AS total,
            (SELECT coalesce(sum(aprobado), 0)::float8 FROM pr) AS aprobado,
            (SELECT coalesce(sum(ejercido), 0)::float8 FROM pr) AS ejercido,
            (SELECT round(avg(avance)::numeric, 1)::float8 FROM pr) AS avance,
            (${bucket('estatus', 'estatus', 'NULL::text', 'min(ord_estatus)')}) AS estatus,
            (${bucket('eje_id::text', 'eje_nombre', 'eje_color', 'min(eje_id)')}) AS eje,
            (${bucket('programa_id::text', 'programa_nombre', 'NULL::text', '-count(*)')}) AS programa,
            (${bucket('dependencia', 'dependencia', 'NULL::text', '-count(*)')}) AS dependencia,
            (${bucket('anio::text', 'anio::text', 'NULL::text', 'min(anio)')}) AS anio,
            (SELECT coalesce(json_agg(r ORDER BY r.presupuesto_aprobado DESC, r.id), '[]') FROM (
               SELECT id, clave, nombre, estatus, avance, aprobado::float8 AS presupuesto_aprobado,
                      ejercido::float8 AS presupuesto_ejercido, dependencia, anio
               FROM pr ORDER BY aprobado DESC, id LIMIT 10) r) AS top,
            (SELECT coalesce(json_agg(r ORDER BY r.proyectos DESC, r.presupuesto_ejercido DESC, r.nombre), '[]') FROM (
               SELECT c.cve_col AS clave, c.nombre, count(pr.id)::int AS proyectos,
                      coalesce(sum(pr.aprobado), 0)::float8 AS presupuesto_aprobado,
                      coalesce(sum(pr.ejercido), 0)::float8 AS presupuesto_ejercido,
                      round(avg(pr.avance)::numeric, 1)::float8 AS avance_promedio
               FROM carto.colonias c JOIN u ON ${kind === 'municipio' ? 'true' : overlaps('c.geom')}
               LEFT JOIN pr ON ST_Intersects(pr.geom, c.geom)
               GROUP BY c.cve_col, c.nombre
               ORDER BY 3 DESC, 5 DESC, 2 LIMIT 10) r) AS colonias`,
    [clave, p.desde, p.hasta, PROJECT_STATUSES],
  );
  return rows[0];
}

/** Every project of the territory in the period as table rows with a point each, largest budget first. */
async function territoryProjects(db: Queryable, kind: TerritoryKind, clave: string | null, p: Period, limit: number): Promise<Array<ProjectRow & { punto: [number, number] }>> {
  const { rows } = await db.query<ProjectRow & { punto: [number, number] }>(
    `WITH u AS (${UNIT[kind]})
     SELECT p.id, p.clave, p.nombre, p.estatus, p.avance::float8 AS avance, p.presupuesto_aprobado::float8 AS presupuesto_aprobado,
            p.presupuesto_ejercido::float8 AS presupuesto_ejercido, p.dependencia, p.anio,
            (SELECT ARRAY[round(ST_X(c)::numeric, 6)::float8, round(ST_Y(c)::numeric, 6)::float8]
               FROM ST_Transform(ST_PointOnSurface(p.geom), 4326) AS c) AS punto
     FROM plan.projects p, u
     WHERE ${inUnit(kind, 'p.geom')} AND ($2::int IS NULL OR p.anio >= $2) AND ($3::int IS NULL OR p.anio <= $3)
     ORDER BY p.presupuesto_aprobado DESC, p.id LIMIT $4`,
    [clave, p.desde, p.hasta, limit],
  );
  return rows;
}

/**
 * Turnout of the latest participation process in the period over the zones that overlap the territory (a zona: its
 * own process and zone); null when no process applies.
 */
async function turnout(db: Queryable, kind: TerritoryKind, clave: string | null, p: Period): Promise<Turnout | null> {
  const { rows } = await db.query<Turnout>(
    `WITH u AS (${UNIT[kind]}),
     pc AS (
       SELECT pc.* FROM partic.processes pc
       WHERE ${kind === 'zona' ? 'pc.id = (SELECT z.process_id FROM partic.zones z WHERE z.id::text = $1)'
                              : '($2::int IS NULL OR pc.anio >= $2) AND ($3::int IS NULL OR pc.anio <= $3)'}
       ORDER BY pc.anio DESC, pc.id DESC LIMIT 1),
     zs AS (
       SELECT z.id AS zone_id, z.clave, z.nombre, r.lista_nominal, r.participantes,
              round(100.0 * r.participantes / nullif(r.lista_nominal, 0), 2)::float8 AS participacion, g.titulo AS ganadora
       FROM partic.zones z JOIN pc ON pc.id = z.process_id CROSS JOIN u
       LEFT JOIN partic.results r ON r.zone_id = z.id AND r.process_id = z.process_id
       LEFT JOIN partic.proposals g ON g.id = r.propuesta_ganadora
       WHERE ${kind === 'zona' ? 'z.id::text = $1' : kind === 'municipio' ? 'true' : overlaps('z.geom')})
     SELECT json_build_object('clave', pc.clave, 'nombre', pc.nombre, 'anio', pc.anio) AS proceso,
            coalesce(sum(zs.lista_nominal), 0)::int AS lista_nominal, coalesce(sum(zs.participantes), 0)::int AS participantes,
            round(100.0 * sum(zs.participantes) / nullif(sum(zs.lista_nominal), 0), 2)::float8 AS participacion,
            coalesce(json_agg(zs ORDER BY zs.clave) FILTER (WHERE zs.zone_id IS NOT NULL), '[]') AS zonas
     FROM pc LEFT JOIN zs ON true
     GROUP BY pc.clave, pc.nombre, pc.anio`,
    // A zona's process is its own, whatever the period.
    kind === 'zona' ? [clave] : [clave, p.desde, p.hasta],
  );
  const r = rows[0];
  return r && r.zonas.length ? r : null;
}

// A report is open until it is attended or rejected (the same split Open311 publishes as open/closed).
const OPEN_REPORT_STATUSES = REPORT_STATUSES.filter((st) => OPEN311_STATUS[st] === 'open');

/**
 * Citizen reports in the territory and period: the public ones (partic.v_reportes: moderation approved) whose point
 * lies in the unit, dated in the period's years (the report's date, else when it was received); open = not yet
 * attended nor rejected. A zona counts the reports inside its zone.
 */
async function reportCounts(db: Queryable, kind: TerritoryKind, clave: string | null, p: Period): Promise<ReportCounts | null> {
  const { rows } = await db.query<ReportCounts>(
    `WITH u AS (${UNIT[kind]}),
     r AS (
       SELECT r.estatus FROM partic.v_reportes r, u
       WHERE ${inUnit(kind, 'r.geom')}
         AND ($2::int IS NULL OR extract(year FROM coalesce(r.fecha, r.creado::date)) >= $2)
         AND ($3::int IS NULL OR extract(year FROM coalesce(r.fecha, r.creado::date)) <= $3))
     SELECT count(*)::int AS total,
            (count(*) FILTER (WHERE estatus = ANY($4::text[])))::int AS abiertos,
            (count(*) FILTER (WHERE estatus = 'atendido'))::int AS atendidos
     FROM r`,
    [clave, p.desde, p.hasta, OPEN_REPORT_STATUSES],
  );
  return rows[0] ?? null;
}

const INDICATOR_COLS = `i.code, i.nombre, i.nombre_en, i.unidad, i.fuente, i.decimales, i.agregacion`;

/** Codes of the indicators a summary lists: the preferred ones the catalog has, else its first ones. */
async function keyIndicatorCodes(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ code: string }>('SELECT code FROM stats.indicators ORDER BY tema, nombre');
  const have = new Set(rows.map((r) => r.code));
  const preferred = FICHA_INDICATOR_CODES.filter((c) => have.has(c));
  const rest = rows.map((r) => r.code).filter((c) => !preferred.includes(c as never));
  return [...preferred, ...rest].slice(0, FICHA_INDICATOR_MAX);
}

/** Key indicators of a unit at their latest year, beside the municipio's value for the same year. */
async function keyIndicators(db: Queryable, kind: TerritoryKind, clave: string, codes: string[]): Promise<KeyIndicator[]> {
  const level = LEVEL[kind];
  const municipio = `(SELECT cvegeo FROM carto.municipio ORDER BY cvegeo LIMIT 1)`;
  if (level) {
    const { rows } = await db.query<KeyIndicator & { agregacion: string }>(
      `WITH l AS (SELECT indicator, max(anio) AS anio FROM stats.indicator_values
                  WHERE nivel = $1 AND clave = $2 AND indicator = ANY($3) GROUP BY indicator)
       SELECT ${INDICATOR_COLS}, l.anio::int AS anio, v.valor, v.flag, m.valor AS municipal, false AS estimado
       FROM l JOIN stats.indicators i ON i.code = l.indicator
       JOIN stats.indicator_values v ON v.indicator = l.indicator AND v.nivel = $1 AND v.anio = l.anio AND v.clave = $2
       LEFT JOIN stats.indicator_values m ON m.indicator = l.indicator AND m.nivel = 'municipio' AND m.anio = l.anio AND m.clave = ${municipio}
       ORDER BY array_position($3::text[], i.code)`,
      [level, clave, codes],
    );
    return rows.map(({ agregacion: _a, ...r }) => r);
  }
  // No published values for this kind of unit: apportion the manzana/AGEB values by area, and say so.
  const geom = await territoryGeometry(db, kind, clave);
  const area = await areaStats(db, JSON.stringify(geom));
  const present = codes.map((c) => area.indicators.find((x) => x.code === c)).filter((x) => x !== undefined && x.anio !== null);
  const { rows } = await db.query<Omit<KeyIndicator, 'valor' | 'flag' | 'estimado' | 'anio'> & { agregacion: string; anio: number }>(
    `SELECT ${INDICATOR_COLS}, a.anio, m.valor AS municipal
     FROM unnest($1::text[], $2::int[]) AS a(code, anio) JOIN stats.indicators i ON i.code = a.code
     LEFT JOIN stats.indicator_values m ON m.indicator = a.code AND m.nivel = 'municipio' AND m.anio = a.anio AND m.clave = ${municipio}
     ORDER BY array_position($1::text[], i.code)`,
    [present.map((x) => x!.code), present.map((x) => x!.anio)],
  );
  return rows.map(({ agregacion, ...r }) => {
    const v = area.indicators.find((x) => x.code === r.code)?.valor ?? null;
    // Counts of people and homes are whole numbers even when estimated.
    const valor = v === null ? null : agregacion === 'sum' ? Math.round(v) : Number(v.toFixed(r.decimales + 1));
    return { ...r, valor, flag: v === null ? 'no_disponible' : null, estimado: true };
  });
}

/** A count card from the key indicators (whole number, census year, source, estimate flag). */
function countOf(indicators: KeyIndicator[], code: string): PeopleCount {
  const i = indicators.find((x) => x.code === code);
  if (!i) return { valor: null, anio: null, fuente: null, estimado: false };
  return { valor: i.valor === null ? null : Math.round(i.valor), anio: i.anio, fuente: i.fuente, estimado: i.estimado };
}

/** Dates and version of the data: dataset date, latest layer write, and a digest of meta.layer_versions. */
async function dataDates(db: Queryable): Promise<DataDates> {
  const { rows } = await db.query<{ fecha: string | null; actualizado: string | null; versions: string }>(
    `SELECT (SELECT fecha::text FROM meta.datasets ORDER BY loaded_at DESC LIMIT 1) AS fecha,
            (SELECT to_char(max(updated_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM meta.layer_versions) AS actualizado,
            (SELECT coalesce(string_agg(layer || ':' || version, ',' ORDER BY layer), '') FROM meta.layer_versions) AS versions`,
  );
  const r = rows[0];
  return { fecha: r.fecha, actualizado: r.actualizado, version: createHash('sha256').update(r.versions).digest('hex').slice(0, 16) };
}

/** The whole summary of a territory and period, or null when the territory does not exist. */
async function territorySummary(db: Queryable, kind: TerritoryKind, clave: string | null, period: Period): Promise<DashboardSummary | null> {
  const territorio = await findTerritory(db, kind, clave);
  if (!territorio) return null;
  const key = territorio.clave;
  const codes = await keyIndicatorCodes(db);
  const [figures, participacion, reportes, indicadores, datos] = await Promise.all([
    projectFigures(db, kind, key, period),
    turnout(db, kind, key, period),
    reportCounts(db, kind, key, period),
    keyIndicators(db, kind, key, codes),
    dataDates(db),
  ]);
  return {
    territorio,
    periodo: period,
    poblacion: countOf(indicadores, POPULATION_CODE),
    hogares: countOf(indicadores, HOMES_CODE),
    proyectos: {
      total: figures.total,
      por_estatus: figures.estatus.map((b) => ({ estatus: b.clave as ProjectRow['estatus'], proyectos: b.proyectos })),
      presupuesto_aprobado: figures.aprobado,
      presupuesto_ejercido: figures.ejercido,
      avance_promedio: figures.avance,
    },
    participacion,
    reportes,
    graficas: { estatus: figures.estatus, eje: figures.eje, programa: figures.programa, dependencia: figures.dependencia, anio: figures.anio },
    ranking: { proyectos: figures.top, colonias: figures.colonias },
    indicadores,
    datos,
  };
}

/** The id of the project with a clave (case-insensitive), or null. */
async function projectIdByClave(db: Queryable, clave: string): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>('SELECT id FROM plan.projects WHERE lower(clave) = lower($1) ORDER BY id LIMIT 1', [clave]);
  return rows[0]?.id ?? null;
}

/** Claves and names of every unit of a kind, in name order (the atlas's pages and index). */
async function territoryKeys(db: Queryable, kind: Exclude<TerritoryKind, 'municipio'>): Promise<Array<{ clave: string; nombre: string }>> {
  const sql: Record<typeof kind, string> = {
    localidad: 'SELECT cvegeo AS clave, nombre FROM carto.localidades ORDER BY nombre, cvegeo',
    colonia: 'SELECT cve_col AS clave, nombre FROM carto.colonias ORDER BY nombre, cve_col',
    ageb: `SELECT a.cvegeo AS clave, 'AGEB ' || a.cve_ageb || coalesce(', ' || l.nombre, '') AS nombre
           FROM carto.agebs a LEFT JOIN carto.localidades l ON l.cvegeo = left(a.cvegeo, 9) ORDER BY a.cvegeo`,
    zona: `SELECT z.id::text AS clave, z.nombre || ' (' || pc.nombre || ')' AS nombre
           FROM partic.zones z JOIN partic.processes pc ON pc.id = z.process_id ORDER BY pc.anio DESC, z.clave`,
  };
  const { rows } = await db.query<{ clave: string; nombre: string }>(sql[kind]);
  return rows;
}

const queries = {
  findTerritory, territoryGeometry, territoryProjects, territorySummary, dataDates, projectIdByClave, territoryKeys,
};

declare module 'fastify' {
  interface FastifyInstance {
    /** The territory summary behind the tablero and the fichas. */
    dashboardRepository: Repository<typeof queries>;
  }
}

/** Decorates `app.dashboardRepository`. */
export default fp(async (app) => {
  app.decorate('dashboardRepository', repository(app.db, queries));
}, { name: 'dashboard-repository', dependencies: ['db'] });
