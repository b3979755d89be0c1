// The IMPLAN's public site around the map (issue 17): its sections, where the map lives, and the editable content.
import { Type, type Static } from '@sinclair/typebox';
import { StringEnum } from './schema.ts';

/** Path of the map application; the site's home is `/`. Every builder of a map URL uses this. */
export const MAP_PATH = '/mapa';

/** A map URL (path + `#hash`) on `base` (an origin, or '' for a same-origin link). */
export function mapUrl(base: string, hash = ''): string {
  return `${base}${MAP_PATH}${hash ? `#${hash.replace(/^#/, '')}` : ''}`;
}

/** The site's sections in menu order: slug = path segment (`/quienes-somos`). */
export const SECTIONS = [
  'quienes-somos', 'consejo', 'estructura', 'marco-normativo', 'planeacion', 'seguimiento', 'participacion', 'documentos',
] as const;
export type Section = (typeof SECTIONS)[number];

/** Pages whose text editors write in Markdown: the home and every section. */
export const PAGE_SLUGS = ['inicio', ...SECTIONS] as const;
export type PageSlug = (typeof PAGE_SLUGS)[number];

/** Languages of the site: es (es-MX, default) and en. */
export const PAGE_LANGS = ['es', 'en'] as const;
export type PageLang = (typeof PAGE_LANGS)[number];

/** Query string of every site page: `?lang=en` for English (Spanish without it). */
export const LangQuery = Type.Object({ lang: Type.Optional(StringEnum(PAGE_LANGS, { description: 'Idioma de la página (es por omisión)' })) });
export type LangQueryT = Static<typeof LangQuery>;

/** A server-rendered HTML page (response schema of the site routes). */
export const HtmlPage = Type.String({ description: 'Documento HTML', contentMediaType: 'text/html' });
