// The declarative layer catalog: one entry per map layer. Tiles, TileJSON, OGC API collections, styles and the
// client's layer panel are all derived from these entries, so adding a layer touches no route code.
// Identifiers here are trusted (written by developers, escaped when SQL is built); request values never are.

import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from './schema.ts';
import { PROPOSAL_STATUSES, type ProposalStatus } from './participation.ts';
import { PROJECT_STATUSES, PROJECT_STATUS_LABELS, type ProjectStatus } from './projects.ts';
import { REPORT_STATUSES, REPORT_STATUS_LABELS, type ReportStatus } from './participation-reports.ts';

/** The four sections of the layer panel. */
export type LayerGroup = 'cartografia' | 'estadisticas' | 'planeacion' | 'participacion';

export const LAYER_GROUPS: Record<LayerGroup, { titulo: string; title: string; orden: number }> = {
  cartografia: { titulo: 'Cartografía', title: 'Cartography', orden: 1 },
  estadisticas: { titulo: 'Estadísticas', title: 'Statistics', orden: 2 },
  planeacion: { titulo: 'Planeación', title: 'Planning', orden: 3 },
  participacion: { titulo: 'Participación ciudadana', title: 'Citizen participation', orden: 4 },
};

/** How features are drawn; 'mixed' layers (projects, proposals) may hold points, lines and polygons. */
export type GeometryKind = 'polygon' | 'line' | 'point' | 'mixed';

/** Property types as they appear in MVT, GeoJSON and TileJSON `fields`. */
export type PropertyType = 'string' | 'integer' | 'number' | 'boolean' | 'date';

/** One attribute a layer exposes; nothing else of the source row leaves the server. */
export interface LayerProperty {
  /** Column of the source relation; also the property name in tiles and GeoJSON. */
  name: string;
  type: PropertyType;
  /** Spanish (es-MX) label for popups and tables. */
  label: string;
  labelEn?: string;
  /** Unit shown after values ('hab', '%', 'm', 'MXN'). */
  unit?: string;
  /** Worth offering as a filter (OGC API `?prop=` and the client's filter controls). */
  filterable?: boolean;
  /** Closed set of values with their Spanish labels (status, type), in display order. */
  values?: ReadonlyArray<{ value: string | number; label: string; labelEn?: string; color?: string }>;
  /** How people read the value: 'year' is printed without thousands separators, 'internal' (surrogate keys) is never shown. */
  display?: 'year' | 'internal';
  /** The value is a clave of another catalog whose name people see instead ('participation-process': partic.processes). */
  lookup?: 'participation-process';
}

/** A static restriction of the rows a layer shows, or a per-zoom thinning; values are escaped as literals. */
export interface LayerFilter {
  property: string;
  op: 'eq' | 'in' | 'gte' | 'lte' | 'not_null';
  value?: string | number | ReadonlyArray<string | number>;
}

/**
 * Generalisation for zooms up to `maxzoom` (rules are sorted ascending; the first whose maxzoom ≥ z applies).
 * Simplification runs in EPSG:3857 before ST_AsMVTGeom, so tolerances are in pixels of a 256 px tile.
 */
export interface Generalisation {
  maxzoom: number;
  /** Douglas–Peucker tolerance in 256 px tile pixels at the requested zoom. */
  simplifyPx?: number;
  /** Polygons smaller than this many square pixels are dropped (they would render as nothing). */
  minAreaPx?: number;
  /** Lines shorter than this many pixels are dropped. */
  minLengthPx?: number;
  /** Extra thinning at these zooms, e.g. only main roads. */
  where?: ReadonlyArray<LayerFilter>;
  /**
   * Read this band from another relation with the same key and exposed properties, e.g. a huge polygon's boundary
   * cut by ST_Subdivide, so that the index hands each tile only the pieces it touches.
   */
  relation?: string;
}

/** Point clustering on a zoom-dependent grid; a cluster carries its size in `point_count`. */
export interface Clustering {
  /** Clusters up to and including this zoom; individual features above. */
  maxzoom: number;
  /** Grid cell size in 256 px tile pixels. */
  radiusPx: number;
}

/** Drawing hints read by packages/styles and the layer panel legend. */
export interface StyleHints {
  fill?: string;
  fillOpacity?: number;
  /**
   * Draw the fill under the basemap's block outlines and streets (not only under its labels): for wide areas that
   * overlap (the zones of several processes cover the same blocks), whose stacked fills would hide the streets.
   */
  fillUnderStreets?: boolean;
  line?: string;
  lineWidth?: number;
  /** Dashed outline, e.g. administrative boundaries. */
  lineDash?: ReadonlyArray<number>;
  circle?: string;
  circleRadius?: number;
  /** Property whose `values[].color` colour the features (categorical). */
  colorBy?: string;
  /** Property used for labels. */
  label?: string;
  labelMinzoom?: number;
  /**
   * Also emit one label point per polygon (ST_PointOnSurface) as source layer `{id}_etiquetas`, in the single tile
   * that holds the point, so a polygon crossing many tiles is named once instead of once per tile.
   */
  labelPoints?: boolean;
  /** Shown when the map opens. */
  visible: boolean;
  /** Layer opacity 0..1 applied by the client. */
  opacity: number;
  /** Draw order inside the group (higher = on top). */
  order: number;
}

/** Where a layer's rows live. Names are schema-qualified ('carto.manzanas'). */
export interface LayerSource {
  /** Relation read by tiles and features: a table, or a view joining lookups onto one (see migration 0100). */
  relation: string;
  /** The table imports and edits write to. */
  table: string;
  geometryColumn: string;
  /** Unique feature id (MapLibre promoteId, OGC featureId). */
  keyColumn: string;
  keyType: 'string' | 'integer';
  /** Storage SRID of geometryColumn. */
  srid: 3857;
  /** Rows of meta.layer_versions whose bump invalidates this layer's tiles. */
  versionKeys: ReadonlyArray<string>;
}

export interface LayerDefinition {
  id: string;
  titulo: string;
  title: string;
  descripcion: string;
  group: LayerGroup;
  geometry: GeometryKind;
  source: LayerSource;
  properties: ReadonlyArray<LayerProperty>;
  minzoom: number;
  maxzoom: number;
  generalisation: ReadonlyArray<Generalisation>;
  cluster?: Clustering;
  /** Rows shown at every zoom (none: all rows). */
  filters?: ReadonlyArray<LayerFilter>;
  style: StyleHints;
  /** Short attribution shown on the map. */
  attribution: string;
  /** Longer note on the source for the layer panel. */
  sourceNote: string;
}

const INEGI = 'INEGI, Marco Geoestadístico; Censo de Población y Vivienda 2020';

const EQUIPAMIENTO_TIPOS = [
  { value: 'educacion', label: 'Educación', color: '#1f78b4' },
  { value: 'salud', label: 'Salud', color: '#e31a1c' },
  { value: 'abasto', label: 'Abasto', color: '#ff7f00' },
  { value: 'areas_verdes', label: 'Áreas verdes', color: '#33a02c' },
  { value: 'deporte', label: 'Deporte', color: '#b2df8a' },
  { value: 'cultura', label: 'Cultura', color: '#6a3d9a' },
  { value: 'gobierno', label: 'Gobierno', color: '#8c510a' },
  { value: 'seguridad', label: 'Seguridad', color: '#01665e' },
  { value: 'transporte', label: 'Transporte', color: '#fdbf6f' },
  { value: 'otro', label: 'Otro', color: '#969696' },
] as const;

// Status values of the plan's projects and of citizens' proposals come from their own modules (one list each);
// the catalog only adds the colour each one is drawn with, and a Record makes a missing status a type error.
const ESTATUS_PROYECTO_COLOR: Record<ProjectStatus, string> = {
  planeado: '#9e9ac8', en_proceso: '#fd8d3c', concluido: '#31a354', suspendido: '#de2d26', cancelado: '#636363',
};
const ESTATUS_PROYECTO = PROJECT_STATUSES.map((value) => ({ value, label: PROJECT_STATUS_LABELS[value], color: ESTATUS_PROYECTO_COLOR[value] }));

const ESTATUS_PROPUESTA_ESTILO: Record<ProposalStatus, { label: string; color: string }> = {
  registrada: { label: 'Registrada', color: '#9ecae1' },
  viable: { label: 'Viable', color: '#4292c6' },
  no_viable: { label: 'No viable', color: '#969696' },
  ganadora: { label: 'Ganadora', color: '#f16913' },
  en_ejecucion: { label: 'En ejecución', color: '#fdae6b' },
  concluida: { label: 'Concluida', color: '#41ab5d' },
};
const ESTATUS_PROPUESTA = PROPOSAL_STATUSES.map((value) => ({ value, ...ESTATUS_PROPUESTA_ESTILO[value] }));

// Report statuses and their labels are participation-reports.ts's; the catalog adds only the colour each is drawn
// with (the one palette packages/styles and every legend read), and a Record makes a missing status a type error.
const ESTATUS_REPORTE_COLOR: Record<ReportStatus, string> = {
  recibido: '#6baed6', en_revision: '#9e9ac8', en_atencion: '#fd8d3c', atendido: '#31a354', rechazado: '#969696',
};
const ESTATUS_REPORTE = REPORT_STATUSES.map((value) => ({ value, label: REPORT_STATUS_LABELS[value], color: ESTATUS_REPORTE_COLOR[value] }));

/** Settlement types of colonias (INEGI / catastro vocabulary), as people read them. */
const TIPOS_ASENTAMIENTO = [
  { value: 'colonia', label: 'Colonia', labelEn: 'Neighbourhood' },
  { value: 'fraccionamiento', label: 'Fraccionamiento', labelEn: 'Housing development' },
  { value: 'unidad_habitacional', label: 'Unidad habitacional', labelEn: 'Housing estate' },
  { value: 'barrio', label: 'Barrio', labelEn: 'Quarter' },
  { value: 'pueblo', label: 'Pueblo', labelEn: 'Village' },
] as const;

/** Kinds of participation process (the CHECK of partic.processes.tipo). */
const TIPOS_PROCESO = [
  { value: 'presupuesto_participativo', label: 'Presupuesto participativo', labelEn: 'Participatory budget' },
  { value: 'consulta', label: 'Consulta ciudadana', labelEn: 'Public consultation' },
] as const;

const CLASES_VIALIDAD = [
  { value: 'carretera', label: 'Carretera', color: '#e8a33d' },
  { value: 'primaria', label: 'Vialidad primaria', color: '#f3c97a' },
  { value: 'secundaria', label: 'Vialidad secundaria', color: '#ffffff' },
  { value: 'local', label: 'Calle local', color: '#ffffff' },
  { value: 'peatonal', label: 'Peatonal', color: '#d9d0c1' },
] as const;

/** Polygon layers share one generalisation ladder: coarse at low zoom, vertex-exact from z14. */
const POLYGON_LADDER: ReadonlyArray<Generalisation> = [
  { maxzoom: 9, simplifyPx: 1, minAreaPx: 1 },
  { maxzoom: 11, simplifyPx: 0.75, minAreaPx: 0.5 },
  { maxzoom: 13, simplifyPx: 0.5, minAreaPx: 0.25 },
  { maxzoom: 15, simplifyPx: 0.25 },
];

/** Name of the source layer holding a polygon layer's label points. */
export const labelPointsLayerId = (layerId: string) => `${layerId}_etiquetas`;

/** Every layer of the application, in panel order. */
export const LAYERS: ReadonlyArray<LayerDefinition> = [
  {
    id: 'municipio',
    titulo: 'Límite municipal',
    title: 'Municipal boundary',
    descripcion: 'Área geoestadística municipal con población y viviendas del Censo 2020.',
    group: 'cartografia',
    geometry: 'polygon',
    source: { relation: 'carto.municipio', table: 'carto.municipio', geometryColumn: 'geom', keyColumn: 'cvegeo', keyType: 'string', srid: 3857, versionKeys: ['municipio'] },
    properties: [
      { name: 'cvegeo', type: 'string', label: 'Clave geoestadística', labelEn: 'Geostatistical key' },
      { name: 'nombre', type: 'string', label: 'Municipio', labelEn: 'Municipality' },
      { name: 'pob', type: 'integer', label: 'Población total', labelEn: 'Population', unit: 'hab' },
      { name: 'viv', type: 'integer', label: 'Viviendas', labelEn: 'Dwellings' },
    ],
    minzoom: 0,
    maxzoom: 16,
    generalisation: [...POLYGON_LADDER.filter((g) => g.maxzoom <= 11), { maxzoom: 22, relation: 'carto.municipio_limite' }],
    style: { line: '#4a4a4a', lineWidth: 2, lineDash: [4, 2], label: 'nombre', visible: true, opacity: 1, order: 90 },
    attribution: 'INEGI',
    sourceNote: INEGI,
  },
  {
    id: 'localidades',
    titulo: 'Localidades',
    title: 'Localities',
    descripcion: 'Polígonos de localidades amanzanadas, urbanas y rurales.',
    group: 'cartografia',
    geometry: 'polygon',
    source: { relation: 'carto.localidades', table: 'carto.localidades', geometryColumn: 'geom', keyColumn: 'cvegeo', keyType: 'string', srid: 3857, versionKeys: ['localidades'] },
    properties: [
      { name: 'cvegeo', type: 'string', label: 'Clave geoestadística', labelEn: 'Geostatistical key' },
      { name: 'nombre', type: 'string', label: 'Localidad', labelEn: 'Locality' },
      { name: 'ambito', type: 'string', label: 'Ámbito', labelEn: 'Setting', filterable: true, values: [{ value: 'urbano', label: 'Urbano' }, { value: 'rural', label: 'Rural' }] },
      { name: 'pob', type: 'integer', label: 'Población total', labelEn: 'Population', unit: 'hab' },
      { name: 'viv', type: 'integer', label: 'Viviendas', labelEn: 'Dwellings' },
    ],
    minzoom: 6,
    maxzoom: 16,
    generalisation: POLYGON_LADDER,
    style: { labelPoints: true, fill: '#efe9dc', fillOpacity: 0.6, line: '#b5a88f', lineWidth: 1, label: 'nombre', labelMinzoom: 9, visible: true, opacity: 1, order: 10 },
    attribution: 'INEGI',
    sourceNote: INEGI,
  },
  {
    id: 'agebs',
    titulo: 'AGEB',
    title: 'Basic geostatistical areas (AGEB)',
    descripcion: 'Áreas geoestadísticas básicas: la unidad de los indicadores del censo.',
    group: 'estadisticas',
    geometry: 'polygon',
    source: { relation: 'carto.agebs', table: 'carto.agebs', geometryColumn: 'geom', keyColumn: 'cvegeo', keyType: 'string', srid: 3857, versionKeys: ['agebs'] },
    properties: [
      { name: 'cvegeo', type: 'string', label: 'Clave AGEB', labelEn: 'AGEB key' },
      { name: 'cve_loc', type: 'string', label: 'Clave de localidad', labelEn: 'Locality key', filterable: true },
      { name: 'cve_ageb', type: 'string', label: 'AGEB', labelEn: 'AGEB' },
      { name: 'ambito', type: 'string', label: 'Ámbito', labelEn: 'Setting', filterable: true, values: [{ value: 'urbano', label: 'Urbano' }, { value: 'rural', label: 'Rural' }] },
      { name: 'pob', type: 'integer', label: 'Población total', labelEn: 'Population', unit: 'hab' },
    ],
    minzoom: 8,
    maxzoom: 16,
    generalisation: POLYGON_LADDER,
    style: { fill: '#d9c9a3', fillOpacity: 0.15, line: '#8c6d46', lineWidth: 0.8, label: 'cve_ageb', labelMinzoom: 13, visible: false, opacity: 1, order: 20 },
    attribution: 'INEGI',
    sourceNote: INEGI,
  },
  {
    id: 'manzanas',
    titulo: 'Manzanas',
    title: 'City blocks',
    descripcion: 'Manzanas urbanas del Marco Geoestadístico con población y viviendas.',
    group: 'cartografia',
    geometry: 'polygon',
    source: { relation: 'carto.manzanas', table: 'carto.manzanas', geometryColumn: 'geom', keyColumn: 'cvegeo', keyType: 'string', srid: 3857, versionKeys: ['manzanas'] },
    properties: [
      { name: 'cvegeo', type: 'string', label: 'Clave de manzana', labelEn: 'Block key' },
      { name: 'cvegeo_ageb', type: 'string', label: 'AGEB', labelEn: 'AGEB', filterable: true },
      { name: 'pob', type: 'integer', label: 'Población total', labelEn: 'Population', unit: 'hab' },
      { name: 'viv', type: 'integer', label: 'Viviendas', labelEn: 'Dwellings' },
    ],
    // Blocks are sub-pixel below z13: the locality polygons stand in for them.
    minzoom: 14,
    maxzoom: 16,
    generalisation: [{ maxzoom: 14, simplifyPx: 0.25, minAreaPx: 0.5 }],
    style: { fill: '#e8e0d0', fillOpacity: 0.8, line: '#c9bda5', lineWidth: 0.5, visible: true, opacity: 1, order: 30 },
    attribution: 'INEGI',
    sourceNote: INEGI,
  },
  {
    id: 'colonias',
    titulo: 'Colonias',
    title: 'Neighbourhoods (colonias)',
    descripcion: 'Colonias, fraccionamientos y asentamientos con su código postal.',
    group: 'cartografia',
    geometry: 'polygon',
    source: { relation: 'carto.colonias', table: 'carto.colonias', geometryColumn: 'geom', keyColumn: 'cve_col', keyType: 'string', srid: 3857, versionKeys: ['colonias'] },
    properties: [
      { name: 'cve_col', type: 'string', label: 'Clave de colonia', labelEn: 'Neighbourhood key' },
      { name: 'nombre', type: 'string', label: 'Colonia', labelEn: 'Neighbourhood' },
      { name: 'tipo', type: 'string', label: 'Tipo de asentamiento', labelEn: 'Settlement type', filterable: true, values: TIPOS_ASENTAMIENTO },
      { name: 'cp', type: 'string', label: 'Código postal', labelEn: 'Postcode', filterable: true },
      { name: 'pob', type: 'integer', label: 'Población', labelEn: 'Population', unit: 'hab' },
    ],
    minzoom: 10,
    maxzoom: 16,
    generalisation: POLYGON_LADDER,
    style: { labelPoints: true, line: '#7a5c99', lineWidth: 1, fill: '#7a5c99', fillOpacity: 0.04, label: 'nombre', labelMinzoom: 14, visible: false, opacity: 1, order: 40 },
    attribution: 'IMPLAN / INE',
    sourceNote: 'Colonias del municipio (IMPLAN, catastro o INE según la fuente cargada).',
  },
  {
    id: 'vialidades',
    titulo: 'Vialidades',
    title: 'Streets',
    descripcion: 'Red vial con nombre y jerarquía (carretera, primaria, secundaria, local, peatonal).',
    group: 'cartografia',
    geometry: 'line',
    source: { relation: 'carto.vialidades', table: 'carto.vialidades', geometryColumn: 'geom', keyColumn: 'id', keyType: 'integer', srid: 3857, versionKeys: ['vialidades'] },
    properties: [
      { name: 'id', type: 'integer', label: 'Identificador', labelEn: 'Id', display: 'internal' },
      { name: 'nombre', type: 'string', label: 'Nombre', labelEn: 'Name' },
      { name: 'tipo', type: 'string', label: 'Tipo', labelEn: 'Type' },
      { name: 'clase', type: 'string', label: 'Jerarquía', labelEn: 'Class', filterable: true, values: CLASES_VIALIDAD },
    ],
    minzoom: 8,
    maxzoom: 16,
    // Up to z14 a street is one merged feature per name and class (carto.vialidades_trazos), not its segments.
    generalisation: [
      { maxzoom: 10, simplifyPx: 1, minLengthPx: 2, relation: 'carto.vialidades_trazos', where: [{ property: 'clase', op: 'in', value: ['carretera', 'primaria'] }] },
      { maxzoom: 12, simplifyPx: 0.5, minLengthPx: 1, relation: 'carto.vialidades_trazos', where: [{ property: 'clase', op: 'in', value: ['carretera', 'primaria', 'secundaria'] }] },
      { maxzoom: 13, simplifyPx: 0.25, relation: 'carto.vialidades_trazos' },
      { maxzoom: 14, relation: 'carto.vialidades_trazos' },
    ],
    style: { line: '#ffffff', lineWidth: 1.2, colorBy: 'clase', label: 'nombre', labelMinzoom: 15, visible: true, opacity: 1, order: 50 },
    attribution: 'INEGI / IMPLAN',
    sourceNote: 'Red vial (INEGI, Red Nacional de Caminos y Marco Geoestadístico; actualizaciones del IMPLAN).',
  },
  {
    id: 'equipamiento',
    titulo: 'Equipamiento urbano',
    title: 'Public facilities',
    descripcion: 'Escuelas, centros de salud, mercados, parques, deportivos y otros equipamientos.',
    group: 'cartografia',
    geometry: 'point',
    source: { relation: 'carto.equipamiento', table: 'carto.equipamiento', geometryColumn: 'geom', keyColumn: 'id', keyType: 'integer', srid: 3857, versionKeys: ['equipamiento'] },
    properties: [
      { name: 'id', type: 'integer', label: 'Identificador', labelEn: 'Id', display: 'internal' },
      { name: 'nombre', type: 'string', label: 'Nombre', labelEn: 'Name' },
      { name: 'tipo', type: 'string', label: 'Tipo', labelEn: 'Type', filterable: true, values: EQUIPAMIENTO_TIPOS },
      { name: 'subtipo', type: 'string', label: 'Subtipo', labelEn: 'Subtype' },
      { name: 'cve_col', type: 'string', label: 'Colonia', labelEn: 'Neighbourhood', filterable: true },
    ],
    minzoom: 10,
    maxzoom: 16,
    generalisation: [],
    cluster: { maxzoom: 13, radiusPx: 40 },
    style: { circle: '#1f78b4', circleRadius: 4, colorBy: 'tipo', label: 'nombre', labelMinzoom: 16, visible: false, opacity: 1, order: 60 },
    attribution: 'DENUE-INEGI / IMPLAN',
    sourceNote: 'Equipamiento urbano (DENUE de INEGI, SEP, Secretaría de Salud y registros municipales).',
  },
  {
    id: 'proyectos',
    titulo: 'Proyectos del Plan Municipal',
    title: 'Municipal plan projects',
    descripcion: 'Obras y proyectos del Plan Municipal de Desarrollo con su eje, programa, estatus y avance.',
    group: 'planeacion',
    geometry: 'mixed',
    source: { relation: 'plan.v_proyectos', table: 'plan.projects', geometryColumn: 'geom', keyColumn: 'id', keyType: 'integer', srid: 3857, versionKeys: ['proyectos'] },
    properties: [
      { name: 'id', type: 'integer', label: 'Identificador', labelEn: 'Id', display: 'internal' },
      { name: 'clave', type: 'string', label: 'Clave', labelEn: 'Code' },
      { name: 'nombre', type: 'string', label: 'Proyecto', labelEn: 'Project' },
      { name: 'eje_id', type: 'integer', label: 'Eje', labelEn: 'Axis', filterable: true },
      { name: 'eje', type: 'string', label: 'Eje del plan', labelEn: 'Plan axis' },
      { name: 'eje_color', type: 'string', label: 'Color del eje', labelEn: 'Axis colour' },
      { name: 'programa_id', type: 'integer', label: 'Programa (id)', labelEn: 'Programme id', filterable: true },
      { name: 'programa', type: 'string', label: 'Programa', labelEn: 'Programme' },
      { name: 'dependencia', type: 'string', label: 'Dependencia responsable', labelEn: 'Agency', filterable: true },
      { name: 'estatus', type: 'string', label: 'Estatus', labelEn: 'Status', filterable: true, values: ESTATUS_PROYECTO },
      { name: 'avance', type: 'number', label: 'Avance físico', labelEn: 'Progress', unit: '%' },
      { name: 'presupuesto_aprobado', type: 'number', label: 'Presupuesto aprobado', labelEn: 'Approved budget', unit: 'MXN' },
      { name: 'presupuesto_ejercido', type: 'number', label: 'Presupuesto ejercido', labelEn: 'Spent budget', unit: 'MXN' },
      { name: 'anio', type: 'integer', label: 'Año', labelEn: 'Year', filterable: true, display: 'year' },
      { name: 'fecha_inicio', type: 'date', label: 'Fecha de inicio', labelEn: 'Start date' },
      { name: 'fecha_fin', type: 'date', label: 'Fecha de término', labelEn: 'End date' },
      { name: 'cve_col', type: 'string', label: 'Colonia', labelEn: 'Neighbourhood', filterable: true },
    ],
    minzoom: 8,
    maxzoom: 16,
    generalisation: [{ maxzoom: 13, simplifyPx: 0.5 }],
    cluster: { maxzoom: 11, radiusPx: 48 },
    style: { circle: '#fd8d3c', circleRadius: 6, line: '#fd8d3c', lineWidth: 3, fill: '#fd8d3c', fillOpacity: 0.35, colorBy: 'estatus', label: 'nombre', labelMinzoom: 15, visible: true, opacity: 1, order: 70 },
    attribution: 'Ayuntamiento (PMD)',
    sourceNote: 'Cartera de proyectos del Plan Municipal de Desarrollo, capturada por las dependencias.',
  },
  {
    id: 'propuestas',
    titulo: 'Propuestas ciudadanas',
    title: 'Citizen proposals',
    descripcion: 'Propuestas del presupuesto participativo y de consultas, con su proceso, estatus y votos.',
    group: 'participacion',
    geometry: 'mixed',
    source: { relation: 'partic.v_propuestas', table: 'partic.proposals', geometryColumn: 'geom', keyColumn: 'id', keyType: 'integer', srid: 3857, versionKeys: ['propuestas'] },
    properties: [
      { name: 'id', type: 'integer', label: 'Identificador', labelEn: 'Id', display: 'internal' },
      { name: 'folio', type: 'string', label: 'Folio', labelEn: 'Reference' },
      { name: 'titulo', type: 'string', label: 'Propuesta', labelEn: 'Proposal' },
      { name: 'categoria', type: 'string', label: 'Categoría', labelEn: 'Category', filterable: true },
      { name: 'estatus', type: 'string', label: 'Estatus', labelEn: 'Status', filterable: true, values: ESTATUS_PROPUESTA },
      { name: 'votos', type: 'integer', label: 'Votos', labelEn: 'Votes' },
      { name: 'proceso', type: 'string', label: 'Proceso', labelEn: 'Process', filterable: true, lookup: 'participation-process' },
      { name: 'proceso_tipo', type: 'string', label: 'Tipo de proceso', labelEn: 'Process type', filterable: true, values: TIPOS_PROCESO },
      { name: 'anio', type: 'integer', label: 'Año', labelEn: 'Year', filterable: true, display: 'year' },
      { name: 'zona', type: 'string', label: 'Zona', labelEn: 'Zone', filterable: true },
      { name: 'project_id', type: 'integer', label: 'Proyecto vinculado', labelEn: 'Linked project' },
      { name: 'apoyos', type: 'integer', label: 'Apoyos', labelEn: 'Supports' },
      { name: 'proyecto_estatus', type: 'string', label: 'Estatus del proyecto', labelEn: 'Project status', values: ESTATUS_PROYECTO },
      { name: 'proyecto_avance', type: 'number', label: 'Avance del proyecto', labelEn: 'Project progress', unit: '%' },
    ],
    minzoom: 9,
    maxzoom: 16,
    generalisation: [{ maxzoom: 13, simplifyPx: 0.5 }],
    cluster: { maxzoom: 12, radiusPx: 40 },
    style: { circle: '#4292c6', circleRadius: 5, line: '#4292c6', lineWidth: 2, fill: '#4292c6', fillOpacity: 0.3, colorBy: 'estatus', label: 'titulo', labelMinzoom: 16, visible: false, opacity: 1, order: 80 },
    attribution: 'Participación ciudadana municipal',
    sourceNote: 'Propuestas registradas en los procesos de presupuesto participativo y consultas ciudadanas.',
  },
  {
    id: 'participacion_zonas',
    titulo: 'Zonas de participación',
    title: 'Participation zones',
    descripcion: 'Zonas de los procesos participativos con lista nominal, participantes y porcentaje de participación.',
    group: 'participacion',
    geometry: 'polygon',
    source: { relation: 'partic.v_zonas', table: 'partic.zones', geometryColumn: 'geom', keyColumn: 'id', keyType: 'integer', srid: 3857, versionKeys: ['participacion_zonas'] },
    properties: [
      { name: 'id', type: 'integer', label: 'Identificador', labelEn: 'Id', display: 'internal' },
      { name: 'clave', type: 'string', label: 'Clave de zona', labelEn: 'Zone code' },
      { name: 'nombre', type: 'string', label: 'Zona', labelEn: 'Zone' },
      { name: 'proceso', type: 'string', label: 'Proceso', labelEn: 'Process', filterable: true, lookup: 'participation-process' },
      { name: 'anio', type: 'integer', label: 'Año', labelEn: 'Year', filterable: true, display: 'year' },
      { name: 'lista_nominal', type: 'integer', label: 'Lista nominal', labelEn: 'Registered voters' },
      { name: 'participantes', type: 'integer', label: 'Participantes', labelEn: 'Participants' },
      { name: 'votos_validos', type: 'integer', label: 'Votos válidos', labelEn: 'Valid votes' },
      { name: 'votos_nulos', type: 'integer', label: 'Votos nulos', labelEn: 'Null votes' },
      { name: 'participacion', type: 'number', label: 'Participación', labelEn: 'Turnout', unit: '%' },
      { name: 'propuesta_ganadora', type: 'integer', label: 'Propuesta ganadora (id)', labelEn: 'Winning proposal id' },
      { name: 'ganadora', type: 'string', label: 'Propuesta ganadora', labelEn: 'Winning proposal' },
    ],
    minzoom: 9,
    maxzoom: 16,
    generalisation: POLYGON_LADDER,
    style: { fill: '#fdae6b', fillOpacity: 0.35, fillUnderStreets: true, line: '#e6550d', lineWidth: 1, label: 'nombre', labelMinzoom: 12, visible: false, opacity: 1, order: 85 },
    attribution: 'Participación ciudadana municipal',
    sourceNote: 'Zonas y resultados de los procesos participativos (cómputos oficiales del proceso).',
  },
  {
    id: 'reportes',
    titulo: 'Reportes ciudadanos',
    title: 'Citizen reports',
    descripcion: 'Reportes de la ciudadanía (baches, alumbrado, basura, fugas, banquetas…) ya moderados, con su estatus.',
    group: 'participacion',
    geometry: 'point',
    // A view of approved reports with public columns only: names, emails, phones and IPs live in another table.
    source: { relation: 'partic.v_reportes', table: 'partic.reportes', geometryColumn: 'geom', keyColumn: 'id', keyType: 'integer', srid: 3857, versionKeys: ['reportes'] },
    properties: [
      { name: 'id', type: 'integer', label: 'Identificador', labelEn: 'Id', display: 'internal' },
      { name: 'folio', type: 'string', label: 'Folio', labelEn: 'Reference' },
      { name: 'fecha', type: 'date', label: 'Fecha del reporte', labelEn: 'Report date' },
      { name: 'categoria', type: 'string', label: 'Categoría', labelEn: 'Category', filterable: true },
      { name: 'categoria_nombre', type: 'string', label: 'Tipo de problema', labelEn: 'Problem type' },
      { name: 'estatus', type: 'string', label: 'Estatus', labelEn: 'Status', filterable: true, values: ESTATUS_REPORTE },
      { name: 'nota_publica', type: 'string', label: 'Nota', labelEn: 'Note' },
      { name: 'dependencia', type: 'string', label: 'Dependencia', labelEn: 'Agency', filterable: true },
      { name: 'atendido', type: 'boolean', label: 'Atendido', labelEn: 'Attended', filterable: true },
      { name: 'material', type: 'string', label: 'Material', labelEn: 'Surface' },
    ],
    minzoom: 9,
    maxzoom: 16,
    generalisation: [],
    cluster: { maxzoom: 13, radiusPx: 40 },
    style: { circle: '#756bb1', circleRadius: 5, colorBy: 'estatus', label: 'categoria_nombre', labelMinzoom: 17, visible: false, opacity: 1, order: 95 },
    attribution: 'Reportes ciudadanos del municipio',
    sourceNote: 'Reportes de la ciudadanía a la plataforma municipal y a las anteriores (p. ej. Bachómetro del Ayuntamiento de Hermosillo); se publican después de moderarse.',
  },
];

/** Named sets of layers served together as one multi-layer tile and archive. Ids never clash with layer ids. */
export const TILESETS: Record<string, { titulo: string; layers: ReadonlyArray<string> }> = {
  cartografia: { titulo: 'Cartografía municipal', layers: ['municipio', 'localidades', 'agebs', 'manzanas', 'colonias', 'vialidades', 'equipamiento'] },
  basemap: { titulo: 'Mapa base', layers: ['municipio', 'localidades', 'colonias', 'manzanas', 'vialidades', 'equipamiento'] },
};

/** Returns the catalog entry with this id, or undefined. */
export function findLayer(id: string): LayerDefinition | undefined {
  return LAYERS.find((l) => l.id === id);
}

/** Returns the layers of a tileset, or undefined when no tileset has this id. */
export function tilesetLayers(id: string): LayerDefinition[] | undefined {
  const set = Object.hasOwn(TILESETS, id) ? TILESETS[id] : undefined;
  return set?.layers.map((l) => findLayer(l)!);
}

/** Splits 'schema.table' into its two parts. */
export function splitQualified(name: string): { schema: string; name: string } {
  const i = name.indexOf('.');
  if (i <= 0) throw new Error(`nombre sin esquema: ${name}`);
  return { schema: name.slice(0, i), name: name.slice(i + 1) };
}

/** The fields a client may see of a layer (what GET /api/layers returns, minus runtime state). */
export type PublicLayer = Omit<LayerDefinition, 'source' | 'generalisation' | 'filters'> & {
  keyColumn: string;
  tiles: string;
  tilejson: string;
};

/** Strips server-only details (tables, SQL filters) from a catalog entry. */
export function publicLayer(l: LayerDefinition): PublicLayer {
  const { source, generalisation: _g, filters: _f, ...rest } = l;
  return { ...rest, keyColumn: source.keyColumn, tiles: `/tiles/${l.id}/{z}/{x}/{y}.mvt`, tilejson: `/tiles/${l.id}.json` };
}

/** The data set a layer's rows came from (meta.datasets): shown beside the layer, and `demo` labels fiction. */
export const LayerDataset = Type.Object({
  id: Type.String(),
  nombre: Type.String(),
  fuente: Type.String(),
  fecha: Type.String(),
  demo: Type.Boolean({ description: 'Datos ficticios de demostración' }),
});
export type LayerDataset = Static<typeof LayerDataset>;

/** One entry of GET /api/layers: the public catalog entry (its style, properties, legend… kept as they are) plus state. */
export const LayerCatalogEntry = Type.Object(
  {
    id: Type.String(),
    titulo: Type.String(),
    title: Type.String(),
    group: Type.String(),
    geometry: Type.String(),
    minzoom: Type.Integer(),
    maxzoom: Type.Integer(),
    keyColumn: Type.String(),
    tiles: Type.String(),
    tilejson: Type.String(),
    version: Type.Integer({ description: 'Versión de los datos de la capa (sube con cada edición o carga)' }),
    dataset: Nullable(LayerDataset),
  },
  { additionalProperties: true },
);

/** GET /api/layers: groups of the layer panel, tilesets and every catalog layer with its data version and source. */
export const LayerCatalog = Type.Object({
  groups: Type.Array(Type.Object({ id: Type.String(), titulo: Type.String(), title: Type.String(), orden: Type.Integer() })),
  tilesets: Type.Array(Type.Object({ id: Type.String(), titulo: Type.String(), layers: Type.Array(Type.String()), tiles: Type.String(), tilejson: Type.String() })),
  layers: Type.Array(LayerCatalogEntry),
});
/** The catalog entry's full type: the schema passes the rest of PublicLayer through (additionalProperties). */
export type LayerCatalogEntry = PublicLayer & { version: number; dataset: LayerDataset | null };
export type LayerCatalog = Omit<Static<typeof LayerCatalog>, 'layers'> & { layers: LayerCatalogEntry[] };

