// SQL of the IMPLAN's site pages: the versioned page texts and data lists editors keep (portal.page_versions,
// portal.data_versions; a save is always a new version, so history and restore are plain reads and inserts), the
// document library's filtered search, and whether the data set is the demo.
import fp from 'fastify-plugin';
import type { DataKind, DataVersionT, PageLang, PageSlug, PageVersionT } from '@sigmun/domain/portal';
import { repository, type Queryable, type Repository } from './repository.ts';

const PAGE_COLS = `slug, lang, version, titulo, markdown, restored_from, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at`;
const DATA_COLS = `kind, lang, version, data, restored_from, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at`;

/** Whether the latest loaded data set is the fictional demo (the pages then say so in the header). */
async function isDemo(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ demo: boolean }>(
    `SELECT coalesce((SELECT kind = 'demo' FROM meta.datasets ORDER BY loaded_at DESC LIMIT 1), false) AS demo`,
  );
  return rows[0]?.demo ?? false;
}

/** A page's text at `version` (null = the current, i.e. highest, version), or null when there is none. */
async function pageVersion(db: Queryable, slug: PageSlug, lang: PageLang, version: number | null = null): Promise<PageVersionT | null> {
  const { rows } = await db.query<PageVersionT>(
    `SELECT ${PAGE_COLS} FROM portal.page_versions WHERE slug = $1 AND lang = $2 AND ($3::int IS NULL OR version = $3)
     ORDER BY version DESC LIMIT 1`,
    [slug, lang, version],
  );
  return rows[0] ?? null;
}

/** Every version of a page, newest first, without the text. */
async function pageHistory(db: Queryable, slug: PageSlug, lang: PageLang): Promise<Array<Omit<PageVersionT, 'markdown' | 'slug' | 'lang'>>> {
  const { rows } = await db.query<Omit<PageVersionT, 'markdown' | 'slug' | 'lang'>>(
    `SELECT version, titulo, restored_from, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at
     FROM portal.page_versions WHERE slug = $1 AND lang = $2 ORDER BY version DESC`,
    [slug, lang],
  );
  return rows;
}

/**
 * Saves a page's text as its next version (inside app.writeTx: the advisory lock orders concurrent saves of the same
 * page, so version numbers never collide). `restoredFrom` records a restore.
 */
async function savePage(db: Queryable, slug: PageSlug, lang: PageLang, titulo: string, markdown: string, restoredFrom: number | null, actor: string): Promise<PageVersionT> {
  await db.query(`SELECT pg_advisory_xact_lock(hashtext('portal.page:' || $1 || ':' || $2))`, [slug, lang]);
  const { rows } = await db.query<PageVersionT>(
    `INSERT INTO portal.page_versions (slug, lang, version, titulo, markdown, restored_from, actor)
     SELECT $1, $2, coalesce(max(version), 0) + 1, $3, $4, $5, $6 FROM portal.page_versions WHERE slug = $1 AND lang = $2
     RETURNING ${PAGE_COLS}`,
    [slug, lang, titulo, markdown, restoredFrom, actor],
  );
  return rows[0];
}

/** A data list in `lang` at `version` (null = current), or null. */
async function dataVersion(db: Queryable, kind: DataKind, lang: PageLang, version: number | null = null): Promise<DataVersionT | null> {
  const { rows } = await db.query<DataVersionT>(
    `SELECT ${DATA_COLS} FROM portal.data_versions WHERE kind = $1 AND lang = $2 AND ($3::int IS NULL OR version = $3) ORDER BY version DESC LIMIT 1`,
    [kind, lang, version],
  );
  return rows[0] ?? null;
}

/** Every version of a data list in `lang`, newest first, without the data. */
async function dataHistory(db: Queryable, kind: DataKind, lang: PageLang): Promise<Array<Omit<DataVersionT, 'data' | 'kind' | 'lang'>>> {
  const { rows } = await db.query<Omit<DataVersionT, 'data' | 'kind' | 'lang'>>(
    `SELECT version, restored_from, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at
     FROM portal.data_versions WHERE kind = $1 AND lang = $2 ORDER BY version DESC`,
    [kind, lang],
  );
  return rows;
}

/** Saves a data list in `lang` (already validated against its schema) as its next version (inside app.writeTx). */
async function saveData(db: Queryable, kind: DataKind, lang: PageLang, data: unknown, restoredFrom: number | null, actor: string): Promise<DataVersionT> {
  await db.query(`SELECT pg_advisory_xact_lock(hashtext('portal.data:' || $1 || ':' || $2))`, [kind, lang]);
  const { rows } = await db.query<DataVersionT>(
    `INSERT INTO portal.data_versions (kind, lang, version, data, restored_from, actor)
     SELECT $1, $2, coalesce(max(version), 0) + 1, $3::jsonb, $4, $5 FROM portal.data_versions WHERE kind = $1 AND lang = $2
     RETURNING ${DATA_COLS}`,
    [kind, lang, JSON.stringify(data), restoredFrom, actor],
  );
  return rows[0];
}

/** The current version of every page text and data list, for the editor's index (by slug or kind, then language). */
async function contentIndex(db: Queryable): Promise<{
  pages: Array<{ slug: PageSlug; lang: PageLang; version: number; titulo: string; created_at: string }>;
  data: Array<{ kind: DataKind; lang: PageLang; version: number; created_at: string }>;
}> {
  const ts = `to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at`;
  const [pages, data] = await Promise.all([
    db.query(`SELECT DISTINCT ON (slug, lang) slug, lang, version, titulo, ${ts} FROM portal.page_versions ORDER BY slug, lang, version DESC`),
    db.query(`SELECT DISTINCT ON (kind, lang) kind, lang, version, ${ts} FROM portal.data_versions ORDER BY kind, lang, version DESC`),
  ]);
  return { pages: pages.rows, data: data.rows };
}

/** Filters of the document library page. */
export interface LibraryFilters {
  q: string | null;
  tipo: string | null;
  anio: number | null;
  dependencia: string | null;
  /** Colonia clave: documents of the colonia itself or of a project in it. */
  colonia: string | null;
}

export interface LibraryDocument {
  id: number; titulo: string; tipo: string; url: string; fecha: string | null; proyecto: string | null;
  dependencia: string | null; area: string | null;
}

/** The plan's documents matching the filters (Spanish full-text `q`), newest first, and how many match in all. */
async function documentLibrary(db: Queryable, f: LibraryFilters, limit: number, offset: number): Promise<{ total: number; items: LibraryDocument[] }> {
  const { rows } = await db.query<LibraryDocument & { total: number }>(
    `SELECT d.id, d.titulo, d.tipo, d.url, d.fecha::text AS fecha, p.nombre AS proyecto, p.dependencia,
            CASE WHEN d.area_nivel = 'colonia' THEN c.nombre WHEN d.area_nivel IS NOT NULL THEN d.area_nivel || ' ' || d.area_clave ELSE pc.nombre END AS area,
            count(*) OVER ()::int AS total
     FROM plan.documents d
     LEFT JOIN plan.projects p ON p.id = d.project_id
     LEFT JOIN carto.colonias pc ON pc.cve_col = p.cve_col
     LEFT JOIN carto.colonias c ON d.area_nivel = 'colonia' AND c.cve_col = d.area_clave
     WHERE ($1::text IS NULL OR d.tsv @@ websearch_to_tsquery('spanish', $1))
       AND ($2::text IS NULL OR d.tipo = $2)
       AND ($3::int IS NULL OR extract(year FROM d.fecha)::int = $3)
       AND ($4::text IS NULL OR p.dependencia = $4)
       AND ($5::text IS NULL OR p.cve_col = $5 OR (d.area_nivel = 'colonia' AND d.area_clave = $5))
     ORDER BY d.fecha DESC NULLS LAST, d.id
     LIMIT $6 OFFSET $7`,
    [f.q, f.tipo, f.anio, f.dependencia, f.colonia, limit, offset],
  );
  return { total: rows[0]?.total ?? 0, items: rows.map(({ total: _t, ...r }) => r) };
}

/** The values the library's filters offer: document types, years, dependencias and colonias that have documents. */
async function libraryFacets(db: Queryable): Promise<{ tipos: string[]; anios: number[]; dependencias: string[]; colonias: Array<{ clave: string; nombre: string }> }> {
  const { rows } = await db.query<{ tipos: string[]; anios: number[]; dependencias: string[]; colonias: Array<{ clave: string; nombre: string }> }>(
    `SELECT (SELECT coalesce(array_agg(DISTINCT tipo ORDER BY tipo), '{}') FROM plan.documents) AS tipos,
            (SELECT coalesce(array_agg(DISTINCT extract(year FROM fecha)::int ORDER BY extract(year FROM fecha)::int DESC), '{}')
               FROM plan.documents WHERE fecha IS NOT NULL) AS anios,
            (SELECT coalesce(array_agg(DISTINCT p.dependencia ORDER BY p.dependencia), '{}')
               FROM plan.documents d JOIN plan.projects p ON p.id = d.project_id) AS dependencias,
            (SELECT coalesce(json_agg(json_build_object('clave', c.cve_col, 'nombre', c.nombre) ORDER BY c.nombre), '[]')
               FROM carto.colonias c WHERE EXISTS (SELECT 1 FROM plan.documents d LEFT JOIN plan.projects p ON p.id = d.project_id
                                                   WHERE p.cve_col = c.cve_col OR (d.area_nivel = 'colonia' AND d.area_clave = c.cve_col))) AS colonias`,
  );
  return rows[0];
}

const queries = { isDemo, pageVersion, pageHistory, savePage, dataVersion, dataHistory, saveData, contentIndex, documentLibrary, libraryFacets };

declare module 'fastify' {
  interface FastifyInstance {
    /** The site pages' content, versions and document library. */
    portalRepository: Repository<typeof queries>;
  }
}

/** Decorates `app.portalRepository`. */
export default fp(async (app) => {
  app.decorate('portalRepository', repository(app.db, queries));
}, { name: 'portal-repository', dependencies: ['db'] });
