import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import pg from 'pg';
import { parse as parseYaml } from 'yaml';
import type { Encoding } from './csv.ts';
import { ImportError } from './errors.ts';
import { parseIndicatorMapping, type IndicatorMapping } from './indicators.ts';
import { LAYER_NAMES, resolveLayer, type LayerName } from './layers.ts';
import { formatReport } from './report.ts';
import { importInto, type ImportReport } from './run.ts';

/** One file of a data folder and the layer it feeds. Paths are relative to the manifest file. */
export interface ManifestEntry {
  capa: LayerName;
  archivo: string;
  srid?: number;
  clave?: string;
  prefijo_clave?: string;
  encoding?: Encoding;
  fuente?: string;
  fecha?: string;
  indicadores?: IndicatorMapping;
}

/** A folder of real data: which file is which layer, loaded instead of the demo municipality. */
export interface DataManifest {
  nombre: string;
  fuente: string;
  fecha: string;
  capas: ManifestEntry[];
}

export const MANIFEST_NAMES = ['sigmun.yaml', 'sigmun.yml', 'sigmun.json'];
const DATASET_ID = 'manifest';

/** Finds the manifest: the path itself when it is a file, else sigmun.yaml (or .yml/.json) inside the folder. */
export function locateManifest(pathOrFolder: string): string {
  if (!existsSync(pathOrFolder)) throw new ImportError(`No existe «${pathOrFolder}»: indique una carpeta con sigmun.yaml o el archivo del manifiesto.`);
  if (statSync(pathOrFolder).isFile()) return pathOrFolder;
  const hit = MANIFEST_NAMES.map((n) => join(pathOrFolder, n)).find((p) => existsSync(p));
  if (!hit) throw new ImportError(`${pathOrFolder}: falta el manifiesto sigmun.yaml que dice qué archivo es cada capa; vea docs/IMPORT.md.`);
  return hit;
}

/** Parses and validates a manifest; every message names the manifest and the entry at fault. */
export function parseManifest(text: string, file: string): DataManifest {
  let raw: Record<string, unknown>;
  try {
    raw = parseYaml(text) as Record<string, unknown>;
  } catch (e) {
    throw new ImportError(`${file}: el manifiesto no es YAML válido (${(e as Error).message.split('\n')[0]}).`, { file });
  }
  const bad = (what: string) => new ImportError(`${file}: ${what}; vea docs/IMPORT.md.`, { file });
  if (!raw || typeof raw !== 'object') throw bad('el manifiesto está vacío');
  if (!Array.isArray(raw.capas) || raw.capas.length === 0) throw bad('falta la lista «capas»');
  const fecha = raw.fecha === undefined ? new Date().toISOString().slice(0, 10) : raw.fecha instanceof Date ? raw.fecha.toISOString().slice(0, 10) : String(raw.fecha);
  const capas = raw.capas.map((c: Record<string, unknown>, i: number): ManifestEntry => {
    const capa = resolveLayer(typeof c.capa === 'string' ? c.capa : undefined);
    if (!capa) throw bad(`capas[${i}]: «capa» debe ser una de ${LAYER_NAMES.join(', ')}`);
    if (typeof c.archivo !== 'string' || !c.archivo) throw bad(`capas[${i}]: falta «archivo»`);
    if (c.archivo.startsWith('/') || /^[a-z]:\\/i.test(c.archivo)) throw bad(`capas[${i}]: «archivo» debe ser una ruta relativa al manifiesto`);
    if (capa === 'indicators' && !c.indicadores) throw bad(`capas[${i}]: una capa de indicadores necesita «indicadores» (nivel, anio, fuente, columnas)`);
    return {
      capa,
      archivo: c.archivo,
      srid: c.srid === undefined ? undefined : Number(c.srid),
      clave: c.clave as string | undefined,
      prefijo_clave: c.prefijo_clave === undefined ? undefined : String(c.prefijo_clave),
      encoding: c.encoding as Encoding | undefined,
      fuente: c.fuente as string | undefined,
      fecha: c.fecha instanceof Date ? c.fecha.toISOString().slice(0, 10) : (c.fecha as string | undefined),
      indicadores: c.indicadores ? parseIndicatorMapping(c.indicadores, `${file} capas[${i}].indicadores`) : undefined,
    };
  });
  return { nombre: String(raw.nombre ?? basename(dirname(file))), fuente: String(raw.fuente ?? 'Datos reales'), fecha, capas };
}

/** Digest of the manifest and every byte it points at (shapefile sidecars included): unchanged → no reload. */
export function manifestDigest(text: string, manifestDir: string, m: DataManifest): string {
  const h = createHash('sha256').update(text);
  for (const c of m.capas) {
    const p = resolve(manifestDir, c.archivo);
    if (!existsSync(p)) throw new ImportError(`${c.archivo}: no existe (ruta relativa a ${manifestDir}); corrija «archivo» en el manifiesto.`, { file: c.archivo });
    for (const f of filesOf(p)) h.update(f.slice(manifestDir.length)).update(readFileSync(f));
  }
  return h.digest('hex').slice(0, 32);
}

function filesOf(p: string): string[] {
  if (statSync(p).isDirectory()) return readdirSync(p).sort().flatMap((n) => filesOf(join(p, n)));
  const stem = basename(p, extname(p)).toLowerCase();
  return readdirSync(dirname(p)).sort()
    .filter((n) => basename(n, extname(n)).toLowerCase() === stem)
    .map((n) => join(dirname(p), n));
}

// Real data replaces the demo municipality as a whole: fictional rows must never sit beside real ones.
const CLEAR_DEMO = `
DELETE FROM partic.results; DELETE FROM partic.proposals; DELETE FROM partic.zones; DELETE FROM partic.processes;
DELETE FROM partic.reportes;
DELETE FROM plan.documents; DELETE FROM plan.project_progress; DELETE FROM plan.projects; DELETE FROM plan.programas; DELETE FROM plan.ejes;
DELETE FROM stats.indicator_values; DELETE FROM stats.indicators;
DELETE FROM carto.equipamiento; DELETE FROM carto.vialidades; DELETE FROM carto.colonias; DELETE FROM carto.manzanas;
DELETE FROM carto.agebs; DELETE FROM carto.localidades; DELETE FROM carto.municipio;
DELETE FROM meta.datasets WHERE kind = 'demo'`;

/**
 * Loads a folder of real data described by its manifest (sigmun.yaml) INSTEAD of the demo municipality: every
 * layer in ONE transaction, demo rows removed in it. Idempotent: when the digest of the manifest and its files
 * equals the one stored in meta.datasets, nothing is reloaded.
 */
export async function loadDataManifest(
  url: string,
  pathOrFolder: string,
  opts: { log?: (m: string) => void; force?: boolean } = {},
): Promise<{ loaded: boolean; reports: ImportReport[]; digest: string }> {
  const log = opts.log ?? (() => {});
  const file = locateManifest(pathOrFolder);
  const dir = dirname(resolve(file));
  const text = readFileSync(file, 'utf8');
  const manifest = parseManifest(text, basename(file));
  const digest = manifestDigest(text, dir, manifest);
  const client = new pg.Client({ connectionString: url, application_name: 'sigmun-import' });
  await client.connect();
  try {
    const prev = await client.query<{ digest: string | null }>(`SELECT detalles->>'digest' AS digest FROM meta.datasets WHERE id = $1`, [DATASET_ID]);
    if (!opts.force && prev.rows[0]?.digest === digest) {
      log(`Datos reales ya cargados (${manifest.nombre}, manifiesto sin cambios): no se recargan.`);
      return { loaded: false, reports: [], digest };
    }
    log(`Cargando datos reales: ${manifest.nombre} (${manifest.capas.length} archivos, una sola transacción)…`);
    const reports: ImportReport[] = [];
    await client.query('BEGIN');
    try {
      const demo = await client.query(`SELECT 1 FROM meta.datasets WHERE kind = 'demo'`);
      if (demo.rowCount) {
        await client.query(CLEAR_DEMO);
        log('Municipio de demostración retirado.');
      }
      for (const c of manifest.capas) {
        const r = await importInto(client, {
          input: resolve(dir, c.archivo), layer: c.capa, srid: c.srid, key: c.clave, keyPrefix: c.prefijo_clave,
          encoding: c.encoding, fuente: c.fuente ?? manifest.fuente, fecha: c.fecha ?? manifest.fecha, indicators: c.indicadores,
        });
        reports.push(r);
        log(formatReport(r, 5).split('\n').slice(0, 2).join('\n'));
      }
      await client.query(
        `INSERT INTO meta.datasets (id, kind, nombre, fuente, fecha, detalles, loaded_at) VALUES ($1, 'real', $2, $3, $4::date, $5::jsonb, now())
         ON CONFLICT (id) DO UPDATE SET kind = 'real', nombre = EXCLUDED.nombre, fuente = EXCLUDED.fuente, fecha = EXCLUDED.fecha,
           detalles = EXCLUDED.detalles, loaded_at = now()`,
        [DATASET_ID, manifest.nombre, manifest.fuente, manifest.fecha, JSON.stringify({ digest, manifiesto: basename(file), capas: manifest.capas.map((c) => c.capa) })],
      );
      // The catalog was replaced whole: the indicator derived from citizen reports comes back, with the real source.
      await client.query('SELECT partic.refresh_reportes_indicador()');
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      throw e;
    }
    log(`Datos reales cargados: ${manifest.nombre}.`);
    return { loaded: true, reports, digest };
  } finally {
    await client.end();
  }
}
