// Excel workbooks (.xlsx), as dependencias keep their obras and indicators: the first visible sheet is a table with
// one header row, read with exceljs and handed to the importer as the same records the CSV reader yields.
import ExcelJS from 'exceljs';
import { importError, ImportError } from './errors.ts';
import type { RawFeature, SourceInfo } from './readers.ts';
import { latLonColumns } from './readers.ts';
import type { Source } from './source.ts';
import { parseNumber } from './values.ts';

interface Sheet {
  name: string;
  header: string[];
  /** Column index (1-based) of each header entry. */
  columns: number[];
  /** Data rows: the row number Excel shows, and the cells by header. */
  rows: Array<{ excelRow: number; cells: Record<string, unknown>; reject?: string }>;
}

/** YYYY-MM-DD of an Excel date cell (exceljs gives the date at UTC midnight). */
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/**
 * One cell as the importer expects it: numbers stay numbers, dates become YYYY-MM-DD, formulas give their cached
 * result, rich text and links their text; an error cell (#DIV/0!) or a formula with no stored result is refused.
 */
function cellValue(v: ExcelJS.CellValue): { value: unknown } | { problem: string } {
  if (v === null || v === undefined) return { value: null };
  if (v instanceof Date) return { value: isoDate(v) };
  if (typeof v !== 'object') return { value: v };
  if ('error' in v) return v.error === '#N/A' ? { value: 'N/D' } : { problem: `la celda tiene el error ${v.error}; corrija la fórmula o escriba el valor` };
  if ('richText' in v) return { value: v.richText.map((t) => t.text).join('') };
  if ('formula' in v || 'sharedFormula' in v) {
    const result = (v as { result?: ExcelJS.CellValue }).result;
    if (result === undefined) return { problem: 'la celda tiene una fórmula sin valor calculado; abra el archivo en Excel o LibreOffice y guárdelo, o escriba el valor' };
    return cellValue(result);
  }
  if ('hyperlink' in v) return { value: (v as { text?: unknown }).text ?? v.hyperlink };
  return { value: String(v) };
}

/** Reads the first visible sheet of the workbook at `src.path`; a file that is not a workbook is an ImportError. */
async function loadSheet(src: Source): Promise<Sheet> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(src.path);
  } catch {
    throw new ImportError(
      `${src.label}: no es un libro de Excel .xlsx válido (el archivo está dañado, incompleto o es de otro formato); ábralo y guárdelo de nuevo como «Libro de Excel (.xlsx)».`,
      { file: src.label },
    );
  }
  const ws = wb.worksheets.find((w) => w.state === 'visible' || w.state === undefined);
  if (!ws || ws.actualRowCount === 0) {
    throw new ImportError(`${src.label}: la primera hoja está vacía; ponga la tabla en la primera hoja con una fila de encabezados.`, { file: src.label });
  }
  const label = `${src.label} (hoja «${ws.name}»)`;
  const header: string[] = [];
  const columns: number[] = [];
  ws.getRow(1).eachCell({ includeEmpty: false }, (cell, col) => {
    const r = cellValue(cell.value);
    const name = 'value' in r && r.value !== null ? String(r.value).trim() : '';
    if (!name) return;
    if (header.includes(name)) throw importError(label, 1, name, `el encabezado «${name}» está repetido; cada columna necesita un nombre distinto`);
    header.push(name);
    columns.push(col);
  });
  if (!header.length) throw new ImportError(`${label}: la fila 1 no tiene encabezados; escriba el nombre de cada columna en la fila 1.`, { file: src.label });
  const rows: Sheet['rows'] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (!row.hasValues) continue; // blank lines between blocks are common in hand-kept sheets
    const cells: Record<string, unknown> = {};
    let empty = true;
    header.forEach((h, i) => {
      const c = cellValue(row.getCell(columns[i]).value);
      if ('problem' in c) throw importError(label, r, h, c.problem);
      cells[h] = c.value;
      if (c.value !== null && c.value !== '') empty = false;
    });
    if (!empty) rows.push({ excelRow: r, cells });
  }
  return { name: ws.name, header, columns, rows };
}

/** What the importer needs to know before reading: fields, count, and WGS84 when there are lat/lon columns. */
export async function inspectXlsx(src: Source, opts: { srid?: number }): Promise<SourceInfo> {
  const sheet = await loadSheet(src);
  return { srid: opts.srid ?? (latLonColumns(sheet.header) ? 4326 : null), count: sheet.rows.length, fields: sheet.header };
}

/**
 * The sheet's rows as records. `n` is the row number Excel shows (the header is row 1), so a message "fila 7"
 * points at the row the planner sees; latitud/longitud columns become a WGS84 point, as in CSV.
 */
export async function* readXlsx(src: Source): AsyncGenerator<RawFeature> {
  const sheet = await loadSheet(src);
  const ll = latLonColumns(sheet.header);
  for (const { excelRow: n, cells: props } of sheet.rows) {
    if (!ll) {
      yield { n, props, geometry: null };
      continue;
    }
    const lat = parseNumber(props[ll.lat]);
    const lon = parseNumber(props[ll.lon]);
    if (lat === undefined || lon === undefined) yield { n, props, geometry: null, reject: `coordenadas no numéricas (${ll.lat}=«${props[ll.lat] ?? ''}», ${ll.lon}=«${props[ll.lon] ?? ''}»)` };
    else yield { n, props, geometry: { type: 'Point', coordinates: [lon, lat] } };
  }
}
