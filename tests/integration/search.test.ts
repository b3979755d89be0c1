import { describe, expect, it } from 'vitest';
import { SEARCH_CP_MAX } from '@sigmun/domain/search';
import { useTestApp } from '../support/test-app.ts';


const t = useTestApp('search');

/** A one-letter typo: the letter after the first three is dropped. */
const typo = (s: string) => s.slice(0, 3) + s.slice(4);

describe('search', () => {
  it('finds a colonia by a misspelled, unaccented, lower-case partial name', async () => {
    const { rows } = await t.db.pool.query(
      `SELECT cve_col, nombre, meta.f_unaccent(lower(nombre)) AS plain FROM carto.colonias
       WHERE length(nombre) > 12 ORDER BY nombre ~ '[áéíóúñ]' DESC, cve_col LIMIT 1`,
    );
    const words = rows[0].plain.split(' ').filter((w: string) => w.length >= 5);
    const q = typo(words[words.length - 1]);
    const res = await t.app.inject(`/api/search?q=${encodeURIComponent(q)}&types=colonia&limit=20`);
    expect(res.statusCode).toBe(200);
    const hit = res.json().hits.find((h: { id: string }) => h.id === rows[0].cve_col);
    expect(hit).toBeDefined();
    expect(hit.centroid).toHaveLength(2);
    expect(hit.bbox[0]).toBeLessThanOrEqual(hit.centroid[0]);
  });

  it('puts an exact prefix match first and groups streets by name', async () => {
    const { rows } = await t.db.pool.query(`SELECT nombre, count(*)::int n FROM carto.vialidades WHERE nombre IS NOT NULL GROUP BY nombre ORDER BY 2 DESC LIMIT 1`);
    const res = (await t.app.inject(`/api/search?q=${encodeURIComponent(rows[0].nombre)}&types=vialidad`)).json();
    expect(res.hits[0].name).toBe(rows[0].nombre);
    expect(res.hits[0].context).toContain(String(rows[0].n));
    expect(new Set(res.hits.map((h: { id: string }) => h.id)).size).toBe(res.hits.length);
  });

  it('finds the colonias of a postal code, and of its first digits while it is typed', async () => {
    const { rows } = await t.db.pool.query<{ cp: string; ids: string[] }>(
      `SELECT cp, array_agg(cve_col ORDER BY cve_col) AS ids FROM carto.colonias WHERE cp ~ '^[0-9]{5}$'
       GROUP BY cp HAVING count(*) BETWEEN 2 AND 10 ORDER BY count(*) DESC, cp LIMIT 1`,
    );
    expect(rows).toHaveLength(1);
    const { cp, ids } = rows[0];
    const res = await t.app.inject(`/api/search?q=${cp}`);
    expect(res.statusCode).toBe(200);
    const hits = res.json().hits as Array<{ type: string; id: string; context: string }>;
    // Every colonia of the code comes first, each saying its code.
    const first = hits.slice(0, ids.length);
    expect(first.map((h) => h.type)).toEqual(ids.map(() => 'colonia'));
    expect(first.map((h) => h.id).sort()).toEqual(ids);
    for (const h of first) expect(h.context).toContain(`CP ${cp}`);
    const partial = (await t.app.inject(`/api/search?q=${cp.slice(0, 4)}&types=colonia&limit=50`)).json().hits as Array<{ id: string; context: string }>;
    expect(partial.map((h) => h.id)).toEqual(expect.arrayContaining(ids));
    for (const h of partial) expect(h.context).toContain(`CP ${cp.slice(0, 4)}`);
    // A code no colonia has finds no colonia.
    const { rows: free } = await t.db.pool.query<{ cp: string }>(
      `SELECT lpad(n::text, 5, '0') AS cp FROM generate_series(10000, 99999) n
       WHERE lpad(n::text, 5, '0') NOT IN (SELECT cp FROM carto.colonias WHERE cp IS NOT NULL) LIMIT 1`,
    );
    const none = (await t.app.inject(`/api/search?q=${free[0].cp}&types=colonia`)).json().hits;
    expect(none).toEqual([]);
  });

  it('returns every colonia of a full postal code beyond the asked limit, up to its documented bound', async () => {
    // The code with the most colonias, asked with a limit below its count: all of them come back.
    const { rows } = await t.db.pool.query<{ cp: string; ids: string[] }>(
      `SELECT cp, array_agg(cve_col ORDER BY cve_col) AS ids FROM carto.colonias WHERE cp ~ '^[0-9]{5}$'
       GROUP BY cp ORDER BY count(*) DESC, cp LIMIT 1`,
    );
    const { cp, ids } = rows[0];
    expect(ids.length).toBeGreaterThan(2);
    for (const q of [`/api/search?q=${cp}&types=colonia&limit=2`, `/api/search?q=${cp}&limit=${ids.length - 1}`]) {
      const hits = (await t.app.inject(q)).json().hits as Array<{ type: string; id: string }>;
      expect(hits.filter((h) => h.type === 'colonia').map((h) => h.id).sort(), q).toEqual(ids);
    }
    // A code that more colonias than the bound carry returns exactly the bound.
    const { rows: [{ free }] } = await t.db.pool.query<{ free: string }>(
      `SELECT lpad(n::text, 5, '0') AS free FROM generate_series(10000, 99999) n
       WHERE lpad(n::text, 5, '0') NOT IN (SELECT cp FROM carto.colonias WHERE cp IS NOT NULL) LIMIT 1`,
    );
    const { rowCount } = await t.db.pool.query(
      `INSERT INTO carto.colonias (cve_col, nombre, tipo, cvegeo_loc, cp, geom)
       SELECT 'CP-TEST-' || n, 'Prueba ' || n, c.tipo, c.cvegeo_loc, $1, c.geom
       FROM (SELECT * FROM carto.colonias ORDER BY cve_col LIMIT 1) c, generate_series(1, $2::int) n`,
      [free, SEARCH_CP_MAX + 5],
    );
    expect(rowCount).toBe(SEARCH_CP_MAX + 5);
    const many = (await t.app.inject(`/api/search?q=${free}&types=colonia`)).json().hits as Array<{ id: string; context: string }>;
    expect(many).toHaveLength(SEARCH_CP_MAX);
    for (const h of many) expect(h.context).toContain(`CP ${free}`);
    await t.db.pool.query(`DELETE FROM carto.colonias WHERE cp = $1`, [free]);
  });

  it('finds an AGEB by its full CVEGEO and by its AGEB code, framed on its extent', async () => {
    // An AGEB whose code no other AGEB shares, with its localidad, population and extent in WGS84.
    const { rows: [a] } = await t.db.pool.query<{
      cvegeo: string; cve_ageb: string; localidad: string | null; pob: number | null; box: [number, number, number, number];
    }>(
      `SELECT a.cvegeo, a.cve_ageb, l.nombre AS localidad, a.pob,
              ARRAY[ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)] AS box
       FROM carto.agebs a LEFT JOIN carto.localidades l ON l.cvegeo = left(a.cvegeo, 9),
            LATERAL (SELECT ST_Extent(ST_Transform(g.geom, 4326)) AS e FROM (SELECT a.geom) g) x
       WHERE (SELECT count(*) FROM carto.agebs o WHERE o.cve_ageb = a.cve_ageb) = 1
       ORDER BY a.pob DESC NULLS LAST, a.cvegeo LIMIT 1`,
    );
    const code = `${a.cve_ageb.slice(0, 3)}-${a.cve_ageb.slice(3)}`;
    for (const q of [a.cvegeo, a.cvegeo.toLowerCase(), a.cve_ageb, code]) {
      const res = await t.app.inject(`/api/search?q=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBe(200);
      const hits = res.json().hits as Array<{ type: string; id: string; name: string; context: string; bbox: number[]; centroid: number[] }>;
      const hit = hits.find((h) => h.type === 'ageb' && h.id === a.cvegeo);
      expect(hit, q).toBeDefined();
      expect(hits.indexOf(hit!), q).toBe(0);
      expect(hit!.name).toContain(a.cve_ageb);
      if (a.localidad) expect(hit!.context).toContain(a.localidad);
      if (a.pob !== null) expect(hit!.context).toContain(String(a.pob));
      hit!.bbox.forEach((v, i) => expect(v).toBeCloseTo(a.box[i], 6));
      expect(hit!.centroid[0]).toBeGreaterThanOrEqual(a.box[0]);
      expect(hit!.centroid[0]).toBeLessThanOrEqual(a.box[2]);
      expect(hit!.centroid[1]).toBeGreaterThanOrEqual(a.box[1]);
      expect(hit!.centroid[1]).toBeLessThanOrEqual(a.box[3]);
    }
    // The first ten characters of a key (its localidad and a digit) list AGEBs of that prefix only; the localidad's
    // nine alone list none.
    const prefix = a.cvegeo.slice(0, 10);
    const { rows: [{ n }] } = await t.db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM carto.agebs WHERE left(cvegeo, 10) = $1`, [prefix]);
    const some = ((await t.app.inject(`/api/search?q=${prefix}&types=ageb&limit=50`)).json().hits as Array<{ id: string }>);
    expect(some).toHaveLength(Math.min(n, 50));
    for (const h of some) expect(h.id.startsWith(prefix)).toBe(true);
    expect((await t.app.inject(`/api/search?q=${a.cvegeo.slice(0, 9)}&types=ageb`)).json().hits).toEqual([]);
  });

  it('rejects unknown types naming the parameter', async () => {
    const res = await t.app.inject('/api/search?q=centro&types=rios');
    expect(res.statusCode).toBe(400);
    expect(res.json().parameter).toBe('types');
  });
});

describe('street names index', () => {
  it('follows inserts, renames and deletes of street segments', async () => {
    const find = async (q: string) =>
      (await t.app.inject(`/api/search?q=${encodeURIComponent(q)}&types=vialidad`)).json().hits as Array<{ id: string; name: string; context: string }>;
    const { rows } = await t.db.pool.query(`SELECT id FROM carto.vialidades ORDER BY id LIMIT 2`);
    await t.db.pool.query(`UPDATE carto.vialidades SET nombre = 'Calle Xochipilli Ñandú' WHERE id = ANY($1)`, [rows.map((r) => r.id)]);
    const renamed = (await find('xochipilli nandu')).find((h) => h.name === 'Calle Xochipilli Ñandú');
    expect(renamed?.context).toMatch(/^2 /);
    await t.db.pool.query(`DELETE FROM carto.vialidades WHERE id = $1`, [rows[0].id]);
    expect((await find('xochipilli nandu')).find((h) => h.name === 'Calle Xochipilli Ñandú')?.context).toMatch(/^1 /);
    await t.db.pool.query(`DELETE FROM carto.vialidades WHERE id = $1`, [rows[1].id]);
    expect((await find('xochipilli nandu')).find((h) => h.name === 'Calle Xochipilli Ñandú')).toBeUndefined();
    // The index holds exactly the distinct names of the table.
    const { rows: cmp } = await t.db.pool.query(`SELECT
      (SELECT count(DISTINCT meta.f_unaccent(lower(nombre))) FROM carto.vialidades WHERE nombre IS NOT NULL)::int AS distinct_names,
      (SELECT count(*) FROM carto.vialidades_nombres)::int AS indexed,
      (SELECT sum(tramos) FROM carto.vialidades_nombres)::int AS tramos,
      (SELECT count(*) FROM carto.vialidades WHERE nombre IS NOT NULL)::int AS segments`);
    expect(cmp[0].indexed).toBe(cmp[0].distinct_names);
    expect(cmp[0].tramos).toBe(cmp[0].segments);
  });
});
