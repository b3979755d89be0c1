// The one layout of the IMPLAN's server-rendered pages: header with the sections, language switch, footer, and the
// link-sharing meta (Open Graph / Twitter). Pages are TSX rendered with react-dom/server; they ship no script.
//
// How to render a page with it (any route family may; e.g. the catalog's /catalogo):
//
//   import { pageContext, renderPage, sendPage } from '../../pages/layout.tsx';
//   import { HtmlPage, LangQuery } from '@sigmun/domain/portal';
//   app.get('/catalogo', { schema: { hide: true, querystring: LangQuery, response: { 200: HtmlPage } } }, async (req, reply) => {
//     const ctx = await pageContext(app, req);             // lang from ?lang=en (es default), absolute base, path, t()
//     const html = renderPage(ctx, {
//       title: ctx.t('nav.estadisticas'),              // <title> and og:title ("· IMPLAN" is appended)
//       description: '…',                              // meta description and og:description
//       nav: 'estadisticas',                           // which header entry is aria-current (optional)
//       image: 'estadisticas',                         // preview image /portal/og/<name>.png (optional, default: site)
//     }, <><h1>…</h1>…</>);
//     return sendPage(reply, html);
//   });
//
// Links inside a page go through `ctx.href('/path')` so the chosen language is kept. Messages live in
// ./i18n/es-MX.ts and ./i18n/en.ts (add keys in a block of your own). The stylesheet is packages/styles siteCss().
import { createHash } from 'node:crypto';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EDITOR_ROLES, MAP_PATH, SECTIONS, type PageLang } from '@sigmun/domain/portal';
import { mayAct } from '@sigmun/domain/roles';
import { siteCss } from '@sigmun/styles';
import { PAGE_LOCALES, pageTranslate, type PageT } from './i18n/index.ts';

/** The stylesheet text and its content-addressed URL (served immutable by routes/pages). */
export const SITE_CSS = siteCss();
export const SITE_CSS_PATH = `/portal/sitio.${createHash('sha256').update(SITE_CSS).digest('hex').slice(0, 10)}.css`;

/** Entries of the header menu: the home, every section, the statistics catalog and the map. */
export const NAV: ReadonlyArray<{ id: string; path: string }> = [
  ...SECTIONS.map((s) => ({ id: s, path: `/${s}` })),
  { id: 'estadisticas', path: '/catalogo' },
  { id: 'mapa', path: MAP_PATH },
];

/** What every page component receives: language, translate, absolute base URL and the page's own path. */
export interface PageContext {
  lang: PageLang;
  locale: string;
  t: PageT;
  /** Absolute origin (PUBLIC_URL or the checked Host), for canonical and sharing URLs. */
  base: string;
  /** The request path without query. */
  path: string;
  /** A same-site link to `path` in the current language (`?lang=en` kept; `query` merged in). */
  href: (path: string, query?: Record<string, string | number | null | undefined>) => string;
  /** Whether the loaded data set is the fictional demo (the header then says so). */
  demo: boolean;
  /**
   * Whether the caller may edit the site (planeacion or admin). Known only on routes with `config.identify` (or
   * roles); elsewhere false, and the page is the same for everyone.
   */
  editor: boolean;
}

/** Link-sharing and header facts of one page. */
export interface PageMeta {
  title: string;
  description: string;
  /** NAV id marked as the current page. */
  nav?: string;
  /** Preview image name under /portal/og/ (a section slug, 'inicio', 'mapa'…); default 'inicio'. */
  image?: string;
  /** Not for search engines (editor pages). */
  noindex?: boolean;
  /** Same-origin scripts loaded in <head> (the home page's old-permalink forwarder); pages need none. */
  headScripts?: string[];
}

/** Builds a same-site URL keeping the language (Spanish has no parameter). */
export function langHref(lang: PageLang, path: string, query: Record<string, string | number | null | undefined> = {}): string {
  const [p, h] = path.split('#');
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  if (lang === 'en') q.set('lang', 'en');
  const s = q.toString();
  return `${p}${s ? `?${s}` : ''}${h !== undefined ? `#${h}` : ''}`;
}

/** The page context of a request: `?lang=en` selects English, anything else Spanish; says whether data are the demo. */
export async function pageContext(app: FastifyInstance, req: FastifyRequest): Promise<PageContext> {
  const lang: PageLang = (req.query as { lang?: string } | undefined)?.lang === 'en' ? 'en' : 'es';
  const path = req.url.split('?')[0] || '/';
  return {
    lang,
    locale: PAGE_LOCALES[lang],
    t: (key, params) => pageTranslate(lang, key, params),
    base: app.publicBase(req),
    path,
    href: (p, q) => langHref(lang, p, q),
    demo: await app.portalRepository.isDemo(),
    editor: !!req.user && mayAct(req.user.roles, EDITOR_ROLES),
  };
}

/** The whole document around a page's body. */
export function Layout({ ctx, meta, children }: { ctx: PageContext; meta: PageMeta; children: ReactNode }) {
  const { t } = ctx;
  const other: PageLang = ctx.lang === 'es' ? 'en' : 'es';
  const fullTitle = `${meta.title} · ${t('site.name')}`;
  const canonical = `${ctx.base}${langHref(ctx.lang, ctx.path)}`;
  const image = `${ctx.base}/portal/og/${meta.image ?? 'inicio'}.png`;
  return (
    <html lang={ctx.locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <meta name="description" content={meta.description} />
        {meta.noindex && <meta name="robots" content="noindex" />}
        <link rel="canonical" href={canonical} />
        <link rel="alternate" hrefLang="es-MX" href={`${ctx.base}${langHref('es', ctx.path)}`} />
        <link rel="alternate" hrefLang="en" href={`${ctx.base}${langHref('en', ctx.path)}`} />
        <meta property="og:type" content="website" />
        <meta property="og:site_name" content={`${t('site.name')} · ${t('site.system')}`} />
        <meta property="og:title" content={fullTitle} />
        <meta property="og:description" content={meta.description} />
        <meta property="og:url" content={canonical} />
        <meta property="og:image" content={image} />
        <meta property="og:image:width" content="1200" />
        <meta property="og:image:height" content="630" />
        <meta property="og:locale" content={ctx.locale.replace('-', '_')} />
        <meta name="twitter:card" content="summary_large_image" />
        <meta name="twitter:title" content={fullTitle} />
        <meta name="twitter:description" content={meta.description} />
        <meta name="twitter:image" content={image} />
        {/* No icon file yet: an empty one keeps browsers from asking for /favicon.ico (a 404 on every visit). */}
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={SITE_CSS_PATH} />
        {meta.headScripts?.map((src) => <script key={src} src={src} />)}
      </head>
      <body>
        <a className="skip" href="#contenido">{t('site.skip')}</a>
        <header className="site-header">
          <div className="bar">
            <a className="brand" href={ctx.href('/')}>
              {t('site.name')}
              <small>{t('site.longName')}</small>
            </a>
            {/* Named by its visible text (WCAG 2.5.3: a speech user says what they see), in its own language; the
                page-language hint is the title. */}
            <a className="lang" href={langHref(other, ctx.path)} hrefLang={PAGE_LOCALES[other]} title={t('site.langLabel')}>
              <span lang={PAGE_LOCALES[other]}>{t('site.langSwitch')}</span>
            </a>
          </div>
          <nav className="site-nav" aria-label={t('site.menu')}>
            <ul>
              {NAV.map((n) => (
                <li key={n.id}>
                  <a href={n.id === 'mapa' && ctx.lang === 'en' ? `${MAP_PATH}#lang=en` : ctx.href(n.path)} aria-current={meta.nav === n.id ? 'page' : undefined}>
                    {t(`nav.${n.id}`)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          {ctx.demo && <p className="demo" role="note">{t('site.demo')}</p>}
        </header>
        <main id="contenido">{children}</main>
        <footer className="site-footer">
          <div>
            <p>{t('site.footer')}</p>
            <p><a href="/ogcapi">{t('site.footerData')}</a></p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** Renders a page to a complete HTML document (doctype included). */
export function renderPage(ctx: PageContext, meta: PageMeta, body: ReactNode): string {
  return `<!doctype html>${renderToStaticMarkup(<Layout ctx={ctx} meta={meta}>{body}</Layout>)}`;
}

/**
 * Sends a rendered page: HTML, revalidated on every visit (content is editable), kept apart per language. A page
 * drawn for a signed-in caller (`personal`: an editor's link, the editor itself) is never stored by a shared cache.
 */
export function sendPage(reply: FastifyReply, html: string, status = 200, personal = false): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', personal ? 'private, no-store' : 'no-cache')
    .header('vary', 'Accept-Encoding').send(html);
}
