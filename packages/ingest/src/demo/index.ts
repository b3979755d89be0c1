// The demo municipality: a fictional, deterministic "San Isidro del Valle (ficticio)" generated and loaded on
// first start, so that a fresh clone shows a realistic city without any download.
import pg from 'pg';
import { generateDemo } from './generate.ts';
import { loadDemo } from './load.ts';

export { demoDigest, generateDemo, DEFAULT_SEED, DEMO_CENTRE } from './generate.ts';
export { loadDemo } from './load.ts';
export type { DemoMunicipality, DemoIndicator, DemoValues } from './types.ts';

export const DEMO_FUENTE = 'Generado por SIG Municipal (datos ficticios)';

/** Tables the demo fills, children first: what `force` empties before loading again. */
export const DEMO_TABLES = [
  'partic.results', 'partic.proposals', 'partic.zones', 'partic.processes',
  'plan.documents', 'plan.project_progress', 'plan.projects', 'plan.programas', 'plan.ejes',
  'stats.indicator_values', 'stats.indicators',
  'carto.equipamiento', 'carto.vialidades', 'carto.colonias', 'carto.manzanas', 'carto.agebs', 'carto.localidades', 'carto.municipio',
];

// Serialises concurrent first starts (two processes on an empty database load the demo once).
const LOCK_KEY = 73_210_001;

/**
 * Loads the demo municipality when the database holds no data (no dataset and no municipio), in one transaction,
 * then ANALYZEs. With `force`, replaces existing demo data. Returns whether it loaded and the rows per table.
 */
export async function ensureDemoData(
  url: string,
  opts: { log?: (m: string) => void; seed?: number; scale?: number; force?: boolean } = {},
): Promise<{ loaded: boolean; counts: Record<string, number> }> {
  const log = opts.log ?? (() => {});
  const client = new pg.Client({ connectionString: url, application_name: 'sigmun-demo' });
  await client.connect();
  try {
    const hasData = async () => {
      const { rows } = await client.query<{ datasets: boolean; municipio: boolean; real: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM meta.datasets) AS datasets, EXISTS (SELECT 1 FROM carto.municipio) AS municipio,
                EXISTS (SELECT 1 FROM meta.datasets WHERE kind = 'real') AS real`,
      );
      return rows[0];
    };
    const before = await hasData();
    if ((before.datasets || before.municipio) && !opts.force) return { loaded: false, counts: {} };
    if (before.real) throw new Error('La base de datos contiene datos reales importados: no se reemplazan con el municipio de demostración.');

    const t0 = Date.now();
    const scale = opts.scale ?? 1;
    // The database's date, the one the server compares the open process's windows with.
    const loadDate = (await client.query<{ d: string }>(`SELECT to_char(current_date, 'YYYY-MM-DD') AS d`)).rows[0].d;
    const demo = generateDemo({ seed: opts.seed, scale, loadDate });
    log(`Municipio de demostración generado: ${demo.manzanas.length} manzanas, ${demo.agebs.length} AGEB (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
      const now = await hasData();
      if ((now.datasets || now.municipio) && !opts.force) {
        await client.query('ROLLBACK');
        return { loaded: false, counts: {} };
      }
      if (opts.force) {
        await client.query(`TRUNCATE ${DEMO_TABLES.join(', ')} CASCADE`);
        await client.query(`DELETE FROM meta.datasets WHERE kind = 'demo'`);
      }
      const counts = await loadDemo(client, demo, log);
      await client.query(
        `INSERT INTO meta.datasets (id, kind, nombre, fuente, fecha, detalles) VALUES ('demo', 'demo', $1, $2, CURRENT_DATE, $3)`,
        [`Municipio de ${demo.nombre}`, DEMO_FUENTE, JSON.stringify({ seed: demo.seed, scale: demo.scale, fecha_carga: demo.loadDate })],
      );
      // Derived indicators (reports per 1,000 inhabitants) follow the dataset: fictional population, fictional source.
      await client.query('SELECT partic.refresh_reportes_indicador()');
      await client.query('COMMIT');
      log(`Datos de demostración cargados en ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      await client.query('ANALYZE');
      return { loaded: true, counts };
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      throw e;
    }
  } finally {
    await client.end();
  }
}
