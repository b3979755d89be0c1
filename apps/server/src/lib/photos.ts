// Photo evidence (progress reports, citizen reports): checked by its bytes, re-encoded with sharp to a published
// JPEG and a thumbnail with no metadata at all (EXIF, GPS, XMP, IPTC, ICC comments), and stored under MEDIA_DIR.
//
// Why re-encode instead of stripping tags: a decoded-and-re-encoded image carries only pixels, so no tag a camera
// or an editor invents can survive, and a file that only *claims* to be an image never reaches a visitor.
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { containedFile } from './contained-file.ts';
import type { FastifyReply } from 'fastify';
import sharp, { type Metadata } from 'sharp';
import { HttpError } from '../errors.ts';

/** Largest accepted upload of one photo, in bytes (10 MiB): a phone photo is 2–6 MB. Larger → 413. */
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
/** Largest accepted decoded size (50 megapixels), so a small file that decodes huge cannot exhaust memory. */
export const PHOTO_MAX_PIXELS = 50_000_000;
/** Longest edge of the published image, in pixels. */
export const PHOTO_PUBLISHED_EDGE = 1600;
/** Longest edge of the thumbnail, in pixels. */
export const PHOTO_THUMB_EDGE = 320;
/** Formats recognised by their bytes (sharp's decoder), accepted as input. SVG (text, scripts) and GIF are not. */
export const PHOTO_INPUT_FORMATS = ['jpeg', 'png', 'webp', 'heif', 'avif', 'tiff'] as const;

/** Folder name under MEDIA_DIR: letters, digits, dash; the caller chooses it (e.g. "avances", "reportes"). */
const FOLDER_RE = /^[a-z0-9][a-z0-9-]{0,40}$/;
/** A stored file name: the id plus ".jpg" or ".thumb.jpg". */
export const PHOTO_FILE_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(\.thumb)?\.jpg$/;

/** A photo decoded and re-encoded, still in memory. */
export interface ProcessedPhoto {
  /** Published JPEG, longest edge ≤ PHOTO_PUBLISHED_EDGE, no metadata. */
  published: Buffer;
  /** Thumbnail JPEG, longest edge ≤ PHOTO_THUMB_EDGE, no metadata. */
  thumbnail: Buffer;
  width: number;
  height: number;
  /** Format of the original, as its bytes say. */
  sourceFormat: string;
}

/** A photo written under MEDIA_DIR/<folder>; `remove()` undoes the write (when the transaction that records it fails). */
export interface StoredPhoto {
  id: string;
  folder: string;
  /** File names inside the folder. */
  file: string;
  thumbFile: string;
  width: number;
  height: number;
  bytes: number;
  remove: () => Promise<void>;
}

/**
 * Checks `input` by its bytes and re-encodes it; throws HttpError 413 (too big), 415 (not an accepted image)
 * naming `parameter`. Orientation from EXIF is applied to the pixels before the metadata is dropped.
 */
export async function processPhoto(input: Buffer, parameter = 'foto'): Promise<ProcessedPhoto> {
  if (input.length > PHOTO_MAX_BYTES) {
    throw new HttpError(413, `La foto «${parameter}» pesa ${(input.length / 1048576).toFixed(1)} MB; el máximo es ${PHOTO_MAX_BYTES / 1048576} MB.`, parameter);
  }
  if (input.length === 0) throw new HttpError(415, `La foto «${parameter}» está vacía.`, parameter);
  let meta: Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: PHOTO_MAX_PIXELS }).metadata();
  } catch {
    throw new HttpError(415, `El archivo «${parameter}» no es una imagen (se aceptan JPEG, PNG, WebP, HEIF/AVIF o TIFF; se revisa su contenido, no su nombre).`, parameter);
  }
  if (!(PHOTO_INPUT_FORMATS as readonly string[]).includes(meta.format ?? '')) {
    throw new HttpError(415, `El archivo «${parameter}» es ${meta.format ?? 'desconocido'}; se aceptan JPEG, PNG, WebP, HEIF/AVIF o TIFF.`, parameter);
  }
  if ((meta.width ?? 0) * (meta.height ?? 0) > PHOTO_MAX_PIXELS) {
    throw new HttpError(413, `La foto «${parameter}» mide ${meta.width}×${meta.height} px; el máximo es ${PHOTO_MAX_PIXELS / 1e6} megapíxeles.`, parameter);
  }
  try {
    // failOn 'error': a truncated or corrupt file is refused rather than published half grey.
    const base = () => sharp(input, { limitInputPixels: PHOTO_MAX_PIXELS, failOn: 'error' }).rotate();
    const { data: published, info } = await base()
      .resize({ width: PHOTO_PUBLISHED_EDGE, height: PHOTO_PUBLISHED_EDGE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    const thumbnail = await base()
      .resize({ width: PHOTO_THUMB_EDGE, height: PHOTO_THUMB_EDGE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 75, mozjpeg: true })
      .toBuffer();
    return { published, thumbnail, width: info.width, height: info.height, sourceFormat: meta.format! };
  } catch {
    throw new HttpError(415, `La imagen «${parameter}» está dañada o incompleta y no se puede leer.`, parameter);
  }
}

/**
 * Writes a processed photo to `<mediaDir>/<folder>/<uuid>.jpg` and `.thumb.jpg` (temporary name, then rename, so a
 * reader never sees half a file). Call `remove()` if the database write that references it does not commit.
 */
export async function storePhoto(mediaDir: string, folder: string, photo: ProcessedPhoto): Promise<StoredPhoto> {
  if (!FOLDER_RE.test(folder)) throw new Error(`carpeta de medios inválida: ${folder}`);
  const dir = join(mediaDir, folder);
  await mkdir(dir, { recursive: true });
  const id = randomUUID();
  const file = `${id}.jpg`;
  const thumbFile = `${id}.thumb.jpg`;
  const remove = async () => {
    await Promise.all([rm(join(dir, file), { force: true }), rm(join(dir, thumbFile), { force: true })]);
  };
  try {
    for (const [name, bytes] of [[file, photo.published], [thumbFile, photo.thumbnail]] as const) {
      const tmp = join(dir, `.${name}.${process.pid}.tmp`);
      await writeFile(tmp, bytes);
      await rename(tmp, join(dir, name));
    }
  } catch (e) {
    await remove();
    throw e;
  }
  return { id, folder, file, thumbFile, width: photo.width, height: photo.height, bytes: photo.published.length, remove };
}

/** Deletes a stored photo and its thumbnail by id (no error when already gone). */
export async function deletePhoto(mediaDir: string, folder: string, id: string): Promise<void> {
  if (!FOLDER_RE.test(folder)) throw new Error(`carpeta de medios inválida: ${folder}`);
  await Promise.all([rm(join(mediaDir, folder, `${id}.jpg`), { force: true }), rm(join(mediaDir, folder, `${id}.thumb.jpg`), { force: true })]);
}

/**
 * Sends `<mediaDir>/<folder>/<file>` as image/jpeg (immutable: names are fresh UUIDs); 404 when the name is not a
 * stored photo's. Routes decide which folders are public (citizen photos may wait for moderation).
 */
export async function sendPhoto(reply: FastifyReply, mediaDir: string, folder: string, file: string): Promise<FastifyReply> {
  if (!FOLDER_RE.test(folder) || !PHOTO_FILE_RE.test(file)) throw new HttpError(404, `No existe la foto «${file}».`);
  // Never through a symlink out of MEDIA_DIR.
  const found = await containedFile(mediaDir, join(folder, file));
  if (!found) throw new HttpError(404, `No existe la foto «${file}».`);
  const { path, stat: st } = found;
  return reply
    .type('image/jpeg')
    .header('content-length', st.size)
    .header('cache-control', 'public, max-age=31536000, immutable')
    .header('x-content-type-options', 'nosniff')
    .send(createReadStream(path));
}
