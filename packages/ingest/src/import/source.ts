import { existsSync, readdirSync, statSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { ImportError } from './errors.ts';
import { DEFAULT_LIMITS, type ImportLimits } from './limits.ts';
import { makeTempDir } from './temp.ts';
import { checkZipLimits, extractZip } from './unzip.ts';

export type SourceFormat = 'shapefile' | 'geojson' | 'gpkg' | 'kml' | 'csv' | 'xlsx';

/** A dataset ready to read: the path GDAL (or the CSV reader) opens, and the name the planner knows it by. */
export interface Source {
  label: string;
  path: string;
  format: SourceFormat;
  /** Every file that makes up the dataset (shapefile sidecars included), for digests. */
  files: string[];
  cleanup: () => Promise<void>;
}

const FORMATS: Record<string, SourceFormat> = {
  '.shp': 'shapefile', '.geojson': 'geojson', '.json': 'geojson', '.gpkg': 'gpkg', '.kml': 'kml', '.csv': 'csv', '.txt': 'csv', '.xlsx': 'xlsx',
};

const HINT_FORMATS = 'Shapefile (.shp con .shx y .dbf, o en .zip), GeoJSON, GeoPackage, KML, CSV o Excel (.xlsx)';

/**
 * Resolves what the user pointed at — a file, a folder or a .zip — into exactly one dataset, refusing to pick
 * one when there are several, and checking a shapefile's parts agree before GDAL reads it silently wrong.
 */
export async function resolveSource(input: string, opts: { limits?: ImportLimits; tmpDir?: string } = {}): Promise<Source> {
  if (!existsSync(input)) throw new ImportError(`No existe el archivo o carpeta «${input}»: revise la ruta.`, { file: input });
  const st = statSync(input);
  const ext = extname(input).toLowerCase();
  if (st.isFile() && ext === '.zip') {
    const tmp = await makeTempDir('import', opts.tmpDir);
    try {
      await extractZip(input, tmp, opts.limits ?? DEFAULT_LIMITS, basename(input));
      const inner = pickFromFolder(tmp, basename(input), 'el zip');
      const src = await fromFile(inner, `${basename(input)}:${basename(inner)}`);
      if (src.format === 'xlsx') await checkZipLimits(src.path, opts.limits ?? DEFAULT_LIMITS, src.label);
      return { ...src, files: [input], cleanup: () => rm(tmp, { recursive: true, force: true }) };
    } catch (e) {
      await rm(tmp, { recursive: true, force: true });
      throw e;
    }
  }
  const src = await fromFile(st.isDirectory() ? pickFromFolder(input, basename(input), 'la carpeta') : input, undefined);
  // A workbook is a zip that exceljs inflates whole in memory: its directory meets the zip limits first.
  if (src.format === 'xlsx') await checkZipLimits(src.path, opts.limits ?? DEFAULT_LIMITS, src.label);
  return src;
}

function listDatasets(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listDatasets(p));
    else if (FORMATS[extname(name).toLowerCase()] && !name.startsWith('.')) out.push(p);
  }
  return out;
}

function pickFromFolder(dir: string, label: string, what: string): string {
  const found = listDatasets(dir);
  if (found.length === 0) throw new ImportError(`${label}: ${what} no contiene datos que se puedan importar; se aceptan ${HINT_FORMATS}.`, { file: label });
  if (found.length > 1) {
    const names = found.map((f) => basename(f)).join(', ');
    throw new ImportError(
      `${label}: ${what} contiene ${found.length} capas (${names}); importe un archivo a la vez (indique el archivo o deje una sola capa en ${what}).`,
      { file: label },
    );
  }
  return found[0];
}

function sibling(shp: string, ext: string): string | undefined {
  const want = `${basename(shp, extname(shp))}${ext}`.toLowerCase();
  const hit = readdirSync(dirname(shp)).find((f) => f.toLowerCase() === want);
  return hit ? join(dirname(shp), hit) : undefined;
}

async function fromFile(path: string, label: string | undefined): Promise<Source> {
  let file = path;
  let ext = extname(file).toLowerCase();
  if (ext === '.dbf' || ext === '.shx' || ext === '.prj') {
    const shp = sibling(file, '.shp');
    if (!shp) throw new ImportError(`${basename(file)}: falta el archivo .shp de la capa; copie juntos .shp, .shx y .dbf.`, { file: basename(file) });
    file = shp;
    ext = '.shp';
  }
  const format = FORMATS[ext];
  const name = label ?? basename(file);
  if (!format) throw new ImportError(`${name}: formato no reconocido («${ext || 'sin extensión'}»); se aceptan ${HINT_FORMATS}.`, { file: name });
  const files = [file];
  if (format === 'shapefile') files.push(...(await checkShapefile(file, name)));
  return { label: name, path: file, format, files, cleanup: async () => {} };
}

/** Checks that .shp, .shx and .dbf exist and describe the same records; returns the sidecar paths. */
async function checkShapefile(shp: string, label: string): Promise<string[]> {
  const shx = sibling(shp, '.shx');
  const dbf = sibling(shp, '.dbf');
  const missing = [!shx && '.shx', !dbf && '.dbf'].filter(Boolean);
  if (missing.length) {
    throw new ImportError(`${label}: falta ${missing.join(' y ')} junto al .shp; copie todos los archivos de la capa (.shp, .shx, .dbf, .prj).`, { file: label });
  }
  const shpSize = statSync(shp).size;
  const head = await readHead(shp, 100);
  if (head.length < 100 || head.readInt32BE(0) !== 9994) {
    throw new ImportError(`${label}: no es un archivo .shp válido (encabezado dañado); vuelva a copiar o exportar la capa.`, { file: label });
  }
  const declared = head.readInt32BE(24) * 2;
  if (shpSize < declared) {
    throw new ImportError(
      `${label}: el .shp está truncado (${shpSize} de ${declared} bytes); vuelva a copiar o descargar el archivo completo.`,
      { file: label },
    );
  }
  const shxRecords = Math.floor((statSync(shx!).size - 100) / 8);
  const dbfHead = await readHead(dbf!, 32);
  const dbfRecords = dbfHead.length >= 12 ? dbfHead.readUInt32LE(4) : -1;
  const dbfNeeded = dbfHead.length >= 12 ? dbfHead.readUInt16LE(8) + dbfHead.readUInt16LE(10) * dbfRecords : Infinity;
  if (dbfRecords !== shxRecords || statSync(dbf!).size < dbfNeeded) {
    throw new ImportError(
      `${label}: el .dbf (${basename(dbf!)}, ${dbfRecords} registros) no corresponde al .shp (${shxRecords} geometrías); copie el .dbf de la misma capa que el .shp.`,
      { file: label },
    );
  }
  return [shx!, dbf!, sibling(shp, '.prj'), sibling(shp, '.cpg')].filter((f): f is string => Boolean(f));
}

async function readHead(path: string, n: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}
