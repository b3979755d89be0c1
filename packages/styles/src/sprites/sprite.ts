import { flattenPath, ringsBounds, type Ring } from '../glyphs/outline.ts';
import { loadFont } from '../glyphs/store.ts';
import { FONTS } from '../fonts.ts';
import { COMMON } from '../palette.ts';
import { ICON_SIZE, iconDefinitions, pictogramColor, type BadgeShape, type IconDefinition } from './icons.ts';
import { SPRITE_RATIOS } from './names.ts';
import { encodePng } from './png.ts';

export { SPRITE_NAME, SPRITE_RATIOS } from './names.ts';
import { blit, circle, coverage, createImage, paint, roundedRect, type RgbaImage } from './raster.ts';

/** One entry of a MapLibre sprite index. */
export interface SpriteEntry {
  x: number;
  y: number;
  width: number;
  height: number;
  pixelRatio: number;
}

export interface SpriteSheet {
  json: Record<string, SpriteEntry>;
  png: Buffer;
}


const GAP = 2;

function scaleRings(rings: Ring[], k: number, dx = 0, dy = 0): Ring[] {
  return rings.map((r) => r.map((v, i) => (i % 2 === 0 ? v * k + dx : v * k + dy)));
}

function badge(shape: BadgeShape, inset: number): Ring[] {
  const s = ICON_SIZE;
  const c = s / 2;
  if (shape === 'circle') return [circle(c, c, c - 1 - inset)];
  if (shape === 'square') return [roundedRect(1.5 + inset, 1.5 + inset, s - 3 - 2 * inset, s - 3 - 2 * inset, Math.max(1, 4 - inset))];
  const r = c - 0.5 - inset * Math.SQRT2;
  return [[c, c - r, c + r, c, c, c + r, c - r, c]];
}

async function pictogramRings(def: IconDefinition): Promise<Ring[]> {
  if ('rings' in def.pictogram) return def.pictogram.rings();
  const font = await loadFont(FONTS.bold);
  const glyph = font.charToGlyph(def.pictogram.char);
  const rings = flattenPath(glyph.getPath(0, 0, 100).commands, false);
  const b = ringsBounds(rings);
  if (!b) throw new Error(`la fuente no tiene el símbolo ${def.pictogram.char} para el icono ${def.name}`);
  // Diamonds have less room inside than circles and squares.
  const box = def.shape === 'diamond' ? 9.5 : 12;
  const k = box / Math.max(b[2] - b[0], b[3] - b[1]);
  const c = ICON_SIZE / 2;
  return scaleRings(rings, k, c - ((b[0] + b[2]) / 2) * k, c - ((b[1] + b[3]) / 2) * k);
}

/** Draws one icon at a pixel ratio. */
export async function drawIcon(def: IconDefinition, ratio: number): Promise<RgbaImage> {
  const size = ICON_SIZE * ratio;
  const img = createImage(size, size);
  paint(img, coverage(scaleRings(badge(def.shape, 0), ratio), size, size), COMMON.white);
  paint(img, coverage(scaleRings(badge(def.shape, 1.5), ratio), size, size), def.color);
  paint(img, coverage(scaleRings(await pictogramRings(def), ratio), size, size), pictogramColor(def.color));
  return img;
}

/** Builds the sprite sheet (index + PNG) at a pixel ratio: icons on a grid, GAP px apart so none bleeds. */
export async function buildSprite(ratio: number): Promise<SpriteSheet> {
  const defs = iconDefinitions();
  const cell = (ICON_SIZE + GAP) * ratio;
  const cols = Math.ceil(Math.sqrt(defs.length));
  const rows = Math.ceil(defs.length / cols);
  const sheet = createImage(cols * cell, rows * cell);
  const json: Record<string, SpriteEntry> = {};
  for (let i = 0; i < defs.length; i++) {
    const x = (i % cols) * cell;
    const y = Math.floor(i / cols) * cell;
    blit(sheet, await drawIcon(defs[i], ratio), x, y);
    json[defs[i].name] = { x, y, width: ICON_SIZE * ratio, height: ICON_SIZE * ratio, pixelRatio: ratio };
  }
  return { json, png: encodePng(sheet) };
}

const sheets = new Map<number, Promise<SpriteSheet>>();

/** The sprite sheet at a ratio, drawn once per process (it is small and deterministic, so never stored). */
export function getSprite(ratio: (typeof SPRITE_RATIOS)[number]): Promise<SpriteSheet> {
  let s = sheets.get(ratio);
  if (!s) {
    s = buildSprite(ratio);
    s.catch(() => sheets.delete(ratio));
    sheets.set(ratio, s);
  }
  return s;
}
