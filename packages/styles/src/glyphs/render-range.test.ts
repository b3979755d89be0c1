import { describe, expect, it } from 'vitest';
import { PbfReader } from 'pbf';
import { FONTS } from '../fonts.ts';
import { GLYPH_BUFFER, GLYPH_SIZE } from './sdf.ts';
import { buildGlyphRange, loadFont } from './store.ts';
import { decodeGlyphs, encodeGlyphs } from './pbf.ts';

/** Reads glyph ids and sizes with a hand-written protobuf walk, independent of decodeGlyphs. */
function rawGlyphs(data: Uint8Array): Map<number, { width: number; height: number; bitmap: number; advance: number }> {
  const out = new Map<number, { width: number; height: number; bitmap: number; advance: number }>();
  new PbfReader(data).readFields((tag, _, pbf) => {
    if (tag !== 1) return;
    pbf.readMessage((t, __, p) => {
      if (t !== 3) return;
      const g = p.readMessage((k, acc: { id: number; width: number; height: number; bitmap: number; advance: number }, q) => {
        if (k === 1) acc.id = q.readVarint();
        else if (k === 2) acc.bitmap = q.readBytes().length;
        else if (k === 3) acc.width = q.readVarint();
        else if (k === 4) acc.height = q.readVarint();
        else if (k === 7) acc.advance = q.readVarint();
      }, { id: -1, width: 0, height: 0, bitmap: 0, advance: 0 });
      out.set(g.id, g);
    }, null);
  }, null);
  return out;
}

// Rendering a range takes about a second; on two shared cores it has been seen to pass 5 s.
describe('glyph ranges', { timeout: 30_000 }, () => {
  it('holds the Spanish letters and punctuation in 0-255, each bitmap sized (w+6)·(h+6)', async () => {
    const glyphs = rawGlyphs(await buildGlyphRange([FONTS.regular], 0));
    for (const ch of ['á', 'é', 'í', 'ó', 'ú', 'ü', 'ñ', 'Ñ', '¿', '¡', 'A', 'z']) {
      const g = glyphs.get(ch.codePointAt(0)!);
      expect(g, ch).toBeDefined();
      expect(g!.bitmap).toBe((g!.width + 2 * GLYPH_BUFFER) * (g!.height + 2 * GLYPH_BUFFER));
    }
    // Control characters are never drawn.
    expect(glyphs.has(10)).toBe(false);
  });

  it('uses the font’s own advances at 24 px', async () => {
    const font = await loadFont(FONTS.bold);
    const glyphs = decodeGlyphs(await buildGlyphRange([FONTS.bold], 0))[0].glyphs;
    for (const ch of ['M', 'ñ', ' ']) {
      const expected = Math.round((font.charToGlyph(ch).advanceWidth ?? 0) * (GLYPH_SIZE / font.unitsPerEm));
      expect(glyphs.find((g) => g.id === ch.codePointAt(0))!.advance).toBe(expected);
    }
  });

  it('names the stack and range as MapLibre requests them', async () => {
    const [stack] = decodeGlyphs(await buildGlyphRange([FONTS.bold, FONTS.regular], 256));
    expect(stack.name).toBe(`${FONTS.bold},${FONTS.regular}`);
    expect(stack.range).toBe('256-511');
    expect(stack.glyphs.some((g) => g.id === 0x0151)).toBe(true); // ő, Latin Extended-A
  });

  it('round-trips through encode and decode', () => {
    const input = [{ name: 'x', range: '0-255', glyphs: [{ id: 65, width: 1, height: 1, left: -2, top: -7, advance: 9, bitmap: new Uint8Array(49).fill(7) }, { id: 32, width: 0, height: 0, left: 0, top: -20, advance: 6 }] }];
    const [out] = decodeGlyphs(encodeGlyphs(input));
    expect(out.glyphs[0]).toEqual(input[0].glyphs[0]);
    // A blank glyph carries no bitmap field at all (MapLibre rejects an empty one).
    expect(out.glyphs[1].bitmap).toBeUndefined();
    expect(out.glyphs[1].left).toBe(0);
  });
});
