import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { csvRecords, decodeText, detectDelimiter, parseCsv } from './csv.ts';

describe('csv', () => {
  it('detects UTF-8, UTF-8 with BOM and latin1', () => {
    const s = 'nom_col;pob\nJORGE VALDEZ MUÑOZ;12\n';
    expect(decodeText(Buffer.from(s, 'utf8'))).toMatchObject({ text: s, encoding: 'utf8', bom: false });
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s, 'utf8')]))).toMatchObject({ text: s, bom: true });
    expect(decodeText(Buffer.from(s, 'latin1'))).toMatchObject({ text: s, encoding: 'latin1' });
  });
  it('detects the delimiter from the header', () => {
    expect(detectDelimiter('a;b;c\n1;2;3')).toBe(';');
    expect(detectDelimiter('a,b\n')).toBe(',');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('"x;y",b,c')).toBe(',');
  });
  it('parses quotes, doubled quotes and CRLF, keeping values as strings', () => {
    expect(parseCsv('a,b\r\n"x, ""y""",007\r\n\r\n', ',')).toEqual([['a', 'b'], ['x, "y"', '007']]);
    expect(parseCsv('a,b\n1,"dos\nlíneas"', ',')).toEqual([['a', 'b'], ['1', 'dos\nlíneas']]);
  });
});

describe('csvRecords (files, streamed)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sigmun-csvtest-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const all = async (p: string) => {
    const out: Array<{ values: string[]; line: number }> = [];
    for await (const r of csvRecords(p, 'x.csv', 'utf8', ',')) out.push(r);
    return out;
  };

  it('gives each record with the line it starts on', async () => {
    const p = file('ok.csv', 'a,b\n1,"dos\nlíneas"\n3,4\n');
    expect(await all(p)).toEqual([{ values: ['a', 'b'], line: 1 }, { values: ['1', 'dos\nlíneas'], line: 2 }, { values: ['3', '4'], line: 4 }]);
  });

  it('an unclosed quote names the row and line where it opens, instead of swallowing the rest', async () => {
    const p = file('comilla.csv', 'clave,nombre\n1,uno\n2,"dos\n3,tres\n4,cuatro\n');
    await expect(all(p)).rejects.toThrow(/^x\.csv, fila 2 \(línea 3\): una comilla \(\"\) abre un valor y nunca se cierra/);
  });
});
