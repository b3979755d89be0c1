// Place search: one statement, one branch per kind of place, each using its trigram index on
// meta.f_unaccent(lower(name)) (migration 0200). Ranked by exact prefix, then word similarity, then kind.
// Colonias also answer to their postal code (carto.colonias.cp: SEPOMEX's d_cp / INE's cp, five digits), and AGEBs
// to their key (the 13-character CVEGEO, or the 4-character AGEB code as INEGI prints it, 012-3).
import fp from 'fastify-plugin';
import type { Pool } from '@sigmun/db';
import { repository, type Repository } from './repository.ts';
import { SEARCH_CP_MAX, type SearchHit, type SearchType } from '@sigmun/domain/search';

// A query term matches a name when a word of the name is similar to it, or the name contains it as a prefix.
const MATCH = (col: string) => `(${col} %> q.t OR ${col} LIKE q.pre ESCAPE '\\')`;
const SIM = (col: string) => `word_similarity(q.t, ${col})`;
const PREFIX = (col: string) => `(${col} LIKE q.start ESCAPE '\\' OR ${col} LIKE q.wordstart ESCAPE '\\')`;
const N = (col: string) => `meta.f_unaccent(lower(${col}))`;

// Each branch scores its candidates on the stored normalised name (migration 0205) and keeps the best $2 before
// joining the context it shows, so a short query that matches thousands of rows joins only the few it returns.
const BRANCHES: Record<SearchType, string> = {
  colonia: `
    SELECT 'colonia' AS type, c.cve_col AS id, c.nombre AS name,
           concat_ws(', ', initcap(c.tipo), l.nombre, 'CP ' || c.cp) AS context, c.geom, c.sim, c.prefix, 1 AS prio, c.cp_exact
    FROM (SELECT c.*, greatest(${SIM('c.nombre_norm')}, CASE WHEN c.cp = q.t THEN 1 WHEN c.cp LIKE q.cpstart THEN 0.9 ELSE 0 END) AS sim,
                 ${PREFIX('c.nombre_norm')} OR coalesce(c.cp LIKE q.cpstart, false) AS prefix, coalesce(c.cp = q.cp, false) AS cp_exact
          FROM carto.colonias c CROSS JOIN q WHERE ${MATCH('c.nombre_norm')} OR c.cp LIKE q.cpstart
          -- A full postal code keeps all its colonias (up to $3), not only the first $2.
          ORDER BY cp_exact DESC, prefix DESC, sim DESC, c.nombre LIMIT (SELECT CASE WHEN cp IS NULL THEN $2::int ELSE greatest($2::int, $3::int) END FROM q2)) c
    LEFT JOIN carto.localidades l ON l.cvegeo = c.cvegeo_loc`,
  // A whole AGEB code, or at least ten characters of a CVEGEO (the localidad's nine and the AGEB's first digit), so
  // that a municipio's or localidad's key alone lists no AGEB. The prefix is a byte-wise range, [key, key || '~')
  // ('~' sorts after every digit and capital), that the pattern-ops btree of migration 0206 answers whatever the
  // database's collation; a LIKE on a pattern computed in the statement could not use it.
  ageb: `
    SELECT 'ageb', a.cvegeo, 'AGEB ' || a.cve_ageb, concat_ws(', ', l.nombre, a.cvegeo, a.pob || ' hab.'),
           a.geom, a.sim, true, 5, false
    FROM (SELECT a.*, CASE WHEN a.cvegeo = q.akey OR a.cve_ageb = q.akey THEN 1 ELSE length(q.akey) / 13.0 END AS sim
          FROM carto.agebs a CROSS JOIN q
          WHERE (a.cvegeo ~>=~ q.akeystart AND a.cvegeo ~<~ (q.akeystart || '~')) OR a.cve_ageb = q.acode
          ORDER BY sim DESC, a.cvegeo LIMIT $2) a
    LEFT JOIN carto.localidades l ON l.cvegeo = left(a.cvegeo, 9)`,
  localidad: `
    SELECT 'localidad', l.cvegeo, l.nombre, CASE l.ambito WHEN 'urbano' THEN 'Localidad urbana' ELSE 'Localidad rural' END,
           l.geom, ${SIM('l.nombre_norm')}, ${PREFIX('l.nombre_norm')}, 0, false
    FROM carto.localidades l CROSS JOIN q
    WHERE ${MATCH('l.nombre_norm')}
    ORDER BY 7 DESC, 6 DESC LIMIT $2`,
  vialidad: `
    SELECT 'vialidad', v.norm, v.nombre, v.tramos || CASE v.tramos WHEN 1 THEN ' tramo' ELSE ' tramos' END,
           v.geom, ${SIM('v.norm')}, ${PREFIX('v.norm')}, 2, false
    FROM carto.vialidades_nombres v CROSS JOIN q
    WHERE ${MATCH('v.norm')}
    ORDER BY 7 DESC, 6 DESC LIMIT $2`,
  proyecto: `
    SELECT 'proyecto', p.id::text, p.nombre, concat_ws(' · ', p.clave, pr.nombre), p.geom, p.sim, p.prefix, 3, false
    FROM (SELECT p.*, greatest(${SIM('p.nombre_norm')}, CASE WHEN lower(p.clave) = lower($1::text) THEN 1 ELSE 0 END) AS sim,
                 ${PREFIX('p.nombre_norm')} OR lower(p.clave) = lower($1::text) AS prefix
          FROM plan.projects p CROSS JOIN q
          WHERE ${MATCH('p.nombre_norm')} OR lower(p.clave) = lower($1::text)
          ORDER BY prefix DESC, sim DESC LIMIT $2) p
    JOIN plan.programas pr ON pr.id = p.programa_id`,
  equipamiento: `
    SELECT 'equipamiento', e.id::text, e.nombre, concat_ws(', ', coalesce(e.subtipo, e.tipo), c.nombre), e.geom, e.sim, e.prefix, 4, false
    FROM (SELECT e.*, ${SIM('e.nombre_norm')} AS sim, ${PREFIX('e.nombre_norm')} AS prefix
          FROM carto.equipamiento e CROSS JOIN q WHERE ${MATCH('e.nombre_norm')}
          ORDER BY prefix DESC, sim DESC LIMIT $2) e
    LEFT JOIN carto.colonias c ON c.cve_col = e.cve_col`,
};

/**
 * The statement for a set of kinds, built from the fixed branches: $1 the query text, $2 the limit, $3 the most
 * colonias a full postal code returns (then the answer holds all of them, beyond $2).
 */
function searchSql(types: readonly SearchType[]): string {
  return `
  WITH q AS (
    SELECT t, replace(replace(replace(t, '\\', '\\\\'), '%', '\\%'), '_', '\\_') AS esc,
           -- An AGEB key as typed ("2603000010123", "012-3", "177a"): no dashes or spaces, letters upper case.
           upper(regexp_replace(t, '[-[:space:]]', '', 'g')) AS akey
    FROM (SELECT ${N('$1::text')} AS t) s),
  q2 AS (SELECT t, esc || '%' AS start, '% ' || esc || '%' AS wordstart, '%' || esc || '%' AS pre,
         -- Three to five digits are (the start of) a postal code: the colonias that carry it.
         CASE WHEN t ~ '^[0-9]{3,5}$' THEN t || '%' END AS cpstart,
         CASE WHEN t ~ '^[0-9]{5}$' THEN t END AS cp,
         akey, CASE WHEN akey ~ '^[0-9]{10,12}[0-9A-Z]?$' THEN akey END AS akeystart,
         CASE WHEN akey ~ '^[0-9]{3}[0-9A-Z]$' THEN akey END AS acode FROM q)
  SELECT h.type, h.id, h.name, nullif(h.context, '') AS context, h.sim::float8 AS sim, h.prefix,
         ST_X(c) AS lon, ST_Y(c) AS lat, ST_XMin(b) AS minx, ST_YMin(b) AS miny, ST_XMax(b) AS maxx, ST_YMax(b) AS maxy
  FROM (SELECT h.*, count(*) FILTER (WHERE h.cp_exact) OVER () AS cp_hits,
               row_number() OVER (ORDER BY h.cp_exact DESC, h.prefix DESC, round(h.sim::numeric, 2) DESC, h.prio, h.name) AS rank
        FROM (${types.map((t) => `(${BRANCHES[t].replaceAll('CROSS JOIN q', 'CROSS JOIN q2 AS q').replaceAll(', q WHERE', ', q2 AS q WHERE')})`).join('\nUNION ALL\n')})
             AS h(type, id, name, context, geom, sim, prefix, prio, cp_exact)) h
  CROSS JOIN LATERAL (SELECT ST_Transform(
      CASE WHEN GeometryType(h.geom) IN ('POLYGON', 'MULTIPOLYGON') THEN ST_PointOnSurface(h.geom)
           ELSE ST_ClosestPoint(h.geom, ST_Centroid(h.geom)) END, 4326) AS c,
      Box2D(ST_Transform(ST_Envelope(h.geom), 4326)) AS b) g
  -- The colonias of a full postal code (at most $3, see the colonia branch) all stay; the rest fill up to $2.
  WHERE h.rank <= greatest($2::int, least(h.cp_hits, $3::int))
  ORDER BY h.rank`;
}

const cache = new Map<string, string>();

/** Searches places of the given kinds; `q` is matched accent- and case-insensitively with typo tolerance. */
async function searchPlaces(db: Pool, q: string, types: readonly SearchType[], limit: number): Promise<SearchHit[]> {
  const key = [...types].sort().join(',');
  let sql = cache.get(key);
  if (!sql) cache.set(key, (sql = searchSql([...types].sort())));
  const client = await db.connect();
  let rows;
  try {
    // A lower threshold than the default 0.6 lets one or two typos through; SET LOCAL keeps it to this query.
    await client.query('BEGIN; SET LOCAL pg_trgm.word_similarity_threshold = 0.4');
    ({ rows } = await client.query(sql, [q, limit, SEARCH_CP_MAX]));
    await client.query('COMMIT');
  } catch (e) {
    // A dead connection fails ROLLBACK too: report the first error and discard the client instead of reusing it.
    client.release(await client.query('ROLLBACK').then(() => undefined, (err: Error) => err));
    throw e;
  }
  client.release();
  return rows.map((r) => ({
    type: r.type, id: r.id, name: r.name, context: r.context,
    centroid: [r.lon, r.lat], bbox: [r.minx, r.miny, r.maxx, r.maxy], score: Math.round(r.sim * 1000) / 1000,
  }));
}

const queries = { places: searchPlaces };

declare module 'fastify' {
  interface FastifyInstance {
    /** Place search. */
    searchRepository: Repository<typeof queries, Pool>;
  }
}

/** Decorates `app.searchRepository`. */
export default fp(async (app) => {
  app.decorate('searchRepository', repository(app.dbRead, queries));
}, { name: 'search-repository', dependencies: ['db'] });
