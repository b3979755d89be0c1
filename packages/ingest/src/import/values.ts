// Turning the strings municipal files carry into values, the way INEGI publishes them.

export type NullFlag = 'confidencial' | 'no_disponible';

/** INEGI's markers for a missing value: '*' is confidential, the rest are "not available". Never 0. */
export function nullFlag(v: unknown): NullFlag | null {
  if (v === null || v === undefined) return 'no_disponible';
  if (typeof v !== 'string') return null;
  const s = v.trim();
  if (s === '*') return 'confidencial';
  if (s === '' || s === '-' || s === '—' || /^n\/?d$/i.test(s) || /^n\/?a$/i.test(s) || /^null$/i.test(s)) return 'no_disponible';
  return null;
}

/**
 * Parses a number as written in a Mexican table: "1,234", "50.7%", " 12 ", 83104.0. Returns undefined when the
 * text is not a number (the caller names row and column); callers check nullFlag() first.
 */
export function parseNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'boolean' || v === null || v === undefined) return undefined;
  let s = String(v).trim().replace(/\s+/g, '');
  if (s.endsWith('%')) s = s.slice(0, -1);
  if (s.startsWith('$')) s = s.slice(1);
  // Thousands separators are commas in Mexico: "1,234,567.8". A lone comma with 1–2 decimals ("12,5") is a decimal comma.
  if (/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  else if (/^[-+]?\d+,\d{1,2}$/.test(s)) s = s.replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/** Whether a value reads as a percentage ("50.7%"), so the importer can guess the unit of an unmapped column. */
export function isPercent(v: unknown): boolean {
  return typeof v === 'string' && /%\s*$/.test(v);
}

/** Parses TRUE/FALSE, sí/no, 1/0; undefined when it is none of them. */
export function parseBoolean(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : undefined;
  const s = String(v ?? '').trim().toLowerCase();
  if (['true', 't', 'si', 'sí', 's', 'yes', 'y', '1', 'verdadero'].includes(s)) return true;
  if (['false', 'f', 'no', 'n', '0', 'falso'].includes(s)) return false;
  return undefined;
}

/** Parses YYYY-MM-DD or DD/MM/YYYY into an ISO date; undefined otherwise. */
export function parseDate(v: unknown): string | undefined {
  const s = String(v ?? '').trim();
  let m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T].*)?$/.exec(s);
  if (m) return iso(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) return iso(+m[3], +m[2], +m[1]);
  return undefined;
}

function iso(y: number, mo: number, d: number): string | undefined {
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return undefined;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Width of each INEGI key part; the CVEGEO of a unit is the concatenation of its parts. */
export const CVEGEO_PARTS = [
  { part: 'ent', width: 2, names: ['cve_ent', 'cve_agee', 'cveent'] },
  { part: 'mun', width: 3, names: ['cve_mun', 'cve_agem', 'cvemun'] },
  { part: 'loc', width: 4, names: ['cve_loc', 'cveloc'] },
  { part: 'ageb', width: 4, names: ['cve_ageb', 'cveageb', 'ageb'] },
  { part: 'mza', width: 3, names: ['cve_mza', 'cvemza', 'mza'] },
] as const;

/** CVEGEO length per level: 5 municipio, 9 localidad, 13 AGEB, 16 manzana. */
export const CVEGEO_PATTERN: Record<number, RegExp> = {
  5: /^[0-9]{5}$/,
  9: /^[0-9]{9}$/,
  13: /^[0-9]{12}[0-9A-Z]$/,
  16: /^[0-9]{12}[0-9A-Z][0-9]{3}$/,
};

/**
 * A key part as text with its leading zeros: DBF files sometimes store CVE_MUN as the number 30, which INEGI
 * publishes as "030". Letters (AGEB "177A") are kept and upper-cased; anything else is returned as is.
 */
export function keyPart(v: unknown, width: number): string {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return String(v).padStart(width, '0');
  const s = String(v ?? '').trim().toUpperCase();
  if (/^\d+(\.0+)?$/.test(s)) return s.replace(/\.0+$/, '').padStart(width, '0');
  if (/^\d{1,3}[A-Z]$/.test(s)) return s.padStart(width, '0');
  return s;
}
