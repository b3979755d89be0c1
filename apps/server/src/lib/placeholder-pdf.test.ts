import { describe, expect, it } from 'vitest';
import { placeholderPdf, wrapText } from './placeholder-pdf.ts';

describe('placeholderPdf', () => {
  const pdf = placeholderPdf('Ficha técnica: Parque Niños Héroes (año 2025)', ['Documento ficticio de demostración.', 'x '.repeat(200)]);
  const text = pdf.toString('latin1');

  it('is a PDF whose cross-reference table points at every object', () => {
    expect(text.startsWith('%PDF-1.4')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    const xref = Number(/startxref\n(\d+)\n/.exec(text)![1]);
    expect(text.slice(xref, xref + 4)).toBe('xref');
    const offsets = text.slice(xref).split('\n').filter((l) => / 00000 n $/.test(l)).map((l) => Number(l.slice(0, 10)));
    expect(offsets).toHaveLength(6);
    offsets.forEach((o, i) => expect(text.slice(o).startsWith(`${i + 1} 0 obj`)).toBe(true));
  });

  it('declares the true length of its content stream', () => {
    const m = /<< \/Length (\d+) >>\nstream\n/.exec(text)!;
    const start = m.index + m[0].length;
    expect(text.indexOf('\nendstream', start) - start).toBe(Number(m[1]));
  });

  it('keeps Spanish letters as WinAnsi bytes and escapes parentheses', () => {
    expect(text).toContain('Ficha t\xe9cnica: Parque Ni\xf1os H\xe9roes \\(a\xf1o 2025\\)');
  });
});

describe('wrapText', () => {
  it('breaks at spaces without exceeding the width or losing words', () => {
    const words = Array.from({ length: 50 }, (_, i) => `palabra${i}`);
    const lines = wrapText(words.join(' '), 30);
    expect(lines.every((l) => l.length <= 30)).toBe(true);
    expect(lines.join(' ').split(' ')).toEqual(words);
  });
});
