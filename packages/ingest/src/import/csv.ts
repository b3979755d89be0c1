// Delimited text as municipalities produce it: Excel exports in latin1 with ';', UTF-8 with or without BOM.
// Parsing is csv-parse's (RFC 4180, streamed); what is ours is guessing the encoding and the delimiter, and
// turning its errors into a row a planner can find.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse, CsvError, type Info } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { ImportError } from './errors.ts';

export type Encoding = 'utf8' | 'latin1';

const BOM = [0xef, 0xbb, 0xbf];
const hasBom = (b: Uint8Array) => b.length >= 3 && b[0] === BOM[0] && b[1] === BOM[1] && b[2] === BOM[2];

/** Decodes bytes: BOM → UTF-8; valid UTF-8 → UTF-8; otherwise latin1 (Excel on Windows). `forced` wins. */
export function decodeText(buf: Buffer, forced?: Encoding): { text: string; encoding: Encoding; bom: boolean } {
  const bom = hasBom(buf);
  const body = bom ? buf.subarray(3) : buf;
  if (forced === 'latin1') return { text: body.toString('latin1'), encoding: 'latin1', bom };
  if (forced === 'utf8' || bom) return { text: body.toString('utf8'), encoding: 'utf8', bom };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf8', bom };
  } catch {
    return { text: body.toString('latin1'), encoding: 'latin1', bom };
  }
}

/** The encoding of a file, by the same rule as decodeText, read in chunks (the file is never held whole). */
export async function detectEncoding(path: string, forced?: Encoding): Promise<Encoding> {
  if (forced) return forced;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let first = true;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
      if (first && hasBom(chunk as Buffer)) return 'utf8';
      first = false;
      decoder.decode(chunk as Buffer, { stream: true });
    }
    decoder.decode();
    return 'utf8';
  } catch {
    return 'latin1';
  }
}

const DELIMITERS = [',', ';', '\t', '|'] as const;

/** The part of a header line the delimiter and a first column count are judged on (a wide header costs no more). */
export const HEADER_PREFIX = 64 * 1024;

/** Picks the delimiter that splits the header line (its first 64 KB) into the most columns (outside quotes). */
export function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, Math.min(text.search(/\r?\n|$/), HEADER_PREFIX));
  let best = ',';
  let bestCount = 1;
  for (const d of DELIMITERS) {
    let n = 0;
    try {
      n = (parseSync(firstLine, { delimiter: d, to_line: 1, relax_quotes: true, relax_column_count: true }) as string[][])[0]?.length ?? 0;
    } catch {
      continue;
    }
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

/** The first line of a file (up to 4 MB), decoded: enough to pick the delimiter. */
export async function headerLine(path: string, encoding: Encoding): Promise<string> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(4 << 20);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const body = buf.subarray(hasBom(buf) ? 3 : 0, bytesRead);
    const nl = body.indexOf(0x0a);
    return body.subarray(0, nl < 0 ? body.length : nl).toString(encoding);
  } finally {
    await fh.close();
  }
}

// Lines end in \r\n, \n or a lone \r (old Mac exports; "\r\r\n" from a CRLF file converted twice): the blank
// records these leave carry nothing and are skipped.
const OPTIONS = { relax_quotes: true, relax_column_count: true, skip_empty_lines: true, record_delimiter: ['\r\n', '\n', '\r'] };

/** Columns of the first `HEADER_PREFIX` characters of a header line; `whole` says whether that was all of it. */
export function headerColumns(line: string, delimiter: string): { columns: number; whole: boolean } {
  const whole = line.length <= HEADER_PREFIX;
  const rows = parseSync(whole ? line : line.slice(0, HEADER_PREFIX), { ...OPTIONS, delimiter, to_line: 1 }) as string[][];
  return { columns: rows[0]?.length ?? 0, whole };
}

/** Parses RFC 4180 text (quotes, doubled quotes, newlines inside quotes); every value stays a string. */
export function parseCsv(text: string, delimiter: string): string[][] {
  return parseSync(text, { ...OPTIONS, delimiter }) as string[][];
}

/** One record of a file: its values and the line it starts on (1-based, the header is line 1). */
export interface CsvRecord {
  values: string[];
  line: number;
}

/** A record larger than this is a damaged file (an unclosed quote swallowing the rest), not data. */
const MAX_RECORD_BYTES = 16 * 1024 * 1024;

/**
 * Streams the records of a delimited file (header first). An unclosed quote, or a record that grows past 16 MB,
 * is an ImportError naming the data row and line where the bad record starts.
 */
export async function* csvRecords(path: string, label: string, encoding: Encoding, delimiter: string): AsyncGenerator<CsvRecord> {
  const parser = createReadStream(path).pipe(parse({ ...OPTIONS, delimiter, encoding, bom: true, info: true, max_record_size: MAX_RECORD_BYTES }));
  let nextLine = 1;
  let records = 0;
  try {
    for await (const r of parser as AsyncIterable<{ record: string[]; info: Info }>) {
      yield { values: r.record, line: nextLine };
      records++;
      nextLine = r.info.lines + 1;
    }
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    // Data rows are numbered from 1 after the header, as everywhere else in the import messages.
    const fila = records;
    const where = `${label}, fila ${fila} (línea ${nextLine})`;
    if (e.code === 'CSV_QUOTE_NOT_CLOSED' || e.code === 'CSV_MAX_RECORD_SIZE') {
      throw new ImportError(`${where}: una comilla (") abre un valor y nunca se cierra; cierre la comilla o quítela y vuelva a exportar el archivo.`, { file: label, row: fila });
    }
    throw new ImportError(`${where}: el CSV está mal formado (${e.message}); revise separadores y comillas.`, { file: label, row: fila });
  } finally {
    parser.destroy();
  }
}
