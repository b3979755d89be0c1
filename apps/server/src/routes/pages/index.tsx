import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import sharp from 'sharp';
import {
  HtmlPage, LangQuery, LibraryQuery, MAP_PATH, SECTIONS, type DataKind, type DataOf, type PageLang, type PageSlug, type Section,
} from '@sigmun/domain/portal';
import { SITE_COLORS } from '@sigmun/styles';
import { pageContext, renderPage, sendPage, SITE_CSS, SITE_CSS_PATH, type PageContext } from '../../pages/layout.tsx';
import { pageTranslate } from '../../pages/i18n/index.ts';
import { HomePage } from '../../pages/home.tsx';
import { SectionPage, type SectionData } from '../../pages/section.tsx';
import { placeholderPdf } from '../../lib/placeholder-pdf.ts';
import { catalogFilters } from '@sigmun/domain/catalog';
import { publishedCatalog } from '../../services/catalog.ts';
import editor from './editor.ts';
import editorPages from './editor-pages.tsx';

// Old links to the map were `/#…` (the map lived at the root): a map hash on the home page is forwarded to the map.
// A file, not an inline script: the Content-Security-Policy allows scripts from 'self' only.
export const HASH_FORWARD_PATH = '/portal/mapa-hash.js';
const HASH_FORWARD = `if(/^#.*(^|[#&])(v|l|i|st|eje|prog|dep|anio|sel|cerca|pp|panel|ter|per|lang)=/.test(location.hash))location.replace(${JSON.stringify(MAP_PATH)}+location.hash);\n`;
const LIBRARY_PAGE = 25;
const PREVIEW_NAMES = ['inicio', 'mapa', 'estadisticas', ...SECTIONS] as const;

/** A page's current text in `lang`, falling back to the Spanish one. */
async function pageText(app: Parameters<FastifyPluginAsyncTypebox>[0], slug: PageSlug, lang: PageLang) {
  return (await app.portalRepository.pageVersion(slug, lang)) ?? (lang === 'es' ? null : await app.portalRepository.pageVersion(slug, 'es'));
}

/** A data list in `lang`, falling back to the Spanish one (an install may keep its lists in Spanish only). */
async function dataList(app: Parameters<FastifyPluginAsyncTypebox>[0], kind: DataKind, lang: PageLang) {
  return (await app.portalRepository.dataVersion(kind, lang)) ?? (lang === 'es' ? null : await app.portalRepository.dataVersion(kind, 'es'));
}

/** The link-preview image of a page: its title on the site colours, 1200×630 PNG, drawn once per name. */
function previewSvg(title: string, subtitle: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const c = SITE_COLORS;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630"><rect width="1200" height="630" fill="${c.brand}"/>
<rect y="560" width="1200" height="70" fill="${c.demo}"/>
<text x="80" y="200" font-family="sans-serif" font-size="54" fill="${c.brandText}">${esc(subtitle)}</text>
<text x="80" y="330" font-family="sans-serif" font-size="96" font-weight="bold" fill="${c.brandText}">${esc(title)}</text>
<text x="80" y="608" font-family="sans-serif" font-size="34" fill="${c.demoText}">SIG Municipal · IMPLAN</text></svg>`;
}

/** The IMPLAN's site: home page at `/`, one server-rendered page per section, sharing images, sitemap and robots. */
const pages: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(editor);
  await app.register(editorPages);

  app.get(SITE_CSS_PATH, { schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=31536000, immutable').send(SITE_CSS));
  app.get(HASH_FORWARD_PATH, { schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(HASH_FORWARD));

  const previews = new Map<string, Promise<Buffer>>();
  app.get('/portal/og/:name.png', { schema: { hide: true } }, async (req, reply) => {
    const name = (req.params as { name: string }).name;
    if (!(PREVIEW_NAMES as readonly string[]).includes(name)) return reply.callNotFound();
    let png = previews.get(name);
    if (!png) {
      png = sharp(Buffer.from(previewSvg(pageTranslate('es', `nav.${name}`), pageTranslate('es', 'site.longName')))).png().toBuffer();
      previews.set(name, png);
    }
    return reply.type('image/png').header('cache-control', 'public, max-age=86400').send(await png);
  });

  app.get('/', { schema: { hide: true, querystring: LangQuery, response: { 200: HtmlPage } } }, async (req, reply) => {
    const ctx = await pageContext(app, req);
    const [page, summary, indicators] = await Promise.all([
      pageText(app, 'inicio', ctx.lang),
      // The tablero's own summary of the whole municipio: the home never counts differently.
      app.dashboardRepository.territorySummary('municipio', null, { desde: null, hasta: null }),
      app.indicatorsRepository.list(),
    ]);
    return sendPage(reply, renderPage(ctx, { title: ctx.t('site.longName'), description: ctx.t('desc.inicio'), nav: 'inicio', image: 'inicio', headScripts: [HASH_FORWARD_PATH] },
      <HomePage ctx={ctx} page={page} summary={summary} indicators={indicators.length} />));
  });

  const sectionData = async (ctx: PageContext, section: Section, query: Record<string, unknown>): Promise<SectionData> => {
    const data: SectionData = { page: await pageText(app, section, ctx.lang) };
    const list = async <K extends keyof DataOf>(k: K) => (await dataList(app, k, ctx.lang))?.data as DataOf[K] | undefined;
    if (section === 'consejo') data.consejo = await list('consejo');
    if (section === 'estructura') data.organigrama = await list('organigrama');
    if (section === 'marco-normativo') data.normativa = await list('normativa');
    if (section === 'planeacion') {
      data.ejes = await app.projectsRepository.ejes();
      data.projects = (await app.projectsRepository.list({ eje: null, programa: null, estatus: null, dependencia: null, anio: null, bbox: null }, 100000, 0)).items;
    }
    if (section === 'seguimiento') data.summary = await app.dashboardRepository.territorySummary('municipio', null, { desde: null, hasta: null });
    if (section === 'participacion') {
      const processes = await app.participationRepository.processes();
      data.processes = await Promise.all(processes.map(async (p) => ({ ...p, zonas_resultados: await app.participationRepository.zoneResults(p.id) })));
    }
    if (section === 'documentos') {
      const q = query as { q?: string; tipo?: string; anio?: string; dependencia?: string; colonia?: string; pagina?: number };
      const filters = { q: q.q?.trim() ?? '', tipo: q.tipo ?? '', anio: q.anio ?? '', dependencia: q.dependencia ?? '', colonia: q.colonia ?? '', pagina: q.pagina ?? 1 };
      const [facets, found] = await Promise.all([
        app.portalRepository.libraryFacets(),
        app.portalRepository.documentLibrary({
          q: filters.q || null, tipo: filters.tipo || null, anio: filters.anio ? Number(filters.anio) : null,
          dependencia: filters.dependencia || null, colonia: filters.colonia || null,
        }, LIBRARY_PAGE, (filters.pagina - 1) * LIBRARY_PAGE),
      ]);
      data.library = { filters, facets, total: found.total, items: found.items, pageSize: LIBRARY_PAGE };
    }
    return data;
  };

  for (const section of SECTIONS) {
    // identify: an editor signed in sees a link to this page's editor (the page is then not for shared caches).
    app.get(`/${section}`, { config: { identify: true }, schema: { hide: true, querystring: section === 'documentos' ? LibraryQuery : LangQuery, response: { 200: HtmlPage } } }, async (req, reply) => {
      const ctx = await pageContext(app, req);
      const data = await sectionData(ctx, section, req.query as Record<string, unknown>);
      return sendPage(reply, renderPage(ctx, { title: data.page?.titulo ?? ctx.t(`nav.${section}`), description: ctx.t(`desc.${section}`), nav: section, image: section },
        <SectionPage ctx={ctx} section={section} data={data} />), 200, ctx.editor);
    });
  }

  // The demo's council minutes and regulations are placeholders named in the seeded lists; a real install links its
  // own documents (any same-site or https URL) from the editor.
  app.get('/portal/actas/:file', { schema: { hide: true } }, async (req, reply) => {
    const file = (req.params as { file: string }).file;
    const consejo = (await app.portalRepository.dataVersion('consejo', 'es'))?.data as DataOf['consejo'] | undefined;
    const normativa = (await app.portalRepository.dataVersion('normativa', 'es'))?.data as DataOf['normativa'] | undefined;
    const url = `/portal/actas/${file}`;
    const title = consejo?.sesiones.find((s) => s.acta_url === url)?.titulo ?? normativa?.instrumentos.find((n) => n.url === url)?.nombre;
    if (!title || !(await app.portalRepository.isDemo())) return reply.callNotFound();
    return reply.type('application/pdf').send(placeholderPdf(title, ['Documento ficticio de demostración del SIG Municipal.', 'Este archivo no es un documento oficial.']));
  });

  app.get('/robots.txt', { schema: { hide: true } }, async (req, reply) =>
    reply.type('text/plain; charset=utf-8').send(`User-agent: *\nAllow: /\nDisallow: /api/\nSitemap: ${app.publicBase(req)}/sitemap.xml\n`));

  app.get('/sitemap.xml', { schema: { hide: true } }, async (req, reply) => {
    const base = app.publicBase(req);
    // Every published indicator's page, from the same catalog the /catalogo listing shows.
    const catalog = await publishedCatalog(app, catalogFilters({}));
    const paths = ['/', ...SECTIONS.map((s) => `/${s}`), '/catalogo', ...catalog.indicators.map((i) => i.enlaces.pagina), MAP_PATH];
    const urls = paths.flatMap((p) => [`${base}${p}`, ...(p === MAP_PATH ? [] : [`${base}${p}?lang=en`])]);
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.map((u) => `  <url><loc>${u.replace(/&/g, '&amp;')}</loc></url>`).join('\n')}\n</urlset>\n`;
    return reply.type('application/xml; charset=utf-8').send(xml);
  });
};
export default pages;
