// An indicator's values by unit as a file: CSV written by fast-csv, XLSX by exceljs' streaming writer (rows are
// written as they come instead of kept as a cell model: a manzana table of every year is ~25 k rows).
import { PassThrough } from 'node:stream';
import { writeToBuffer } from '@fast-csv/format';
import ExcelJS from 'exceljs';
import { MEDIA_TYPES, type DownloadRow, type IndicatorDownloadFormat } from '@sigmun/domain/catalog';
import type { Indicator } from '@sigmun/domain/indicators';

/** The columns of every download, in order (Spanish headers, as the rest of the data). */
export const DOWNLOAD_COLUMNS = ['indicador', 'nivel', 'clave', 'nombre', 'anio', 'valor', 'bandera'] as const;

const AGGREGATION_TEXT: Record<Indicator['agregacion'], string> = {
  sum: 'Suma de los valores de las unidades',
  mean: 'Promedio ponderado por el denominador (o por el área)',
  ratio: '100 × suma del numerador / suma del denominador',
};

/** The Spanish description of an aggregation rule (pages and downloads say it the same way). */
export const aggregationText = (a: Indicator['agregacion']) => AGGREGATION_TEXT[a];

/** A file to send: its bytes, media type (with charset for text) and download name. */
export interface DownloadFile {
  body: Buffer;
  type: string;
  filename: string;
}

/** The file name of a download: the code, then the level and the year when the download is restricted to them. */
export function downloadFileName(code: string, format: IndicatorDownloadFormat, f: { nivel: string | null; anio: number | null }): string {
  return [code, f.nivel, f.anio].filter((p) => p !== null && p !== '').join('_') + `.${format}`;
}

/** The CSV of rows: RFC 4180 quoting by fast-csv, CRLF lines, a UTF-8 BOM so that Excel shows accents right. */
async function csvFile(ind: Indicator, rows: readonly DownloadRow[]): Promise<Buffer> {
  // A missing value is an empty field with its bandera, never a 0.
  const records = rows.map((r) => [ind.code, r.nivel, r.clave, r.nombre ?? '', r.anio, r.valor ?? '', r.flag ?? '']);
  return writeToBuffer(records, { headers: [...DOWNLOAD_COLUMNS], writeBOM: true, rowDelimiter: '\r\n', includeEndRowDelimiter: true });
}

/** The workbook of rows (sheet "valores") and the indicator's metadata (sheet "metadatos"), written by exceljs' streaming writer. */
async function xlsxFile(ind: Indicator, rows: readonly DownloadRow[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'SIG Municipal';
  const ws = wb.addWorksheet('valores', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = DOWNLOAD_COLUMNS.map((c) => ({
    header: c, key: c, width: c === 'nombre' ? 36 : 14,
    ...(c === 'valor' ? { style: { numFmt: ind.decimales > 0 ? `0.${'0'.repeat(ind.decimales)}` : '0' } } : {}),
  }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow([ind.code, r.nivel, r.clave, r.nombre, r.anio, r.valor, r.flag]).commit();
  ws.commit();
  const meta = wb.addWorksheet('metadatos');
  meta.columns = [{ header: 'campo', key: 'k', width: 18 }, { header: 'valor', key: 'v', width: 80 }];
  for (const [k, v] of [
    ['clave', ind.code], ['nombre', ind.nombre], ['definición', ind.descripcion ?? ''], ['tema', ind.tema],
    ['unidad', ind.unidad], ['fuente', ind.fuente], ['agregación', aggregationText(ind.agregacion)],
    ['numerador', ind.numerador ?? ''], ['denominador', ind.denominador ?? ''],
    ['bandera', 'confidencial: reservado por INEGI (*); no_disponible: N/D; no_aplica: sin base (denominador 0)'],
  ] as const) meta.addRow({ k, v }).commit();
  meta.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

/** Builds the CSV or XLSX of an indicator's rows (already filtered by level and year). */
export async function indicatorFile(
  ind: Indicator, rows: readonly DownloadRow[], format: IndicatorDownloadFormat, f: { nivel: string | null; anio: number | null },
): Promise<DownloadFile> {
  const filename = downloadFileName(ind.code, format, f);
  if (format === 'csv') return { body: await csvFile(ind, rows), type: `${MEDIA_TYPES.csv}; charset=utf-8`, filename };
  return { body: await xlsxFile(ind, rows), type: MEDIA_TYPES.xlsx, filename };
}
