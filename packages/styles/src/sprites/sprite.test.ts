import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ICON_SIZE, iconDefinitions } from './icons.ts';
import { pngSize } from './png.ts';
import { buildSprite, SPRITE_RATIOS } from './sprite.ts';

/** Decodes our filter-0 RGBA PNGs enough to read pixels back. */
function pixels(png: Buffer): { width: number; data: Buffer } {
  const { width } = pngSize(png);
  const idat: Buffer[] = [];
  for (let o = 8; o < png.length; ) {
    const len = png.readUInt32BE(o);
    if (png.toString('latin1', o + 4, o + 8) === 'IDAT') idat.push(png.subarray(o + 8, o + 8 + len));
    o += 12 + len;
  }
  return { width, data: inflateSync(Buffer.concat(idat)) };
}

describe('sprite sheets', () => {
  for (const ratio of SPRITE_RATIOS) {
    it(`@${ratio}x: every entry fits inside the PNG and none overlap`, async () => {
      const sheet = await buildSprite(ratio);
      const { width, height } = pngSize(sheet.png);
      const entries = Object.values(sheet.json);
      expect(Object.keys(sheet.json).sort()).toEqual(iconDefinitions().map((d) => d.name).sort());
      for (const e of entries) {
        expect(e.pixelRatio).toBe(ratio);
        expect(e.width).toBe(ICON_SIZE * ratio);
        expect(e.x + e.width).toBeLessThanOrEqual(width);
        expect(e.y + e.height).toBeLessThanOrEqual(height);
      }
      for (let i = 0; i < entries.length; i++) {
        for (let j = i + 1; j < entries.length; j++) {
          const a = entries[i];
          const b = entries[j];
          const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
          expect(apart).toBe(true);
        }
      }
    });
  }

  it('paints each round badge in its catalog colour, opaque', async () => {
    const sheet = await buildSprite(2);
    const { width, data } = pixels(sheet.png);
    for (const def of iconDefinitions().filter((d) => d.shape === 'circle')) {
      const e = sheet.json[def.name];
      // Between the white border and the pictogram, left of centre.
      const x = e.x + 4 * 2;
      const y = e.y + (ICON_SIZE / 2) * 2;
      const o = y * (width * 4 + 1) + 1 + x * 4;
      const hex = '#' + [data[o], data[o + 1], data[o + 2]].map((v) => v.toString(16).padStart(2, '0')).join('');
      expect(hex, def.name).toBe(def.color.toLowerCase());
      expect(data[o + 3]).toBe(255);
    }
  });
});
