// Equipamiento urbano: schools, clinics, markets, parks, sports, culture, government and safety, placed on
// blocks with densities like a Mexican city's (a primaria every few dozen blocks, one hospital general, …).
import { PERSONAJES_ESCUELAS, TEMPLOS } from './names.ts';
import { Rng } from './prng.ts';
import type { Pt } from './geo.ts';
import type { Territory } from './territory.ts';

export interface Facility {
  nombre: string;
  tipo: string;
  subtipo: string;
  cell: number;
  at: Pt;
}

interface Kind { tipo: string; subtipo: string; perCells: number; name: (k: number, col: string) => string; towns?: boolean }

/** Places the facilities; `colName` gives the colonia name of a cell (for names like "Mercado Las Palmas"). */
export function placeFacilities(seed: number, t: Territory, colName: (cell: number) => string): Facility[] {
  const rng = Rng.derive(seed, 'facilities');
  const out: Facility[] = [];
  const usedNames = new Set<string>();
  const add = (f: Omit<Facility, 'at'>, at?: Pt) => {
    let nombre = f.nombre;
    for (let k = 2; usedNames.has(nombre); k++) nombre = `${f.nombre} ${k === 2 ? 'II' : k === 3 ? 'III' : `No. ${k}`}`;
    usedNames.add(nombre);
    const c = t.cells[f.cell];
    out.push({ ...f, nombre, at: at ?? c.centroid });
  };
  const person = () => rng.pick(PERSONAJES_ESCUELAS);
  const kinds: Kind[] = [
    { tipo: 'educacion', subtipo: 'preescolar', perCells: 70, name: () => `Jardín de Niños «${person()}»`, towns: true },
    { tipo: 'educacion', subtipo: 'primaria', perCells: 55, name: () => `Escuela Primaria «${person()}»`, towns: true },
    { tipo: 'educacion', subtipo: 'secundaria', perCells: 180, name: (k) => (rng.chance(0.5) ? `Escuela Secundaria Técnica No. ${k + 1}` : `Escuela Secundaria General «${person()}»`) },
    { tipo: 'educacion', subtipo: 'bachillerato', perCells: 700, name: (k) => (rng.chance(0.5) ? `CBTIS No. ${100 + k}` : `Colegio de Bachilleres Plantel ${k + 1}`) },
    { tipo: 'salud', subtipo: 'centro_salud', perCells: 260, name: (_k, col) => `Centro de Salud ${col}`, towns: true },
    { tipo: 'salud', subtipo: 'umf', perCells: 1200, name: (k) => `Unidad de Medicina Familiar IMSS No. ${k + 1}` },
    { tipo: 'abasto', subtipo: 'mercado', perCells: 900, name: (_k, col) => `Mercado ${col}` },
    { tipo: 'abasto', subtipo: 'tianguis', perCells: 700, name: (_k, col) => `Tianguis ${col}` },
    { tipo: 'deporte', subtipo: 'cancha', perCells: 220, name: (_k, col) => `Cancha de usos múltiples ${col}`, towns: true },
    { tipo: 'deporte', subtipo: 'unidad_deportiva', perCells: 2500, name: (k) => `Unidad Deportiva ${['Norte', 'Sur', 'Oriente', 'Poniente', 'Revolución', 'Solidaridad'][k % 6]}${k >= 6 ? ` ${Math.floor(k / 6) + 1}` : ''}` },
    { tipo: 'cultura', subtipo: 'biblioteca', perCells: 1200, name: () => `Biblioteca Pública «${person()}»`, towns: true },
    { tipo: 'cultura', subtipo: 'templo', perCells: 450, name: (_k, col) => `Parroquia de ${rng.pick(['San José', 'Santa María', 'San Judas Tadeo', 'Cristo Rey', 'Nuestra Señora de Guadalupe', 'San Martín de Porres', 'Sagrado Corazón'])} (${col})` },
    { tipo: 'gobierno', subtipo: 'oficina', perCells: 1500, name: (_k, col) => `Módulo de Atención Ciudadana ${col}` },
    { tipo: 'seguridad', subtipo: 'caseta', perCells: 600, name: (_k, col) => `Módulo de Policía ${col}` },
  ];
  const city = t.settlements[0];
  const cityCells = t.cells.map((c, i) => (c.settlement === 0 && !c.park ? i : -1)).filter((i) => i >= 0);
  for (const k of kinds) {
    const n = Math.max(1, Math.round(cityCells.length / k.perCells));
    for (let q = 0; q < n; q++) {
      const cell = rng.pick(cityCells);
      add({ nombre: k.name(q, colName(cell)), tipo: k.tipo, subtipo: k.subtipo, cell });
    }
  }
  // Parks are whole blocks.
  t.cells.forEach((c, i) => {
    if (!c.park) return;
    if (c.settlement === 0 && c.i === 0 && c.j === 0) add({ nombre: 'Plaza de Armas', tipo: 'areas_verdes', subtipo: 'plaza', cell: i });
    else add({ nombre: `${rng.chance(0.3) ? 'Jardín' : 'Parque'} ${colName(i)}`, tipo: 'areas_verdes', subtipo: c.settlement === 0 ? 'parque' : 'plaza', cell: i });
  });
  // The historic centre: the landmarks around the plaza.
  const centreCell = (i: number, j: number) => {
    const k = city.cellIdx[(i + city.N) * (2 * city.N) + (j + city.N)];
    return k >= 0 ? k : city.cellIdx[city.N * 2 * city.N + city.N];
  };
  const landmarks: [string, string, string, number, number][] = [
    ['Palacio Municipal', 'gobierno', 'palacio_municipal', 0, 1],
    [TEMPLOS[0], 'cultura', 'templo', 1, 0],
    ['Mercado Hidalgo', 'abasto', 'mercado', -1, 0],
    ['Museo Regional del Valle', 'cultura', 'museo', -1, 1],
    ['Teatro Juárez', 'cultura', 'teatro', 1, 1],
    ['Casa de la Cultura', 'cultura', 'casa_cultura', 0, -1],
    ['Hospital General', 'salud', 'hospital', 3, -2],
    ['Sistema DIF Municipal', 'gobierno', 'dif', -2, 2],
    ['Comandancia de Policía Municipal', 'seguridad', 'comandancia', 2, 3],
    ['Estación Central de Bomberos', 'seguridad', 'bomberos', -3, -2],
    ['Coordinación Municipal de Protección Civil', 'seguridad', 'proteccion_civil', -3, 3],
    ['Central de Autobuses', 'transporte', 'central_autobuses', Math.round(city.N * 0.35), -Math.round(city.N * 0.1)],
    ['Universidad Autónoma del Valle (ficticia)', 'educacion', 'universidad', -Math.round(city.N * 0.3), Math.round(city.N * 0.3)],
    ['Instituto Tecnológico de San Isidro', 'educacion', 'universidad', Math.round(city.N * 0.3), Math.round(city.N * 0.25)],
    ['Panteón Municipal', 'otro', 'panteon', -Math.round(city.N * 0.2), -Math.round(city.N * 0.3)],
  ];
  for (const [nombre, tipo, subtipo, i, j] of landmarks) add({ nombre, tipo, subtipo, cell: centreCell(i, j) });
  for (const [q, nombre] of TEMPLOS.slice(1).entries()) {
    add({ nombre, tipo: 'cultura', subtipo: 'templo', cell: centreCell(rng.int(-4, 4), rng.int(-4, 4)) }, undefined);
    void q;
  }
  // Every town: school, clinic, delegación, chapel, court.
  for (const s of t.settlements.slice(1)) {
    const cellsOf = t.cells.map((c, i) => (c.settlement === s.index && !c.park ? i : -1)).filter((i) => i >= 0);
    const pick = () => rng.pick(cellsOf);
    add({ nombre: `Delegación Municipal ${s.nombre}`, tipo: 'gobierno', subtipo: 'delegacion', cell: pick() });
    add({ nombre: `Escuela Primaria «${person()}» (${s.nombre})`, tipo: 'educacion', subtipo: 'primaria', cell: pick() });
    add({ nombre: `Casa de Salud ${s.nombre}`, tipo: 'salud', subtipo: 'centro_salud', cell: pick() });
    add({ nombre: `Capilla de ${s.nombre}`, tipo: 'cultura', subtipo: 'templo', cell: pick() });
    if (cellsOf.length > 80) add({ nombre: `Telesecundaria ${s.nombre}`, tipo: 'educacion', subtipo: 'secundaria', cell: pick() });
  }
  return out;
}
