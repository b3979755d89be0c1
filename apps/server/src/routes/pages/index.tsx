import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HtmlPage, LangQuery, MAP_PATH, SECTIONS } from '@sigmun/domain/portal';
import { pageContext, renderPage, sendPage, SITE_CSS, SITE_CSS_PATH } from '../../pages/layout.tsx';
import { HomePage } from '../../pages/home.tsx';
import { SectionPage } from '../../pages/section.tsx';

// Old links to the map were `/#…` (the map lived at the root): a map hash on the home page is forwarded to the map.
// A file, not an inline script: the Content-Security-Policy allows scripts from 'self' only.
export const HASH_FORWARD_PATH = '/portal/mapa-hash.js';
const HASH_FORWARD = `if(/^#.*(^|[#&])(v|l|i|st|eje|prog|dep|anio|sel|cerca|pp|panel|ter|per|lang)=/.test(location.hash))location.replace(${JSON.stringify(MAP_PATH)}+location.hash);\n`;

/** The IMPLAN's site: home page at `/`, one server-rendered page per section, and their stylesheet. */
const pages: FastifyPluginAsyncTypebox = async (app) => {
  app.get(SITE_CSS_PATH, { schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=31536000, immutable').send(SITE_CSS));
  app.get(HASH_FORWARD_PATH, { schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(HASH_FORWARD));

  app.get('/', { schema: { hide: true, querystring: LangQuery, response: { 200: HtmlPage } } }, async (req, reply) => {
    const ctx = await pageContext(app, req);
    return sendPage(reply, renderPage(ctx, { title: ctx.t('site.longName'), description: ctx.t('desc.inicio'), nav: 'inicio', image: 'inicio', headScripts: [HASH_FORWARD_PATH] }, <HomePage ctx={ctx} />));
  });

  for (const section of SECTIONS) {
    app.get(`/${section}`, { schema: { hide: true, querystring: LangQuery, response: { 200: HtmlPage } } }, async (req, reply) => {
      const ctx = await pageContext(app, req);
      return sendPage(reply, renderPage(ctx, { title: ctx.t(`nav.${section}`), description: ctx.t(`desc.${section}`), nav: section, image: section }, <SectionPage ctx={ctx} section={section} />));
    });
  }
};
export default pages;
