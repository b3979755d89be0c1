// CSV for spreadsheets: UTF-8 with a byte-order mark so that Excel shows accents right, RFC 4180 quoting.

const BOM = '\uFEFF';

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = v instanceof Date ? v.toISOString() : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Renders a header and rows as CSV text starting with a UTF-8 BOM, lines ended by CRLF. */
export function toCsv(columns: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
  const lines = [columns.map(cell).join(',')];
  for (const r of rows) lines.push(r.map(cell).join(','));
  return BOM + lines.join('\r\n') + '\r\n';
}
