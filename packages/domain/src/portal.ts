// The IMPLAN's public site around the map (issue 17): its sections, where the map lives, and the editable content.
import { Type, type Static } from '@sinclair/typebox';
import { StringEnum } from './schema.ts';

/** Path of the map application; the site's home is `/`. Every builder of a map URL uses this. */
export const MAP_PATH = '/mapa';

/** A map URL (path + `#hash`) on `base` (an origin, or '' for a same-origin link). */
export function mapUrl(base: string, hash = ''): string {
  return `${base}${MAP_PATH}${hash ? `#${hash.replace(/^#/, '')}` : ''}`;
}

/** Path of the embeddable map (only the map, its legend and attribution; other sites may frame it). */
export const EMBED_PATH = '/embed';

/** An embeddable map URL (path + `#hash`, the same permalink state as the map page) on `base`. */
export function embedUrl(base: string, hash = ''): string {
  return `${base}${EMBED_PATH}${hash ? `#${hash.replace(/^#/, '')}` : ''}`;
}

/** The site's sections in menu order: slug = path segment (`/quienes-somos`). */
export const SECTIONS = [
  'quienes-somos', 'consejo', 'estructura', 'marco-normativo', 'planeacion', 'seguimiento', 'participacion', 'documentos',
] as const;
export type Section = (typeof SECTIONS)[number];

/** Pages whose text editors write in Markdown: the home and every section. */
export const PAGE_SLUGS = ['inicio', ...SECTIONS] as const;
export type PageSlug = (typeof PAGE_SLUGS)[number];

/** Who edits the site's texts and lists (admin always may): the editing API and the editor pages both ask for this. */
export const EDITOR_ROLES = ['planeacion'] as const;

/** Languages of the site: es (es-MX, default) and en. */
export const PAGE_LANGS = ['es', 'en'] as const;
export type PageLang = (typeof PAGE_LANGS)[number];

/** Query string of every site page: `?lang=en` for English (Spanish without it). */
export const LangQuery = Type.Object({ lang: Type.Optional(StringEnum(PAGE_LANGS, { description: 'Idioma de la página (es por omisión)' })) });
export type LangQueryT = Static<typeof LangQuery>;

/** A server-rendered HTML page (response schema of the site routes). */
export const HtmlPage = Type.String({ description: 'Documento HTML', contentMediaType: 'text/html' });

const Text = (max: number, opts = {}) => Type.String({ minLength: 1, maxLength: max, ...opts });
/** A link editors may set: a same-site path or an http(s) URL (never javascript: or data:). */
const Link = Type.String({ maxLength: 500, pattern: '^(/[^/\\s]|https?://)[^\\s]*$' });
const IsoDate = Type.String({ format: 'date' });

/** Council of the Institute: members and their cargo, its attributions, its sessions with their actas. */
export const ConsejoData = Type.Object({
  miembros: Type.Array(Type.Object({ nombre: Text(200), cargo: Text(120), sector: Text(200) }, { additionalProperties: false }), { maxItems: 100 }),
  atribuciones: Type.Array(Text(1000), { maxItems: 100 }),
  sesiones: Type.Array(Type.Object({
    clave: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,60}$' }),
    fecha: IsoDate,
    tipo: StringEnum(['ordinaria', 'extraordinaria'] as const),
    titulo: Text(300),
    acta_url: Type.Union([Link, Type.Null()]),
  }, { additionalProperties: false }), { maxItems: 500 }),
}, { additionalProperties: false });

/** Organisation chart: units with their head and the unit each reports to (null = the top). */
export const OrganigramaData = Type.Object({
  unidades: Type.Array(Type.Object({
    clave: Type.String({ pattern: '^[A-Za-z0-9_-]{1,20}$' }),
    nombre: Text(200),
    titular: Text(200),
    depende_de: Type.Union([Type.String({ pattern: '^[A-Za-z0-9_-]{1,20}$' }), Type.Null()]),
  }, { additionalProperties: false }), { minItems: 1, maxItems: 300 }),
}, { additionalProperties: false });

export const NORMA_TIPOS = ['ley', 'reglamento', 'lineamiento', 'acuerdo', 'plan'] as const;
export const NORMA_AMBITOS = ['federal', 'estatal', 'municipal'] as const;

/** Legal framework: laws and regulations with their date, scope and document link. */
export const NormativaData = Type.Object({
  instrumentos: Type.Array(Type.Object({
    nombre: Text(300), tipo: StringEnum(NORMA_TIPOS), ambito: StringEnum(NORMA_AMBITOS), fecha: IsoDate, url: Link,
  }, { additionalProperties: false }), { maxItems: 500 }),
}, { additionalProperties: false });

/** The data lists editors keep, each with its schema. */
export const DATA_KINDS = ['consejo', 'organigrama', 'normativa'] as const;
export type DataKind = (typeof DATA_KINDS)[number];
export const DATA_SCHEMAS = { consejo: ConsejoData, organigrama: OrganigramaData, normativa: NormativaData } as const;
export type DataOf = { consejo: Static<typeof ConsejoData>; organigrama: Static<typeof OrganigramaData>; normativa: Static<typeof NormativaData> };

const VersionMeta = {
  version: Type.Integer({ minimum: 1 }),
  restored_from: Type.Union([Type.Integer(), Type.Null()]),
  created_at: Type.String({ format: 'date-time' }),
};

/** One saved version of a page's text. */
export const PageVersion = Type.Object({
  slug: StringEnum(PAGE_SLUGS), lang: StringEnum(PAGE_LANGS), titulo: Type.String(), markdown: Type.String(), ...VersionMeta,
});
export type PageVersionT = Static<typeof PageVersion>;
/** A page's versions, newest first, without their text. */
export const PageHistory = Type.Object({
  slug: StringEnum(PAGE_SLUGS), lang: StringEnum(PAGE_LANGS),
  versions: Type.Array(Type.Object({ titulo: Type.String(), ...VersionMeta })),
});

/** Body of a page save: the title and the Markdown text (raw HTML in it never reaches visitors). */
export const PageSaveBody = Type.Object({
  titulo: Type.String({ minLength: 1, maxLength: 200 }),
  markdown: Type.String({ maxLength: 100000 }),
}, { additionalProperties: false });
export const PageParams = Type.Object({ slug: StringEnum(PAGE_SLUGS), lang: StringEnum(PAGE_LANGS) });
export const VersionParams = Type.Object({ slug: StringEnum(PAGE_SLUGS), lang: StringEnum(PAGE_LANGS), version: Type.Integer({ minimum: 1, maximum: 2147483647 }) });

/** Body of a preview: Markdown to render as visitors would see it. */
export const PreviewBody = Type.Object({ markdown: Type.String({ maxLength: 100000 }) }, { additionalProperties: false });
export const PreviewAnswer = Type.Object({ html: Type.String({ description: 'HTML saneado' }) });

/** One saved version of a data list. */
export const DataVersion = Type.Object({ kind: StringEnum(DATA_KINDS), lang: StringEnum(PAGE_LANGS), data: Type.Unknown(), ...VersionMeta });
export type DataVersionT = Static<typeof DataVersion>;
export const DataHistory = Type.Object({ kind: StringEnum(DATA_KINDS), lang: StringEnum(PAGE_LANGS), versions: Type.Array(Type.Object(VersionMeta)) });
/** Which language's list a data route reads or writes (`?lang=en`; Spanish without it). */
export const DataLangQuery = Type.Object({ lang: Type.Optional(StringEnum(PAGE_LANGS, { description: 'Idioma de la lista (es por omisión)' })) });
export const DataParams = Type.Object({ kind: StringEnum(DATA_KINDS) });
/** Address of a list's editor page: the list and the language of its content. */
export const DataEditParams = Type.Object({ kind: StringEnum(DATA_KINDS), lang: StringEnum(PAGE_LANGS) });
export const DataVersionParams = Type.Object({ kind: StringEnum(DATA_KINDS), version: Type.Integer({ minimum: 1, maximum: 2147483647 }) });

/** Query of the document library page (a GET form: empty fields mean "any"). */
export const LibraryQuery = Type.Object({
  lang: Type.Optional(StringEnum(PAGE_LANGS)),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  tipo: Type.Optional(Type.String({ maxLength: 60 })),
  anio: Type.Optional(Type.String({ pattern: '^(\\d{4})?$' })),
  dependencia: Type.Optional(Type.String({ maxLength: 200 })),
  colonia: Type.Optional(Type.String({ maxLength: 20 })),
  pagina: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
});
