// SQL for the statistics bank. The level picks one of a fixed set of statements; user values are always bound.
import fp from 'fastify-plugin';
import { repository, type Queryable, type Repository } from './repository.ts';
import type { Indicator, IndicatorValue, MapLevel } from '@sigmun/domain/indicators';

/** The columns of an `Indicator`, in stats.indicators. */
export const INDICATOR_COLUMNS = `code, nombre, nombre_en, descripcion, tema, unidad, fuente, niveles, anios, agregacion,
  numerador, denominador, decimales, mayor_es_mejor`;

/** Display name per level (SQL over `v`, the values row): AGEB and manzana have no names of their own, so they say where they are. */
export const UNIT_NAME: Record<MapLevel, { join: string; name: string }> = {
  colonia: { join: 'LEFT JOIN carto.colonias u ON u.cve_col = v.clave', name: 'u.nombre' },
  localidad: { join: 'LEFT JOIN carto.localidades u ON u.cvegeo = v.clave', name: 'u.nombre' },
  ageb: {
    join: 'LEFT JOIN carto.agebs u ON u.cvegeo = v.clave LEFT JOIN carto.localidades l ON l.cvegeo = left(v.clave, 9)',
    name: `'AGEB ' || right(v.clave, 4) || coalesce(', ' || l.nombre, '')`,
  },
  manzana: { join: '', name: `'Manzana ' || right(v.clave, 3) || ', AGEB ' || substr(v.clave, 10, 4)` },
};

const valuesSql = (level: MapLevel, order: 'asc' | 'desc' | null) => `
  SELECT v.clave, ${UNIT_NAME[level].name} AS nombre, v.valor, v.flag,
         CASE WHEN v.valor IS NULL THEN NULL
              ELSE rank() OVER (ORDER BY v.valor ${order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST)::int END AS rank
  FROM stats.indicator_values v ${UNIT_NAME[level].join}
  WHERE v.indicator = $1 AND v.nivel = $2 AND v.anio = $3
  ORDER BY ${order ? `v.valor ${order === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, v.clave` : 'v.clave'}
  LIMIT $4`;

/** Every indicator in the catalog, by tema and name. */
async function listIndicators(db: Queryable): Promise<Indicator[]> {
  const { rows } = await db.query<Indicator>(`SELECT ${INDICATOR_COLUMNS} FROM stats.indicators ORDER BY tema, nombre`);
  return rows;
}

/** One indicator of the catalog, or null. */
async function getIndicator(db: Queryable, code: string): Promise<Indicator | null> {
  const { rows } = await db.query<Indicator>(`SELECT ${INDICATOR_COLUMNS} FROM stats.indicators WHERE code = $1`, [code]);
  return rows[0] ?? null;
}

/** Years with values for the indicator at the level, newest first. */
async function yearsWithValues(db: Queryable, code: string, level: string): Promise<number[]> {
  const { rows } = await db.query<{ anio: number }>(
    'SELECT DISTINCT anio FROM stats.indicator_values WHERE indicator = $1 AND nivel = $2 ORDER BY anio DESC',
    [code, level],
  );
  return rows.map((r) => r.anio);
}

/** Values of one indicator at one level and year with unit names and ranks; `sort` orders by value. */
async function indicatorValues(
  db: Queryable, code: string, level: MapLevel, year: number, sort: 'asc' | 'desc' | null, limit: number | null,
): Promise<IndicatorValue[]> {
  const { rows } = await db.query<IndicatorValue>(valuesSql(level, sort), [code, level, year, limit]);
  return rows;
}

/** The bare values (nulls included) of an indicator at a level and year, for classification. */
async function rawValues(db: Queryable, code: string, level: string, year: number): Promise<Array<number | null>> {
  const { rows } = await db.query<{ valor: number | null }>(
    'SELECT valor FROM stats.indicator_values WHERE indicator = $1 AND nivel = $2 AND anio = $3',
    [code, level, year],
  );
  return rows.map((r) => r.valor);
}

/** Values of two years side by side for every unit present in either year. */
async function pairedValues(
  db: Queryable, code: string, level: MapLevel, from: number, to: number,
): Promise<Array<{ clave: string; nombre: string | null; desde: number | null; hasta: number | null }>> {
  const { rows } = await db.query(
    `WITH v AS (
       SELECT coalesce(a.clave, b.clave) AS clave, a.valor AS desde, b.valor AS hasta
       FROM (SELECT clave, valor FROM stats.indicator_values WHERE indicator = $1 AND nivel = $2 AND anio = $3) a
       FULL JOIN (SELECT clave, valor FROM stats.indicator_values WHERE indicator = $1 AND nivel = $2 AND anio = $4) b
         ON a.clave = b.clave)
     SELECT v.clave, ${UNIT_NAME[level].name} AS nombre, v.desde, v.hasta
     FROM v ${UNIT_NAME[level].join}
     ORDER BY v.clave`,
    [code, level, from, to],
  );
  return rows;
}

const queries = { list: listIndicators, get: getIndicator, years: yearsWithValues, values: indicatorValues, raw: rawValues, paired: pairedValues };

declare module 'fastify' {
  interface FastifyInstance {
    /** The statistics bank: catalog, values, years. */
    indicatorsRepository: Repository<typeof queries>;
  }
}

/** Decorates `app.indicatorsRepository`. */
export default fp(async (app) => {
  app.decorate('indicatorsRepository', repository(app.dbRead, queries));
}, { name: 'indicators-repository', dependencies: ['db'] });
