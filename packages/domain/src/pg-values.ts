// What PostgreSQL accepts, checked before a value reaches it: the one validation layer of the server
// (apps/server/src/plugins/validation.ts applies it to every route; the OGC filters and datetime call it too).
// A value PostgreSQL would refuse is the client's mistake (400 naming the parameter), never a 500.

/** Deepest nesting of arrays/objects accepted in a JSON body (GeoJSON MultiPolygon coordinates are 4 deep). */
export const MAX_JSON_DEPTH = 32;

/** Largest integer the API accepts anywhere: exact in a JavaScript number and inside int8. */
export const MAX_INTEGER = Number.MAX_SAFE_INTEGER;

// Decimal notation only: what float8in and int8in read. JavaScript's Number() also reads "0x1F", "0b101", "0o7",
// "Infinity", and strips a BOM or blanks around the digits; PostgreSQL refuses all of them.
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;

/** Why `text` is not a number float8 reads exactly as JavaScript does (null when it is one). */
export function floatTextProblem(text: string): string | null {
  if (!DECIMAL.test(text)) return 'no es un número decimal';
  const n = Number(text);
  if (!Number.isFinite(n)) return 'está fuera del rango de un número de doble precisión';
  // float8in refuses an underflow to zero ("1e-400"), which JavaScript silently reads as 0.
  if (n === 0 && /[1-9]/.test(text.replace(/[eE].*$/, ''))) return 'es demasiado pequeño (se redondearía a cero)';
  return null;
}

/** Why `text` is not an integer within [min, max] (default ±MAX_INTEGER), or null when it is one. */
export function integerTextProblem(text: string, min = -MAX_INTEGER, max = MAX_INTEGER): string | null {
  if (!INTEGER.test(text)) {
    // "1e3" is an integer to JSON Schema coercion; accept it only when exactly representable.
    const p = floatTextProblem(text);
    if (p) return 'no es un número entero';
    if (!Number.isInteger(Number(text))) return 'no es un número entero';
  }
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < min || n > max) return `está fuera del intervalo ${min}…${max}`;
  return null;
}

/** Whether y-m-d names a real calendar day PostgreSQL stores as a date (years 0001–9999; 2021-02-29 is not one). */
export function isCalendarDate(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || y < 1 || y > 9999 || !Number.isInteger(m) || m < 1 || m > 12 || !Number.isInteger(d) || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return d <= days;
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** Whether `text` is an RFC 3339 date (AAAA-MM-DD) or date-time that names a real calendar day and time. */
export function isIsoDateOrDateTime(text: string, opts: { dateOnly?: boolean } = {}): boolean {
  const m = ISO_DATE_TIME.exec(text);
  if (!m) return false;
  if (opts.dateOnly && m[4] !== undefined) return false;
  if (!isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59)) return false;
  return true;
}

/** Why `value` (a decoded JSON body or query) holds something PostgreSQL text refuses (a NUL), as a path, or null. */
export function nulPath(value: unknown, path = ''): string | null {
  // Iterative: a body nested thousands deep must not overflow the stack here either.
  const stack: Array<[unknown, string]> = [[value, path]];
  while (stack.length) {
    const [v, p] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return p;
    } else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
        const at = p ? `${p}/${k}` : k;
        if (k.includes('\u0000')) return at;
        stack.push([child, at]);
      }
    }
  }
  return null;
}

/** The nesting depth of JSON text, counted without parsing (linear, no recursion); stops counting past `limit`. */
export function jsonDepthExceeds(text: string, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > limit) return true;
    } else if (c === 93 || c === 125) depth--;
  }
  return false;
}

/**
 * The exclusive upper bound of a numeric(precision, scale) column: values at or above it would round to
 * precision + 1 digits and overflow (numeric(14, 2) stores up to 999 999 999 999.99).
 */
export function numericLimit(precision: number, scale: number): number {
  return 10 ** (precision - scale) - 0.5 * 10 ** -scale;
}
