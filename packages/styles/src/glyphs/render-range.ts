import type { Font } from 'opentype.js';
import { flattenPath } from './outline.ts';
import { GLYPH_SIZE, renderSdf } from './sdf.ts';
import type { PbfFontstack, PbfGlyph } from './pbf.ts';

/** The SDF glyph of one codepoint of a parsed font, or null when the font lacks it. */
export function renderGlyph(font: Font, codepoint: number): PbfGlyph | null {
  const index = font.tables.cmap.glyphIndexMap[codepoint];
  if (index === undefined) return null;
  const glyph = font.glyphs.get(index);
  const scale = GLYPH_SIZE / font.unitsPerEm;
  const rings = flattenPath(glyph.getPath(0, 0, GLYPH_SIZE).commands);
  const sdf = renderSdf(rings);
  // Server glyphs measure "top" from the ascender line, not the baseline (node-fontnik's convention,
  // which MapLibre's shaping offsets are tuned for).
  const ascender = Math.round(font.ascender * scale);
  return {
    id: codepoint,
    bitmap: sdf.width > 0 ? sdf.bitmap : undefined,
    width: sdf.width,
    height: sdf.height,
    left: sdf.left,
    top: sdf.width > 0 ? sdf.bearingTop - ascender : -ascender,
    advance: Math.round((glyph.advanceWidth ?? 0) * scale),
  };
}

/** All glyphs of `font` in [start, start + 255], as one font stack named `name`. */
export function renderGlyphRange(font: Font, name: string, start: number): PbfFontstack {
  const glyphs: PbfGlyph[] = [];
  for (let cp = start; cp <= start + 255; cp++) {
    // Control characters have glyph entries in some fonts but must never be drawn.
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) continue;
    const g = renderGlyph(font, cp);
    if (g) glyphs.push(g);
  }
  return { name, range: `${start}-${start + 255}`, glyphs };
}
