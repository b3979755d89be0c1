import { spawn } from 'node:child_process';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { csvRecords, detectDelimiter, detectEncoding, headerColumns, headerLine, type Encoding } from './csv.ts';
import { noCrsError, sridFromGeoJsonCrs, sridFromProj4 } from './crs.ts';
import { ImportError } from './errors.ts';
import { ogrInfo, type OgrInfo } from './gdal.ts';
import { DEFAULT_LIMITS, limitError, type ImportLimits } from './limits.ts';
import type { Source } from './source.ts';
import { parseNumber } from './values.ts';
import { inspectXlsx, readXlsx } from './xlsx.ts';

/** One record as read: its 1-based position, its attributes and its geometry (GeoJSON, in the source CRS). */
export interface RawFeature {
  n: number;
  props: Record<string, unknown>;
  geometry: unknown;
  /** Set when the reader already knows the record is unusable (e.g. CSV coordinates that are not numbers). */
  reject?: string;
}

/** What is known about a dataset before reading it. */
export interface SourceInfo {
  srid: number | null;
  count: number | null;
  fields: string[];
  encoding?: Encoding;
  delimiter?: string;
}

function run(cmd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', (e) => reject(new ImportError(`No se pudo ejecutar ${cmd} (${e.message}): instale GDAL (paquete gdal-bin).`)));
    p.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** Turns GDAL's complaint about a file into one line that says what to do. */
function gdalFailure(src: Source, stderr: string): ImportError {
  const first = stderr.split('\n').find((l) => /^(ERROR|FAILURE)/.test(l))?.replace(/^ERROR \d+:\s*/, '') ?? stderr.trim().split('\n')[0];
  if (src.format === 'geojson') {
    return new ImportError(`${src.label}: no es un GeoJSON válido (el JSON está mal formado o incompleto); revise o vuelva a exportar el archivo.`, { file: src.label });
  }
  if (/Unable to open|Failed to open|not recognized/i.test(stderr)) {
    return new ImportError(`${src.label}: GDAL no puede abrir el archivo (¿dañado o de otro formato?); vuelva a exportarlo.`, { file: src.label });
  }
  if (/fread|truncat|Corrupted|offset/i.test(stderr)) {
    return new ImportError(`${src.label}: el archivo está truncado o dañado (${first}); vuelva a copiarlo completo.`, { file: src.label });
  }
  return new ImportError(`${src.label}: GDAL no pudo leer el archivo (${first}); revise que esté completo.`, { file: src.label });
}

/** Counts features, lists fields and finds the CRS (the .prj, the GeoJSON `crs` member, or --srid). */
export async function inspect(src: Source, opts: { srid?: number; encoding?: Encoding; limits?: ImportLimits }): Promise<SourceInfo> {
  if (src.format === 'xlsx') return inspectXlsx(src, opts);
  const limits = opts.limits ?? DEFAULT_LIMITS;
  if (src.format === 'csv') {
    const { header, encoding, delimiter } = await csvHeader(src, opts.encoding, limits);
    return { srid: opts.srid ?? (latLonColumns(header) ? 4326 : null), count: null, fields: header, encoding, delimiter };
  }
  let info: OgrInfo;
  try {
    info = await ogrInfo(src.path);
  } catch (e) {
    throw gdalFailure(src, (e as Error).message);
  }
  const layers = info.layers;
  if (layers.length !== 1) {
    throw new ImportError(`${src.label}: contiene ${layers.length} capas (${layers.map((l) => l.name).join(', ')}); exporte la que quiera importar a su propio archivo.`, { file: src.label });
  }
  const layer = layers[0];
  const fields = layer.fields.map((f) => f.name);
  if (fields.length > limits.columns) throw limitError('columns', limits, fields.length, src.label);
  const count = layer.featureCount >= 0 ? layer.featureCount : null;
  if (count !== null && count > limits.rows) throw limitError('rows', limits, count, src.label);
  if (opts.srid) return { srid: opts.srid, count, fields };
  let srid: number | null | undefined;
  if (src.format === 'geojson') srid = sridFromGeoJsonCrs(await head(src.path, 1 << 16));
  if (src.format === 'kml') srid = 4326;
  if (srid === null) throw noCrsError(src.label, 'el miembro «crs» del GeoJSON nombra un sistema que no se reconoce');
  if (srid === undefined) {
    if (src.format === 'geojson') srid = 4326; // RFC 7946: without a crs member, coordinates are WGS84 lon/lat.
    else {
      const crs = layer.geometryFields[0]?.coordinateSystem;
      if (!crs) throw noCrsError(src.label, src.format === 'shapefile' ? 'no declara su sistema de coordenadas (falta el .prj)' : 'no declara su sistema de coordenadas');
      const proj4 = await proj4Of(src.path);
      srid = sridFromProj4(proj4) ?? epsgOf(crs.projjson);
      if (!srid) throw noCrsError(src.label, `su sistema de coordenadas no se reconoce (${proj4 || crs.projjson?.name || 'sin nombre'})`);
    }
  }
  return { srid, count, fields };
}

/** The EPSG code GDAL identified the CRS as (it sets `id` only on a full match), if any. */
function epsgOf(projjson: { id?: { authority?: string; code?: number | string } } | undefined): number | null {
  const id = projjson?.id;
  return id?.authority === 'EPSG' && Number(id.code) > 0 ? Number(id.code) : null;
}

/** GDAL's PROJ.4 rendering of a dataset's CRS (one line), or '' when it has none. */
async function proj4Of(path: string): Promise<string> {
  const p = await run('gdalsrsinfo', ['-o', 'proj4', path]);
  return p.stdout.split('\n').map((l) => l.trim()).find((l) => l.startsWith('+proj')) ?? '';
}

async function head(path: string, n: number): Promise<string> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead).toString('utf8');
  } finally {
    await fh.close();
  }
}

/**
 * Reads features through ogr2ogr as GeoJSON text sequences (one feature per line). `-a_srs EPSG:4326` only labels
 * the output so that the GeoJSONSeq writer does not reproject: coordinates stay in the source CRS, and PostGIS
 * transforms them with the SRID inspect() settled on (the .prj, the `crs` member or --srid).
 */
export async function* readOgr(src: Source, opts: { encoding?: Encoding; limits?: ImportLimits }): AsyncGenerator<RawFeature> {
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const args = ['-f', 'GeoJSONSeq', '/vsistdout/', '-a_srs', 'EPSG:4326', '-lco', 'COORDINATE_PRECISION=15', src.path];
  if (src.format === 'shapefile' && opts.encoding) args.unshift('-oo', `ENCODING=${opts.encoding === 'latin1' ? 'ISO-8859-1' : 'UTF-8'}`);
  const p = spawn('ogr2ogr', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  p.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number>((resolve) => p.on('close', (code) => resolve(code ?? 1)));
  let n = 0;
  try {
    for await (const line of createInterface({ input: p.stdout, crlfDelay: Infinity })) {
      if (!line.trim()) continue;
      const f = JSON.parse(line.replace(/^\x1e/, '')) as { properties?: Record<string, unknown>; geometry?: unknown };
      if (++n > limits.rows) throw limitError('rows', limits, n, src.label, n);
      yield { n, props: f.properties ?? {}, geometry: f.geometry ?? null };
    }
  } finally {
    if (p.exitCode === null) p.kill();
  }
  const code = await exited;
  if (code !== 0 || /^ERROR/m.test(stderr)) throw gdalFailure(src, stderr);
}

const LAT = ['latitud', 'lat', 'latitude', 'y', 'coord_y'];
const LON = ['longitud', 'lon', 'lng', 'long', 'longitude', 'x', 'coord_x'];

/** The latitude and longitude columns of a table, when it has both. */
export function latLonColumns(header: string[]): { lat: string; lon: string } | null {
  const low = new Map(header.map((h) => [h.trim().toLowerCase(), h]));
  const lat = LAT.map((c) => low.get(c)).find(Boolean);
  const lon = LON.map((c) => low.get(c)).find(Boolean);
  return lat && lon ? { lat, lon } : null;
}

/** Encoding, delimiter and header of a CSV, the header checked against the column limit. */
async function csvHeader(src: Source, forced: Encoding | undefined, limits: ImportLimits) {
  const encoding = await detectEncoding(src.path, forced);
  const line = await headerLine(src.path, encoding);
  const delimiter = detectDelimiter(line);
  // A header past the limit is refused from its first 64 KB, before the parser walks 100k columns.
  const pre = headerColumns(line, delimiter);
  if (pre.columns > limits.columns) throw limitError('columns', limits, pre.columns, src.label, undefined, !pre.whole);
  const records = csvRecords(src.path, src.label, encoding, delimiter);
  const first = await records.next();
  await records.return(undefined);
  if (first.done) throw new ImportError(`${src.label}: el archivo está vacío; exporte la tabla con una fila de encabezados.`, { file: src.label });
  const header = first.value.values.map((h) => h.trim());
  if (header.length > limits.columns) throw limitError('columns', limits, header.length, src.label);
  return { header, encoding, delimiter };
}

/** Reads a CSV (encoding and delimiter detected, streamed); lat/lon columns, when present, become a WGS84 point. */
export async function* readCsv(src: Source, opts: { encoding?: Encoding; limits?: ImportLimits }): AsyncGenerator<RawFeature> {
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const { header, encoding, delimiter } = await csvHeader(src, opts.encoding, limits);
  const ll = latLonColumns(header);
  let n = 0;
  let first = true;
  for await (const { values: r } of csvRecords(src.path, src.label, encoding, delimiter)) {
    if (first) {
      first = false;
      continue;
    }
    n++;
    if (n > limits.rows) throw limitError('rows', limits, n, src.label, n);
    if (r.length !== header.length) {
      throw new ImportError(`${src.label}, fila ${n} (línea ${n + 1}): tiene ${r.length} columnas y el encabezado ${header.length}; revise separadores y comillas.`, { file: src.label, row: n });
    }
    const props: Record<string, unknown> = {};
    for (let i = 0; i < header.length; i++) props[header[i]] = r[i];
    if (!ll) {
      yield { n, props, geometry: null };
      continue;
    }
    const lat = parseNumber(props[ll.lat]);
    const lon = parseNumber(props[ll.lon]);
    if (lat === undefined || lon === undefined) yield { n, props, geometry: null, reject: `coordenadas no numéricas (${ll.lat}=«${props[ll.lat]}», ${ll.lon}=«${props[ll.lon]}»)` };
    else yield { n, props, geometry: { type: 'Point', coordinates: [lon, lat] } };
  }
}

/** Reads any supported source within the row and column limits. */
export function readSource(src: Source, opts: { encoding?: Encoding; limits?: ImportLimits }): AsyncGenerator<RawFeature> {
  if (src.format === 'xlsx') return readXlsx(src);
  return src.format === 'csv' ? readCsv(src, opts) : readOgr(src, opts);
}
