import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import opentype, { type Font } from 'opentype.js';
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

/**
 * Glyph ranges rendered once and kept on disk (a git-ignored cache folder) and in memory; concurrent
 * requests for a cold range share one rendering. A range is never rendered per request.
 */
export class GlyphStore {
  private readonly memory = new Map<string, Uint8Array>();
  private readonly pending = new Map<string, Promise<Uint8Array>>();

  constructor(
    private readonly cacheDir: string | null,
    private readonly maxEntries = 256,
  ) {}

  /** The glyph PBF of `stack` for the range starting at `start` (a multiple of 256). */
  async get(stack: readonly FontName[], start: number): Promise<Uint8Array> {
    const key = `${stack.join(',')}/${start}-${start + 255}`;
    const hit = this.memory.get(key);
    if (hit) {
      this.memory.delete(key);
      this.memory.set(key, hit);
      return hit;
    }
    let p = this.pending.get(key);
    if (!p) {
      p = this.load(key, stack, start).finally(() => this.pending.delete(key));
      this.pending.set(key, p);
    }
    const data = await p;
    this.memory.set(key, data);
    if (this.memory.size > this.maxEntries) this.memory.delete(this.memory.keys().next().value as string);
    return data;
  }

  /** Renders the ranges a Spanish-language map needs (Latin-1, Latin Extended-A, punctuation) ahead of use. */
  async warm(stacks: ReadonlyArray<readonly FontName[]>, starts: readonly number[] = [0, 256, 8192]): Promise<void> {
    for (const s of stacks) for (const start of starts) await this.get(s, start);
  }

  private async load(key: string, stack: readonly FontName[], start: number): Promise<Uint8Array> {
    const file = this.cacheDir ? join(this.cacheDir, `v${GLYPH_FORMAT_VERSION}`, ...key.split('/').map(safeName)) + '.pbf' : null;
    if (file) {
      try {
        return new Uint8Array(await readFile(file));
      } catch {
        // Not cached yet: render below.
      }
    }
    const data = await buildGlyphRange(stack, start);
    if (file) {
      await mkdir(dirname(file), { recursive: true });
      // Write then rename, so a reader in another process never sees half a file.
      const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      await writeFile(tmp, data);
      await rename(tmp, file);
    }
    return data;
  }
}

function safeName(s: string): string {
  return s.replace(/[^A-Za-z0-9 ,._-]/g, '_');
}
