// The bounds of one import. Each is checked before the work it bounds is done (a zip's central directory before
// anything is inflated, a CSV's header before its rows are read), so a hostile or mistaken file costs seconds and
// a few megabytes, never the server. docs/IMPORT.md lists them; every one can be changed from the environment.
import { ImportError } from './errors.ts';

/** The numbers one import must stay within. */
export interface ImportLimits {
  /** Bytes of one uploaded file (the API's multipart limit; the CLI reads local files of any size). */
  uploadBytes: number;
  /** Bytes of all the entries of a zip, inflated. */
  unzippedBytes: number;
  /** Bytes of one entry of a zip, inflated. */
  entryBytes: number;
  /** Files inside a zip. */
  entries: number;
  /** Columns (attributes) of a record. */
  columns: number;
  /** Records of one import. */
  rows: number;
}

const MB = 1024 * 1024;

/** The defaults: a national INEGI layer fits (manzanas of a state: ~300k rows, ~250 census columns). */
export const DEFAULT_LIMITS: ImportLimits = {
  uploadBytes: 512 * MB,
  unzippedBytes: 2048 * MB,
  entryBytes: 1024 * MB,
  entries: 200,
  columns: 1000,
  rows: 2_000_000,
};

/** The environment variable of each limit and the unit it is written in. */
export const LIMIT_ENV: Record<keyof ImportLimits, { name: string; unit: number }> = {
  uploadBytes: { name: 'IMPORT_MAX_UPLOAD_MB', unit: MB },
  unzippedBytes: { name: 'IMPORT_MAX_UNZIPPED_MB', unit: MB },
  entryBytes: { name: 'IMPORT_MAX_ENTRY_MB', unit: MB },
  entries: { name: 'IMPORT_MAX_ENTRIES', unit: 1 },
  columns: { name: 'IMPORT_MAX_COLUMNS', unit: 1 },
  rows: { name: 'IMPORT_MAX_ROWS', unit: 1 },
};

/** Reads the limits from the environment (IMPORT_MAX_*); a value that is not a positive integer is an error naming it. */
export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): ImportLimits {
  const out = { ...DEFAULT_LIMITS };
  for (const [key, { name, unit }] of Object.entries(LIMIT_ENV) as Array<[keyof ImportLimits, { name: string; unit: number }]>) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const n = Number(raw);
    if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${name} debe ser un entero positivo (se recibió "${raw}")`);
    out[key] = n * unit;
  }
  return out;
}

/** A file beyond one of the limits: the API answers 413 (sizes) or 400 (shape), naming the limit. */
export class LimitError extends ImportError {
  constructor(
    message: string,
    public readonly limit: keyof ImportLimits,
    public readonly status: 400 | 413,
    where: { file?: string; row?: number } = {},
  ) {
    super(message, where);
    this.name = 'LimitError';
  }
}

const fmtBytes = (n: number) => (n >= MB ? `${Math.round(n / MB).toLocaleString('es-MX')} MB` : `${n.toLocaleString('es-MX')} bytes`);

/**
 * The error of a limit passed, in Spanish: which limit, what was found (`atLeast`: a lower bound, counted on part
 * of the file), how to split the file, how to raise it.
 */
export function limitError(limit: keyof ImportLimits, limits: ImportLimits, found: number, file: string, row?: number, atLeast = false): LimitError {
  const max = limits[limit];
  const env = LIMIT_ENV[limit].name;
  const bytes = LIMIT_ENV[limit].unit !== 1;
  const what: Record<keyof ImportLimits, string> = {
    uploadBytes: `el archivo excede el tamaño máximo de subida (${fmtBytes(max)})`,
    unzippedBytes: `el zip descomprimido ocuparía ${fmtBytes(found)}, más que el máximo de ${fmtBytes(max)}`,
    entryBytes: `un archivo dentro del zip ocuparía ${fmtBytes(found)} descomprimido, más que el máximo de ${fmtBytes(max)} por archivo`,
    entries: `el zip contiene ${found.toLocaleString('es-MX')} archivos, más que el máximo de ${max.toLocaleString('es-MX')}`,
    columns: `tiene ${atLeast ? 'al menos ' : ''}${found.toLocaleString('es-MX')} columnas, más que el máximo de ${max.toLocaleString('es-MX')}`,
    rows: `tiene más de ${max.toLocaleString('es-MX')} registros, el máximo por importación`,
  };
  const how: Record<keyof ImportLimits, string> = {
    uploadBytes: 'divida la capa en varios archivos (p. ej. por municipio o localidad) o impórtela con la línea de comandos',
    unzippedBytes: 'ponga cada capa en su propio zip o divídala por municipio o localidad',
    entryBytes: 'divida la capa en varios archivos (p. ej. por municipio o localidad)',
    entries: 'deje en el zip solo los archivos de la capa a importar (.shp, .shx, .dbf, .prj, .cpg)',
    columns: 'quite las columnas que no se importan o divida la tabla en varias con la columna clave en cada una',
    rows: 'divida el archivo en partes (p. ej. por municipio o localidad) e impórtelas por separado',
  };
  const status = bytes || limit === 'entries' ? 413 : 400;
  const raise = `límite ${env}=${bytes ? Math.round(max / MB) : max}`;
  return new LimitError(`${file}${row !== undefined ? `, fila ${row}` : ''}: ${what[limit]}; ${how[limit]} (${raise}).`, limit, status, { file, row });
}
