// The importer's view of the layer catalog (packages/domain/src/layers.ts): which catalog layers a file can feed
// and how a file's columns map onto each one's table. Ids, tables and geometry kinds come from the catalog;
// only what the catalog cannot know — the names municipalities give their columns — is written here.
import { LAYERS as CATALOG, TILESETS, type LayerDefinition } from '@sigmun/domain/layers';
import { PROPOSAL_STATUSES } from '@sigmun/domain/participation';
import { PROJECT_STATUSES } from '@sigmun/domain/projects';
import type { ColumnSpec } from './fields.ts';

export type KeySpec =
  | { kind: 'cvegeo'; length: 5 | 9 | 13 | 16 }
  | { kind: 'text'; names: readonly string[]; required: boolean };

/** What the catalog cannot say about importing a layer: its key, its columns' source names, how it is written. */
interface ImportMapping {
  key: KeySpec;
  columns: readonly ColumnSpec[];
  /** Cartography is replaced as a whole; projects and proposals are updated by key. */
  mode: 'replace' | 'upsert';
  /** The rows of the table an import replaces, when not all of them (a fixed SQL predicate). */
  owns?: string;
}

/** How a file maps onto one catalog layer's table: its key, its geometry and its columns. */
export interface LayerSpec extends ImportMapping {
  name: ImportableLayer;
  /** The catalog's `source.table`, schema-qualified. */
  table: string;
  geometry: 'polygon' | 'line' | 'point' | 'any';
  /** The catalog entry itself. */
  layer: LayerDefinition;
}

const POB = ['pob', 'pob_tot', 'pobtot', 'poblacion', 'poblacion_total', 'pob_total'];
const VIV = ['viv', 'vivtot', 'viv_tot', 'viviendas', 'tvivhab', 'viviendas_totales'];

const ambito = (s: string) => {
  const v = s.toLowerCase();
  return v.startsWith('u') ? 'urbano' : v.startsWith('r') ? 'rural' : null;
};

// A postal code stored as a number (83104.0) or text ("3100") keeps five digits.
const cp = (s: string) => {
  const m = /^(\d{1,5})(\.0+)?$/.exec(s);
  return m ? m[1].padStart(5, '0') : null;
};

/** The closed values of a catalog property (statuses, types, classes): one list, the catalog's. */
const catalogValues = (layer: string, property: string): string[] =>
  (CATALOG.find((l) => l.id === layer)?.properties.find((p) => p.name === property)?.values ?? []).map((v) => String(v.value));

const EQUIP_TIPOS = catalogValues('equipamiento', 'tipo');
const fold = (s: string) => s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/\s+/g, '_');
const CLASES = catalogValues('vialidades', 'clase');
const ESTATUS_PROYECTO: readonly string[] = PROJECT_STATUSES;
const ESTATUS_PROPUESTA: readonly string[] = PROPOSAL_STATUSES;
const oneOf = (list: readonly string[], fallback?: string) => (s: string) => (list.includes(fold(s)) ? fold(s) : fallback ?? null);
const material = (s: string) => ({ '1': 'asfalto', '2': 'concreto' } as Record<string, string>)[s] ?? s.toLowerCase();

/** The import mapping of every importable catalog layer, keyed by catalog id. */
const MAPPINGS = {
  municipio: {
    key: { kind: 'cvegeo', length: 5 }, mode: 'replace',
    columns: [
      { name: 'nombre', from: ['nom_agem', 'nom_mun', 'nomgeo', 'nombre', 'municipio'], type: 'text', required: true },
      { name: 'pob', from: POB, type: 'int' },
      { name: 'viv', from: VIV, type: 'int' },
    ],
  },
  localidades: {
    key: { kind: 'cvegeo', length: 9 }, mode: 'replace',
    columns: [
      { name: 'nombre', from: ['nom_loc', 'nomgeo', 'nombre', 'localidad'], type: 'text', required: true },
      { name: 'ambito', from: ['ambito', 'tipo'], type: 'text', map: ambito },
      { name: 'pob', from: POB, type: 'int' },
      { name: 'viv', from: VIV, type: 'int' },
    ],
  },
  agebs: {
    key: { kind: 'cvegeo', length: 13 }, mode: 'replace',
    columns: [
      { name: 'ambito', from: ['ambito'], type: 'text', map: ambito },
      { name: 'pob', from: POB, type: 'int' },
    ],
  },
  manzanas: {
    key: { kind: 'cvegeo', length: 16 }, mode: 'replace',
    columns: [
      { name: 'pob', from: POB, type: 'int' },
      { name: 'viv', from: VIV, type: 'int' },
    ],
  },
  colonias: {
    key: { kind: 'text', names: ['cve_col', 'clave', 'cve_colonia', 'id_colonia', 'cvecol'], required: true },
    mode: 'replace',
    columns: [
      { name: 'nombre', from: ['nom_col', 'nombre', 'colonia', 'nom_asen', 'nomcol'], type: 'text', required: true },
      { name: 'tipo', from: ['tipo', 'tipo_asen', 'tipo_col'], type: 'text' },
      { name: 'cve_ent', from: ['cve_ent'], type: 'text' },
      { name: 'cve_mun', from: ['cve_mun'], type: 'text' },
      { name: 'cve_loc', from: ['cve_loc'], type: 'text' },
      { name: 'cp', from: ['cp', 'codigo_postal', 'd_cp'], type: 'text', map: cp },
      { name: 'pob', from: POB, type: 'int' },
    ],
  },
  vialidades: {
    key: { kind: 'text', names: [], required: false }, mode: 'replace',
    columns: [
      { name: 'nombre', from: ['nomvial', 'nombre', 'name', 'nom_vial'], type: 'text' },
      { name: 'tipo', from: ['tipovial', 'tipo', 'tipo_vial'], type: 'text' },
      { name: 'clase', from: ['clase', 'jerarquia'], type: 'text', map: oneOf(CLASES, 'local') },
    ],
  },
  equipamiento: {
    key: { kind: 'text', names: [], required: false }, mode: 'replace',
    columns: [
      { name: 'nombre', from: ['nombre', 'nom_estab', 'name'], type: 'text', required: true },
      { name: 'tipo', from: ['tipo', 'categoria'], type: 'text', map: oneOf(EQUIP_TIPOS, 'otro') },
      { name: 'subtipo', from: ['subtipo', 'clase', 'nombre_act'], type: 'text' },
      { name: 'cve_col', from: ['cve_col'], type: 'text' },
    ],
  },
  proyectos: {
    key: { kind: 'text', names: ['clave', 'folio', 'id_proyecto'], required: true }, mode: 'upsert',
    columns: [
      { name: 'nombre', from: ['nombre', 'proyecto'], type: 'text', required: true },
      { name: 'descripcion', from: ['descripcion'], type: 'text' },
      { name: 'programa', from: ['programa', 'clave_programa', 'programa_clave'], type: 'text', required: true },
      { name: 'dependencia', from: ['dependencia', 'responsable'], type: 'text', required: true },
      { name: 'estatus', from: ['estatus', 'estado'], type: 'text', map: oneOf(ESTATUS_PROYECTO) },
      { name: 'avance', from: ['avance', 'avance_pct'], type: 'float' },
      { name: 'presupuesto_aprobado', from: ['presupuesto_aprobado', 'presupuesto'], type: 'float' },
      { name: 'presupuesto_ejercido', from: ['presupuesto_ejercido', 'ejercido'], type: 'float' },
      { name: 'fecha_inicio', from: ['fecha_inicio', 'inicio'], type: 'date' },
      { name: 'fecha_fin', from: ['fecha_fin', 'fin'], type: 'date' },
      { name: 'anio', from: ['anio', 'año', 'ejercicio'], type: 'int', required: true },
      { name: 'cve_col', from: ['cve_col'], type: 'text' },
    ],
  },
  propuestas: {
    key: { kind: 'text', names: ['folio', 'clave'], required: true }, mode: 'upsert',
    columns: [
      { name: 'proceso', from: ['proceso', 'clave_proceso', 'proceso_clave'], type: 'text', required: true },
      { name: 'titulo', from: ['titulo', 'nombre', 'propuesta'], type: 'text', required: true },
      { name: 'descripcion', from: ['descripcion'], type: 'text' },
      { name: 'categoria', from: ['categoria', 'tema'], type: 'text', required: true },
      { name: 'estatus', from: ['estatus', 'estado'], type: 'text', map: oneOf(ESTATUS_PROPUESTA) },
      { name: 'votos', from: ['votos'], type: 'int' },
    ],
  },
  reportes: {
    key: { kind: 'text', names: ['id', 'folio', 'id_reporte'], required: false }, mode: 'replace',
    // Only imported reports: what citizens sent through the platform (canal web/open311) survives a re-import.
    owns: "canal = 'importacion'",
    columns: [
      { name: 'fecha', from: ['fecha', 'date', 'fecha_reporte'], type: 'date' },
      { name: 'tipo', from: ['tipo', 'categoria'], type: 'text' },
      { name: 'material', from: ['material'], type: 'text', map: material },
      { name: 'atendido', from: ['atendido', 'resuelto'], type: 'bool' },
      { name: 'colonias_fuente', from: ['colonias_bachometro', 'colonias', 'colonia'], type: 'text' },
    ],
  },
} satisfies Record<string, ImportMapping>;

/** A catalog layer a file can be imported into. */
export type ImportableLayer = keyof typeof MAPPINGS;
/** What `--layer` / `layer` names: an importable catalog layer, or the indicator tables (no geometry). */
export type LayerName = ImportableLayer | 'indicators';

const GEOMETRY: Record<LayerDefinition['geometry'], LayerSpec['geometry']> = { polygon: 'polygon', line: 'line', point: 'point', mixed: 'any' };

function specOf(id: ImportableLayer): LayerSpec {
  const layer = CATALOG.find((l) => l.id === id);
  if (!layer) throw new Error(`La capa de importación «${id}» no está en el catálogo (packages/domain/src/layers.ts)`);
  return { ...MAPPINGS[id], name: id, table: layer.source.table, geometry: GEOMETRY[layer.geometry], layer };
}

/** Every importable layer except indicators (which have no geometry and their own module), from the catalog. */
export const LAYERS = Object.fromEntries((Object.keys(MAPPINGS) as ImportableLayer[]).map((id) => [id, specOf(id)])) as Record<ImportableLayer, LayerSpec>;

/** The layers the importer writes, in catalog order, then indicators. */
export const LAYER_NAMES: readonly LayerName[] = [
  ...CATALOG.map((l) => l.id).filter((id): id is ImportableLayer => Object.hasOwn(MAPPINGS, id)),
  'indicators',
];

/** Other names users type for a layer: the importer's former English ids, singulars, the Spanish word. */
export const LAYER_ALIASES = {
  projects: 'proyectos', proyecto: 'proyectos',
  proposals: 'propuestas', propuesta: 'propuestas',
  indicadores: 'indicators', indicador: 'indicators',
  ageb: 'agebs', localidad: 'localidades', manzana: 'manzanas', colonia: 'colonias',
  vialidad: 'vialidades', equipamientos: 'equipamiento', reporte: 'reportes',
  limite_municipal: 'municipio', municipios: 'municipio',
} as const satisfies Record<string, LayerName>;
export type LayerAlias = keyof typeof LAYER_ALIASES;

/** The layer a user-typed name means (catalog id or alias, any case, accents ignored), or undefined. */
export function resolveLayer(name: string | undefined): LayerName | undefined {
  if (!name) return undefined;
  const k = name.trim().toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[\s-]+/g, '_');
  if ((LAYER_NAMES as readonly string[]).includes(k)) return k as LayerName;
  return Object.hasOwn(LAYER_ALIASES, k) ? LAYER_ALIASES[k as LayerAlias] : undefined;
}

/** Whether a layer is municipal cartography (the catalog's `cartografia` tileset), replaced as a whole by an import. */
export const isCartography = (l: string): boolean => TILESETS.cartografia.layers.includes(resolveLayer(l) ?? l);

/** A catalog table name as SQL (each part double-quoted). */
export const sqlTable = (qualified: string) => qualified.split('.').map((p) => `"${p.replace(/"/g, '""')}"`).join('.');
