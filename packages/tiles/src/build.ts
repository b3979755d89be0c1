// Builds tiles/basemap.pmtiles (and other static archives) from PostGIS with the same SQL the tile server runs,
// and skips the work when the archive already matches the data (layer versions and dataset in its metadata).
import { createHash } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { TILESETS, findLayer, type LayerDefinition } from '@sigmun/domain/layers';
import { repoRoot } from '@sigmun/db';
import { qualified, tileStatement } from './mvt-sql.ts';
import { openArchive } from './pmtiles-file.ts';
import { writePmtiles, type ArchiveTile } from './pmtiles-writer.ts';
import { PostgisTileSource } from './postgis-source.ts';
import { WORLD_HALF } from './tile-coords.ts';
import { encodeTile } from './tile-service.ts';

export interface BuildOptions {
  log?: (m: string) => void;
  force?: boolean;
  /** Where archives go (default: tiles/ at the repository root). */
  outDir?: string;
  /** Archive name without extension (default "basemap"). */
  name?: string;
  /** Layers to include (default: the basemap tileset). */
  layers?: ReadonlyArray<string>;
  minzoom?: number;
  /** Deepest zoom written; MapLibre overzooms beyond it (4096 units per tile keep ~0.6 m precision at z14). */
  maxzoom?: number;
  /** Parallel tile queries. */
  concurrency?: number;
}

/** Default zoom range of the basemap archive: whole municipality to street level. */
export const BASEMAP_MINZOOM = 8;
export const BASEMAP_MAXZOOM = 14;

interface Fingerprint {
  layers: string[];
  minzoom: number;
  maxzoom: number;
  versions: Record<string, number>;
  dataset: string | null;
  sql: string;
}

function progress(total: number, enabled: boolean): { tick: () => void; done: () => void } {
  let n = 0;
  let lastDraw = 0;
  const draw = () => {
    const width = 30;
    const filled = total ? Math.round((n / total) * width) : width;
    process.stderr.write(`\r  teselas [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${n}/${total}`);
  };
  return {
    tick: () => {
      n++;
      if (enabled && (Date.now() - lastDraw > 100 || n === total)) {
        lastDraw = Date.now();
        draw();
      }
    },
    done: () => {
      if (enabled) {
        draw();
        process.stderr.write('\n');
      }
    },
  };
}

/**
 * Tiles at zoom `z` that hold some feature of the layers: per feature, the tiles of its bounding box, tested
 * against the geometry when the box spans many tiles. The municipal boundary counts by its outline only: its
 * interior tiles carry nothing a line style draws.
 */
async function coveredTiles(client: pg.ClientBase, layers: ReadonlyArray<LayerDefinition>, z: number): Promise<Array<[number, number]>> {
  const parts = layers
    .filter((l) => l.minzoom <= z)
    .map((l) => {
      const g = `t.${pg.escapeIdentifier(l.source.geometryColumn)}`;
      const outline = l.geometry === 'polygon' && !l.style.fill;
      return `SELECT ${outline ? `ST_Boundary(${g})` : g} AS geom FROM ${qualified(l.source.relation)} t`;
    });
  if (!parts.length) return [];
  const { rows } = await client.query<{ x: number; y: number }>(
    `WITH f AS (${parts.join(' UNION ALL ')}),
          s AS (SELECT (2 * ${WORLD_HALF}) / (2 ^ $1::int) AS size),
          r AS (SELECT f.geom,
                       floor((ST_XMin(f.geom) + ${WORLD_HALF}) / s.size)::int AS x0, floor((ST_XMax(f.geom) + ${WORLD_HALF}) / s.size)::int AS x1,
                       floor((${WORLD_HALF} - ST_YMax(f.geom)) / s.size)::int AS y0, floor((${WORLD_HALF} - ST_YMin(f.geom)) / s.size)::int AS y1
                FROM f, s WHERE NOT ST_IsEmpty(f.geom))
     SELECT DISTINCT x, y FROM r, generate_series(r.x0, r.x1) x, generate_series(r.y0, r.y1) y
     WHERE (r.x1 - r.x0 + 1) * (r.y1 - r.y0 + 1) <= 4 OR ST_Intersects(r.geom, ST_TileEnvelope($1::int, x, y))`,
    [z],
  );
  return rows.map((r) => [r.x, r.y]);
}

async function fingerprintOf(client: pg.ClientBase, layers: ReadonlyArray<LayerDefinition>, minzoom: number, maxzoom: number): Promise<Fingerprint> {
  const keys = [...new Set(layers.flatMap((l) => l.source.versionKeys))].sort();
  const v = await client.query<{ layer: string; version: number }>('SELECT layer, version FROM meta.layer_versions WHERE layer = ANY($1)', [keys]);
  const versions: Record<string, number> = {};
  for (const k of keys) versions[k] = Number(v.rows.find((r) => r.layer === k)?.version ?? 0);
  const d = await client.query<{ ds: string }>(`SELECT kind || ':' || id || '@' || loaded_at::text AS ds FROM meta.datasets ORDER BY loaded_at DESC LIMIT 1`);
  // The SQL of every zoom: a change to the catalog or the generalisation rebuilds the archive.
  const sql = createHash('sha256');
  for (let z = minzoom; z <= maxzoom; z++) sql.update(tileStatement(layers, z) ?? '');
  return { layers: layers.map((l) => l.id), minzoom, maxzoom, versions, dataset: d.rows[0]?.ds ?? null, sql: sql.digest('hex').slice(0, 16) };
}

async function archiveFingerprint(path: string): Promise<Fingerprint | null> {
  if (!(await stat(path).catch(() => null))) return null;
  try {
    const meta = (await openArchive(path).getMetadata()) as { sigmun?: Fingerprint };
    return meta.sigmun ?? null;
  } catch {
    // Unreadable or truncated archive: rebuild it.
    return null;
  }
}

/** Builds an archive of the given layers from the database at `url`; returns its path and whether it was (re)built. */
export async function buildArchive(url: string, opts: BuildOptions = {}): Promise<{ path: string; built: boolean; tiles: number; ms: number }> {
  const t0 = Date.now();
  const log = opts.log ?? (() => {});
  const name = opts.name ?? 'basemap';
  const ids = opts.layers ?? TILESETS.basemap.layers;
  const layers = ids.map((id) => {
    const l = findLayer(id);
    if (!l) throw new Error(`capa desconocida: ${id}`);
    return l;
  });
  const minzoom = opts.minzoom ?? BASEMAP_MINZOOM;
  const maxzoom = opts.maxzoom ?? BASEMAP_MAXZOOM;
  if (!(minzoom >= 0 && maxzoom <= 16 && minzoom <= maxzoom)) throw new Error(`rango de zoom inválido ${minzoom}–${maxzoom} (0–16)`);
  const outDir = opts.outDir ?? join(repoRoot(), 'tiles');
  const path = join(outDir, `${name}.pmtiles`);
  await mkdir(outDir, { recursive: true });

  const pool = new pg.Pool({ connectionString: url, max: opts.concurrency ?? 3, application_name: 'sigmun-tiles-build' });
  try {
    const client = await pool.connect();
    let fp: Fingerprint;
    let wanted: Array<[number, number, number]> = [];
    try {
      fp = await fingerprintOf(client, layers, minzoom, maxzoom);
      const old = opts.force ? null : await archiveFingerprint(path);
      if (old && JSON.stringify(old) === JSON.stringify(fp)) {
        log(`Teselas ${name}.pmtiles al día (sin cambios en los datos).`);
        return { path, built: false, tiles: 0, ms: Date.now() - t0 };
      }
      // Tiles with data at the deepest zoom, and their ancestors; tiles found empty are skipped when written.
      let level = new Set((await coveredTiles(client, layers, maxzoom)).map(([x, y]) => `${x}/${y}`));
      for (let z = maxzoom; z >= minzoom; z--) {
        for (const k of level) {
          const [x, y] = k.split('/').map(Number);
          wanted.push([z, x, y]);
        }
        level = new Set([...level].map((k) => k.split('/').map((n) => Number(n) >> 1).join('/')));
      }
    } finally {
      client.release();
    }
    wanted = wanted.reverse();

    log(`Generando ${name}.pmtiles: ${wanted.length} teselas candidatas, zoom ${minzoom}–${maxzoom}…`);
    const source = new PostgisTileSource(name, layers, pool, { titulo: name });
    const bar = progress(wanted.length, Boolean(process.stderr.isTTY) && opts.log !== undefined);
    const tiles: ArchiveTile[] = [];
    let next = 0;
    const worker = async () => {
      while (next < wanted.length) {
        const [z, x, y] = wanted[next++];
        const mvt = await source.getTile(z, x, y);
        if (mvt.byteLength > 0) tiles.push({ z, x, y, data: (await encodeTile(mvt, '', [], 9)).gzip! });
        bar.tick();
      }
    };
    await Promise.all(Array.from({ length: opts.concurrency ?? 3 }, worker));
    bar.done();

    const bounds = await source.dataBounds('build');
    const zc = Math.min(maxzoom, Math.max(minzoom, 11));
    const center: [number, number, number] = [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2, zc];
    const tj = await source.tileJSON('', 'build');
    const r = await writePmtiles(path, tiles, {
      minZoom: minzoom,
      maxZoom: maxzoom,
      bounds,
      center,
      metadata: {
        name,
        description: 'Mapa base de SIG Municipal generado desde PostGIS',
        attribution: tj.attribution,
        vector_layers: tj.vector_layers,
        sigmun: fp!,
      },
    });
    const ms = Date.now() - t0;
    log(`${name}.pmtiles: ${r.addressed} teselas (${r.contents} distintas), ${(r.bytes / 1024 / 1024).toFixed(1)} MB en ${(ms / 1000).toFixed(1)} s.`);
    return { path, built: true, tiles: r.addressed, ms };
  } finally {
    await pool.end();
  }
}

/** Ensures tiles/basemap.pmtiles matches the database at `url`, building it when missing or stale. */
export async function ensureBasemapArchive(url: string, opts: { log?: (m: string) => void; force?: boolean; outDir?: string; maxzoom?: number } = {}): Promise<{ path: string; built: boolean }> {
  const r = await buildArchive(url, { ...opts, name: 'basemap' });
  return { path: r.path, built: r.built };
}
