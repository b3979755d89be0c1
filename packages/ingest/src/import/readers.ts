import { spawn } from 'node:child_process';
import { open, readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { decodeText, detectDelimiter, parseCsv, type Encoding } from './csv.ts';
import { noCrsError, sridFromGeoJsonCrs, sridFromProj4 } from './crs.ts';
import { ImportError } from './errors.ts';
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
export async function inspect(src: Source, opts: { srid?: number; encoding?: Encoding }): Promise<SourceInfo> {
  if (src.format === 'xlsx') return inspectXlsx(src, opts);
  if (src.format === 'csv') {
    const { header, rows, encoding, delimiter } = await loadCsv(src, opts.encoding);
    return { srid: opts.srid ?? (latLonColumns(header) ? 4326 : null), count: rows.length, fields: header, encoding, delimiter };
  }
  const info = await run('ogrinfo', ['-ro', '-so', '-al', src.path]);
  if (info.code !== 0 || /^ERROR/m.test(info.stderr)) throw gdalFailure(src, info.stderr);
  const layers = [...info.stdout.matchAll(/^Layer name: (.*)$/gm)].map((m) => m[1]);
  if (layers.length !== 1) {
    throw new ImportError(`${src.label}: contiene ${layers.length} capas (${layers.join(', ')}); exporte la que quiera importar a su propio archivo.`, { file: src.label });
  }
  const count = Number(/^Feature Count: (\d+)/m.exec(info.stdout)?.[1] ?? NaN);
  const fieldBlock = info.stdout.split(/^Layer SRS WKT:$/m)[1] ?? info.stdout;
  const fields = [...fieldBlock.matchAll(/^([^\s:][^:]*): (String|Integer|Integer64|Real|Date|DateTime|Time|Boolean)/gm)].map((m) => m[1]);
  if (opts.srid) return { srid: opts.srid, count: Number.isFinite(count) ? count : null, fields };
  let srid: number | null | undefined;
  if (src.format === 'geojson') srid = sridFromGeoJsonCrs(await head(src.path, 1 << 16));
  if (src.format === 'kml') srid = 4326;
  if (srid === null) throw noCrsError(src.label, 'el miembro «crs» del GeoJSON nombra un sistema que no se reconoce');
  if (srid === undefined) {
    if (src.format === 'geojson') srid = 4326; // RFC 7946: without a crs member, coordinates are WGS84 lon/lat.
    else {
      const p = await run('gdalsrsinfo', ['-o', 'proj4', src.path]);
      const proj4 = p.stdout.split('\n').map((l) => l.trim()).find((l) => l.startsWith('+proj')) ?? '';
      if (!proj4) throw noCrsError(src.label, src.format === 'shapefile' ? 'no declara su sistema de coordenadas (falta el .prj)' : 'no declara su sistema de coordenadas');
      srid = sridFromProj4(proj4) ?? (await epsgOf(src.path));
      if (!srid) throw noCrsError(src.label, `su sistema de coordenadas no se reconoce (${proj4})`);
    }
  }
  return { srid, count: Number.isFinite(count) ? count : null, fields };
}

/** GDAL's own identification, trusted only when it names an EPSG code with full confidence. */
async function epsgOf(path: string): Promise<number | null> {
  const r = await run('gdalsrsinfo', ['-e', '-o', 'epsg', path]);
  const m = /Confidence in this match: 100 %\s*\n\s*EPSG:(\d+)/.exec(r.stdout);
  return m && m[1] !== '0' ? Number(m[1]) : null;
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

/** Reads features through ogr2ogr (GeoJSON on stdout, coordinates left in the source CRS: PostGIS reprojects). */
export async function* readOgr(src: Source, opts: { encoding?: Encoding }): AsyncGenerator<RawFeature> {
  const args = ['-f', 'GeoJSON', '/vsistdout/', '-lco', 'RFC7946=NO', '-lco', 'WRITE_NAME=NO', src.path];
  if (src.format === 'shapefile' && opts.encoding) args.splice(3, 0, '-oo', `ENCODING=${opts.encoding === 'latin1' ? 'ISO-8859-1' : 'UTF-8'}`);
  const p = spawn('ogr2ogr', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  p.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number>((resolve) => p.on('close', (code) => resolve(code ?? 1)));
  let n = 0;
  // GDAL's GeoJSON writer puts each feature on its own line, so the collection streams without a JSON parser.
  for await (const line of createInterface({ input: p.stdout, crlfDelay: Infinity })) {
    if (!line.startsWith('{ "type": "Feature"')) continue;
    const f = JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line) as { properties?: Record<string, unknown>; geometry?: unknown };
    yield { n: ++n, props: f.properties ?? {}, geometry: f.geometry ?? null };
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

async function loadCsv(src: Source, encoding?: Encoding) {
  const { text, encoding: enc } = decodeText(await readFile(src.path), encoding);
  const delimiter = detectDelimiter(text);
  const all = parseCsv(text, delimiter);
  if (all.length === 0) throw new ImportError(`${src.label}: el archivo está vacío; exporte la tabla con una fila de encabezados.`, { file: src.label });
  const header = all[0].map((h) => h.trim());
  return { header, rows: all.slice(1), encoding: enc, delimiter };
}

/** Reads a CSV (encoding and delimiter detected); lat/lon columns, when present, become a WGS84 point. */
export async function* readCsv(src: Source, opts: { encoding?: Encoding }): AsyncGenerator<RawFeature> {
  const { header, rows } = await loadCsv(src, opts.encoding);
  const ll = latLonColumns(header);
  let n = 0;
  for (const r of rows) {
    n++;
    if (r.length !== header.length) {
      throw new ImportError(`${src.label}, fila ${n} (línea ${n + 1}): tiene ${r.length} columnas y el encabezado ${header.length}; revise separadores y comillas.`, { file: src.label, row: n });
    }
    const props: Record<string, unknown> = {};
    header.forEach((h, i) => (props[h] = r[i]));
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

/** Reads any supported source. */
export function readSource(src: Source, opts: { encoding?: Encoding }): AsyncGenerator<RawFeature> {
  if (src.format === 'xlsx') return readXlsx(src);
  return src.format === 'csv' ? readCsv(src, opts) : readOgr(src, opts);
}
