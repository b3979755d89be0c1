import pg from 'pg';
import type { Encoding } from './csv.ts';
import { ImportError, importError } from './errors.ts';
import { convert, fieldLookup } from './fields.ts';
import { importIndicators, type IndicatorMapping } from './indicators.ts';
import { keyReader } from './keys.ts';
import { LAYER_NAMES, LAYERS, resolveLayer, type LayerAlias, type LayerName, type LayerSpec } from './layers.ts';
export { isCartography } from './layers.ts';
import { DEFAULT_LIMITS, type ImportLimits } from './limits.ts';
import * as Q from './queries.ts';
import { inspect, readSource, type RawFeature } from './readers.ts';
import { resolveSource, type Source } from './source.ts';

/** What to import and how. */
export interface ImportOptions {
  input: string;
  /** A catalog layer id (or an alias such as 'projects'), or 'indicators'. */
  layer: LayerName | LayerAlias;
  /** Column holding the key (CVEGEO, cve_col…), when the default names do not match. */
  key?: string;
  /** Digits prepended to short CVEGEO keys (e.g. 260300001 for AGEB files that carry only CVE_AGEB). */
  keyPrefix?: string;
  srid?: number;
  encoding?: Encoding;
  dryRun?: boolean;
  fuente?: string;
  fecha?: string;
  /** Indicator columns (layer 'indicators'). */
  indicators?: IndicatorMapping;
  /** Name shown in messages instead of the file name (uploads). */
  label?: string;
  onProgress?: (done: number, total: number | null) => void;
  /** Size, row and column bounds (default: DEFAULT_LIMITS; the server reads IMPORT_MAX_* from its environment). */
  limits?: ImportLimits;
  /** Where a zip is extracted (default: the OS temp dir). */
  tmpDir?: string;
}

/** A row left out, and why. */
export interface Rejection {
  fila: number;
  clave: string | null;
  motivo: string;
}

/** The outcome of one import, printed at the end and returned by the API. */
export interface ImportReport {
  archivo: string;
  capa: LayerName;
  srid: number | null;
  leidos: number;
  cargados: number;
  reparados: number;
  rechazados: Rejection[];
  /** Indicators: codes loaded, values flagged NULL, keys that name no unit of the map. */
  indicadores?: string[];
  nulos?: number;
  sin_unidad?: number;
  /** Things worth a look that did not stop the import (e.g. text that looks mis-encoded). */
  avisos?: string[];
  duracion_ms: number;
  simulacro: boolean;
}

const BATCH = 1000;

/**
 * Imports one dataset using `client`, which must already be inside a transaction (the caller commits or rolls back):
 * read → TEMP staging → validate and transform in SQL → publish. Throws ImportError with file, row and field.
 */
export async function importInto(client: pg.ClientBase, options: ImportOptions): Promise<ImportReport> {
  const t0 = Date.now();
  const layer = resolveLayer(options.layer);
  if (!layer) throw new ImportError(`La capa «${options.layer}» no existe; se aceptan: ${LAYER_NAMES.join(', ')}.`, { field: 'layer' });
  const opts = { ...options, layer };
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const src = await resolveSource(opts.input, { limits, tmpDir: opts.tmpDir });
  if (opts.label) src.label = opts.label;
  try {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`sigmun-import:${opts.layer}`]);
    const partial = opts.layer === 'indicators'
      ? await importIndicators(client, src, { encoding: opts.encoding, key: opts.key, mapping: opts.indicators, limits, onProgress: opts.onProgress })
      : await importLayer(client, src, LAYERS[opts.layer], opts);
    const report: ImportReport = { ...partial, archivo: src.label, capa: opts.layer, duracion_ms: Date.now() - t0, simulacro: Boolean(opts.dryRun) };
    await client.query(Q.UPSERT_DATASET, [
      // Indicator tables of different levels are different datasets (census by colonia, marginación by AGEB).
      opts.layer === 'indicators' ? `import:indicators:${opts.indicators?.nivel}` : `import:${opts.layer}`,
      `${opts.layer}: ${src.label}`,
      opts.fuente ?? opts.indicators?.fuente ?? `Importado de ${src.label}`,
      opts.fecha ?? new Date().toISOString().slice(0, 10),
      JSON.stringify({ archivo: src.label, srid: report.srid, cargados: report.cargados, rechazados: report.rechazados.length }),
    ]);
    await client.query(Q.INSERT_LOG, [
      opts.layer, src.label, report.srid, report.leidos, report.cargados, report.reparados, report.rechazados.length,
      JSON.stringify({ rechazados: report.rechazados.slice(0, 1000), indicadores: report.indicadores }), report.duracion_ms,
    ]);
    return report;
  } catch (e) {
    throw asImportError(e, src);
  } finally {
    await src.cleanup();
  }
}

/** Database refusals (a CHECK, a type) become one line naming the file, never a stack trace. */
function asImportError(e: unknown, src: Source): Error {
  if (e instanceof ImportError) return e;
  const err = e as { code?: string; message?: string; detail?: string };
  if (err.code && /^(22|23|XX|42)/.test(err.code)) {
    return new ImportError(`${src.label}: la base de datos rechazó los datos (${err.message}${err.detail ? `; ${err.detail}` : ''}); revise el archivo.`, { file: src.label });
  }
  return e as Error;
}

type LayerPart = Pick<ImportReport, 'srid' | 'leidos' | 'cargados' | 'reparados' | 'rechazados' | 'avisos'>;

// UTF-8 read as latin1 ("MUÃ\u0091OZ") or latin1 read as UTF-8 (U+FFFD): the classic sign of a wrong encoding.
const MOJIBAKE = /Ã[\u0080-\u00bf]|\ufffd/;

/** The first text attribute that looks mis-encoded, if any. */
function mojibake(props: Record<string, unknown>): string | undefined {
  for (const v of Object.values(props)) if (typeof v === 'string' && MOJIBAKE.test(v)) return v;
  return undefined;
}

async function importLayer(client: pg.ClientBase, src: Source, spec: LayerSpec, opts: ImportOptions): Promise<LayerPart> {
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const info = await inspect(src, { srid: opts.srid, encoding: opts.encoding, limits });
  if (info.srid === null) {
    throw new ImportError(`${src.label}: no tiene geometría (ni columnas latitud/longitud); la capa ${spec.name} necesita geometría. Para indicadores use --layer indicators.`, { file: src.label });
  }
  const srs = await client.query<{ geographic: boolean }>(Q.SRID_INFO, [info.srid]);
  if (!srs.rowCount) throw new ImportError(`${src.label}: EPSG:${info.srid} no está en el catálogo de PostGIS; use otro --srid.`, { file: src.label });
  const geographic = srs.rows[0].geographic;

  await client.query(Q.CREATE_STAGING);
  let readKey: ReturnType<typeof keyReader> | undefined;
  let fieldOf: Array<string | undefined> = [];
  let batch: unknown[] = [];
  let done = 0;
  let garbled: string | undefined;
  const flush = async () => {
    if (!batch.length) return;
    await client.query(Q.INSERT_STAGING, [JSON.stringify(batch)]);
    done += batch.length;
    batch = [];
    opts.onProgress?.(done, info.count);
  };
  for await (const f of readSource(src, { encoding: opts.encoding, limits })) {
    if (!readKey) {
      const fields = Object.keys(f.props);
      readKey = keyReader(spec.key, fields, opts, src.label);
      const lookup = fieldLookup(fields);
      fieldOf = spec.columns.map((c) => lookup(c.from));
    }
    garbled ??= mojibake(f.props);
    batch.push(stageRow(f, spec, readKey, fieldOf, src.label));
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  if (done === 0) throw new ImportError(`${src.label}: no tiene registros; revise que sea la capa correcta.`, { file: src.label });

  await client.query(Q.PARSE_GEOMETRY, [info.srid]);
  await client.query(Q.REJECT_EMPTY);
  await client.query(Q.REPAIR);
  await client.query(Q.REJECT_OUTSIDE_MEXICO, [geographic]);
  const valid = await client.query<{ c: number }>(Q.VALID_COUNT);
  if (valid.rows[0].c === 0) {
    throw new ImportError(
      `${src.label}: ninguna geometría cae en México con EPSG:${info.srid}; el sistema de coordenadas no es el correcto: indique el bueno con --srid N.`,
      { file: src.label },
    );
  }
  await client.query(Q.TRANSFORM);
  await client.query(spec.geometry === 'polygon' ? Q.UNIFY_POLYGONS : spec.geometry === 'line' ? Q.UNIFY_LINES : spec.geometry === 'point' ? Q.UNIFY_POINTS : 'SELECT 1');
  if (spec.name === 'agebs') {
    await client.query(Q.PREFIX_AGEB_FROM_LOCALIDAD);
    const short = await client.query<{ n: number; clave: string }>(Q.FIRST_SHORT_KEY);
    if (short.rowCount) {
      const { n, clave } = short.rows[0];
      throw importError(src.label, n, 'CVEGEO',
        `la clave AGEB «${clave}» tiene 4 caracteres y ninguna localidad cargada la contiene; importe antes las localidades o use --key-prefix (p. ej. 260300001)`);
    }
  }
  if (spec.name !== 'municipio') {
    await client.query(
      spec.key.kind === 'cvegeo' || spec.name === 'colonias' ? Q.REJECT_OUTSIDE_KEYED_MUNICIPIO
        : spec.geometry === 'point' ? Q.REJECT_OUTSIDE_LOADED_MUNICIPIO : Q.REJECT_OUTSIDE_TOUCHED_MUNICIPIO,
    );
    // Nothing left to publish: replacing the layer with nothing is never what the planner meant.
    if ((await client.query<{ c: number }>(Q.VALID_COUNT)).rows[0].c === 0) {
      const rej = (await client.query<Rejection>(Q.REJECTED)).rows;
      const shown = rej.slice(0, 10).map((r) => `fila ${r.fila}: ${r.motivo}`).join('; ');
      throw new ImportError(
        `${src.label}: ninguno de los ${rej.length} registros queda dentro de un municipio cargado (${shown}${rej.length > 10 ? '; …' : ''}); revise el sistema de coordenadas del archivo o importe antes el municipio correcto.`,
        { file: src.label },
      );
    }
  }
  await client.query(Q.REJECT_DUPLICATES);
  const lookup = Q.MISSING_LOOKUP[spec.name];
  if (lookup) {
    const miss = await client.query<{ n: number; valor: string; campo: string }>(lookup);
    if (miss.rowCount) {
      const m = miss.rows[0];
      throw importError(src.label, m.n, m.campo, `«${m.valor}» no existe en el catálogo (${m.campo === 'programa' ? 'plan.programas' : 'partic.processes'}); créelo antes o corrija la clave`);
    }
  }
  const sum = (await client.query<{ leidos: number; validos: number; reparados: number }>(Q.SUMMARY)).rows[0];
  const rechazados = (await client.query<Rejection>(Q.REJECTED)).rows;
  const clear = Q.CLEAR[spec.name];
  if (clear && spec.mode === 'replace') await client.query(clear);
  const pub = await client.query(Q.PUBLISH[spec.name], spec.name === 'reportes' ? [opts.fuente ?? src.label] : []);
  const avisos = garbled
    ? [`los textos parecen tener la codificación equivocada (p. ej. «${garbled}»); si es así, repita con --encoding latin1 o --encoding utf8`]
    : undefined;
  return { srid: info.srid, leidos: sum.leidos, cargados: pub.rowCount ?? 0, reparados: sum.reparados, rechazados, avisos };
}

function stageRow(f: RawFeature, spec: LayerSpec, readKey: NonNullable<ReturnType<typeof keyReader>>, fieldOf: Array<string | undefined>, file: string) {
  const attrs: Record<string, unknown> = {};
  spec.columns.forEach((c, i) => {
    const field = fieldOf[i];
    attrs[c.name] = convert(c, field, field === undefined ? undefined : f.props[field], file, f.n);
  });
  return { n: f.n, clave: readKey(f.props, f.n), attrs, gj: f.geometry ? JSON.stringify(f.geometry) : null, reject: f.reject ?? null };
}

/** Refreshes derived tile data when the tiles package offers it; absent or failing, cached tiles still expire by version. */
async function refreshTiles(url: string, layer: LayerName, log?: (m: string) => void): Promise<void> {
  try {
    const mod = (await import('@sigmun/tiles' as string)) as Record<string, unknown>;
    const fn = (mod.refreshGeneralised ?? mod.refreshGeneralized) as undefined | ((url: string, layers?: string[]) => Promise<unknown>);
    if (typeof fn === 'function') await fn(url, [layer]);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') return;
    log?.(`Aviso: no se regeneraron las teselas derivadas (${(e as Error).message}).`);
  }
}

/**
 * Imports one dataset in ONE transaction: any error rolls everything back and the database is as it was.
 * `db` is a connection URL or a pool (the server passes its own).
 */
export async function runImport(
  db: string | pg.Pool,
  // beforeImport runs right after BEGIN: the API sets the audit context there (who imports, request id, IP).
  opts: ImportOptions & { log?: (m: string) => void; beforeImport?: (client: pg.PoolClient) => Promise<void> },
): Promise<ImportReport> {
  const own = typeof db === 'string' ? new pg.Pool({ connectionString: db, max: 1, application_name: 'sigmun-import' }) : null;
  const pool = own ?? (db as pg.Pool);
  // A connection that dies mid-import (server restart, pg_terminate_backend) fails the import's own queries; the
  // listener keeps its 'error' event from ending the process (the server's pool also guards its clients).
  own?.on('error', () => undefined);
  const client = await pool.connect();
  client.on('error', () => undefined);
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    let report: ImportReport;
    try {
      await opts.beforeImport?.(client);
      report = await importInto(client, opts);
      await client.query(opts.dryRun ? 'ROLLBACK' : 'COMMIT');
    } catch (e) {
      broken = await client.query('ROLLBACK').then(() => undefined, (err: Error) => err);
      throw e;
    }
    if (!opts.dryRun) await refreshTiles(connectionUrl(db), resolveLayer(opts.layer)!, opts.log);
    return report;
  } finally {
    // A client whose ROLLBACK failed is dead: destroy it rather than hand it to the next request.
    client.release(broken);
    await own?.end();
  }
}

function connectionUrl(db: string | pg.Pool): string {
  if (typeof db === 'string') return db;
  const o = (db as unknown as { options: { connectionString?: string } }).options;
  return o.connectionString ?? '';
}
