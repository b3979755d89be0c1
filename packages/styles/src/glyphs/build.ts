// Glyph PBFs built once, at first start, for exactly the font stacks our published styles name: one file per
// stack and 256-codepoint range, in a folder whose name carries the build's inputs (so a change rebuilds it).
// The server only reads these files; nothing renders a glyph while serving (see files.ts).
import { createHash } from 'node:crypto';
import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { basemapStyle, cartographyStyle } from '../documents.ts';
import { parseFontStack } from '../fonts.ts';
import { encodeGlyphs } from './pbf.ts';
import { buildGlyphRange, GLYPH_FORMAT_VERSION } from './store.ts';

/**
 * Ranges rendered from the fonts: Basic Latin + Latin-1 (all of Spanish: á é í ó ú ü ñ ¿ ¡), Latin Extended-A
 * and -B, combining diacritics (names that arrive decomposed), general punctuation (– — “ ” …) and letterlike
 * symbols (№). Every other range of a served stack is an empty range file: MapLibre asks, nothing is drawn.
 */
export const RENDERED_RANGES: readonly number[] = [0, 256, 512, 768, 8192, 8448];

/** Every range start MapLibre may ask for (0, 256, …, 65280). */
export const RANGE_STARTS: readonly number[] = Array.from({ length: 256 }, (_, i) => i * 256);

/** Every `text-font` stack (joined with commas, as MapLibre puts it in the URL) a style document names. */
export function fontStacksOf(style: StyleSpecification): string[] {
  const out = new Set<string>();
  for (const l of style.layers) {
    const f = ('layout' in l ? (l.layout as Record<string, unknown> | undefined) : undefined)?.['text-font'];
    if (Array.isArray(f)) out.add(f.join(','));
  }
  return [...out];
}

/** The font stacks of every published style (the indicator style reuses the basemap's labels), sorted. */
export function styleFontStacks(): string[] {
  const stacks = new Set<string>();
  for (const s of [basemapStyle(''), basemapStyle('', { theme: 'gris' }), cartographyStyle('')]) for (const f of fontStacksOf(s)) stacks.add(f);
  return [...stacks].sort();
}

/** Name of the folder (under the glyph root) holding one build: the format version and a digest of its inputs. */
export function glyphBuildName(stacks: readonly string[] = styleFontStacks()): string {
  const digest = createHash('sha256').update(JSON.stringify([GLYPH_FORMAT_VERSION, stacks, RENDERED_RANGES])).digest('hex').slice(0, 10);
  return `v${GLYPH_FORMAT_VERSION}-${digest}`;
}

/** File of one stack and range inside a build folder (stack names are ours, never a request's). */
export function glyphFile(buildDir: string, stack: string, start: number): string {
  return join(buildDir, stack, `${start}-${start + 255}.pbf`);
}

const exists = (p: string) => access(p).then(() => true, () => false);

/**
 * Makes sure the glyph files of the current build exist under `root`, rendering them once if not; returns the
 * build folder. Built in a private folder renamed into place, so concurrent starts never see half a build.
 */
export async function ensureGlyphFiles(root: string, log: (msg: string) => void = () => {}): Promise<string> {
  const stacks = styleFontStacks();
  const target = join(root, glyphBuildName(stacks));
  if (await exists(join(target, 'manifest.json'))) return target;
  log(`Generando glifos de ${stacks.length} pilas de fuentes…`);
  const tmp = `${target}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  await mkdir(tmp, { recursive: true });
  try {
    for (const stack of stacks) {
      const parsed = parseFontStack(stack);
      if ('unknown' in parsed) throw new Error(`un estilo nombra la fuente "${parsed.unknown}", que no se sirve`);
      await mkdir(join(tmp, stack), { recursive: true });
      for (const start of RANGE_STARTS) {
        const data = RENDERED_RANGES.includes(start)
          ? await buildGlyphRange(parsed.fonts, start)
          : encodeGlyphs([{ name: stack, range: `${start}-${start + 255}`, glyphs: [] }]);
        await writeFile(glyphFile(tmp, stack, start), data);
      }
    }
    await writeFile(join(tmp, 'manifest.json'), JSON.stringify({ version: GLYPH_FORMAT_VERSION, stacks, rendered: RENDERED_RANGES }, null, 2));
    await rename(tmp, target).catch(async (e: NodeJS.ErrnoException) => {
      // Another process finished the same build first: theirs is identical.
      if (!(await exists(join(target, 'manifest.json')))) throw e;
    });
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  return target;
}
