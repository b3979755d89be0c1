// The warm path (issue 16): while the LISTEN connection is up and synced, tiles take layer versions from the
// notified state (no query per request); an edit committed anywhere shows in the tiles within EDIT_BOUND_MS; while
// the listener is down every request reads the versions again, and it resyncs when it comes back.
import { describe, expect, it } from 'vitest';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { lonLatToTile } from '@sigmun/tiles/tile-coords';
import { useTestApp } from '../support/test-app.ts';

/** The bound stated in docs/ARCHITECTURE.md: a committed edit is in every tile asked for this long after COMMIT. */
const EDIT_BOUND_MS = 1_000;

const ctx = useTestApp('tile-versions');

/** Resolves once `cond` holds (checked on every timer turn), failing after `ms`. */
async function until(cond: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`la condición no se cumplió en ${ms} ms`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

/** A z15 manzanas tile holding the first block, and that block's key. */
async function blockTile(): Promise<{ url: string; key: string }> {
  const { rows } = await ctx.db.pool.query<{ lon: number; lat: number; k: string }>(
    `SELECT ST_X(p) AS lon, ST_Y(p) AS lat, k FROM (
       SELECT ST_Transform(ST_PointOnSurface(geom), 4326) AS p, cvegeo AS k FROM carto.manzanas ORDER BY cvegeo LIMIT 1) s`,
  );
  const t = lonLatToTile(rows[0].lon, rows[0].lat, 15);
  return { url: `/tiles/manzanas/15/${t.x}/${t.y}.mvt`, key: rows[0].k };
}

/** The block's population as the tile says it. */
async function pobInTile(url: string, key: string): Promise<number | undefined> {
  const r = await ctx.app.inject(url);
  expect(r.statusCode).toBe(200);
  const layer = new VectorTile(new PbfReader(r.rawPayload)).layers.manzanas;
  for (let i = 0; i < layer.length; i++) {
    const f = layer.feature(i);
    if (f.properties.cvegeo === key) return f.properties.pob as number;
  }
  return undefined;
}

async function bumpPob(key: string): Promise<number> {
  const { rows } = await ctx.db.pool.query<{ pob: number }>('UPDATE carto.manzanas SET pob = coalesce(pob, 0) + 7 WHERE cvegeo = $1 RETURNING pob', [key]);
  return rows[0].pob;
}

describe('layer versions from LISTEN/NOTIFY', () => {
  it('answers cache hits without a version query while the listener is synced', async () => {
    const versions = ctx.app.tiles.versions;
    await until(() => versions.synced);
    const { url } = await blockTile();
    const first = await ctx.app.inject(url);
    expect(first.statusCode).toBe(200);
    const reads = versions.reads;
    const again = await Promise.all(Array.from({ length: 20 }, () => ctx.app.inject(url)));
    expect(new Set(again.map((r) => r.headers.etag))).toEqual(new Set([first.headers.etag]));
    expect(versions.reads).toBe(reads);
  });

  it(`shows an edit committed elsewhere in the tiles within ${EDIT_BOUND_MS} ms`, async () => {
    const versions = ctx.app.tiles.versions;
    await until(() => versions.synced);
    const { url, key } = await blockTile();
    await pobInTile(url, key);
    const notifications = versions.notifications;
    const reads = versions.reads;
    const waits: number[] = [];
    for (let round = 0; round < 3; round++) {
      const expected = await bumpPob(key);
      const t0 = performance.now();
      let seen: number | undefined;
      await until(async () => (seen = await pobInTile(url, key)) === expected, EDIT_BOUND_MS);
      waits.push(performance.now() - t0);
      expect(seen).toBe(expected);
    }
    expect(Math.max(...waits)).toBeLessThan(EDIT_BOUND_MS);
    // The edits arrived as notifications, not through version queries.
    expect(versions.notifications).toBeGreaterThanOrEqual(notifications + 3);
    expect(versions.reads).toBe(reads);
  });

  it('reads versions on every request while the listener is down, and resyncs when it is back', async () => {
    const versions = ctx.app.tiles.versions;
    await until(() => versions.synced);
    const { url, key } = await blockTile();
    const reconnects = versions.reconnects;
    await ctx.db.pool.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'sigmun-tiles-listen' AND datname = current_database()`);
    await until(() => !versions.synced);
    // The bump's notification is lost with the connection: the tile right after the commit is fresh because the
    // versions were read for it.
    const reads = versions.reads;
    const expected = await bumpPob(key);
    expect(await pobInTile(url, key)).toBe(expected);
    expect(versions.reads).toBeGreaterThan(reads);
    await until(() => versions.synced && versions.reconnects > reconnects);
    const expected2 = await bumpPob(key);
    await until(async () => (await pobInTile(url, key)) === expected2, EDIT_BOUND_MS);
  });
});
