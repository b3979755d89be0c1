// Import throughput: the scaled city's AGEBs and manzanas exported to GeoJSON (ogr2ogr, WGS84 as portals publish
// them), then loaded by the importer CLI, as a user runs it, into a scratch database.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { provisionDatabase, repoRoot, withDatabase } from '@sigmun/db';
import type { BenchContext } from '../lib/context.ts';
import { measured, nd, type Figure } from '../lib/figures.ts';
import { round } from '../lib/stats.ts';

const IMPORT = { id: 'import', name: 'import features/s (AGEBs + manzanas GeoJSON)', target: 'reported' };
export const IMPORT_FIGURES = [IMPORT];

/** libpq connection string for ogr2ogr's PG: driver. */
function pgDsn(url: string): string {
  const u = new URL(url);
  const parts = [`host=${u.hostname}`, `port=${u.port || 5432}`, `dbname=${decodeURIComponent(u.pathname.slice(1))}`, `user=${decodeURIComponent(u.username || 'postgres')}`];
  if (u.password) parts.push(`password=${decodeURIComponent(u.password)}`);
  return parts.join(' ');
}

const EXPORTS = [
  { layer: 'municipio', sql: 'SELECT cvegeo, cve_ent, cve_mun, nombre, pob, viv, ST_Transform(geom, 4326) AS geom FROM carto.municipio', timed: false },
  { layer: 'agebs', sql: 'SELECT cvegeo, cve_ent, cve_mun, cve_loc, cve_ageb, ambito, pob, ST_Transform(geom, 4326) AS geom FROM carto.agebs', timed: true },
  { layer: 'manzanas', sql: 'SELECT cvegeo, cvegeo_ageb, cve_mza, pob, viv, ST_Transform(geom, 4326) AS geom FROM carto.manzanas', timed: true },
];

export async function importThroughput(ctx: BenchContext): Promise<Figure[]> {
  const root = repoRoot();
  const cli = join(root, 'packages', 'ingest', 'src', 'import', 'cli.ts');
  if (!existsSync(cli)) return [nd(IMPORT.id, IMPORT.name, IMPORT.target, 'importer CLI (packages/ingest/src/import/cli.ts) not there yet')];
  if (spawnSync('ogr2ogr', ['--version']).status !== 0) return [nd(IMPORT.id, IMPORT.name, IMPORT.target, 'ogr2ogr not installed')];
  const dir = join(ctx.tmpDir, 'import');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const e of EXPORTS) {
    const r = spawnSync('ogr2ogr', ['-f', 'GeoJSON', '-lco', 'COORDINATE_PRECISION=7', join(dir, `${e.layer}.geojson`), `PG:${pgDsn(ctx.databaseUrl)}`, '-sql', e.sql, '-nln', e.layer], { encoding: 'utf8' });
    if (r.status !== 0) return [nd(IMPORT.id, IMPORT.name, IMPORT.target, `ogr2ogr export of ${e.layer} failed: ${r.stderr.trim().split('\n')[0]}`)];
  }

  // A scratch database next to the bench one: migrated, empty, dropped at the end.
  const scratch = `${new URL(ctx.databaseUrl).pathname.slice(1)}_import`;
  const admin = new pg.Client({ connectionString: withDatabase(ctx.databaseUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(scratch)} WITH (FORCE)`);
    const target = await provisionDatabase({ database: scratch, log: () => {} });
    const counts: Record<string, number> = {};
    let seconds = 0;
    let features = 0;
    for (const e of EXPORTS) {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, ['--import', 'tsx', cli, join(dir, `${e.layer}.geojson`), '--layer', e.layer, '--json'], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: target.url, SIGMUN_DB: scratch },
        maxBuffer: 64 * 1024 * 1024,
        timeout: 15 * 60_000,
      });
      const s = (performance.now() - t0) / 1000;
      if (r.status !== 0) {
        const why = `${r.stderr}${r.stdout}`.trim().split('\n').slice(-2).join(' ').slice(0, 300);
        return [nd(IMPORT.id, IMPORT.name, IMPORT.target, `npm run import -- ${e.layer}.geojson --layer ${e.layer} exited ${r.status}: ${why}`)];
      }
      const c = new pg.Client({ connectionString: target.url });
      await c.connect();
      const n = Number((await c.query(`SELECT count(*) AS n FROM carto.${e.layer}`)).rows[0].n);
      await c.end();
      counts[e.layer] = n;
      if (e.timed) {
        seconds += s;
        features += n;
      }
    }
    const rate = features / seconds;
    return [
      measured({
        ...IMPORT,
        value: round(rate),
        unit: 'features/s',
        note: `${features} features (${counts.agebs} AGEBs + ${counts.manzanas} manzanas) in ${round(seconds)} s, wall time of the CLI including start-up`,
        details: { counts, seconds: round(seconds) },
      }),
    ];
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(scratch)} WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
}
