import { importError, ImportError } from './errors.ts';
import { fieldLookup } from './fields.ts';
import type { KeySpec } from './layers.ts';
import { CVEGEO_PARTS, CVEGEO_PATTERN, keyPart } from './values.ts';

const LEVEL: Record<number, string> = { 5: 'municipio', 9: 'localidad', 13: 'AGEB', 16: 'manzana' };
const PARTS_FOR: Record<number, number> = { 5: 2, 9: 3, 13: 4, 16: 5 };

/** Reads a row's key. Returns null for layers without one. */
export type KeyReader = (props: Record<string, unknown>, n: number) => string | null;

/**
 * Plans how to read each row's key from the file's columns, failing before any row is read when the key column is
 * missing. CVEGEO keeps its leading zeros and is rebuilt from CVE_ENT/CVE_MUN/CVE_LOC/CVE_AGEB/CVE_MZA when the
 * file splits it; a 4-character AGEB key is left for the SQL step to complete from the localidad that contains it.
 */
export function keyReader(key: KeySpec, fields: string[], opts: { key?: string; keyPrefix?: string }, file: string): KeyReader {
  const listed = fields.join(', ');
  const lookup = fieldLookup(fields);
  const keyField = opts.key ? lookup([opts.key]) : undefined;
  if (opts.key && !keyField) {
    throw new ImportError(`${file}: falta la columna clave «${opts.key}» (columnas del archivo: ${listed}); corrija --key.`, { file, field: opts.key });
  }
  if (key.kind === 'text') {
    const field = keyField ?? lookup(key.names);
    if (!field) {
      if (key.required) {
        throw new ImportError(
          `${file}: falta la columna clave (${key.names.join(' o ')}); columnas del archivo: ${listed}. Indique la columna con --key <columna>.`,
          { file, field: key.names[0] },
        );
      }
      return () => null;
    }
    return (props, n) => {
      const v = props[field];
      const s = v === null || v === undefined ? '' : String(v).trim();
      if (!s && key.required) throw importError(file, n, field, 'la clave está vacía');
      return s || null;
    };
  }
  const len = key.length;
  if (opts.keyPrefix !== undefined && !/^[0-9]{2,12}$/.test(opts.keyPrefix)) {
    throw new ImportError(`--key-prefix «${opts.keyPrefix}» no es el inicio de una CVEGEO (solo dígitos, p. ej. 260300001).`, { field: 'key-prefix' });
  }
  const cvegeoField = keyField ?? lookup(['cvegeo', 'cve_geo', 'clavegeo']);
  const parts = CVEGEO_PARTS.slice(0, PARTS_FOR[len]).map((p) => lookup(p.names));
  const haveParts = parts.every(Boolean);
  if (!cvegeoField && !haveParts) {
    const names = CVEGEO_PARTS.slice(0, PARTS_FOR[len]).map((p) => p.names[0].toUpperCase()).join(', ');
    throw new ImportError(
      `${file}: falta la columna clave: se necesita CVEGEO (${len} caracteres) o las columnas ${names}; columnas del archivo: ${listed}. Use --key <columna>.`,
      { file, field: 'CVEGEO' },
    );
  }
  return (props, n) => {
    const raw = cvegeoField ? props[cvegeoField] : undefined;
    let k = raw === null || raw === undefined ? '' : typeof raw === 'number' ? keyPart(raw, len) : String(raw).trim().toUpperCase();
    if (k.length !== len && haveParts) k = parts.map((f, i) => keyPart(props[f!], CVEGEO_PARTS[i].width)).join('');
    if (k.length < len && opts.keyPrefix) k = opts.keyPrefix + k;
    if (len === 13 && /^[0-9]{3}[0-9A-Z]$/.test(k)) return k;
    if (!CVEGEO_PATTERN[len].test(k)) {
      throw importError(file, n, cvegeoField ?? 'CVE_*', `«${String(raw ?? k)}» no es una CVEGEO de ${LEVEL[len]} (${len} caracteres${len >= 13 ? '; la AGEB puede terminar en letra' : ''}); revise la columna o use --key`);
    }
    return k;
  };
}
