// The server's class breaks as the page keeps them, and the locale's number format of legend edges. The legend
// classes and their colours come from @sigmun/styles (classes.ts), as in the published styles.

/** Server-computed classes (see GET /api/indicators/{code}/breaks): classes + 1 edges and one count per class. */
export interface ClassBreaks {
  breaks: number[];
  counts: number[];
}

/** Formats a number for the UI's locale with a fixed number of decimals. */
export function formatNumber(v: number | null | undefined, decimals: number, locale: string): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return new Intl.NumberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(v);
}
