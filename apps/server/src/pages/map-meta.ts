// Link-sharing meta of the map page (/mapa, the Vite-built index.html): title, description, preview image. A browser
// never sends the `#…` part of a permalink, so the server cannot know a hash permalink's state; it names the
// indicator only when the link carries it in the query string (`/mapa?i=code:…`, the hash's own format).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { pageContext } from './layout.tsx';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The <title> and Open Graph / Twitter meta tags of the map page for this request (HTML text for <head>). */
export async function mapHeadTags(app: FastifyInstance, req: FastifyRequest): Promise<{ title: string; tags: string; lang: string }> {
  const ctx = await pageContext(app, req);
  const i = (req.query as { i?: unknown } | undefined)?.i;
  const code = typeof i === 'string' ? /^([a-z][a-z0-9_]{0,63})(:|$)/.exec(i)?.[1] : undefined;
  const ind = code ? await app.indicatorsRepository.get(code) : null;
  const map = ctx.t('nav.mapa');
  const title = ind ? `${ind.nombre} · ${map} · ${ctx.t('site.name')}` : `${map} · ${ctx.t('site.name')}`;
  const description = ind?.descripcion || ctx.t('desc.mapa');
  const image = `${ctx.base}/portal/og/mapa.png`;
  const url = `${ctx.base}${req.url}`;
  const meta = (attr: 'property' | 'name', key: string, value: string) => `<meta ${attr}="${key}" content="${esc(value)}" />`;
  const tags = [
    meta('name', 'description', description),
    meta('property', 'og:type', 'website'),
    meta('property', 'og:site_name', `${ctx.t('site.name')} · ${ctx.t('site.system')}`),
    meta('property', 'og:title', title),
    meta('property', 'og:description', description),
    meta('property', 'og:url', url),
    meta('property', 'og:image', image),
    meta('property', 'og:image:width', '1200'),
    meta('property', 'og:image:height', '630'),
    meta('property', 'og:locale', ctx.locale.replace('-', '_')),
    meta('name', 'twitter:card', 'summary_large_image'),
    meta('name', 'twitter:title', title),
    meta('name', 'twitter:description', description),
    meta('name', 'twitter:image', image),
  ].join('\n    ');
  // The page's language before its script runs (screen readers, search engines, a page read with JavaScript off).
  return { title: esc(title), tags, lang: ctx.locale };
}

/** index.html with the request's language, title and sharing meta (its own description meta replaced). */
export function withMapHead(html: string, head: { title: string; tags: string; lang: string }): string {
  return html
    .replace(/<html lang="[^"]*"/i, `<html lang="${esc(head.lang)}"`)
    .replace(/<meta name="description"[^>]*>\s*/i, '')
    .replace(/<title>[^<]*<\/title>/i, `<title>${head.title}</title>`)
    .replace(/<\/head>/i, `  ${head.tags}\n  </head>`);
}
