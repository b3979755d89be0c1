// The Plan Municipal de Desarrollo: 5 ejes, 20 programas and their projects, each placed on the map as a point
// (a facility), a line (a stretch of street) or a polygon (a block, a park), with status, progress and budget
// consistent with each other at the cut-off date.
import { DEPENDENCIAS } from './names.ts';
import { clamp } from './noise.ts';
import { Rng } from './prng.ts';
import type { Pt } from './geo.ts';
import type { DemoMunicipality } from './types.ts';

/** The date the demo's figures are "as of": statuses and progress histories stop here. */
export const FECHA_CORTE = '2025-06-30';

export const EJES: DemoMunicipality['ejes'] = [
  { id: 1, nombre: 'Ciudad ordenada y sustentable', descripcion: 'Infraestructura, espacio público, agua y movilidad para un crecimiento ordenado.', color: '#2e7d32' },
  { id: 2, nombre: 'Seguridad y convivencia', descripcion: 'Prevención del delito, alumbrado, protección civil y convivencia vecinal.', color: '#1565c0' },
  { id: 3, nombre: 'Desarrollo social incluyente', descripcion: 'Educación, salud, vivienda y deporte para reducir desigualdades.', color: '#c62828' },
  { id: 4, nombre: 'Economía y empleo', descripcion: 'Mercados, centro histórico, emprendimiento y turismo.', color: '#ef6c00' },
  { id: 5, nombre: 'Gobierno abierto y eficiente', descripcion: 'Participación ciudadana, gobierno digital, transparencia y finanzas sanas.', color: '#6a1b9a' },
];

export type GeomKind = 'street' | 'avenue' | 'block' | 'park' | 'facility' | 'centre_street';

interface ProgramaDef { eje: number; nombre: string; dependencia: string; kind: GeomKind; facility?: string[]; titles: string[]; budget: [number, number] }

export const PROGRAMAS: ProgramaDef[] = [
  { eje: 1, nombre: 'Pavimentación y rehabilitación de vialidades', dependencia: 'Secretaría de Obras Públicas', kind: 'street', titles: ['Pavimentación con concreto hidráulico de {calle}', 'Rehabilitación de carpeta asfáltica en {calle}', 'Construcción de guarniciones y banquetas en {calle}'], budget: [1.2e6, 18e6] },
  { eje: 1, nombre: 'Parques y espacios públicos', dependencia: 'Dirección de Desarrollo Urbano', kind: 'park', titles: ['Rehabilitación del {lugar}', 'Construcción de juegos infantiles y andadores en el {lugar}', 'Reforestación del {lugar}'], budget: [0.6e6, 9e6] },
  { eje: 1, nombre: 'Agua potable y drenaje', dependencia: 'Organismo Operador de Agua Potable', kind: 'street', titles: ['Sustitución de red de agua potable en {calle}', 'Ampliación de red de drenaje sanitario en {calle}', 'Colector pluvial en {calle}'], budget: [0.9e6, 22e6] },
  { eje: 1, nombre: 'Movilidad y ciclovías', dependencia: 'Dirección de Movilidad', kind: 'avenue', titles: ['Ciclovía confinada en {calle}', 'Corredor de transporte público en {calle}', 'Cruces seguros y semaforización en {calle}'], budget: [2e6, 35e6] },
  { eje: 2, nombre: 'Alumbrado público', dependencia: 'Dirección de Servicios Públicos', kind: 'street', titles: ['Modernización del alumbrado público LED en {calle}', 'Alumbrado peatonal en {calle}'], budget: [0.4e6, 6e6] },
  { eje: 2, nombre: 'Prevención social de la violencia', dependencia: 'Secretaría de Seguridad Pública', kind: 'block', titles: ['Centro comunitario de prevención en {colonia}', 'Recuperación de espacio público en {colonia}'], budget: [0.8e6, 7e6] },
  { eje: 2, nombre: 'Videovigilancia y C4', dependencia: 'Secretaría de Seguridad Pública', kind: 'facility', facility: ['caseta', 'comandancia'], titles: ['Instalación de cámaras de videovigilancia en {lugar}', 'Equipamiento del {lugar}'], budget: [0.5e6, 12e6] },
  { eje: 2, nombre: 'Protección civil y gestión de riesgos', dependencia: 'Coordinación de Protección Civil', kind: 'street', titles: ['Desazolve y encauzamiento pluvial en {calle}', 'Obras de mitigación de inundaciones en {calle}'], budget: [0.7e6, 10e6] },
  { eje: 3, nombre: 'Infraestructura educativa', dependencia: 'Dirección de Desarrollo Social', kind: 'facility', facility: ['preescolar', 'primaria', 'secundaria'], titles: ['Rehabilitación de sanitarios en la {lugar}', 'Construcción de techumbre en la {lugar}', 'Aulas y mobiliario para la {lugar}'], budget: [0.3e6, 4.5e6] },
  { eje: 3, nombre: 'Salud comunitaria', dependencia: 'DIF Municipal', kind: 'facility', facility: ['centro_salud', 'umf', 'hospital'], titles: ['Ampliación del {lugar}', 'Equipamiento médico del {lugar}'], budget: [0.5e6, 15e6] },
  { eje: 3, nombre: 'Vivienda digna', dependencia: 'Dirección de Desarrollo Social', kind: 'block', titles: ['Mejoramiento de vivienda (techos y pisos) en {colonia}', 'Cuartos adicionales en {colonia}'], budget: [0.4e6, 5e6] },
  { eje: 3, nombre: 'Deporte y recreación', dependencia: 'Instituto Municipal del Deporte', kind: 'facility', facility: ['cancha', 'unidad_deportiva'], titles: ['Rehabilitación de la {lugar}', 'Pasto sintético y gradas en la {lugar}'], budget: [0.4e6, 8e6] },
  { eje: 4, nombre: 'Mercados y abasto', dependencia: 'Dirección de Desarrollo Económico', kind: 'facility', facility: ['mercado', 'tianguis'], titles: ['Remodelación del {lugar}', 'Instalaciones eléctricas e hidráulicas del {lugar}'], budget: [1e6, 14e6] },
  { eje: 4, nombre: 'Centro histórico vivo', dependencia: 'Dirección de Desarrollo Urbano', kind: 'centre_street', titles: ['Rehabilitación de fachadas en {calle}', 'Peatonalización de {calle}', 'Cableado subterráneo en {calle}'], budget: [1.5e6, 20e6] },
  { eje: 4, nombre: 'Emprendimiento y empleo', dependencia: 'Dirección de Desarrollo Económico', kind: 'block', titles: ['Incubadora de negocios en {colonia}', 'Centro de capacitación para el empleo en {colonia}'], budget: [0.5e6, 6e6] },
  { eje: 4, nombre: 'Turismo y patrimonio', dependencia: 'Instituto Municipal de Cultura', kind: 'facility', facility: ['templo', 'museo', 'teatro', 'casa_cultura', 'plaza'], titles: ['Restauración del {lugar}', 'Iluminación escénica del {lugar}'], budget: [0.8e6, 12e6] },
  { eje: 5, nombre: 'Presupuesto participativo', dependencia: 'IMPLAN', kind: 'block', titles: ['Obra de presupuesto participativo en {colonia}'], budget: [0.3e6, 2.5e6] },
  { eje: 5, nombre: 'Gobierno digital', dependencia: 'Tesorería Municipal', kind: 'facility', facility: ['oficina', 'palacio_municipal', 'delegacion'], titles: ['Ventanilla digital de trámites en {lugar}', 'Red de datos y conectividad del {lugar}'], budget: [0.3e6, 5e6] },
  { eje: 5, nombre: 'Catastro y ordenamiento territorial', dependencia: 'IMPLAN', kind: 'block', titles: ['Actualización catastral de {colonia}', 'Regularización de la tenencia de la tierra en {colonia}'], budget: [0.3e6, 3e6] },
  { eje: 5, nombre: 'Transparencia y rendición de cuentas', dependencia: 'Contraloría Municipal', kind: 'facility', facility: ['palacio_municipal', 'oficina'], titles: ['Contraloría social en {lugar}', 'Archivo municipal digital en {lugar}'], budget: [0.2e6, 2e6] },
];

/** Where a project can be put: the generator supplies concrete places of each kind. */
export interface PlacePicker {
  /** A line along a named street (a few consecutive edges) with its name and colonia. */
  street(kind: 'street' | 'avenue' | 'centre_street', rng: Rng): { pts: Pt[]; nombre: string; cve_col: string } | null;
  /** A block polygon in a colonia. */
  block(rng: Rng, park: boolean): { ring: Pt[]; cve_col: string; colonia: string; lugar: string };
  /** A facility of one of the subtypes. */
  facility(subtipos: string[], rng: Rng): { at: Pt; nombre: string; cve_col: string } | null;
}

export interface Geo { point(p: Pt): string; line(p: Pt[]): string; polygon(r: Pt[]): string }

const DAY = 86_400_000;
export const toDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const dateMs = (d: string) => Date.parse(`${d}T00:00:00Z`);
const roundTo = (x: number, q: number) => Math.round(x / q) * q;

/** Draws status, dates, progress and budget for a project, consistent with one another at FECHA_CORTE. */
export function drawSchedule(rng: Rng, estatus: string, budget: [number, number], window?: [string, string]) {
  const corte = dateMs(FECHA_CORTE);
  const lo = (d: string) => dateMs(d);
  const w = window ? [lo(window[0]), lo(window[1])] : null;
  let ini: number;
  let fin: number;
  const months = (a: number, b: number) => rng.int(a, b) * 30 * DAY;
  switch (estatus) {
    case 'concluido': ini = rng.range(w?.[0] ?? lo('2022-01-15'), Math.min(w?.[1] ?? Infinity, lo('2024-12-31'))); fin = Math.min(ini + months(2, 14), corte - 10 * DAY); break;
    case 'en_proceso': ini = rng.range(w?.[0] ?? lo('2023-01-15'), Math.min(w?.[1] ?? Infinity, lo('2025-05-15'))); fin = Math.max(corte + 30 * DAY, ini + months(4, 24)); break;
    case 'planeado': ini = rng.range(w?.[0] ?? lo('2025-08-01'), w?.[1] ?? lo('2027-06-30')); ini = Math.max(ini, corte + 15 * DAY); fin = ini + months(2, 12); break;
    case 'suspendido': ini = rng.range(lo('2022-06-01'), lo('2025-01-31')); fin = ini + months(6, 20); break;
    default: ini = rng.range(lo('2022-03-01'), lo('2025-03-31')); fin = ini + months(3, 14);
  }
  fin = Math.min(Math.max(fin, ini + 30 * DAY), lo('2027-12-31'));
  ini = Math.floor(ini / DAY) * DAY;
  fin = Math.floor(fin / DAY) * DAY;
  let avance = 0;
  if (estatus === 'concluido') avance = 100;
  else if (estatus === 'en_proceso') avance = clamp(100 * (corte - ini) / (fin - ini) + rng.normal(0, 8), 5, 95);
  else if (estatus === 'suspendido') avance = rng.range(10, 70);
  else if (estatus === 'cancelado') avance = rng.chance(0.4) ? 0 : rng.range(2, 30);
  avance = Math.round(avance * 100) / 100;
  const aprobado = roundTo(Math.exp(rng.range(Math.log(budget[0]), Math.log(budget[1]))), 100);
  let ejercido = 0;
  if (estatus === 'concluido') ejercido = aprobado * rng.range(0.9, 1.09);
  else if (estatus !== 'planeado') ejercido = (aprobado * avance / 100) * rng.range(0.8, 1.08);
  ejercido = Math.min(roundTo(ejercido, 0.01), aprobado * 1.1);
  return { fecha_inicio: toDate(ini), fecha_fin: toDate(fin), anio: new Date(ini).getUTCFullYear(), avance, aprobado, ejercido: Math.round(ejercido * 100) / 100 };
}

/** Builds the plan's programas and projects; returns a function to add more (participatory budgeting). */
export function buildPlan(seed: number, scale: number, places: PlacePicker, geo: Geo) {
  const rng = Rng.derive(seed, 'plan');
  const programas: DemoMunicipality['programas'] = PROGRAMAS.map((p, k) => {
    const porEje = PROGRAMAS.slice(0, k + 1).filter((q) => q.eje === p.eje).length;
    return { id: k + 1, eje_id: p.eje, clave: `E${p.eje}.P${porEje}`, nombre: p.nombre };
  });
  const projects: DemoMunicipality['projects'] = [];
  const statuses = ['concluido', 'en_proceso', 'planeado', 'suspendido', 'cancelado'];
  const weights = [0.3, 0.36, 0.2, 0.08, 0.06];
  const drawStatus = () => {
    let u = rng.next();
    for (let k = 0; k < statuses.length; k++) if ((u -= weights[k]) < 0) return statuses[k];
    return 'en_proceso';
  };
  const n = Math.round(170 * Math.max(1, Math.sqrt(scale)));
  for (let k = 0; projects.length < n && k < n * 4; k++) {
    const pi = rng.int(0, PROGRAMAS.length - 1);
    const def = PROGRAMAS[pi];
    if (def.nombre === 'Presupuesto participativo') continue;
    let geom: string;
    let cve_col: string | null;
    let nombre: string;
    const title = rng.pick(def.titles);
    if (def.kind === 'street' || def.kind === 'avenue' || def.kind === 'centre_street') {
      const s = places.street(def.kind, rng);
      if (!s) continue;
      geom = geo.line(s.pts);
      cve_col = s.cve_col;
      nombre = title.replace('{calle}', s.nombre);
    } else if (def.kind === 'facility') {
      const f = places.facility(def.facility!, rng);
      if (!f) continue;
      geom = geo.point(f.at);
      cve_col = f.cve_col;
      nombre = title.replace('{lugar}', f.nombre);
    } else {
      const b = places.block(rng, def.kind === 'park');
      geom = geo.polygon(b.ring);
      cve_col = b.cve_col;
      nombre = title.replace('{lugar}', b.lugar).replace('{colonia}', b.colonia);
    }
    const estatus = drawStatus();
    const sch = drawSchedule(rng, estatus, def.budget);
    const id = projects.length + 1;
    projects.push({
      id, clave: `PMD-${sch.anio}-${String(id).padStart(4, '0')}`, nombre,
      descripcion: `${nombre}. Programa «${def.nombre}» del Plan Municipal de Desarrollo (datos ficticios).`,
      programa_id: pi + 1, dependencia: rng.chance(0.85) ? def.dependencia : rng.pick(DEPENDENCIAS), estatus,
      avance: sch.avance, presupuesto_aprobado: sch.aprobado, presupuesto_ejercido: sch.ejercido,
      fecha_inicio: sch.fecha_inicio, fecha_fin: sch.fecha_fin, anio: sch.anio, cve_col, geom,
    });
  }
  return { programas, projects };
}

/** Progress histories and documents for every project (and documents for areas), derived from the projects. */
export function buildHistories(seed: number, projects: DemoMunicipality['projects'], areas: { nivel: string; clave: string; nombre: string }[]) {
  const rng = Rng.derive(seed, 'histories');
  const progress: DemoMunicipality['progress'] = [];
  const documents: DemoMunicipality['documents'] = [];
  const corte = dateMs(FECHA_CORTE);
  for (const p of projects) {
    const ini = dateMs(p.fecha_inicio);
    const fin = dateMs(p.fecha_fin);
    documents.push({ titulo: `Ficha técnica: ${p.nombre}`, tipo: 'ficha', url: `/documentos/${p.clave}-ficha.pdf`, fecha: p.fecha_inicio, project_id: p.id, area_nivel: null, area_clave: null });
    if (p.estatus === 'planeado') continue;
    documents.push({ titulo: `Expediente técnico: ${p.nombre}`, tipo: 'expediente', url: `/documentos/${p.clave}-expediente.pdf`, fecha: p.fecha_inicio, project_id: p.id, area_nivel: null, area_clave: null });
    if (p.estatus === 'concluido') {
      documents.push({ titulo: `Acta de entrega-recepción: ${p.nombre}`, tipo: 'acta', url: `/documentos/${p.clave}-acta.pdf`, fecha: p.fecha_fin, project_id: p.id, area_nivel: null, area_clave: null });
    }
    // A report roughly every month, from the start until the end, the suspension or the cut-off date.
    const last = Math.min(p.estatus === 'concluido' ? fin : corte, corte);
    const span = Math.max(DAY, last - ini);
    const steps = clamp(Math.round(span / (30 * DAY)), 1, 24);
    let prevAv = 0;
    let prevEj = 0;
    for (let k = 1; k <= steps; k++) {
      const t = k / steps;
      const fecha = toDate(Math.floor((ini + span * t) / DAY) * DAY);
      const shape = k === steps ? 1 : clamp(t ** rng.range(0.8, 1.3) + rng.normal(0, 0.03), 0, 1);
      const av = Math.max(prevAv, Math.round(p.avance * shape * 100) / 100);
      const ej = Math.max(prevEj, Math.round(p.presupuesto_ejercido * (k === steps ? 1 : clamp(shape * rng.range(0.9, 1.05), 0, 1)) * 100) / 100);
      if (progress.length && progress[progress.length - 1].project_id === p.id && progress[progress.length - 1].fecha === fecha) continue;
      const nota = k === 1 ? 'Inicio de los trabajos' : k === steps && p.estatus === 'concluido' ? 'Obra concluida y entregada'
        : k === steps && p.estatus === 'suspendido' ? 'Trabajos suspendidos por falta de suficiencia presupuestal'
        : k === steps && p.estatus === 'cancelado' ? 'Proyecto cancelado; recursos reasignados' : `Avance físico de ${av.toFixed(0)} %`;
      progress.push({ project_id: p.id, fecha, avance: av, presupuesto_ejercido: ej, nota });
      prevAv = av;
      prevEj = ej;
    }
  }
  for (const a of areas) {
    const base = a.clave.toLowerCase();
    if (a.nivel === 'municipio') {
      documents.push({ titulo: 'Plan Municipal de Desarrollo 2024–2027', tipo: 'plan', url: '/documentos/pmd-2024-2027.pdf', fecha: '2024-12-15', project_id: null, area_nivel: 'municipio', area_clave: a.clave });
      documents.push({ titulo: 'Programa Municipal de Desarrollo Urbano', tipo: 'programa', url: '/documentos/pmdu.pdf', fecha: '2023-06-01', project_id: null, area_nivel: 'municipio', area_clave: a.clave });
      documents.push({ titulo: 'Atlas Municipal de Riesgos', tipo: 'atlas', url: '/documentos/atlas-riesgos.pdf', fecha: '2022-09-20', project_id: null, area_nivel: 'municipio', area_clave: a.clave });
    } else if (a.nivel === 'localidad') {
      documents.push({ titulo: `Plan parcial de desarrollo urbano de ${a.nombre}`, tipo: 'plan', url: `/documentos/plan-parcial-${base}.pdf`, fecha: '2023-03-01', project_id: null, area_nivel: 'localidad', area_clave: a.clave });
    } else {
      documents.push({ titulo: `Diagnóstico participativo de ${a.nombre}`, tipo: 'diagnostico', url: `/documentos/diagnostico-${base}.pdf`, fecha: toDate(dateMs('2023-01-10') + rng.int(0, 700) * DAY), project_id: null, area_nivel: a.nivel, area_clave: a.clave });
    }
  }
  return { progress, documents };
}
