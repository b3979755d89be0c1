// CSV for spreadsheets from what a table shows: UTF-8 with a byte-order mark (Excel reads the accents), RFC 4180
// quoting, CRLF lines — the same conventions as the server's f=csv downloads.
import type { CellValue } from './DataTable.tsx';

const BOM = '\uFEFF';

function cell(v: CellValue): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The CSV text of a header and rows (BOM first, CRLF line ends). */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CellValue[]>): string {
  const lines = [header.map(cell).join(',')];
  for (const r of rows) lines.push(r.map(cell).join(','));
  return BOM + lines.join('\r\n') + '\r\n';
}

/** `{name}_{yyyy-mm-dd}.csv`, the naming of the server's downloads. */
export function csvFileName(name: string, date = new Date()): string {
  return `${name}_${date.toISOString().slice(0, 10)}.csv`;
}

/** Saves the rows as a CSV file download (a Blob link, never a navigation). */
export function downloadCsv(name: string, header: readonly string[], rows: ReadonlyArray<readonly CellValue[]>): void {
  const url = URL.createObjectURL(new Blob([toCsv(header, rows)], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = csvFileName(name);
  document.body.append(a);
  a.click();
  a.remove();
  // The click has handed the blob to the download; revoking on the next task keeps it alive until then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
