/**
 * The font stacks our styles may name in `text-font`, and the open font file behind each. The server
 * serves exactly these (`/fonts/{stack}/{range}.pbf`), so a style naming any other font fails its tests.
 * DejaVu Sans (Bitstream Vera licence, free) covers Latin-1 and Latin Extended: á é í ó ú ü ñ Ñ ¿ ¡.
 */
export const FONTS = {
  regular: 'DejaVu Sans Book',
  bold: 'DejaVu Sans Bold',
  italic: 'DejaVu Sans Oblique',
  condensed: 'DejaVu Sans Condensed',
  condensedBold: 'DejaVu Sans Condensed Bold',
} as const;

export type FontName = (typeof FONTS)[keyof typeof FONTS];

/** Font name → TTF file in the `dejavu-fonts-ttf` npm package. */
export const FONT_FILES: Record<FontName, string> = {
  'DejaVu Sans Book': 'DejaVuSans.ttf',
  'DejaVu Sans Bold': 'DejaVuSans-Bold.ttf',
  'DejaVu Sans Oblique': 'DejaVuSans-Oblique.ttf',
  'DejaVu Sans Condensed': 'DejaVuSansCondensed.ttf',
  'DejaVu Sans Condensed Bold': 'DejaVuSansCondensed-Bold.ttf',
};

/** Every font we serve. */
export const FONT_NAMES = Object.keys(FONT_FILES) as FontName[];

/** `text-font` values for the styles: one font per stack, since each has every glyph we need. */
export const FONT_STACKS = {
  regular: [FONTS.regular],
  bold: [FONTS.bold],
  italic: [FONTS.italic],
  condensed: [FONTS.condensed],
  condensedBold: [FONTS.condensedBold],
} as const satisfies Record<string, readonly FontName[]>;

/** True when `name` is a font we serve. */
export function isServedFont(name: string): name is FontName {
  return Object.prototype.hasOwnProperty.call(FONT_FILES, name);
}

/**
 * Splits a URL font stack ("DejaVu Sans Bold,DejaVu Sans Book", as MapLibre joins `text-font`) into
 * names, or returns the first unknown name so the route can say which one.
 */
export function parseFontStack(stack: string): { fonts: FontName[] } | { unknown: string } {
  const names = stack.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) return { unknown: stack };
  for (const n of names) if (!isServedFont(n)) return { unknown: n };
  return { fonts: names as FontName[] };
}

/** Parses a glyph range "0-255": start a multiple of 256 below 65536, end = start + 255; else null. */
export function parseGlyphRange(range: string): number | null {
  const m = /^(\d{1,5})-(\d{1,5})$/.exec(range);
  if (!m) return null;
  const start = Number(m[1]);
  const end = Number(m[2]);
  if (start % 256 !== 0 || end !== start + 255 || end > 65535) return null;
  return start;
}
