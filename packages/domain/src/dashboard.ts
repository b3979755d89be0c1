// Tablero (dashboard) and fichas: one territory summary that the dashboard, the map and the printed fichas all read.
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, StringEnum } from './schema.ts';
import { PROJECT_STATUSES } from './projects.ts';

/** Kinds of territory a summary can be scoped to. */
export const TERRITORY_KINDS = ['municipio', 'localidad', 'colonia', 'ageb', 'zona'] as const;
export type TerritoryKind = (typeof TERRITORY_KINDS)[number];

/** Kinds of printable ficha: every territory but the whole municipio, and a project. */
export const FICHA_KINDS = ['colonia', 'ageb', 'localidad', 'zona', 'proyecto'] as const;
export type FichaKind = (typeof FICHA_KINDS)[number];

/** Paper sizes of a ficha (Chromium's names in `PAPER_FORMAT`). */
export const PAPERS = ['a4', 'carta'] as const;
export type Paper = (typeof PAPERS)[number];
export const PAPER_FORMAT: Record<Paper, 'A4' | 'Letter'> = { a4: 'A4', carta: 'Letter' };

export const FICHA_LANGS = ['es', 'en'] as const;
export type FichaLang = (typeof FICHA_LANGS)[number];

/** Map layer (catalog id) that draws each territory kind; its key column is the territory's clave. */
export const TERRITORY_LAYERS: Record<TerritoryKind, string> = {
  municipio: 'municipio',
  localidad: 'localidades',
  colonia: 'colonias',
  ageb: 'agebs',
  zona: 'participacion_zonas',
};

/** The territory kind a map layer stands for, or null (the inverse of TERRITORY_LAYERS). */
export function territoryKindOfLayer(layer: string): TerritoryKind | null {
  const hit = (Object.entries(TERRITORY_LAYERS) as Array<[TerritoryKind, string]>).find(([, l]) => l === layer);
  return hit ? hit[0] : null;
}

/** Largest clave accepted for any territory or project (longer ones are refused before any query). */
export const CLAVE_MAX = 64;

export const SummaryQuery = Type.Object(
  {
    tipo: Type.Optional(StringEnum(TERRITORY_KINDS, { description: 'Tipo de territorio (municipio por omisión)' })),
    clave: Type.Optional(Type.String({ minLength: 1, maxLength: CLAVE_MAX, description: 'Clave de la unidad (CVEGEO, clave de colonia o id de zona)' })),
    desde: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2100, description: 'Primer año del periodo (año de los proyectos y procesos)' })),
    hasta: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2100, description: 'Último año del periodo' })),
  },
  { additionalProperties: false },
);
export type SummaryQuery = Static<typeof SummaryQuery>;

export const Territory = Type.Object({
  tipo: StringEnum(TERRITORY_KINDS),
  clave: Type.String(),
  nombre: Type.String(),
  /** [minLon, minLat, maxLon, maxLat] WGS84. */
  bbox: Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()]),
  /** For a zona: its participation process. */
  proceso: Nullable(Type.Object({ clave: Type.String(), nombre: Type.String(), anio: Type.Integer() })),
});
export type Territory = Static<typeof Territory>;

/** A count of people or homes: a whole number, with its census year and source; `estimado` when apportioned by area. */
export const PeopleCount = Type.Object({
  valor: Nullable(Type.Integer()),
  anio: Nullable(Type.Integer()),
  fuente: Nullable(Type.String()),
  estimado: Type.Boolean(),
});
export type PeopleCount = Static<typeof PeopleCount>;

export const KeyIndicator = Type.Object({
  code: Type.String(),
  nombre: Type.String(),
  nombre_en: Nullable(Type.String()),
  unidad: Type.String(),
  fuente: Type.String(),
  anio: Type.Integer(),
  decimales: Type.Integer(),
  valor: Nullable(Type.Number()),
  /** The same indicator and year for the whole municipio. */
  municipal: Nullable(Type.Number()),
  /** True when the value is apportioned by area (the source does not publish it for this kind of unit). */
  estimado: Type.Boolean(),
  /** Why valor is null ('confidencial', 'no_disponible', 'no_aplica'), else null. */
  flag: Nullable(Type.String()),
});
export type KeyIndicator = Static<typeof KeyIndicator>;

/** One bar of a chart: the key is what the map filter takes (eje id, programa id, dependencia, year, status). */
export const ChartBucket = Type.Object({
  clave: Type.String(),
  nombre: Type.String(),
  color: Nullable(Type.String()),
  proyectos: Type.Integer(),
  presupuesto_aprobado: Type.Number(),
  presupuesto_ejercido: Type.Number(),
  avance_promedio: Nullable(Type.Number()),
});
export type ChartBucket = Static<typeof ChartBucket>;

export const CHART_DIMENSIONS = ['estatus', 'eje', 'programa', 'dependencia', 'anio'] as const;
export type ChartDimension = (typeof CHART_DIMENSIONS)[number];

export const ProjectRow = Type.Object({
  id: Type.Integer(),
  clave: Type.String(),
  nombre: Type.String(),
  estatus: StringEnum(PROJECT_STATUSES),
  avance: Type.Number(),
  presupuesto_aprobado: Type.Number(),
  presupuesto_ejercido: Type.Number(),
  dependencia: Type.String(),
  anio: Type.Integer(),
});
export type ProjectRow = Static<typeof ProjectRow>;

export const ColoniaRow = Type.Object({
  clave: Type.String(),
  nombre: Type.String(),
  proyectos: Type.Integer(),
  presupuesto_aprobado: Type.Number(),
  presupuesto_ejercido: Type.Number(),
  avance_promedio: Nullable(Type.Number()),
});
export type ColoniaRow = Static<typeof ColoniaRow>;

export const ZoneTurnout = Type.Object({
  zone_id: Type.Integer(),
  clave: Type.String(),
  nombre: Type.String(),
  lista_nominal: Nullable(Type.Integer()),
  participantes: Nullable(Type.Integer()),
  participacion: Nullable(Type.Number()),
  ganadora: Nullable(Type.String()),
});
export type ZoneTurnout = Static<typeof ZoneTurnout>;

export const Turnout = Type.Object({
  proceso: Type.Object({ clave: Type.String(), nombre: Type.String(), anio: Type.Integer() }),
  lista_nominal: Type.Integer(),
  participantes: Type.Integer(),
  /** participantes / lista_nominal × 100 over the zones that overlap the territory. */
  participacion: Nullable(Type.Number()),
  zonas: Type.Array(ZoneTurnout),
});
export type Turnout = Static<typeof Turnout>;

export const ReportCounts = Type.Object({
  total: Type.Integer(),
  abiertos: Type.Integer(),
  atendidos: Type.Integer(),
});
export type ReportCounts = Static<typeof ReportCounts>;

export const DataDates = Type.Object({
  /** Date of the loaded dataset (meta.datasets), YYYY-MM-DD. */
  fecha: Nullable(Type.String()),
  /** Latest write to any layer (meta.layer_versions), YYYY-MM-DD. */
  actualizado: Nullable(Type.String()),
  /** A digest of meta.layer_versions: caches of fichas and atlases are keyed by it. */
  version: Type.String(),
});
export type DataDates = Static<typeof DataDates>;

export const DashboardSummary = Type.Object({
  territorio: Territory,
  periodo: Type.Object({ desde: Nullable(Type.Integer()), hasta: Nullable(Type.Integer()) }),
  poblacion: PeopleCount,
  hogares: PeopleCount,
  proyectos: Type.Object({
    total: Type.Integer(),
    por_estatus: Type.Array(Type.Object({ estatus: StringEnum(PROJECT_STATUSES), proyectos: Type.Integer() })),
    presupuesto_aprobado: Type.Number(),
    presupuesto_ejercido: Type.Number(),
    /** Mean avance (%) of the projects, null without projects. */
    avance_promedio: Nullable(Type.Number()),
  }),
  participacion: Nullable(Turnout),
  /** Citizen reports in the territory; null while the reports table is not installed. */
  reportes: Nullable(ReportCounts),
  graficas: Type.Object({
    estatus: Type.Array(ChartBucket),
    eje: Type.Array(ChartBucket),
    programa: Type.Array(ChartBucket),
    dependencia: Type.Array(ChartBucket),
    anio: Type.Array(ChartBucket),
  }),
  ranking: Type.Object({
    /** Projects of the territory by approved budget, largest first (at most 10). */
    proyectos: Type.Array(ProjectRow),
    /** Colonias of the territory by number of projects, then exercised budget (at most 10). */
    colonias: Type.Array(ColoniaRow),
  }),
  indicadores: Type.Array(KeyIndicator),
  datos: DataDates,
});
export type DashboardSummary = Static<typeof DashboardSummary>;

export const FichaParams = Type.Object({
  tipo: Type.String({ maxLength: 32, description: `Tipo de ficha: ${FICHA_KINDS.join(', ')}` }),
  clave: Type.String({ maxLength: CLAVE_MAX + 8, description: 'Clave de la unidad o del proyecto' }),
});

export const FichaQuery = Type.Object(
  {
    papel: Type.Optional(Type.String({ maxLength: 16, description: `Tamaño de papel: ${PAPERS.join(', ')} (a4 por omisión)` })),
    lang: Type.Optional(Type.String({ maxLength: 8, description: `Idioma: ${FICHA_LANGS.join(', ')} (es por omisión)` })),
  },
  { additionalProperties: false },
);

export const ProjectPhoto = Type.Object({ url: Type.String(), fecha: Nullable(Type.String()), descripcion: Nullable(Type.String()) });

/** What a printed ficha shows: the territory summary (or a project's card) plus the permalink and its QR code. */
export const FichaData = Type.Object({
  tipo: StringEnum(FICHA_KINDS),
  clave: Type.String(),
  titulo: Type.String(),
  lang: StringEnum(FICHA_LANGS),
  papel: StringEnum(PAPERS),
  /** Permalink that opens the same unit in the web map. */
  permalink: Type.String(),
  /** The permalink as an SVG QR code. */
  qr_svg: Type.String(),
  generado: Type.String(),
  resumen: DashboardSummary,
  /** The unit (or project) outline as GeoJSON geometry in WGS84. */
  geometria: Type.Unknown(),
  /** Projects in the unit (at most FICHA_PROJECT_ROWS), each with a point [lon, lat]. */
  proyectos: Type.Array(Type.Intersect([ProjectRow, Type.Object({ punto: Type.Tuple([Type.Number(), Type.Number()]) })])),
  proyecto: Nullable(Type.Object({
    estatus: StringEnum(PROJECT_STATUSES),
    avance: Type.Number(),
    presupuesto_aprobado: Type.Number(),
    presupuesto_ejercido: Type.Number(),
    programa: Type.String(),
    eje: Type.String(),
    eje_color: Type.String(),
    dependencia: Type.String(),
    descripcion: Nullable(Type.String()),
    colonia: Nullable(Type.String()),
    fecha_inicio: Nullable(Type.String()),
    fecha_fin: Nullable(Type.String()),
    progreso: Type.Array(Type.Object({ fecha: Type.String(), avance: Type.Number(), presupuesto_ejercido: Type.Number(), nota: Nullable(Type.String()) })),
    fotos: Type.Array(ProjectPhoto),
  })),
  atribucion: Type.String(),
});
export type FichaData = Static<typeof FichaData>;

/** Rows of the projects table printed on a ficha (more are summarised as "and N more"), so a ficha is one page. */
export const FICHA_PROJECT_ROWS = 8;

export const ATLAS_STATES = ['en_cola', 'generando', 'listo', 'error'] as const;
/** Kinds an atlas can be made of: every territorial ficha kind (projects have no atlas). */
export const ATLAS_KINDS = ['colonia', 'ageb', 'localidad', 'zona'] as const;
export type AtlasKind = (typeof ATLAS_KINDS)[number];
/** POST /api/atlas/{tipo}: the kind of unit. */
export const AtlasParams = Type.Object({ tipo: StringEnum(ATLAS_KINDS, { description: `Tipo de unidad: ${ATLAS_KINDS.join(', ')}` }) });
/** POST /api/atlas/{tipo} body: paper and language of every ficha of the atlas. */
export const AtlasRequest = Type.Object(
  {
    papel: Type.Optional(StringEnum(PAPERS, { description: 'Tamaño de papel (a4 por omisión)' })),
    lang: Type.Optional(StringEnum(FICHA_LANGS, { description: 'Idioma (es por omisión)' })),
  },
  { additionalProperties: false },
);
export type AtlasRequest = Static<typeof AtlasRequest>;

export const AtlasJob = Type.Object({
  id: Type.String(),
  tipo: StringEnum(ATLAS_KINDS),
  papel: StringEnum(PAPERS),
  lang: StringEnum(FICHA_LANGS),
  estado: StringEnum(ATLAS_STATES),
  hechas: Type.Integer(),
  total: Type.Integer(),
  /** Where the finished PDF is, once estado is 'listo'. */
  url: Nullable(Type.String()),
  /** True when the atlas came from the cache (the data's version had not changed). */
  cache: Type.Boolean(),
  error: Nullable(Type.String()),
  version: Type.String(),
});
export type AtlasJob = Static<typeof AtlasJob>;
/** GET /api/atlas/jobs/{id} and {id}.pdf. */
export const AtlasJobParams = Type.Object({ id: Type.String({ maxLength: 48, description: 'Id del trabajo, o {id}.pdf para el PDF terminado' }) });

/** Indicator codes of the population and household counts on the cards (households = inhabited private homes). */
export const POPULATION_CODE = 'pob_tot';
export const HOMES_CODE = 'viv_tot';

/** Indicators a ficha prints when the catalog has them, in this order; otherwise the catalog's first ones. */
export const FICHA_INDICATOR_CODES = [
  'pob_tot', 'viv_tot', 'prom_ocup', 'graproes', 'pct_pob_0_14', 'pct_pob_65_mas', 'pct_afil_salud', 'pct_analf',
  'pct_viv_internet', 'pct_viv_agua', 'pct_viv_drenaje', 'pct_viv_piso_tierra', 'im_2020', 'pct_menores18', 'pct_60_mas',
] as const;
export const FICHA_INDICATOR_MAX = 10;

/** Zoom that fits a WGS84 bbox in about `px` pixels (Web Mercator, 256-px tiles), between 3 and 18. */
export function fitZoom(bbox: readonly [number, number, number, number], px = 800): number {
  const lonSpan = Math.max(bbox[2] - bbox[0], 1e-6);
  const y = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
  const latSpan = Math.max(Math.abs(y(bbox[3]) - y(bbox[1])) * (180 / Math.PI), 1e-6);
  const z = Math.log2((360 * px) / (256 * Math.max(lonSpan, latSpan)));
  return Math.min(18, Math.max(3, Number(z.toFixed(2))));
}

/**
 * The hash of the web map's permalink that opens a territory (or a project) with its dashboard: the view fitted to
 * it, the unit selected and the tablero scoped to it. Parsed by the web client's permalink (`ter`, `sel`, `v`).
 */
export function territoryPermalinkHash(t: { tipo: TerritoryKind; clave: string; bbox: readonly [number, number, number, number] }, opts: { lang?: FichaLang; project?: number } = {}): string {
  const lon = (t.bbox[0] + t.bbox[2]) / 2;
  const lat = (t.bbox[1] + t.bbox[3]) / 2;
  const enc = (s: string) => encodeURIComponent(s);
  const parts = [`v=${fitZoom(t.bbox)}/${lat.toFixed(5)}/${lon.toFixed(5)}`];
  parts.push(opts.project !== undefined ? `sel=proyectos:${opts.project}` : `sel=${enc(TERRITORY_LAYERS[t.tipo])}:${enc(t.clave)}`);
  parts.push(`ter=${t.tipo}:${enc(t.clave)}`, 'panel=tablero');
  if (opts.lang === 'en') parts.push('lang=en');
  return parts.join('&');
}
