import { importError } from './errors.ts';
import { nullFlag, parseBoolean, parseDate, parseNumber } from './values.ts';

const fold = (s: string) => s.trim().toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');

/** Finds the first of `names` among some attributes, ignoring case and accents. */
export type FieldLookup = (names: readonly string[]) => string | undefined;

/**
 * Indexes a record's attributes once , so that each lookup costs the names asked, not the
 * columns: a table of 100k columns is looked up in linear time.
 */
export function fieldLookup(fields: readonly string[]): FieldLookup {
  // As before: when two columns fold to the same name, the later one wins.
  const byFold = new Map<string, string>();
  for (const f of fields) byFold.set(fold(f), f);
  return (names) => {
    for (const n of names) {
      const hit = byFold.get(fold(n));
      if (hit !== undefined) return hit;
    }
    return undefined;
  };
}

/** Finds the first of `names` among a record's attributes, ignoring case and accents (one-off; see fieldLookup). */
export function findField(fields: readonly string[], names: readonly string[]): string | undefined {
  return fieldLookup(fields)(names);
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
