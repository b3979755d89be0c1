// Vector tiles against the demo database: MVT content checked against the source rows, HTTP semantics, size
// limits, coalescing and invalidation after edits.
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { LAYERS, TILESETS, findLayer } from '@sigmun/domain/layers';
import { lonLatToTile } from '@sigmun/tiles/tile-coords';
import { useTestApp } from '../support/test-app.ts';

const MAX_TILE_BYTES = 500 * 1024;

function decode(buf: Buffer): VectorTile {
  return new VectorTile(new PbfReader(buf));
}

async function getTile(path: string, headers: Record<string, string> = {}) {
  return ctx.app.inject({ method: 'GET', url: path, headers });
}

/** A tile at zoom z containing a representative point of the first row (by key) of a relation. */
async function tileOfRow(relation: string, key: string, z: number, where = 'true'): Promise<{ z: number; x: number; y: number; key: string }> {
  const { rows } = await ctx.db.pool.query<{ lon: number; lat: number; k: string }>(
    `SELECT ST_X(p) AS lon, ST_Y(p) AS lat, k FROM (
       SELECT ST_Transform(ST_PointOnSurface(geom), 4326) AS p, ${key}::text AS k FROM ${relation} WHERE ${where} ORDER BY ${key} LIMIT 1) s`,
  );
  expect(rows.length, `${relation} no tiene filas en la base de demostración`).toBe(1);
  return { z, ...lonLatToTile(rows[0].lon, rows[0].lat, z), key: rows[0].k };
}

const ctx = useTestApp('tiles');

/** Resolves once `cond` holds (checked on every timer turn), failing after 5 s. */
async function until(cond: () => boolean): Promise<void> {
  const end = Date.now() + 5_000;
  while (!cond()) {
    if (Date.now() > end) throw new Error('la condición no se cumplió en 5 s');
    await new Promise((r) => setTimeout(r, 1));
  }
}

describe('GET /api/layers', () => {
  it('lists every catalog layer with its current version and dataset', async () => {
    const r = await ctx.app.inject('/api/layers');
    expect(r.statusCode).toBe(200);
    const body = r.json() as { layers: Array<{ id: string; version: number; dataset: { id: string; demo: boolean } | null; group: string; tiles: string }>; groups: Array<{ id: string }> };
    expect(body.layers.map((l) => l.id)).toEqual(LAYERS.map((l) => l.id));
    const versions = await ctx.db.pool.query<{ layer: string; version: number }>('SELECT layer, version FROM meta.layer_versions');
    const ds = await ctx.db.pool.query<{ id: string; kind: string }>('SELECT id, kind FROM meta.datasets ORDER BY loaded_at DESC LIMIT 1');
    for (const l of body.layers) {
      const def = findLayer(l.id)!;
      const expected = Math.max(0, ...def.source.versionKeys.map((k) => Number(versions.rows.find((v) => v.layer === k)?.version ?? 0)));
      expect(l.version).toBe(expected);
      expect(l.tiles).toBe(`/tiles/${l.id}/{z}/{x}/{y}.mvt`);
      expect(body.groups.map((g) => g.id)).toContain(l.group);
      if (ds.rows[0]) expect(l.dataset?.demo).toBe(ds.rows[0].kind === 'demo');
      // Server-only details never reach the client.
      expect(l).not.toHaveProperty('source');
    }
  });
});

describe('TileJSON', () => {
  it('describes a layer: zooms, fields and the bounds of its rows', async () => {
    const def = findLayer('manzanas')!;
    const r = await ctx.app.inject('/tiles/manzanas.json');
    expect(r.statusCode).toBe(200);
    const tj = r.json();
    expect(tj.tilejson).toBe('3.0.0');
    expect(tj.tiles[0]).toMatch(/\/tiles\/manzanas\/\{z\}\/\{x\}\/\{y\}\.mvt$/);
    expect([tj.minzoom, tj.maxzoom]).toEqual([def.minzoom, def.maxzoom]);
    expect(Object.keys(tj.vector_layers[0].fields).sort()).toEqual(def.properties.map((p) => p.name).sort());
    const { rows } = await ctx.db.pool.query<{ w: number; s: number; e: number; n: number }>(
      `SELECT min(ST_XMin(g)) w, min(ST_YMin(g)) s, max(ST_XMax(g)) e, max(ST_YMax(g)) n FROM (SELECT ST_Transform(geom, 4326) g FROM carto.manzanas) q`,
    );
    const b = rows[0];
    // Our bounds transform the 3857 box, which can only be a little larger than the box of the transformed rows.
    expect(tj.bounds[0]).toBeLessThanOrEqual(b.w + 1e-6);
    expect(tj.bounds[1]).toBeLessThanOrEqual(b.s + 1e-6);
    expect(tj.bounds[2]).toBeGreaterThanOrEqual(b.e - 1e-6);
    expect(tj.bounds[3]).toBeGreaterThanOrEqual(b.n - 1e-6);
    expect(tj.bounds[2] - tj.bounds[0]).toBeLessThan(b.e - b.w + 0.01);
    expect(tj.center[0]).toBeGreaterThan(tj.bounds[0]);
    expect(tj.center[0]).toBeLessThan(tj.bounds[2]);
  });

  it('describes the cartography tileset with one vector layer per member', async () => {
    const r = await ctx.app.inject('/tiles/cartografia.json');
    expect(r.statusCode).toBe(200);
    // Each member, followed by its label points when the catalog asks for them.
    const expected = TILESETS.cartografia.layers.flatMap((id) => (findLayer(id)!.style.labelPoints ? [id, `${id}_etiquetas`] : [id]));
    expect(r.json().vector_layers.map((v: { id: string }) => v.id)).toEqual(expected);
  });
});

describe('MVT content', () => {
  it('has exactly the rows intersecting the buffered tile, with their properties and geometry', async () => {
    const t = await tileOfRow('carto.manzanas', 'cvegeo', 15);
    const r = await getTile(`/tiles/manzanas/${t.z}/${t.x}/${t.y}.mvt`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
    const layer = decode(r.rawPayload).layers.manzanas;
    expect(layer.extent).toBe(4096);
    const { rows } = await ctx.db.pool.query<{ cvegeo: string; cvegeo_ageb: string; pob: number | null; viv: number | null }>(
      `SELECT cvegeo, cvegeo_ageb, pob, viv FROM carto.manzanas
       WHERE ST_Intersects(geom, ST_TileEnvelope($1::int, $2::int, $3::int, margin => 64.0 / 4096))`,
      [t.z, t.x, t.y],
    );
    expect(layer.length).toBe(rows.length);
    const byKey = new Map(rows.map((row) => [row.cvegeo, row]));
    const features = Array.from({ length: layer.length }, (_, i) => layer.feature(i));
    for (const f of features) {
      const row = byKey.get(String(f.properties.cvegeo));
      expect(row, `manzana ${f.properties.cvegeo} no está en la base`).toBeDefined();
      expect(f.properties.cvegeo_ageb).toBe(row!.cvegeo_ageb);
      if (row!.pob === null) expect(f.properties).not.toHaveProperty('pob');
      else expect(f.properties.pob).toBe(row!.pob);
      // Only the properties the catalog exposes.
      for (const k of Object.keys(f.properties)) expect(findLayer('manzanas')!.properties.map((p) => p.name)).toContain(k);
    }
    // Every decoded vertex lies on or in its source polygon (within a tile unit and the simplification).
    const sample = features.slice(0, 25);
    for (const f of sample) {
      const gj = f.toGeoJSON(t.x, t.y, t.z) as { geometry: { coordinates: number[][][] | number[][][][] } };
      let pts = gj.geometry.coordinates as unknown[];
      while (Array.isArray(pts[0]) && Array.isArray((pts[0] as unknown[])[0])) pts = pts.flat();
      expect(pts.length).toBeGreaterThan(2);
      const { rows: far } = await ctx.db.pool.query<{ d: number }>(
        `SELECT max(ST_Distance(m.geom, ST_Transform(ST_SetSRID(ST_MakePoint(u.lon, u.lat), 4326), 3857))) AS d
         FROM carto.manzanas m, unnest($2::float8[], $3::float8[]) AS u(lon, lat) WHERE m.cvegeo = $1`,
        [f.properties.cvegeo, (pts as number[][]).map((p) => p[0]), (pts as number[][]).map((p) => p[1])],
      );
      expect(far[0].d).toBeLessThan(2);
    }
  });

  it('clusters points at low zoom, and the clusters add up to every row', async () => {
    const def = findLayer('equipamiento')!;
    const z = def.cluster!.maxzoom;
    const { rows } = await ctx.db.pool.query<{ x: number; y: number }>(
      `SELECT DISTINCT floor((ST_X(geom) + 20037508.342789244) / (40075016.68557849 / 2 ^ $1))::int AS x,
                       floor((20037508.342789244 - ST_Y(geom)) / (40075016.68557849 / 2 ^ $1))::int AS y FROM carto.equipamiento`,
      [z],
    );
    const total = (await ctx.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM carto.equipamiento')).rows[0].n;
    expect(total).toBeGreaterThan(0);
    // Clusters whose centroid lies in the tile proper (not its buffer) partition the rows.
    let sum = 0;
    let clusters = 0;
    const pad = 1;
    const xs = rows.map((r) => r.x);
    const ys = rows.map((r) => r.y);
    for (let x = Math.min(...xs) - pad; x <= Math.max(...xs) + pad; x++) {
      for (let y = Math.min(...ys) - pad; y <= Math.max(...ys) + pad; y++) {
        const r = await getTile(`/tiles/equipamiento/${z}/${x}/${y}.mvt`);
        if (r.statusCode === 204) continue;
        const layer = decode(r.rawPayload).layers.equipamiento;
        for (let i = 0; i < layer.length; i++) {
          const f = layer.feature(i);
          const [p] = f.loadGeometry()[0];
          if (p.x < 0 || p.y < 0 || p.x >= 4096 || p.y >= 4096) continue;
          const n = f.properties.point_count;
          if (n !== undefined) {
            clusters++;
            expect(n).toBeGreaterThan(1);
            expect(f.properties).not.toHaveProperty('nombre');
          }
          sum += typeof n === 'number' ? n : 1;
        }
      }
    }
    expect(clusters).toBeGreaterThan(0);
    expect(sum).toBe(total);
  });

  it('serves the joined project layer with eje and programa from the plan tables', async () => {
    const t = await tileOfRow('plan.projects', 'id', 14);
    const r = await getTile(`/tiles/proyectos/${t.z}/${t.x}/${t.y}.mvt`);
    expect(r.statusCode).toBe(200);
    const layer = decode(r.rawPayload).layers.proyectos;
    const f = Array.from({ length: layer.length }, (_, i) => layer.feature(i)).find((ft) => String(ft.id) === t.key);
    expect(f).toBeDefined();
    const { rows } = await ctx.db.pool.query(
      `SELECT p.estatus, p.anio, pr.eje_id, p.dependencia FROM plan.projects p JOIN plan.programas pr ON pr.id = p.programa_id WHERE p.id = $1`,
      [Number(t.key)],
    );
    expect(f!.properties).toMatchObject(rows[0]);
  });
});

describe('HTTP semantics', () => {
  it('answers If-None-Match with 304 and serves pre-compressed gzip', async () => {
    const t = await tileOfRow('carto.manzanas', 'cvegeo', 14);
    const url = `/tiles/cartografia/${t.z}/${t.x}/${t.y}.mvt`;
    const plain = await getTile(url);
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toBeDefined();
    const etag = plain.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);
    const gz = await getTile(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toMatch(/Accept-Encoding/);
    expect(gunzipSync(gz.rawPayload).equals(plain.rawPayload)).toBe(true);
    expect(gz.headers.etag).toBe(etag);
    const again = await getTile(url, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
    const layers = Object.keys(decode(plain.rawPayload).layers);
    expect(layers).toContain('manzanas');
    // At street zooms the municipio travels as its subdivided boundary: present exactly when the boundary crosses.
    const { rows } = await ctx.db.pool.query(
      `SELECT EXISTS (SELECT 1 FROM carto.municipio WHERE ST_Intersects(ST_Boundary(geom), ST_TileEnvelope($1, $2, $3, margin => 64.0 / 4096))) AS crosses`,
      [t.z, t.x, t.y],
    );
    expect(layers.includes('municipio')).toBe(rows[0].crosses);
  });

  it('names every colonia exactly once across the tiles that cover the city (label points)', async () => {
    const z = 13;
    const { rows } = await ctx.db.pool.query(`SELECT ST_XMin(e) x0, ST_YMin(e) y0, ST_XMax(e) x1, ST_YMax(e) y1, n FROM (
      SELECT ST_Extent(ST_Transform(geom, 4326)) e, count(*)::int n FROM carto.colonias) s`);
    const { x0, y0, x1, y1, n } = rows[0];
    const a = lonLatToTile(x0, y1, z);
    const b = lonLatToTile(x1, y0, z);
    const seen = new Map<string, number>();
    for (let x = a.x; x <= b.x; x++) {
      for (let y = a.y; y <= b.y; y++) {
        const res = await getTile(`/tiles/colonias/${z}/${x}/${y}.mvt`);
        if (res.statusCode === 204) continue;
        const labels = decode(res.rawPayload).layers.colonias_etiquetas;
        for (let i = 0; i < (labels?.length ?? 0); i++) {
          const key = String(labels.feature(i).properties.cve_col);
          seen.set(key, (seen.get(key) ?? 0) + 1);
        }
      }
    }
    expect(seen.size).toBe(n);
    expect([...seen.values()].every((c) => c === 1)).toBe(true);
    const tj = (await ctx.app.inject('/tiles/colonias.json')).json();
    expect(tj.vector_layers.map((l: { id: string }) => l.id)).toEqual(['colonias', 'colonias_etiquetas']);
  });

  it('serves streets merged per name and class up to z14, segments above, and keeps the merge in step with edits', async () => {
    const { rows } = await ctx.db.pool.query(`SELECT ST_X(p) lon, ST_Y(p) lat FROM (
      SELECT ST_Transform(ST_Centroid(geom), 4326) p FROM carto.localidades ORDER BY pob DESC LIMIT 1) s`);
    const names = (z: number) => async () => {
      const tile = { z, ...lonLatToTile(rows[0].lon, rows[0].lat, z) };
      const layer = decode((await getTile(`/tiles/vialidades/${tile.z}/${tile.x}/${tile.y}.mvt`)).rawPayload).layers.vialidades;
      const keys: string[] = [];
      for (let i = 0; i < layer.length; i++) {
        const p = layer.feature(i).properties;
        keys.push(`${p.nombre ?? ''}|${p.tipo}|${p.clase}`);
      }
      return keys;
    };
    const merged = await names(14)();
    expect(new Set(merged).size).toBe(merged.length); // one feature per street
    const segments = await names(15)();
    expect(segments.length).toBeGreaterThan(new Set(segments).size); // streets cut into segments
    // The merged table holds exactly one row per street of the segment table, and follows a rename.
    const count = async () => (await ctx.db.pool.query(`SELECT
      (SELECT count(*) FROM (SELECT DISTINCT nombre, tipo, clase FROM carto.vialidades) s)::int AS streets,
      (SELECT count(*) FROM carto.vialidades_trazos)::int AS merged`)).rows[0];
    const before = await count();
    expect(before.merged).toBe(before.streets);
    const { rows: seg } = await ctx.db.pool.query(`SELECT id FROM carto.vialidades WHERE nombre IS NOT NULL ORDER BY id LIMIT 1`);
    await ctx.db.pool.query(`UPDATE carto.vialidades SET nombre = 'Calle Única de Prueba' WHERE id = $1`, [seg[0].id]);
    const after = await count();
    expect(after.merged).toBe(after.streets);
    const { rows: one } = await ctx.db.pool.query(`SELECT id FROM carto.vialidades_trazos WHERE nombre = 'Calle Única de Prueba'`);
    expect(one).toEqual([{ id: seg[0].id }]);
  });

  it('serves the municipal boundary at street zooms as ST_Subdivide pieces, and the polygon below', async () => {
    const { rows } = await ctx.db.pool.query(`SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (
      SELECT ST_Transform(ST_PointN(ST_ExteriorRing((ST_Dump(geom)).geom), 1), 4326) AS p FROM carto.municipio LIMIT 1) s`);
    const { lon, lat } = rows[0];
    const pieces = await ctx.db.pool.query(`SELECT count(*)::int AS n, max(ST_NPoints(geom))::int AS maxv,
      (SELECT sum(ST_NPoints(ST_ExteriorRing(g.geom)) + coalesce((SELECT sum(ST_NPoints(ST_InteriorRingN(g.geom, i))) FROM generate_series(1, ST_NumInteriorRings(g.geom)) i), 0))
         FROM carto.municipio m, ST_Dump(m.geom) g)::int AS ring_vertices
      FROM carto.municipio_limite`);
    expect(pieces.rows[0].n).toBeGreaterThan(0);
    expect(pieces.rows[0].maxv).toBeLessThanOrEqual(256);
    const high = { z: 15, ...lonLatToTile(lon, lat, 15) };
    const tHigh = decode((await getTile(`/tiles/municipio/${high.z}/${high.x}/${high.y}.mvt`)).rawPayload).layers.municipio;
    expect(tHigh.length).toBeGreaterThan(0);
    for (let i = 0; i < tHigh.length; i++) expect(tHigh.feature(i).type).toBe(2); // LineString
    const low = { z: 9, ...lonLatToTile(lon, lat, 9) };
    const tLow = decode((await getTile(`/tiles/municipio/${low.z}/${low.x}/${low.y}.mvt`)).rawPayload).layers.municipio;
    expect(tLow.feature(0).type).toBe(3); // Polygon
    // Editing the municipio refreshes its pieces in the same statement.
    await ctx.db.pool.query(`UPDATE carto.municipio SET geom = ST_Multi(ST_Segmentize(geom, 50))`);
    const after = await ctx.db.pool.query(`SELECT count(*)::int AS n, max(ST_NPoints(geom))::int AS maxv FROM carto.municipio_limite`);
    expect(after.rows[0].n).toBeGreaterThan(pieces.rows[0].n);
    expect(after.rows[0].maxv).toBeLessThanOrEqual(256);
  });

  it('answers 204 for an empty tile and 400/404 naming what is wrong', async () => {
    // The tile at the antimeridian is far from any Mexican municipality.
    const empty = await getTile('/tiles/manzanas/14/0/0.mvt');
    expect(empty.statusCode).toBe(204);
    const cases: Array<[string, number, string]> = [
      ['/tiles/manzanas/23/0/0.mvt', 400, 'z'],
      ['/tiles/manzanas/3/8/0.mvt', 400, 'x'],
      ['/tiles/manzanas/3/0/8.mvt', 400, 'y'],
      ['/tiles/manzanas/3/0/abc.mvt', 400, 'y'],
      ['/tiles/manzanas/-1/0/0.mvt', 400, 'z'],
      ['/tiles/no_existe/3/0/0.mvt', 404, 'layer'],
      ['/tiles/no_existe.json', 404, 'layer'],
    ];
    for (const [url, status, parameter] of cases) {
      const r = await getTile(url);
      expect(r.statusCode, url).toBe(status);
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(r.json().parameter, url).toBe(parameter);
      expect(r.json().detail.length).toBeGreaterThan(5);
    }
  });
});

describe('tile sizes', () => {
  it('keeps the whole-municipality z8 tiles and a sweep of every zoom under 500 KB', async () => {
    const { rows: b } = await ctx.db.pool.query<{ w: number; s: number; e: number; n: number }>(
      `SELECT ST_XMin(g) w, ST_YMin(g) s, ST_XMax(g) e, ST_YMax(g) n FROM (SELECT ST_Transform(ST_SetSRID(ST_Extent(geom), 3857), 4326) g FROM carto.municipio) q`,
    );
    const sources = [...LAYERS.map((l) => l.id), ...Object.keys(TILESETS)];
    let checked = 0;
    let largest = 0;
    for (let z = 8; z <= 16; z++) {
      const a = lonLatToTile(b[0].w, b[0].n, z);
      const c = lonLatToTile(b[0].e, b[0].s, z);
      // At z8 every tile of the municipality; deeper, the densest tiles (most manzanas) plus the corners.
      let tiles: Array<{ x: number; y: number }> = [];
      if (z <= 9) {
        for (let x = a.x; x <= c.x; x++) for (let y = a.y; y <= c.y; y++) tiles.push({ x, y });
      } else {
        const { rows } = await ctx.db.pool.query<{ x: number; y: number }>(
          `SELECT floor((ST_X(p) + 20037508.342789244) / s)::int AS x, floor((20037508.342789244 - ST_Y(p)) / s)::int AS y
           FROM (SELECT ST_Centroid(geom) p, 40075016.68557849 / 2 ^ $1 AS s FROM carto.manzanas) q
           GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 3`,
          [z],
        );
        tiles = [...rows, a, c];
      }
      for (const t of tiles) {
        for (const s of sources) {
          const r = await getTile(`/tiles/${s}/${z}/${t.x}/${t.y}.mvt`);
          expect([200, 204], `${s}/${z}/${t.x}/${t.y}`).toContain(r.statusCode);
          expect(r.rawPayload.length, `${s}/${z}/${t.x}/${t.y}`).toBeLessThanOrEqual(MAX_TILE_BYTES);
          largest = Math.max(largest, r.rawPayload.length);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(largest).toBeGreaterThan(0);
  });
});

describe('cache', () => {
  it('runs one query for many concurrent requests of a cold tile', async () => {
    const t = await tileOfRow('carto.manzanas', 'cvegeo', 16);
    const source = ctx.app.tiles.sources.get('manzanas')!;
    const before = source.queries;
    const rs = await Promise.all(Array.from({ length: 12 }, () => getTile(`/tiles/manzanas/${t.z}/${t.x}/${t.y}.mvt`)));
    expect(source.queries - before).toBe(1);
    expect(new Set(rs.map((r) => r.headers.etag)).size).toBe(1);
    expect(rs.every((r) => r.statusCode === 200)).toBe(true);
  });

  it('never serves a stale tile after an edit', async () => {
    const t = await tileOfRow('carto.manzanas', 'cvegeo', 15);
    const url = `/tiles/manzanas/${t.z}/${t.x}/${t.y}.mvt`;
    const first = await getTile(url);
    const cachedAgain = await getTile(url);
    expect(cachedAgain.headers.etag).toBe(first.headers.etag);
    for (let round = 1; round <= 3; round++) {
      const { rows } = await ctx.db.pool.query<{ pob: number }>(
        'UPDATE carto.manzanas SET pob = coalesce(pob, 0) + 1000 WHERE cvegeo = $1 RETURNING pob',
        [t.key],
      );
      // Versions come from LISTEN/NOTIFY (tests/integration/tile-versions.test.ts states the bound): the tile
      // after the notification is fresh.
      const { rows: v } = await ctx.db.pool.query<{ version: string }>(`SELECT version FROM meta.layer_versions WHERE layer = 'manzanas'`);
      await until(() => (ctx.app.tiles.versions.latest.get('manzanas') ?? 0) >= Number(v[0].version));
      const after = await getTile(url);
      expect(after.statusCode).toBe(200);
      const layer = decode(after.rawPayload).layers.manzanas;
      const f = Array.from({ length: layer.length }, (_, i) => layer.feature(i)).find((ft) => ft.properties.cvegeo === t.key);
      expect(f?.properties.pob, `ronda ${round}`).toBe(rows[0].pob);
      expect(after.headers.etag).not.toBe(first.headers.etag);
    }
    expect(ctx.app.tileCacheStats().invalidations).toBeGreaterThan(0);
  });

  it('reports its state for /api/health', async () => {
    const stats = ctx.app.tileCacheStats();
    expect(stats.enabled).toBe(true);
    expect(stats.entries).toBeGreaterThan(0);
    expect(stats.bytes).toBeLessThanOrEqual(stats.maxBytes);
    expect(stats.listening).toBe(true);
    const h = await ctx.app.inject('/api/health');
    expect(h.json().cache.entries).toBe(ctx.app.tileCacheStats().entries);
  });
});
