import { readFile } from 'node:fs/promises';
import type pg from 'pg';
import { parse as parseYaml } from 'yaml';
import type { Encoding } from './csv.ts';
import { ImportError, importError } from './errors.ts';
import { fieldLookup } from './fields.ts';
import type { ImportLimits } from './limits.ts';
import { readSource, type RawFeature } from './readers.ts';
import type { Source } from './source.ts';
import { isPercent, nullFlag, parseNumber } from './values.ts';

export const NIVELES = ['manzana', 'ageb', 'colonia', 'localidad', 'municipio'] as const;
export type Nivel = (typeof NIVELES)[number];

/** One column of a table mapped to an entry of the indicator catalog (stats.indicators). */
export interface IndicatorColumn {
  columna: string;
  code: string;
  nombre?: string;
  unidad?: string;
  agregacion?: 'sum' | 'mean' | 'ratio';
  tema?: string;
  descripcion?: string;
  decimales?: number;
  mayor_es_mejor?: boolean;
  numerador?: string;
  denominador?: string;
}

/** How a table of values maps onto the catalog: the level and key of its rows, the year and source, the columns. */
export interface IndicatorMapping {
  nivel: Nivel;
  clave?: string;
  anio: number;
  fuente: string;
  tema?: string;
  /** Omitted: every numeric column becomes an indicator named after it. */
  indicadores?: IndicatorColumn[];
}

/** Validates a mapping read from YAML/JSON (or built from flags); the message names the bad entry. */
export function parseIndicatorMapping(raw: unknown, where: string): IndicatorMapping {
  const m = (raw ?? {}) as Record<string, unknown>;
  const bad = (what: string) => new ImportError(`${where}: ${what}; vea docs/IMPORT.md (mapeo de indicadores).`, { file: where });
  if (!NIVELES.includes(m.nivel as Nivel)) throw bad(`«nivel» debe ser uno de ${NIVELES.join(', ')} (se recibió «${String(m.nivel ?? '')}»)`);
  const anio = Number(m.anio);
  if (!Number.isInteger(anio) || anio < 1900 || anio > 2100) throw bad(`«anio» debe ser un año (se recibió «${String(m.anio ?? '')}»)`);
  if (typeof m.fuente !== 'string' || !m.fuente.trim()) throw bad('falta «fuente» (quién publica los datos)');
  let indicadores: IndicatorColumn[] | undefined;
  if (m.indicadores !== undefined) {
    if (!Array.isArray(m.indicadores)) throw bad('«indicadores» debe ser una lista');
    indicadores = m.indicadores.map((c: Record<string, unknown>, i: number) => {
      if (typeof c.columna !== 'string') throw bad(`indicadores[${i}]: falta «columna»`);
      const code = String(c.code ?? slug(c.columna));
      if (!/^[a-z][a-z0-9_]*$/.test(code)) throw bad(`indicadores[${i}]: «code» «${code}» debe ser minúsculas, dígitos y _`);
      if (c.agregacion !== undefined && !['sum', 'mean', 'ratio'].includes(String(c.agregacion))) throw bad(`indicadores[${i}]: «agregacion» debe ser sum, mean o ratio`);
      return { ...c, columna: c.columna, code } as IndicatorColumn;
    });
  }
  return { nivel: m.nivel as Nivel, clave: m.clave as string | undefined, anio, fuente: m.fuente.trim(), tema: m.tema as string | undefined, indicadores };
}

/** Reads a mapping file (YAML or JSON). */
export async function loadIndicatorMapping(path: string): Promise<IndicatorMapping> {
  let raw: unknown;
  try {
    raw = parseYaml(await readFile(path, 'utf8'));
  } catch (e) {
    throw new ImportError(`${path}: el mapeo de indicadores no se pudo leer (${(e as Error).message}).`, { file: path });
  }
  return parseIndicatorMapping(raw, path);
}

/** "Escolaridad años prom" → "escolaridad_anos_prom": a catalog code from a column name. */
export function slug(s: string): string {
  const out = s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[a-z]/.test(out) ? out : `i_${out}`;
}

const DEFAULT_KEY: Record<Nivel, string[]> = {
  manzana: ['cvegeo'], ageb: ['cvegeo'], localidad: ['cvegeo'], municipio: ['cvegeo'],
  colonia: ['cve_col', 'clave', 'cve_colonia', 'id_colonia'],
};

const UNIT_TABLE: Record<Nivel, [string, string]> = {
  manzana: ['carto.manzanas', 'cvegeo'], ageb: ['carto.agebs', 'cvegeo'], colonia: ['carto.colonias', 'cve_col'],
  localidad: ['carto.localidades', 'cvegeo'], municipio: ['carto.municipio', 'cvegeo'],
};

/**
 * Loads a table of indicator values: '*' → NULL 'confidencial'; 'N/D', '-', empty → NULL 'no_disponible' (never 0);
 * "50.7%" and "1,234" parsed; anything else that is not a number is an error naming row and column. Keys are kept
 * exactly as written (colonia "2603000010" stays 10 characters). Values of the same indicator, level and year are
 * replaced; the catalog entry is created or updated.
 */
export async function importIndicators(
  client: pg.ClientBase,
  src: Source,
  opts: { encoding?: Encoding; key?: string; mapping?: IndicatorMapping; limits?: ImportLimits; onProgress?: (done: number, total: number | null) => void },
) {
  const mapping = opts.mapping;
  if (!mapping) throw new ImportError(`${src.label}: para importar indicadores indique el mapeo (--mapping archivo.yaml, o --nivel, --anio y --fuente).`, { file: src.label });
  const rows: RawFeature[] = [];
  for await (const f of readSource(src, { encoding: opts.encoding, limits: opts.limits })) rows.push(f);
  if (!rows.length) throw new ImportError(`${src.label}: no tiene registros.`, { file: src.label });
  const fields = Object.keys(rows[0].props);
  // One index of the columns: a lookup per mapped column must not scan them all (100k columns, 100k lookups).
  const lookup = fieldLookup(fields);
  const wanted = opts.key ?? mapping.clave;
  const keyField = lookup(wanted ? [wanted] : DEFAULT_KEY[mapping.nivel]);
  if (!keyField) {
    throw new ImportError(
      `${src.label}: falta la columna clave «${wanted ?? DEFAULT_KEY[mapping.nivel][0]}» (columnas del archivo: ${fields.join(', ')}); corrija «clave» en el mapeo o use --key.`,
      { file: src.label, field: wanted ?? DEFAULT_KEY[mapping.nivel][0] },
    );
  }
  const columns = mapping.indicadores ?? autoColumns(rows, fields.filter((f) => f !== keyField));
  const fieldOf = columns.map((c) => {
    const f = lookup([c.columna]);
    if (!f) throw new ImportError(`${src.label}: falta la columna «${c.columna}» del mapeo (columnas del archivo: ${fields.join(', ')}).`, { file: src.label, field: c.columna });
    return f;
  });

  const values: Array<{ indicator: string; clave: string; valor: number | null; flag: string | null }> = [];
  const seen = new Map<string, number>();
  const rechazados: Array<{ fila: number; clave: string | null; motivo: string }> = [];
  let nulos = 0;
  for (const r of rows) {
    const raw = r.props[keyField];
    const clave = raw === null || raw === undefined ? '' : String(raw).trim();
    if (!clave) throw importError(src.label, r.n, keyField, 'la clave está vacía');
    const first = seen.get(clave);
    if (first !== undefined) {
      rechazados.push({ fila: r.n, clave, motivo: `clave duplicada «${clave}» (ya está en la fila ${first})` });
      continue;
    }
    seen.set(clave, r.n);
    columns.forEach((c, i) => {
      const v = r.props[fieldOf[i]];
      const flag = nullFlag(v);
      if (flag) {
        nulos++;
        values.push({ indicator: c.code, clave, valor: null, flag });
        return;
      }
      const n = parseNumber(v);
      if (n === undefined) throw importError(src.label, r.n, fieldOf[i], `«${String(v)}» no es un número (use *, N/D o vacío para datos faltantes)`);
      values.push({ indicator: c.code, clave, valor: n, flag: null });
    });
  }

  for (const c of columns) {
    await client.query(
      `INSERT INTO stats.indicators (code, nombre, descripcion, tema, unidad, fuente, niveles, anios, agregacion, numerador, denominador, decimales, mayor_es_mejor)
       VALUES ($1, $2, $3, $4, $5, $6, ARRAY[$7::text], ARRAY[$8::integer], $9, $10, $11, $12, $13)
       ON CONFLICT (code) DO UPDATE SET nombre = EXCLUDED.nombre, descripcion = coalesce(EXCLUDED.descripcion, stats.indicators.descripcion),
         tema = EXCLUDED.tema, unidad = EXCLUDED.unidad, fuente = EXCLUDED.fuente,
         niveles = ARRAY(SELECT DISTINCT unnest(stats.indicators.niveles || EXCLUDED.niveles) ORDER BY 1),
         anios = ARRAY(SELECT DISTINCT unnest(stats.indicators.anios || EXCLUDED.anios) ORDER BY 1),
         agregacion = EXCLUDED.agregacion, numerador = EXCLUDED.numerador, denominador = EXCLUDED.denominador,
         decimales = EXCLUDED.decimales, mayor_es_mejor = coalesce(EXCLUDED.mayor_es_mejor, stats.indicators.mayor_es_mejor)`,
      [c.code, c.nombre ?? c.columna, c.descripcion ?? null, c.tema ?? mapping.tema ?? 'Población', c.unidad ?? 'valor', mapping.fuente,
        mapping.nivel, mapping.anio, c.agregacion ?? 'sum', c.numerador ?? null, c.denominador ?? null, c.decimales ?? (c.unidad === '%' ? 1 : 0),
        c.mayor_es_mejor ?? null],
    );
  }
  const codes = columns.map((c) => c.code);
  await client.query('DELETE FROM stats.indicator_values WHERE indicator = ANY($1::text[]) AND nivel = $2 AND anio = $3', [codes, mapping.nivel, mapping.anio]);
  for (let i = 0; i < values.length; i += 5000) {
    await client.query(
      `INSERT INTO stats.indicator_values (indicator, nivel, clave, anio, valor, flag)
       SELECT indicator, $2, clave, $3, valor, flag FROM jsonb_to_recordset($1::jsonb) AS r(indicator text, clave text, valor double precision, flag text)`,
      [JSON.stringify(values.slice(i, i + 5000)), mapping.nivel, mapping.anio],
    );
    opts.onProgress?.(Math.min(i + 5000, values.length), values.length);
  }
  const [table, col] = UNIT_TABLE[mapping.nivel];
  const orphan = await client.query<{ c: number }>(
    `SELECT count(*)::int AS c FROM unnest($1::text[]) k WHERE NOT EXISTS (SELECT 1 FROM ${table} u WHERE u.${col} = k)`,
    [[...seen.keys()]],
  );
  return {
    srid: null, leidos: rows.length, cargados: seen.size, reparados: 0, rechazados,
    indicadores: codes, nulos, sin_unidad: orphan.rows[0].c,
  };
}

/** Without a mapping, every column whose values are all numbers (or missing markers) is an indicator. */
function autoColumns(rows: RawFeature[], fields: string[]): IndicatorColumn[] {
  return fields
    .filter((f) => rows.every((r) => nullFlag(r.props[f]) !== null || parseNumber(r.props[f]) !== undefined) && rows.some((r) => nullFlag(r.props[f]) === null))
    .map((f) => {
      const pct = rows.some((r) => isPercent(r.props[f]));
      return { columna: f, code: slug(f), nombre: f, unidad: pct ? '%' : 'valor', agregacion: pct ? 'mean' : 'sum' };
    });
}
