// The generated municipality as plain rows, ready for loadDemo. Geometry is WKT in EPSG:3857.

/** Definition of a census-style indicator (mirrors stats.indicators). */
export interface DemoIndicator {
  code: string;
  nombre: string;
  descripcion: string;
  tema: string;
  unidad: string;
  fuente: string;
  niveles: string[];
  anios: number[];
  agregacion: 'sum' | 'mean' | 'ratio';
  numerador: string | null;
  denominador: string | null;
  decimales: number;
  mayor_es_mejor: boolean | null;
}

/** stats.indicator_values in columns: millions of rows at scale 10 would not fit well as objects. */
export interface DemoValues {
  indicator: string[];
  nivel: string[];
  clave: string[];
  anio: number[];
  valor: (number | null)[];
  flag: (string | null)[];
}

export interface DemoMunicipality {
  seed: number;
  scale: number;
  /** ISO date the data is generated for (the open process's windows surround it). */
  loadDate: string;
  nombre: string;
  municipio: { cvegeo: string; cve_ent: string; cve_mun: string; nombre: string; pob: number; viv: number; geom: string };
  /** Localidad, AGEB and colonia polygons are the union of their manzanas' cells (built in SQL on load). */
  localidades: { cvegeo: string; cve_loc: string; nombre: string; ambito: 'urbano' | 'rural'; pob: number; viv: number }[];
  agebs: { cvegeo: string; cve_loc: string; cve_ageb: string; ambito: 'urbano' | 'rural'; pob: number }[];
  colonias: { cve_col: string; nombre: string; tipo: string; cvegeo_loc: string; cp: string; pob: number }[];
  /** geom: the block (inset from the streets); cell: the block plus half of its streets, for unions. */
  manzanas: { cvegeo: string; cvegeo_ageb: string; cve_mza: string; cve_col: string; pob: number; viv: number; geom: string; cell: string }[];
  vialidades: { id: number; nombre: string; tipo: string; clase: string; source: number; target: number; longitud_m: number; geom: string }[];
  equipamiento: { id: number; nombre: string; tipo: string; subtipo: string; cve_col: string; geom: string }[];
  indicators: DemoIndicator[];
  values: DemoValues;
  ejes: { id: number; nombre: string; descripcion: string; color: string }[];
  programas: { id: number; eje_id: number; clave: string; nombre: string }[];
  projects: {
    id: number; clave: string; nombre: string; descripcion: string; programa_id: number; dependencia: string;
    estatus: string; avance: number; presupuesto_aprobado: number; presupuesto_ejercido: number;
    fecha_inicio: string; fecha_fin: string; anio: number; cve_col: string | null; geom: string;
  }[];
  progress: { project_id: number; fecha: string; avance: number; presupuesto_ejercido: number; nota: string }[];
  documents: { titulo: string; tipo: string; url: string; fecha: string; project_id: number | null; area_nivel: string | null; area_clave: string | null }[];
  processes: {
    id: number; clave: string; nombre: string; tipo: string; anio: number; fecha_inicio: string; fecha_fin: string; presupuesto: number; descripcion: string;
    /** Windows in which the process receives proposals and supports (null: never; the past processes). */
    propuestas_desde: string | null; propuestas_hasta: string | null; apoyos_desde: string | null; apoyos_hasta: string | null;
  }[];
  /** Zone polygons are the union of the listed colonias (built in SQL on load). */
  zones: { id: number; process_id: number; clave: string; nombre: string; colonias: string[] }[];
  proposals: {
    id: number; process_id: number; zone_id: number; folio: string; titulo: string; descripcion: string;
    categoria: string; estatus: string; votos: number; project_id: number | null; geom: string;
  }[];
  results: {
    process_id: number; zone_id: number; lista_nominal: number; participantes: number; votos_validos: number;
    votos_nulos: number; propuesta_ganadora: number | null;
  }[];
}
