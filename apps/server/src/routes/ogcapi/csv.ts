// CSV for spreadsheets: UTF-8 with a byte-order mark so that Excel shows accents right, RFC 4180 quoting.

const BOM = '\uFEFF';

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = v instanceof Date ? v.toISOString() : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Renders rows as CSV lines, each ended by CRLF (no header, no BOM): one page of a streamed file. */
export function csvLines(rows: ReadonlyArray<readonly unknown[]>): string {
  let out = '';
  for (const r of rows) out += `${r.map(cell).join(',')}\r\n`;
  return out;
}

/** The first bytes of a CSV file: the UTF-8 BOM and the header line. */
export function csvHead(columns: readonly string[]): string {
  return `${BOM}${columns.map(cell).join(',')}\r\n`;
}

/** Renders a header and rows as CSV text starting with a UTF-8 BOM, lines ended by CRLF. */
export function toCsv(columns: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
  return csvHead(columns) + csvLines(rows);
}
