// Helpers of the suites that run a PostgreSQL cluster of their own (tests/faults): stopping or replicating the shared
// test cluster would break the suites running beside them.
import pg from 'pg';
import { lonLatToTile } from '@sigmun/tiles/tile-coords';

/** Runs one statement on its own connection to `url` and returns its rows. */
export async function sqlAt<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(text, values)).rows;
  } finally {
    await c.end();
  }
}

/** Polls until `check` holds (a rejection counts as not yet); returns the milliseconds it took. */
export async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<number> {
  const start = Date.now();
  while (!(await check().catch(() => false))) {
    if (Date.now() - start > timeoutMs) throw new Error(`${what}: no ocurrió en ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - start;
}

// The probe the fault suites edit and read back: a point in Hermosillo, the z15 equipamiento tile that holds it,
// and a facility inserted there (an edit that must show in that tile).
const PROBE_LON = -110.9559;
const PROBE_LAT = 29.0729;
const { x: PROBE_X, y: PROBE_Y } = lonLatToTile(PROBE_LON, PROBE_LAT, 15);
/** The z15 equipamiento tile that holds the probe point. */
export const PROBE_TILE = `/tiles/equipamiento/15/${PROBE_X}/${PROBE_Y}.mvt`;

/** Inserts a health facility named `nombre` at the probe point through `url`. */
export function addProbeFacility(url: string, nombre: string): Promise<unknown[]> {
  return sqlAt(url, `INSERT INTO carto.equipamiento (nombre, tipo, geom) VALUES ($1, 'salud', ST_Transform(ST_SetSRID(ST_MakePoint($2, $3), 4326), 3857))`, [nombre, PROBE_LON, PROBE_LAT]);
}
