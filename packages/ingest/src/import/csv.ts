// Delimited text as municipalities produce it: Excel exports in latin1 with ';', UTF-8 with or without BOM.

export type Encoding = 'utf8' | 'latin1';

/** Decodes bytes: BOM → UTF-8; valid UTF-8 → UTF-8; otherwise latin1 (Excel on Windows). `forced` wins. */
export function decodeText(buf: Buffer, forced?: Encoding): { text: string; encoding: Encoding; bom: boolean } {
  const bom = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  const body = bom ? buf.subarray(3) : buf;
  if (forced === 'latin1') return { text: body.toString('latin1'), encoding: 'latin1', bom };
  if (forced === 'utf8' || bom) return { text: body.toString('utf8'), encoding: 'utf8', bom };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf8', bom };
  } catch {
    return { text: body.toString('latin1'), encoding: 'latin1', bom };
  }
}

/** Picks the delimiter that splits the header line into the most columns (outside quotes). */
export function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  let best = ',';
  let bestCount = 0;
  for (const d of [',', ';', '\t', '|']) {
    let n = 0;
    let quoted = false;
    for (const ch of firstLine) {
      if (ch === '"') quoted = !quoted;
      else if (ch === d && !quoted) n++;
    }
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

/** Parses RFC 4180 text (quotes, doubled quotes, newlines inside quotes); every value stays a string. */
export function parseCsv(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  // Blank lines (a trailing newline, Excel's empty rows) carry no record.
  return rows.filter((r) => r.length > 1 || r[0] !== '');
}
