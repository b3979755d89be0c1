import { importError } from './errors.ts';
import { nullFlag, parseBoolean, parseDate, parseNumber } from './values.ts';

const fold = (s: string) => s.trim().toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');

/** Finds the first of `names` among a record's attributes, ignoring case and accents. */
export function findField(fields: string[], names: readonly string[]): string | undefined {
  const byFold = new Map(fields.map((f) => [fold(f), f]));
  for (const n of names) {
    const hit = byFold.get(fold(n));
    if (hit !== undefined) return hit;
  }
  return undefined;
}

export type ColumnType = 'text' | 'int' | 'float' | 'bool' | 'date';

/** One target column: where its value may come from, its type and how it is normalised. */
export interface ColumnSpec {
  name: string;
  from: readonly string[];
  type: ColumnType;
  required?: boolean;
  map?: (v: string) => string | null;
}

/**
 * Converts one attribute to the column's type; a value that does not convert is an error naming file, row and
 * field (never a silent 0 or NULL). INEGI's '*', 'N/D', '-' and empty become NULL.
 */
export function convert(col: ColumnSpec, field: string | undefined, v: unknown, file: string, row: number): unknown {
  const missing = field === undefined || nullFlag(v) !== null;
  if (missing) {
    if (col.required) throw importError(file, row, field ?? col.from[0], `falta el valor obligatorio de «${col.name}»`);
    return null;
  }
  switch (col.type) {
    case 'int':
    case 'float': {
      const n = parseNumber(v);
      if (n === undefined) throw importError(file, row, field, `«${String(v)}» no es un número`);
      if (col.type === 'int' && !Number.isInteger(n)) throw importError(file, row, field, `«${String(v)}» no es un número entero`);
      return n;
    }
    case 'bool': {
      const b = parseBoolean(v);
      if (b === undefined) throw importError(file, row, field, `«${String(v)}» no es verdadero/falso`);
      return b;
    }
    case 'date': {
      const d = parseDate(v);
      if (d === undefined) throw importError(file, row, field, `«${String(v)}» no es una fecha (AAAA-MM-DD)`);
      return d;
    }
    default: {
      const s = typeof v === 'number' && Number.isInteger(v) ? String(v) : String(v).trim();
      if (!col.map) return s;
      const m = col.map(s);
      if (m === null) throw importError(file, row, field, `«${s}» no es un valor válido de «${col.name}»`);
      return m;
    }
  }
}
