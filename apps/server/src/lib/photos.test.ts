import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpError } from '../errors.ts';
import { PHOTO_MAX_BYTES, PHOTO_PUBLISHED_EDGE, PHOTO_THUMB_EDGE, processPhoto, storePhoto } from './photos.ts';

/** Every tag exiftool (a tool this project did not write) reads from a file, as JSON. */
function exif(path: string): Record<string, unknown> {
  return JSON.parse(execFileSync('exiftool', ['-json', '-a', '-G1', path], { encoding: 'utf8' }))[0];
}

let dir: string;
let camera: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sigmun-photos-'));
  camera = join(dir, 'camara.jpg');
  // A "phone photo": 2400×1800 noise-free gradient, then GPS, camera and comment tags written by exiftool.
  const w = 2400, h = 1800;
  const raw = Buffer.alloc(w * h * 3);
  for (let i = 0; i < w * h; i++) raw.set([(i % w) % 256, Math.floor(i / w) % 256, 128], i * 3);
  await writeFile(camera, await sharp(raw, { raw: { width: w, height: h, channels: 3 } }).jpeg().toBuffer());
  execFileSync('exiftool', ['-q', '-overwrite_original', '-GPSLatitude=29.0729', '-GPSLatitudeRef=N', '-GPSLongitude=110.9559',
    '-GPSLongitudeRef=W', '-Make=PhoneCo', '-Model=X1', '-Artist=Nombre Privado', '-Comment=casa de Juan', camera]);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('photos', () => {
  it('the fixture really carries GPS (so the next test proves something)', () => {
    const tags = exif(camera);
    expect(Object.keys(tags).some((k) => k.startsWith('GPS:'))).toBe(true);
    expect(tags['IFD0:Artist']).toBe('Nombre Privado');
  });

  it('publishes a resized JPEG and thumbnail with no GPS, camera or comment tags', async () => {
    const p = await processPhoto(await readFile(camera));
    expect(Math.max(p.width, p.height)).toBe(PHOTO_PUBLISHED_EDGE);
    const stored = await storePhoto(dir, 'avances', p);
    for (const f of [stored.file, stored.thumbFile]) {
      const tags = exif(join(dir, 'avances', f));
      expect(tags['File:MIMEType']).toBe('image/jpeg');
      const leaked = Object.keys(tags).filter((k) => /^(GPS|IFD0|ExifIFD|XMP|IPTC|Composite:GPS)/.test(k) || /Comment$/.test(k));
      expect(leaked).toEqual([]);
    }
    const thumb = await sharp(join(dir, 'avances', stored.thumbFile)).metadata();
    expect(Math.max(thumb.width!, thumb.height!)).toBe(PHOTO_THUMB_EDGE);
    await stored.remove();
    expect((await readdir(join(dir, 'avances'))).filter((f) => f.startsWith(stored.id))).toEqual([]);
  });

  it('refuses a non-image renamed .jpg by its bytes (415 naming the field)', async () => {
    const fake = Buffer.from('%PDF-1.4\nno soy una foto\n');
    const err = await processPhoto(fake, 'foto').catch((e) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect(err.statusCode).toBe(415);
    expect(err.parameter).toBe('foto');
    expect(err.message).toMatch(/no es una imagen/);
  });

  it('refuses a truncated JPEG and an SVG', async () => {
    const bytes = await readFile(camera);
    const cut = await processPhoto(bytes.subarray(0, Math.floor(bytes.length / 3))).catch((e) => e);
    expect(cut.statusCode).toBe(415);
    const svg = await processPhoto(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>')).catch((e) => e);
    expect(svg.statusCode).toBe(415);
    expect(svg.message).toMatch(/svg/);
  });

  it('refuses more than the documented size with 413 naming the limit', async () => {
    const err = await processPhoto(Buffer.alloc(PHOTO_MAX_BYTES + 1, 0xff)).catch((e) => e);
    expect(err.statusCode).toBe(413);
    expect(err.message).toContain(`${PHOTO_MAX_BYTES / 1048576} MB`);
  });
});
