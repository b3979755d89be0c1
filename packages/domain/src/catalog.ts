// The catalog of published data sets: every indicator of the statistics bank that has values and every layer of
// the layer catalog, with the addresses of its page, its API and its downloads. The JSON listing, the HTML pages
// (/catalogo, /estadisticas/{code}) and the DCAT document are all built from these shapes.
import { Type, type Static } from '@sinclair/typebox';
import { INDICATOR_LEVELS, Indicator, type IndicatorLevel } from './indicators.ts';
import { Nullable, StringEnum } from './schema.ts';

/** Formats an indicator's values can be downloaded in (`/api/catalog/indicators/{code}/values.{format}`). */
export const INDICATOR_DOWNLOAD_FORMATS = ['csv', 'xlsx'] as const;
export type IndicatorDownloadFormat = (typeof INDICATOR_DOWNLOAD_FORMATS)[number];

/** IANA media types of everything the catalog announces (DCAT `mediaType`, and the Content-Type served). */
export const MEDIA_TYPES = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
  geojson: 'application/geo+json',
  gpkg: 'application/geopackage+sqlite3',
  html: 'text/html',
  jsonld: 'application/ld+json',
} as const;

/** Path of an indicator's page. */
export const indicatorPagePath = (code: string) => `/estadisticas/${encodeURIComponent(code)}`;

/** Path of an indicator's values download, optionally restricted to one level and/or one year. */
export function indicatorDownloadPath(code: string, format: IndicatorDownloadFormat, f: { nivel?: string; anio?: number } = {}): string {
  const q = new URLSearchParams();
  if (f.nivel) q.set('nivel', f.nivel);
  if (f.anio !== undefined) q.set('anio', String(f.anio));
  const qs = q.toString();
  return `/api/catalog/indicators/${encodeURIComponent(code)}/values.${format}${qs ? `?${qs}` : ''}`;
}

/** Sorts levels from the finest (manzana) to the municipio, the order every list of levels is shown in. */
export function sortLevels<T extends string>(levels: Iterable<T>): T[] {
  const rank = (l: string) => {
    const i = (INDICATOR_LEVELS as readonly string[]).indexOf(l);
    return i < 0 ? INDICATOR_LEVELS.length : i;
  };
  return [...new Set(levels)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/**
 * Search and filters of the listing. Every member is a string so that the /catalogo GET form, which sends empty
 * fields as `name=`, is accepted as is: an empty value means "no filter".
 */
export const CatalogQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100, description: 'Texto a buscar en nombre, descripción, tema y clave' })),
  tema: Type.Optional(Type.String({ maxLength: 100, description: 'Tema del indicador' })),
  nivel: Type.Optional(Type.Union([StringEnum(INDICATOR_LEVELS), Type.Literal('')], { description: 'Nivel geográfico con valores' })),
  anio: Type.Optional(Type.String({ pattern: '^(\\d{4})?$', description: 'Año con valores (AAAA)' })),
}, { additionalProperties: false });
export type CatalogQuery = Static<typeof CatalogQuery>;

/** The filters once parsed: absent or empty members are null. */
export interface CatalogFilters {
  q: string | null;
  tema: string | null;
  nivel: IndicatorLevel | null;
  anio: number | null;
}

/** Reads the listing's query into filters (blank strings are no filter). */
export function catalogFilters(q: CatalogQuery): CatalogFilters {
  const text = q.q?.trim();
  const tema = q.tema?.trim();
  return {
    q: text ? text : null,
    tema: tema ? tema : null,
    nivel: q.nivel ? q.nivel : null,
    anio: q.anio ? Number(q.anio) : null,
  };
}

/** Where an indicator can be read: its page, its JSON values, its downloads. Paths, relative to the server. */
export const IndicatorLinks = Type.Object({
  pagina: Type.String(),
  api: Type.String(),
  csv: Type.String(),
  xlsx: Type.String(),
  /** The map with this indicator's choropleth (its newest year at its default level). */
  mapa: Type.String(),
});
export type IndicatorLinks = Static<typeof IndicatorLinks>;

/** A level and year at which an indicator has values. */
export const IndicatorCoverage = Type.Object({ nivel: Type.String(), anio: Type.Integer() });
export type IndicatorCoverage = Static<typeof IndicatorCoverage>;

/** A published indicator: its metadata with the levels and years that really have values, and its links. */
export const CatalogIndicator = Type.Composite([
  Indicator,
  Type.Object({
    /** The levels with values, finest first (the metadata's `niveles` says what the source publishes). */
    niveles_publicados: Type.Array(Type.String()),
    /** Years with values at any level, oldest first. */
    anios_publicados: Type.Array(Type.Integer()),
    cobertura: Type.Array(IndicatorCoverage),
    enlaces: IndicatorLinks,
  }),
]);
export type CatalogIndicator = Static<typeof CatalogIndicator>;

/** Where a layer can be read: the OGC API collection and its items in each format. */
export const LayerLinks = Type.Object({
  coleccion: Type.String(),
  geojson: Type.String(),
  csv: Type.String(),
  gpkg: Nullable(Type.String()),
  mapa: Type.String(),
});
export type LayerLinks = Static<typeof LayerLinks>;

export const CatalogLayer = Type.Object({
  id: Type.String(),
  titulo: Type.String(),
  title: Type.String(),
  descripcion: Type.String(),
  grupo: Type.String(),
  geometria: Type.String(),
  atribucion: Type.String(),
  fuente: Type.String(),
  /** Date of the data set the rows came from (meta.datasets), when one is recorded. */
  fecha: Nullable(Type.String()),
  demo: Type.Boolean({ description: 'Datos ficticios de demostración' }),
  enlaces: LayerLinks,
});
export type CatalogLayer = Static<typeof CatalogLayer>;

/** GET /api/catalog: the matching indicators and layers, and the values each filter can take. */
export const Catalog = Type.Object({
  filtros: Type.Object({
    q: Nullable(Type.String()),
    tema: Nullable(Type.String()),
    nivel: Nullable(Type.String()),
    anio: Nullable(Type.Integer()),
  }),
  opciones: Type.Object({
    temas: Type.Array(Type.String()),
    niveles: Type.Array(Type.String()),
    anios: Type.Array(Type.Integer()),
  }),
  /** Published indicators in all (before filtering). */
  total: Type.Integer(),
  indicators: Type.Array(CatalogIndicator),
  /** Layers match the text search only (they have no tema, level or year). */
  layers: Type.Array(CatalogLayer),
});
export type Catalog = Static<typeof Catalog>;

/** One point of an indicator's series over years: the municipal figure. */
export const SeriesPoint = Type.Object({
  anio: Type.Integer(),
  valor: Nullable(Type.Number()),
  /** 'municipio' when the source publishes the municipal figure; otherwise the level it was aggregated from. */
  nivel: Type.String(),
  /** True when computed from the units with the indicator's aggregation rule rather than published. */
  calculado: Type.Boolean(),
});
export type SeriesPoint = Static<typeof SeriesPoint>;

/** GET /api/catalog/indicators/{code}: one published indicator with its municipal series over years. */
export const CatalogIndicatorDetail = Type.Object({
  indicator: CatalogIndicator,
  serie: Type.Array(SeriesPoint),
});
export type CatalogIndicatorDetail = Static<typeof CatalogIndicatorDetail>;

/** Filters of an indicator's download; empty values mean every level / every year. */
export const DownloadQuery = Type.Object({
  nivel: Type.Optional(Type.Union([StringEnum(INDICATOR_LEVELS), Type.Literal('')], { description: 'Solo este nivel' })),
  anio: Type.Optional(Type.String({ pattern: '^(\\d{4})?$', description: 'Solo este año (AAAA)' })),
}, { additionalProperties: false });
export type DownloadQuery = Static<typeof DownloadQuery>;

/** One row of a download: a unit's value (or why it has none) at a level and year. */
export interface DownloadRow {
  nivel: string;
  clave: string;
  nombre: string | null;
  anio: number;
  valor: number | null;
  flag: string | null;
}

/** The DCAT catalog as JSON-LD: a JSON-LD object (its shape is checked by expanding it, not by this schema). */
export const DcatDocument = Type.Object({
  '@context': Type.Unknown(),
  '@id': Type.String(),
  '@type': Type.String(),
}, { additionalProperties: true });
export type DcatDocument = Static<typeof DcatDocument> & Record<string, unknown>;
