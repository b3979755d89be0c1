// Downloads through GDAL: the selection (bbox, datetime, ?prop=value, limit/offset) is written as the route's own
// GeoJSON pages into a private temporary folder, ogr2ogr turns it into the asked format there, the file is
// streamed to the client and the folder is removed on every path (error, abort or end of the stream).
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import type { ReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { shapefileFieldNames, type DownloadFormat } from '@sigmun/domain/downloads';
import type { GeometryKind } from '@sigmun/domain/layers';
import { HttpError } from '../errors.ts';
import type { CollectionQueries, ItemsArgs } from '../repositories/ogc.ts';
import { csvHead, csvLines } from '../routes/ogcapi/csv.ts';

/** Features read from PostgreSQL per page while the input file is written (bounded memory). */
const PAGE = 5000;
/** The header of a .shp file; a file of only its header holds no shape. */
const SHP_HEADER_BYTES = 100;

const KINDS: Record<Exclude<GeometryKind, 'mixed'>, { suffix: string; types: string[]; nlt: string }> = {
  point: { suffix: 'puntos', types: ['POINT', 'MULTIPOINT'], nlt: 'MULTIPOINT' },
  line: { suffix: 'lineas', types: ['LINESTRING', 'MULTILINESTRING'], nlt: 'MULTILINESTRING' },
  polygon: { suffix: 'poligonos', types: ['POLYGON', 'MULTIPOLYGON'], nlt: 'MULTIPOLYGON' },
};

function ogr2ogr(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn('ogr2ogr', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', (e) => reject(new Error(`No se pudo ejecutar ogr2ogr (${e.message}); instale gdal-bin`)));
    p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ogr2ogr terminó con código ${code}: ${stderr.trim().slice(0, 500)}`))));
  });
}

/** Writes the selection as one GeoJSON FeatureCollection named after the layer, page by page. */
async function writeInput(app: FastifyInstance, q: CollectionQueries, args: ItemsArgs, total: number, path: string): Promise<void> {
  const out = createWriteStream(path);
  const write = async (s: string) => { if (!out.write(s)) await once(out, 'drain'); };
  try {
    await write(`{"type":"FeatureCollection","name":${JSON.stringify(q.layer.id)},"features":[`);
    let first = true;
    for (let done = 0; done < total; done += PAGE) {
      const page = await app.ogcRepository.page(q, { ...args, limit: Math.min(PAGE, total - done), offset: args.offset + done });
      if (page.returned === 0) break;
      await write(`${first ? '' : ','}${page.features}`);
      first = false;
    }
    await write(']}\n');
  } finally {
    out.end();
    await once(out, 'close');
  }
}

/** The OGR SQL that renames properties to their Shapefile field names and keeps one geometry family. */
function shapefileSql(q: CollectionQueries, types: string[] | null): string {
  const cols = shapefileFieldNames(q.layer).map(({ name, field }) => `"${name}" AS "${field}"`).join(', ');
  const where = types ? ` WHERE OGR_GEOMETRY IN (${types.map((t) => `'${t}'`).join(', ')})` : '';
  return `SELECT ${cols} FROM "${q.layer.id}"${where}`;
}

/** Runs ogr2ogr for one format; returns the path of the single file to send. */
async function convert(dir: string, input: string, q: CollectionQueries, format: Exclude<DownloadFormat, 'csv'>): Promise<string> {
  const id = q.layer.id;
  if (format === 'geojson') {
    const out = join(dir, `${id}.geojson`);
    await ogr2ogr(['-f', 'GeoJSON', '-lco', 'RFC7946=YES', out, input]);
    return out;
  }
  if (format === 'kml') {
    const out = join(dir, `${id}.kml`);
    await ogr2ogr(['-f', 'KML', '-nln', id, out, input]);
    return out;
  }
  if (format === 'gpkg') {
    const out = join(dir, `${id}.gpkg`);
    await ogr2ogr(['-f', 'GPKG', '-nln', id, out, input]);
    return out;
  }
  // Shapefile: one geometry family per file (a mixed layer gives _puntos, _lineas, _poligonos), UTF-8 with its
  // .cpg, EPSG:4326 .prj, field names of ≤ 10 characters; the folder is then zipped by GDAL itself.
  const shpDir = join(dir, 'shp');
  await mkdir(shpDir);
  const kinds = q.layer.geometry === 'mixed' ? (['point', 'line', 'polygon'] as const) : [q.layer.geometry];
  for (const k of kinds) {
    const name = q.layer.geometry === 'mixed' ? `${id}_${KINDS[k].suffix}` : id;
    await ogr2ogr([
      '-f', 'ESRI Shapefile', '-lco', 'ENCODING=UTF-8', '-nlt', KINDS[k].nlt, '-nln', name,
      '-dialect', 'OGRSQL', '-sql', shapefileSql(q, q.layer.geometry === 'mixed' ? KINDS[k].types : null),
      join(shpDir, `${name}.shp`), input,
    ]);
  }
  if (kinds.length > 1) {
    // Families without a shape are left out (unless all are empty: then the first stays, to name the fields).
    const shps = (await readdir(shpDir)).filter((f) => f.endsWith('.shp')).sort();
    const empty = [];
    for (const f of shps) if ((await stat(join(shpDir, f))).size <= SHP_HEADER_BYTES) empty.push(f);
    const drop = empty.length === shps.length ? empty.slice(1) : empty;
    for (const f of drop) {
      const stem = f.slice(0, -4);
      for (const part of await readdir(shpDir)) if (part.startsWith(`${stem}.`)) await unlink(join(shpDir, part));
    }
  }
  const out = join(dir, `${id}.shp.zip`);
  await ogr2ogr(['-f', 'ESRI Shapefile', '-lco', 'ENCODING=UTF-8', out, shpDir]);
  return out;
}

export interface PreparedDownload {
  stream: ReadStream;
  size: number;
}

/**
 * Builds the download of a selection in a GDAL format and opens it for streaming. Throws a 400 naming `limit` when
 * the selection holds more than `maxFeatures`. The temporary folder goes when the stream closes, or at once on error.
 */
export async function prepareDownload(
  app: FastifyInstance, q: CollectionQueries, args: ItemsArgs, format: Exclude<DownloadFormat, 'csv'>,
  opts: { maxFeatures: number; tmpDir: string },
): Promise<PreparedDownload> {
  const total = await selectionSize(app, q, args, opts.maxFeatures);
  const dir = await mkdtemp(join(opts.tmpDir, 'sigmun-descarga-'));
  const remove = () => rm(dir, { recursive: true, force: true }).catch((e) => app.log.warn({ err: e, dir }, 'no se pudo borrar la carpeta temporal'));
  try {
    // The layer inside takes the collection's id from the FeatureCollection's "name".
    const input = join(dir, 'entrada.geojson');
    await writeInput(app, q, args, total, input);
    const file = await convert(dir, input, q, format);
    const size = (await stat(file)).size;
    const stream = createReadStream(file);
    stream.once('close', () => void remove());
    return { stream, size };
  } catch (e) {
    await remove();
    throw e;
  }
}

/**
 * The selection as CSV (its properties, lon/lat of a point on the surface and the WKT geometry, with the BOM
 * Excel needs), read from PostgreSQL page by page while the client takes it: memory stays one page whatever its size.
 */
export function csvStream(app: FastifyInstance, q: CollectionQueries, args: ItemsArgs, total: number): Readable {
  async function* lines() {
    const first = await app.ogcRepository.csvRows(q, { ...args, limit: Math.min(PAGE, total), offset: args.offset });
    yield csvHead(first.columns);
    yield csvLines(first.rows);
    for (let done = first.rows.length; done < total && first.rows.length > 0; done += PAGE) {
      const page = await app.ogcRepository.csvRows(q, { ...args, limit: Math.min(PAGE, total - done), offset: args.offset + done });
      if (page.rows.length === 0) break;
      yield csvLines(page.rows);
    }
  }
  return Readable.from(lines(), { objectMode: false });
}

/** Features of the selection after offset and limit; a 400 naming `limit` beyond the download limit. */
export async function selectionSize(app: FastifyInstance, q: CollectionQueries, args: ItemsArgs, maxFeatures: number): Promise<number> {
  const matched = await app.ogcRepository.count(q, args);
  const total = Math.max(0, Math.min(args.limit, matched - args.offset));
  if (total > maxFeatures) {
    throw new HttpError(400, `La descarga tendría ${total} elementos y el límite es ${maxFeatures} (DOWNLOAD_MAX_FEATURES): `
      + 'acote con bbox, datetime, un filtro ?propiedad=valor, o limit y offset', 'limit');
  }
  return total;
}
