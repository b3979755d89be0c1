import { describe, expect, it } from 'vitest';
import { decodeText, detectDelimiter, parseCsv } from './csv.ts';

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
