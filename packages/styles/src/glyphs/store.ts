// The served fonts parsed from their TTF files, and the renderer of one glyph range (used only by the glyph build).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as opentypeModule from 'opentype.js';
import type { Font } from 'opentype.js';
import { FONT_FILES, type FontName } from '../fonts.ts';
import { encodeGlyphs, type PbfGlyph } from './pbf.ts';
import { renderGlyph, renderGlyphRange } from './render-range.ts';

/** Bumped whenever the rasteriser's output changes, so caches on disk from older builds are ignored. */
export const GLYPH_FORMAT_VERSION = 1;

/** Folder of the DejaVu TTF files shipped by the `dejavu-fonts-ttf` npm package. */
export function fontFilesDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
}

// Node loads opentype.js's CommonJS build (its API on `default`), Vite's runner its ES build (named exports only).
const opentype = ((opentypeModule as unknown as { default?: typeof opentypeModule }).default ?? opentypeModule) as { parse: typeof opentypeModule.parse };

const fonts = new Map<FontName, Promise<Font>>();

/** Parses a served font once per process. */
export function loadFont(name: FontName): Promise<Font> {
  let f = fonts.get(name);
  if (!f) {
    f = readFile(join(fontFilesDir(), FONT_FILES[name])).then((buf) =>
      opentype.parse(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer),
    );
    fonts.set(name, f);
  }
  return f;
}

/** Renders one range of a font stack: each codepoint from the first font of the stack that has it. */
export async function buildGlyphRange(stack: readonly FontName[], start: number): Promise<Uint8Array> {
  const name = stack.join(',');
  if (stack.length === 1) return encodeGlyphs([renderGlyphRange(await loadFont(stack[0]), name, start)]);
  const parsed = await Promise.all(stack.map(loadFont));
  const glyphs: PbfGlyph[] = [];
  for (let cp = start; cp <= start + 255; cp++) {
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) continue;
    for (const f of parsed) {
      const g = renderGlyph(f, cp);
      if (g) {
        glyphs.push(g);
        break;
      }
    }
  }
  return encodeGlyphs([{ name, range: `${start}-${start + 255}`, glyphs }]);
}
