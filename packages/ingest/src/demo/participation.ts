// Presupuesto participativo 2022–2024: zones made of whole colonias, proposals with votes, one winner per zone
// that became a plan project, and per-zone results whose vote totals add up.
import { Rng } from './prng.ts';
import { drawSchedule } from './plan.ts';
import type { Pt } from './geo.ts';
import type { DemoMunicipality } from './types.ts';

export interface ColoniaInfo { cve: string; nombre: string; centroid: Pt; pob: number; cells: number[]; town: boolean }

const CATEGORIAS: [string, string[]][] = [
  ['Infraestructura urbana', ['Pavimentación de la calle frente a la escuela', 'Banquetas accesibles en la colonia', 'Reparación de baches en calles principales']],
  ['Alumbrado', ['Luminarias LED en calles oscuras', 'Alumbrado del parque de la colonia']],
  ['Áreas verdes', ['Rehabilitación del parque vecinal', 'Arbolado y riego en camellones', 'Huerto comunitario']],
  ['Seguridad', ['Alarmas vecinales', 'Cámaras en accesos de la colonia']],
  ['Deporte', ['Techumbre para la cancha de usos múltiples', 'Gimnasio al aire libre', 'Rehabilitación de la cancha de fútbol']],
  ['Cultura', ['Foro al aire libre para eventos culturales', 'Mural comunitario', 'Biblioteca vecinal']],
  ['Movilidad', ['Reductores de velocidad y cruces peatonales', 'Paradero de transporte público techado', 'Ciclovía de barrio']],
];

/** Days added to an ISO date (UTC), as an ISO date. */
const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Windows of the open process around the load date: it started a month ago and closes in two months. */
export const OPEN_PROCESS_WINDOW = { desde: -30, hasta: 60 } as const;

/**
 * Builds the three past processes with zones, proposals and results (winners are added as plan projects via
 * addProject), and one fictional process open on `loadDate` (proposals and supports), with zones and a few
 * approved proposals, so that a citizen can propose and support on the demo.
 */
export function buildParticipation(
  seed: number,
  loadDate: string,
  colonias: ColoniaInfo[],
  cellPoint: (cell: number, rng: Rng) => Pt,
  cellBlock: (cell: number) => Pt[],
  geo: { point(p: Pt): string; polygon(r: Pt[]): string },
  addProject: (p: Omit<DemoMunicipality['projects'][number], 'id' | 'clave' | 'programa_id'>) => number,
) {
  const rng = Rng.derive(seed, 'participation');
  const processes: DemoMunicipality['processes'] = [];
  const zones: DemoMunicipality['zones'] = [];
  const proposals: DemoMunicipality['proposals'] = [];
  const results: DemoMunicipality['results'] = [];
  const defs = [
    { anio: 2022, zonas: 18, ganadora: 'concluida', proyecto: 'concluido', ventana: ['2022-11-01', '2023-06-30'] },
    { anio: 2023, zonas: 22, ganadora: 'en_ejecucion', proyecto: 'en_proceso', ventana: ['2024-03-01', '2025-05-15'] },
    { anio: 2024, zonas: 26, ganadora: 'ganadora', proyecto: 'planeado', ventana: ['2025-08-01', '2026-06-30'] },
  ] as const;
  const city = colonias.filter((c) => !c.town);
  const towns = colonias.filter((c) => c.town);
  for (const d of defs) {
    const pid = processes.length + 1;
    const presupuesto = d.zonas * 1_500_000;
    processes.push({
      id: pid, clave: `pp${d.anio}`, nombre: `Presupuesto Participativo ${d.anio}`, tipo: 'presupuesto_participativo', anio: d.anio,
      fecha_inicio: `${d.anio}-05-02`, fecha_fin: `${d.anio}-09-30`, presupuesto,
      propuestas_desde: null, propuestas_hasta: null, apoyos_desde: null, apoyos_hasta: null,
      descripcion: `La ciudadanía propone y vota obras para su zona; se ejecuta la propuesta más votada de cada zona. Ejercicio ${d.anio} (ficticio).`,
    });
    const groups = groupZones(rng, city, towns, d.zonas);
    let zoneNo = 0;
    for (const g of groups) {
      if (!g.length) continue;
      zoneNo++;
      const zid = zones.length + 1;
      const rural = g === towns;
      const big = [...g].sort((a, b) => b.pob - a.pob)[0];
      zones.push({ id: zid, process_id: pid, clave: `Z${String(zoneNo).padStart(2, '0')}`, nombre: rural ? `Zona ${zoneNo} · Localidades rurales` : `Zona ${zoneNo} · ${big.nombre}`, colonias: g.map((c) => c.cve) });
      const pob = g.reduce((s, c) => s + c.pob, 0);
      const lista = Math.round(pob * rng.range(0.68, 0.74));
      const participantes = Math.min(lista, Math.round(lista * rng.range(0.025, 0.13)));
      const nulos = Math.round(participantes * rng.range(0.01, 0.04));
      const validos = participantes - nulos;
      const nProp = rng.int(3, 9);
      const zoneProps: DemoMunicipality['proposals'] = [];
      for (let k = 0; k < nProp; k++) {
        const col = rng.pick(g);
        const cell = rng.pick(col.cells);
        const [categoria, titles] = rng.pick(CATEGORIAS);
        const polygon = categoria === 'Áreas verdes' && rng.chance(0.6);
        const estatus = k === 0 ? 'viable' : rng.chance(0.18) ? 'no_viable' : d.anio === 2024 && rng.chance(0.1) ? 'registrada' : 'viable';
        const titulo = `${rng.pick(titles)} (${col.nombre})`;
        zoneProps.push({
          id: proposals.length + zoneProps.length + 1, process_id: pid, zone_id: zid,
          folio: `PP${d.anio}-${String(zoneNo).padStart(2, '0')}-${String(k + 1).padStart(3, '0')}`,
          titulo, descripcion: `Propuesta ciudadana: ${titulo.toLowerCase()}.`, categoria, estatus, votos: 0, project_id: null,
          geom: polygon ? geo.polygon(cellBlock(cell)) : geo.point(cellPoint(cell, rng)),
        });
      }
      // Only viable proposals reach the ballot; the valid votes are shared among them.
      const ballot = zoneProps.filter((p) => p.estatus === 'viable');
      const w = ballot.map(() => rng.next() ** 2 + 0.05);
      const ws = w.reduce((a, b) => a + b, 0);
      let left = validos;
      ballot.forEach((p, k) => {
        p.votos = k === ballot.length - 1 ? left : Math.min(left, Math.floor((validos * w[k]) / ws));
        left -= p.votos;
      });
      const winner = ballot.reduce((a, b) => (b.votos > a.votos ? b : a));
      winner.estatus = d.ganadora;
      const sch = drawSchedule(rng, d.proyecto, [0.4e6, 1.5e6], [d.ventana[0], d.ventana[1]]);
      const wcol = g.find((c) => winner.titulo.endsWith(`(${c.nombre})`)) ?? g[0];
      winner.project_id = addProject({
        nombre: `PP ${d.anio}: ${winner.titulo}`, descripcion: `Propuesta ganadora ${winner.folio} del Presupuesto Participativo ${d.anio}.`,
        dependencia: 'IMPLAN', estatus: d.proyecto, avance: sch.avance, presupuesto_aprobado: sch.aprobado,
        presupuesto_ejercido: sch.ejercido, fecha_inicio: sch.fecha_inicio, fecha_fin: sch.fecha_fin, anio: sch.anio,
        cve_col: wcol.cve, geom: winner.geom,
      });
      proposals.push(...zoneProps);
      results.push({ process_id: pid, zone_id: zid, lista_nominal: lista, participantes, votos_validos: validos, votos_nulos: nulos, propuesta_ganadora: winner.id });
    }
  }
  openProcess(Rng.derive(seed, 'participation-open'), loadDate, city, towns, cellPoint, geo, processes, zones, proposals);
  return { processes, zones, proposals, results };
}

/** Zones: colonias grouped around seeds spread over the city (farthest-point sampling), towns in one rural zone (last). */
function groupZones(rng: Rng, city: ColoniaInfo[], towns: ColoniaInfo[], zonas: number): ColoniaInfo[][] {
  const seeds: Pt[] = [rng.pick(city).centroid];
  while (seeds.length < zonas - 1) {
    let best = city[0].centroid;
    let bd = -1;
    for (let k = 0; k < 40; k++) {
      const c = rng.pick(city).centroid;
      const dd = Math.min(...seeds.map((s) => Math.hypot(s[0] - c[0], s[1] - c[1])));
      if (dd > bd) { bd = dd; best = c; }
    }
    seeds.push(best);
  }
  const groups: ColoniaInfo[][] = seeds.map(() => []);
  for (const c of city) {
    let bi = 0;
    let bd = Infinity;
    seeds.forEach((s, k) => {
      const dd = Math.hypot(s[0] - c.centroid[0], s[1] - c.centroid[1]);
      if (dd < bd) { bd = dd; bi = k; }
    });
    groups[bi].push(c);
  }
  groups.push(towns);
  return groups;
}

/**
 * The fictional process open on the load date: its own random stream (the past processes stay as they were), zones
 * like the others', and one or two approved proposals per zone without votes yet (the ballot comes after supports).
 */
function openProcess(
  rng: Rng, loadDate: string, city: ColoniaInfo[], towns: ColoniaInfo[], cellPoint: (cell: number, rng: Rng) => Pt,
  geo: { point(p: Pt): string }, processes: DemoMunicipality['processes'], zones: DemoMunicipality['zones'], proposals: DemoMunicipality['proposals'],
) {
  const pid = processes.length + 1;
  const anio = Number(loadDate.slice(0, 4));
  const desde = addDays(loadDate, OPEN_PROCESS_WINDOW.desde);
  const hasta = addDays(loadDate, OPEN_PROCESS_WINDOW.hasta);
  const nZonas = 16;
  processes.push({
    id: pid, clave: 'pp-abierto', nombre: 'Presupuesto Participativo abierto (ficticio)', tipo: 'presupuesto_participativo', anio,
    fecha_inicio: desde, fecha_fin: hasta, presupuesto: nZonas * 1_500_000,
    descripcion: 'Proceso de demostración abierto en la fecha de carga: la ciudadanía propone obras para su zona y apoya las publicadas. Datos ficticios.',
    propuestas_desde: desde, propuestas_hasta: hasta, apoyos_desde: desde, apoyos_hasta: hasta,
  });
  let zoneNo = 0;
  for (const g of groupZones(rng, city, towns, nZonas)) {
    if (!g.length) continue;
    zoneNo++;
    const zid = zones.length + 1;
    const big = [...g].sort((a, b) => b.pob - a.pob)[0];
    zones.push({ id: zid, process_id: pid, clave: `Z${String(zoneNo).padStart(2, '0')}`, nombre: g === towns ? `Zona ${zoneNo} · Localidades rurales` : `Zona ${zoneNo} · ${big.nombre}`, colonias: g.map((c) => c.cve) });
    const n = rng.int(1, 2);
    for (let k = 0; k < n; k++) {
      const col = rng.pick(g);
      const [categoria, titles] = rng.pick(CATEGORIAS);
      const titulo = `${rng.pick(titles)} (${col.nombre})`;
      proposals.push({
        id: proposals.length + 1, process_id: pid, zone_id: zid, folio: `PPA-${String(zoneNo).padStart(2, '0')}-${String(k + 1).padStart(3, '0')}`,
        titulo, descripcion: `Propuesta ciudadana (ficticia): ${titulo.toLowerCase()}.`, categoria, estatus: 'registrada', votos: 0, project_id: null,
        geom: geo.point(cellPoint(rng.pick(col.cells), rng)),
      });
    }
  }
}
