// Zip input through yauzl (a maintained reader: ZIP64, data descriptors, sizes checked against what inflates).
// The central directory is read and checked against the limits before one byte is inflated, and every entry's
// stream is cut the moment it passes its declared size, so a zip bomb is refused in the time it takes to read
// its directory.
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, dirname, join, normalize } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { ImportError } from './errors.ts';
import { limitError, type ImportLimits } from './limits.ts';

function open(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (err, zf) => (err ? reject(err) : resolve(zf))));
}

/** Every entry of the central directory, read without inflating anything; stops at the first limit passed. */
function directory(zf: yauzl.ZipFile, limits: ImportLimits, label: string): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const out: yauzl.Entry[] = [];
    let total = 0;
    zf.on('entry', (e: yauzl.Entry) => {
      total += e.uncompressedSize;
      if (e.uncompressedSize > limits.entryBytes) return reject(limitError('entryBytes', limits, e.uncompressedSize, label));
      out.push(e);
      zf.readEntry();
    });
    // The whole directory is read (its entry count is bounded) so that the message gives the real total.
    zf.on('end', () => (total > limits.unzippedBytes ? reject(limitError('unzippedBytes', limits, total, label)) : resolve(out)));
    zf.on('error', reject);
    zf.readEntry();
  });
}

/** Entries that are not data: folders, hidden files, macOS resource forks. */
const skipped = (name: string) => name.endsWith('/') || basename(name).startsWith('.') || name.startsWith('__MACOSX');

/**
 * Extracts the data files of a zip into `dir` within `limits` (entry count, per-entry and total inflated bytes).
 * Unsafe names (absolute, `..`) and damaged archives are ImportErrors naming the zip.
 */
export async function extractZip(path: string, dir: string, limits: ImportLimits, label: string): Promise<void> {
  let zf: yauzl.ZipFile;
  try {
    zf = await open(path);
  } catch (e) {
    throw new ImportError(`${label} no es un archivo zip válido (¿está incompleto?): vuelva a descargarlo o comprímalo de nuevo (${(e as Error).message}).`, { file: label });
  }
  try {
    if (zf.entryCount > limits.entries) throw limitError('entries', limits, zf.entryCount, label);
    let entries: yauzl.Entry[];
    try {
      entries = await directory(zf, limits, label);
    } catch (e) {
      if (e instanceof ImportError) throw e;
      throw new ImportError(`${label} está dañado (directorio central: ${(e as Error).message}): vuelva a comprimirlo.`, { file: label });
    }
    for (const e of entries) {
      const rel = normalize(e.fileName);
      if (skipped(rel)) continue;
      const target = join(dir, rel);
      await mkdir(dirname(target), { recursive: true });
      try {
        const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) => zf.openReadStream(e, (err, s) => (err ? reject(err) : resolve(s))));
        await pipeline(stream, capped(e.uncompressedSize, limits, label), createWriteStream(target));
      } catch (err) {
        if (err instanceof ImportError) throw err;
        const msg = (err as Error).message;
        if (/encrypted/i.test(msg)) throw new ImportError(`${label}: ${e.fileName} está cifrado; comprímalo sin contraseña.`, { file: label });
        if (/compression method/i.test(msg)) throw new ImportError(`${label}: ${e.fileName} usa un método de compresión no soportado; comprímalo con «deflate».`, { file: label });
        throw new ImportError(`${label} está dañado (${e.fileName}: ${msg}): vuelva a comprimirlo.`, { file: label });
      }
    }
  } finally {
    zf.close();
  }
}

/** Passes at most `declared` bytes (yauzl checks too; this keeps the per-entry limit exact whatever a header says). */
function capped(declared: number, limits: ImportLimits, label: string): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      seen += chunk.length;
      if (seen > limits.entryBytes) return cb(limitError('entryBytes', limits, seen, label));
      if (seen > declared) return cb(new ImportError(`${label} está dañado (un archivo ocupa más de lo que declara): vuelva a comprimirlo.`, { file: label }));
      cb(null, chunk);
    },
  });
}

/**
 * Checks a zip-based file that another library inflates (an .xlsx workbook is a zip) against the entry count and
 * inflated-size limits, from its central directory alone. A file whose directory cannot be read is left for that
 * library to refuse with its own message.
 */
export async function checkZipLimits(path: string, limits: ImportLimits, label: string): Promise<void> {
  let zf: yauzl.ZipFile;
  try {
    zf = await open(path);
  } catch {
    return;
  }
  try {
    if (zf.entryCount > limits.entries) throw limitError('entries', limits, zf.entryCount, label);
    await directory(zf, limits, label).catch((e) => {
      if (e instanceof ImportError) throw e;
    });
  } finally {
    zf.close();
  }
}
