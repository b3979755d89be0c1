import type { ColumnSpec } from './fields.ts';

/** The layers the importer writes. */
export const LAYER_NAMES = [
  'municipio', 'localidades', 'agebs', 'manzanas', 'colonias', 'vialidades', 'equipamiento',
  'projects', 'proposals', 'indicators', 'reportes',
] as const;
export type LayerName = (typeof LAYER_NAMES)[number];

export type KeySpec =
  | { kind: 'cvegeo'; length: 5 | 9 | 13 | 16 }
  | { kind: 'text'; names: readonly string[]; required: boolean };

/** How a file maps onto one table: its key, its geometry and its columns. */
export interface LayerSpec {
  name: Exclude<LayerName, 'indicators'>;
  table: string;
  key: KeySpec;
  geometry: 'polygon' | 'line' | 'point' | 'any';
  columns: readonly ColumnSpec[];
  /** Cartography is replaced as a whole; projects and proposals are updated by key. */
  mode: 'replace' | 'upsert';
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

const EQUIP_TIPOS = ['educacion', 'salud', 'abasto', 'areas_verdes', 'deporte', 'cultura', 'gobierno', 'seguridad', 'transporte', 'otro'];
const fold = (s: string) => s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/\s+/g, '_');
const CLASES = ['carretera', 'primaria', 'secundaria', 'local', 'peatonal'];
const ESTATUS_PROYECTO = ['planeado', 'en_proceso', 'concluido', 'suspendido', 'cancelado'];
const ESTATUS_PROPUESTA = ['registrada', 'viable', 'no_viable', 'ganadora', 'en_ejecucion', 'concluida'];
const oneOf = (list: string[], fallback?: string) => (s: string) => (list.includes(fold(s)) ? fold(s) : fallback ?? null);
const material = (s: string) => ({ '1': 'asfalto', '2': 'concreto' } as Record<string, string>)[s] ?? s.toLowerCase();

/** Every importable layer except indicators (which have no geometry and their own module). */
export const LAYERS: Record<LayerSpec['name'], LayerSpec> = {
  municipio: {
    name: 'municipio', table: 'carto.municipio', key: { kind: 'cvegeo', length: 5 }, geometry: 'polygon', mode: 'replace',
    columns: [
      { name: 'nombre', from: ['nom_agem', 'nom_mun', 'nomgeo', 'nombre', 'municipio'], type: 'text', required: true },
      { name: 'pob', from: POB, type: 'int' },
      { name: 'viv', from: VIV, type: 'int' },
    ],
  },
  localidades: {
    name: 'localidades', table: 'carto.localidades', key: { kind: 'cvegeo', length: 9 }, geometry: 'polygon', mode: 'replace',
    columns: [
      { name: 'nombre', from: ['nom_loc', 'nomgeo', 'nombre', 'localidad'], type: 'text', required: true },
      { name: 'ambito', from: ['ambito', 'tipo'], type: 'text', map: ambito },
      { name: 'pob', from: POB, type: 'int' },
      { name: 'viv', from: VIV, type: 'int' },
    ],
  },
  agebs: {
    name: 'agebs', table: 'carto.agebs', key: { kind: 'cvegeo', length: 13 }, geometry: 'polygon', mode: 'replace',
    columns: [
      { name: 'ambito', from: ['ambito'], type: 'text', map: ambito },
      { name: 'pob', from: POB, type: 'int' },
    ],
  },
  manzanas: {
    name: 'manzanas', table: 'carto.manzanas', key: { kind: 'cvegeo', length: 16 }, geometry: 'polygon', mode: 'replace',
    columns: [
      { name: 'pob', from: POB, type: 'int' },
      { name: 'viv', from: VIV, type: 'int' },
    ],
  },
  colonias: {
    name: 'colonias', table: 'carto.colonias', key: { kind: 'text', names: ['cve_col', 'clave', 'cve_colonia', 'id_colonia', 'cvecol'], required: true },
    geometry: 'polygon', mode: 'replace',
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
    name: 'vialidades', table: 'carto.vialidades', key: { kind: 'text', names: [], required: false }, geometry: 'line', mode: 'replace',
    columns: [
      { name: 'nombre', from: ['nomvial', 'nombre', 'name', 'nom_vial'], type: 'text' },
      { name: 'tipo', from: ['tipovial', 'tipo', 'tipo_vial'], type: 'text' },
      { name: 'clase', from: ['clase', 'jerarquia'], type: 'text', map: oneOf(CLASES, 'local') },
    ],
  },
  equipamiento: {
    name: 'equipamiento', table: 'carto.equipamiento', key: { kind: 'text', names: [], required: false }, geometry: 'point', mode: 'replace',
    columns: [
      { name: 'nombre', from: ['nombre', 'nom_estab', 'name'], type: 'text', required: true },
      { name: 'tipo', from: ['tipo', 'categoria'], type: 'text', map: oneOf(EQUIP_TIPOS, 'otro') },
      { name: 'subtipo', from: ['subtipo', 'clase', 'nombre_act'], type: 'text' },
      { name: 'cve_col', from: ['cve_col'], type: 'text' },
    ],
  },
  projects: {
    name: 'projects', table: 'plan.projects', key: { kind: 'text', names: ['clave', 'folio', 'id_proyecto'], required: true }, geometry: 'any', mode: 'upsert',
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
  proposals: {
    name: 'proposals', table: 'partic.proposals', key: { kind: 'text', names: ['folio', 'clave'], required: true }, geometry: 'any', mode: 'upsert',
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
    name: 'reportes', table: 'partic.reportes', key: { kind: 'text', names: ['id', 'folio', 'id_reporte'], required: false }, geometry: 'point', mode: 'replace',
    columns: [
      { name: 'fecha', from: ['fecha', 'date', 'fecha_reporte'], type: 'date' },
      { name: 'tipo', from: ['tipo', 'categoria'], type: 'text' },
      { name: 'material', from: ['material'], type: 'text', map: material },
      { name: 'atendido', from: ['atendido', 'resuelto'], type: 'bool' },
      { name: 'colonias_fuente', from: ['colonias_bachometro', 'colonias', 'colonia'], type: 'text' },
    ],
  },
};
