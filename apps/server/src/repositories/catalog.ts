// SQL of the published-data catalog: which indicators have values at which levels and years, which of them match a
// search, an indicator's municipal series over years, and the rows of its downloads. Levels pick one of a fixed
// set of statements; every request value is bound.
import fp from 'fastify-plugin';
import { INDICATOR_LEVELS, type Indicator, type IndicatorLevel } from '@sigmun/domain/indicators';
import type { CatalogFilters, DownloadRow, SeriesPoint } from '@sigmun/domain/catalog';
import { INDICATOR_COLUMNS, UNIT_NAME } from './indicators.ts';
import { repository, type Queryable, type Repository } from './repository.ts';

/** One (indicator, level, year) with values. */
export interface CoverageRow {
  indicator: string;
  nivel: string;
  anio: number;
}

// A loose index scan over the primary key (indicator, nivel, anio, clave): one probe per distinct triple instead
// of reading the ~750 k value rows of the demo (or millions of a real municipality).
const COVERAGE_SQL = `
WITH RECURSIVE cov AS (
  (SELECT indicator, nivel, anio FROM stats.indicator_values ORDER BY indicator, nivel, anio LIMIT 1)
  UNION ALL
  SELECT n.indicator, n.nivel, n.anio FROM cov c, LATERAL (
    SELECT v.indicator, v.nivel, v.anio FROM stats.indicator_values v
    WHERE (v.indicator, v.nivel, v.anio) > (c.indicator, c.nivel, c.anio)
    ORDER BY v.indicator, v.nivel, v.anio LIMIT 1) n)
SELECT indicator, nivel, anio::int AS anio FROM cov ORDER BY indicator, anio, nivel`;

/** Every (indicator, level, year) that has at least one value row. */
async function coverage(db: Queryable): Promise<CoverageRow[]> {
  const { rows } = await db.query<CoverageRow>(COVERAGE_SQL);
  return rows;
}

/** An indicator's metadata and whether it matches the search and tema filter. */
export type IndicatorMatch = Indicator & { coincide: boolean };

// The text search: every word must appear (unaccented, any case) in the code, names, description, tema, unit or
// source. LIKE's wildcards in the words are escaped, so "%" searches for a percent sign.
const INDICATORS_SQL = `
SELECT ${INDICATOR_COLUMNS},
  ($2::text IS NULL OR tema = $2) AND NOT EXISTS (
    SELECT 1 FROM unnest($1::text[]) w
    WHERE meta.f_unaccent(lower(concat_ws(' ', code, nombre, nombre_en, descripcion, tema, unidad, fuente)))
          NOT LIKE '%' || replace(replace(replace(meta.f_unaccent(lower(w)), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'
  ) AS coincide
FROM stats.indicators
ORDER BY tema, nombre`;

/** Every indicator of the bank, each marked with whether it matches the words of `q` and the tema (levels and years are checked on coverage). */
async function indicators(db: Queryable, f: Pick<CatalogFilters, 'q' | 'tema'>): Promise<IndicatorMatch[]> {
  const words = f.q ? f.q.split(/\s+/).filter(Boolean) : [];
  const { rows } = await db.query<IndicatorMatch>(INDICATORS_SQL, [words, f.tema]);
  return rows;
}

/** Name SQL of the municipio, the one level the map does not colour. */
const NAMES: Record<IndicatorLevel, { join: string; name: string }> = {
  ...UNIT_NAME,
  municipio: { join: 'LEFT JOIN carto.municipio u ON u.cvegeo = v.clave', name: 'u.nombre' },
};

const downloadSql = (level: IndicatorLevel) => `
  SELECT v.nivel, v.clave, ${NAMES[level].name} AS nombre, v.anio::int AS anio, v.valor, v.flag
  FROM stats.indicator_values v ${NAMES[level].join}
  WHERE v.indicator = $1 AND v.nivel = $2 AND ($3::int IS NULL OR v.anio = $3)
  ORDER BY v.anio, v.clave`;

/** Rows of an indicator's download at the levels given (finest first), every year or one; each unit named. */
async function downloadRows(db: Queryable, code: string, levels: readonly IndicatorLevel[], year: number | null): Promise<DownloadRow[]> {
  const out: DownloadRow[] = [];
  for (const level of INDICATOR_LEVELS.filter((l) => levels.includes(l))) {
    const { rows } = await db.query<DownloadRow>(downloadSql(level), [code, level, year]);
    out.push(...rows);
  }
  return out;
}

// The figure for the whole territory per year from one level's units, with the indicator's own aggregation rule
// (as the area statistics combine them): counts add up; ratios are 100·Σnumerator/Σdenominator over the units
// where both are known; means are weighted by the denominator when there is one.
const AGGREGATE_SQL = `
SELECT v.anio::int AS anio,
  CASE i.agregacion
    WHEN 'sum' THEN sum(v.valor)
    WHEN 'ratio' THEN 100 * sum(n.valor) FILTER (WHERE n.valor IS NOT NULL AND d.valor IS NOT NULL)
                        / nullif(sum(d.valor) FILTER (WHERE n.valor IS NOT NULL AND d.valor IS NOT NULL), 0)
    ELSE coalesce(
      sum(v.valor * d.valor) FILTER (WHERE v.valor IS NOT NULL AND d.valor IS NOT NULL)
        / nullif(sum(d.valor) FILTER (WHERE v.valor IS NOT NULL AND d.valor IS NOT NULL), 0),
      avg(v.valor))
  END AS valor
FROM stats.indicators i
JOIN stats.indicator_values v ON v.indicator = i.code AND v.nivel = $2
LEFT JOIN stats.indicator_values n ON n.indicator = i.numerador AND n.nivel = v.nivel AND n.anio = v.anio AND n.clave = v.clave
LEFT JOIN stats.indicator_values d ON d.indicator = i.denominador AND d.nivel = v.nivel AND d.anio = v.anio AND d.clave = v.clave
WHERE i.code = $1
GROUP BY v.anio, i.agregacion
ORDER BY v.anio`;

/**
 * The municipal figure of an indicator per year: the published municipio value when the source has one, otherwise
 * aggregated from `fallback` (the coarsest level that covers the territory), marked `calculado`.
 */
async function series(db: Queryable, code: string, fallback: IndicatorLevel | null): Promise<SeriesPoint[]> {
  const { rows } = await db.query<{ anio: number; valor: number | null }>(
    `SELECT anio::int AS anio, valor FROM stats.indicator_values WHERE indicator = $1 AND nivel = 'municipio' ORDER BY anio`,
    [code],
  );
  if (rows.length || !fallback) return rows.map((r) => ({ ...r, nivel: 'municipio', calculado: false }));
  const agg = await db.query<{ anio: number; valor: number | null }>(AGGREGATE_SQL, [code, fallback]);
  return agg.rows.map((r) => ({ ...r, nivel: fallback, calculado: true }));
}

/** The municipality's name (the catalog's publisher is its IMPLAN), or null before any load. */
async function municipality(db: Queryable): Promise<string | null> {
  const { rows } = await db.query<{ nombre: string }>('SELECT nombre FROM carto.municipio ORDER BY cvegeo LIMIT 1');
  return rows[0]?.nombre ?? null;
}

const queries = { coverage, indicators, downloadRows, series, municipality };

declare module 'fastify' {
  interface FastifyInstance {
    /** The published-data catalog: coverage of the statistics bank, search, series, downloads. */
    catalogRepository: Repository<typeof queries>;
  }
}

/** Decorates `app.catalogRepository`. */
export default fp(async (app) => {
  app.decorate('catalogRepository', repository(app.db, queries));
}, { name: 'catalog-repository', dependencies: ['db'] });
