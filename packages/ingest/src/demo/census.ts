// Census-style population and indicators per manzana for 2010 and 2020, from smooth fields (density falls with
// distance to the centre, a socio-economic field of value noise with a wealthy wedge), then aggregated exactly to
// AGEB, colonia, localidad and municipio: counts summed, ratios and means recomputed from their parts.
import { clamp, fbm2, smoothstep } from './noise.ts';
import { Rng } from './prng.ts';
import type { Territory } from './territory.ts';
import type { DemoIndicator, DemoValues } from './types.ts';

const FUENTE = 'Censo de Población y Vivienda 2010 y 2020 (ficticio)';
const NIVELES = ['manzana', 'ageb', 'colonia', 'localidad', 'municipio'];
export const YEARS = [2010, 2020] as const;

type Count = { code: string; nombre: string; tema: string; unidad: string; descripcion: string };
type Derived = { code: string; nombre: string; tema: string; unidad: string; descripcion: string; agregacion: 'ratio' | 'mean'; numerador: string | null; denominador: string; decimales: number; mayor_es_mejor: boolean | null };

const COUNTS: Count[] = [
  { code: 'pob_tot', nombre: 'Población total', tema: 'Población', unidad: 'personas', descripcion: 'Total de personas que residen habitualmente en la unidad.' },
  { code: 'pob_fem', nombre: 'Población femenina', tema: 'Población', unidad: 'personas', descripcion: 'Mujeres residentes.' },
  { code: 'pob_mas', nombre: 'Población masculina', tema: 'Población', unidad: 'personas', descripcion: 'Hombres residentes.' },
  { code: 'pob_0_14', nombre: 'Población de 0 a 14 años', tema: 'Población', unidad: 'personas', descripcion: 'Personas de 0 a 14 años cumplidos.' },
  { code: 'pob_15_64', nombre: 'Población de 15 a 64 años', tema: 'Población', unidad: 'personas', descripcion: 'Personas de 15 a 64 años cumplidos.' },
  { code: 'pob_65_mas', nombre: 'Población de 65 años y más', tema: 'Población', unidad: 'personas', descripcion: 'Personas de 65 años y más.' },
  { code: 'pob_15_mas', nombre: 'Población de 15 años y más', tema: 'Educación', unidad: 'personas', descripcion: 'Personas de 15 años y más.' },
  { code: 'pob_12_mas', nombre: 'Población de 12 años y más', tema: 'Economía', unidad: 'personas', descripcion: 'Personas de 12 años y más.' },
  { code: 'pea', nombre: 'Población económicamente activa', tema: 'Economía', unidad: 'personas', descripcion: 'Personas de 12 años y más que trabajaban o buscaban trabajo.' },
  { code: 'pob_afil_salud', nombre: 'Población afiliada a servicios de salud', tema: 'Salud', unidad: 'personas', descripcion: 'Personas con derecho a servicios médicos en alguna institución.' },
  { code: 'pob_analf', nombre: 'Población de 15 años y más analfabeta', tema: 'Educación', unidad: 'personas', descripcion: 'Personas de 15 años y más que no saben leer ni escribir un recado.' },
  { code: 'pob_discap', nombre: 'Población con discapacidad', tema: 'Salud', unidad: 'personas', descripcion: 'Personas con dificultad mucha o no pueden hacer alguna actividad cotidiana.' },
  { code: 'viv_tot', nombre: 'Viviendas particulares habitadas', tema: 'Vivienda', unidad: 'viviendas', descripcion: 'Viviendas particulares habitadas.' },
  { code: 'viv_internet', nombre: 'Viviendas con internet', tema: 'Vivienda', unidad: 'viviendas', descripcion: 'Viviendas particulares habitadas que disponen de internet.' },
  { code: 'viv_auto', nombre: 'Viviendas con automóvil', tema: 'Vivienda', unidad: 'viviendas', descripcion: 'Viviendas particulares habitadas que disponen de automóvil o camioneta.' },
  { code: 'viv_agua', nombre: 'Viviendas con agua entubada', tema: 'Vivienda', unidad: 'viviendas', descripcion: 'Viviendas con agua entubada dentro de la vivienda.' },
  { code: 'viv_drenaje', nombre: 'Viviendas con drenaje', tema: 'Vivienda', unidad: 'viviendas', descripcion: 'Viviendas particulares habitadas que disponen de drenaje.' },
  { code: 'viv_piso_tierra', nombre: 'Viviendas con piso de tierra', tema: 'Vivienda', unidad: 'viviendas', descripcion: 'Viviendas particulares habitadas con piso de tierra.' },
];

const DERIVED: Derived[] = [
  { code: 'pct_pob_0_14', nombre: 'Porcentaje de población de 0 a 14 años', tema: 'Población', unidad: '%', descripcion: 'Población de 0 a 14 años entre la población total.', agregacion: 'ratio', numerador: 'pob_0_14', denominador: 'pob_tot', decimales: 1, mayor_es_mejor: null },
  { code: 'pct_pob_65_mas', nombre: 'Porcentaje de población de 65 años y más', tema: 'Población', unidad: '%', descripcion: 'Población de 65 años y más entre la población total.', agregacion: 'ratio', numerador: 'pob_65_mas', denominador: 'pob_tot', decimales: 1, mayor_es_mejor: null },
  { code: 'rel_h_m', nombre: 'Relación hombres-mujeres', tema: 'Población', unidad: 'hombres por cada 100 mujeres', descripcion: 'Hombres por cada 100 mujeres.', agregacion: 'ratio', numerador: 'pob_mas', denominador: 'pob_fem', decimales: 1, mayor_es_mejor: null },
  { code: 'pct_afil_salud', nombre: 'Porcentaje de población afiliada a servicios de salud', tema: 'Salud', unidad: '%', descripcion: 'Población afiliada entre la población total.', agregacion: 'ratio', numerador: 'pob_afil_salud', denominador: 'pob_tot', decimales: 1, mayor_es_mejor: true },
  { code: 'pct_analf', nombre: 'Porcentaje de población de 15 años y más analfabeta', tema: 'Educación', unidad: '%', descripcion: 'Población analfabeta entre la población de 15 años y más.', agregacion: 'ratio', numerador: 'pob_analf', denominador: 'pob_15_mas', decimales: 1, mayor_es_mejor: false },
  { code: 'pct_discap', nombre: 'Porcentaje de población con discapacidad', tema: 'Salud', unidad: '%', descripcion: 'Población con discapacidad entre la población total.', agregacion: 'ratio', numerador: 'pob_discap', denominador: 'pob_tot', decimales: 1, mayor_es_mejor: null },
  { code: 'tasa_part_econ', nombre: 'Tasa de participación económica', tema: 'Economía', unidad: '%', descripcion: 'Población económicamente activa entre la población de 12 años y más.', agregacion: 'ratio', numerador: 'pea', denominador: 'pob_12_mas', decimales: 1, mayor_es_mejor: true },
  { code: 'pct_viv_internet', nombre: 'Porcentaje de viviendas con internet', tema: 'Vivienda', unidad: '%', descripcion: 'Viviendas con internet entre las viviendas particulares habitadas.', agregacion: 'ratio', numerador: 'viv_internet', denominador: 'viv_tot', decimales: 1, mayor_es_mejor: true },
  { code: 'pct_viv_auto', nombre: 'Porcentaje de viviendas con automóvil', tema: 'Vivienda', unidad: '%', descripcion: 'Viviendas con automóvil entre las viviendas particulares habitadas.', agregacion: 'ratio', numerador: 'viv_auto', denominador: 'viv_tot', decimales: 1, mayor_es_mejor: null },
  { code: 'pct_viv_agua', nombre: 'Porcentaje de viviendas con agua entubada', tema: 'Vivienda', unidad: '%', descripcion: 'Viviendas con agua entubada entre las viviendas particulares habitadas.', agregacion: 'ratio', numerador: 'viv_agua', denominador: 'viv_tot', decimales: 1, mayor_es_mejor: true },
  { code: 'pct_viv_drenaje', nombre: 'Porcentaje de viviendas con drenaje', tema: 'Vivienda', unidad: '%', descripcion: 'Viviendas con drenaje entre las viviendas particulares habitadas.', agregacion: 'ratio', numerador: 'viv_drenaje', denominador: 'viv_tot', decimales: 1, mayor_es_mejor: true },
  { code: 'pct_viv_piso_tierra', nombre: 'Porcentaje de viviendas con piso de tierra', tema: 'Vivienda', unidad: '%', descripcion: 'Viviendas con piso de tierra entre las viviendas particulares habitadas.', agregacion: 'ratio', numerador: 'viv_piso_tierra', denominador: 'viv_tot', decimales: 1, mayor_es_mejor: false },
  { code: 'graproes', nombre: 'Grado promedio de escolaridad', tema: 'Educación', unidad: 'años', descripcion: 'Años aprobados en promedio por la población de 15 años y más.', agregacion: 'mean', numerador: null, denominador: 'pob_15_mas', decimales: 2, mayor_es_mejor: true },
  { code: 'prom_ocup', nombre: 'Promedio de ocupantes por vivienda', tema: 'Vivienda', unidad: 'personas por vivienda', descripcion: 'Ocupantes de viviendas particulares habitadas entre el número de viviendas.', agregacion: 'mean', numerador: null, denominador: 'viv_tot', decimales: 2, mayor_es_mejor: null },
];

/** The indicator catalog (stats.indicators rows). */
export function indicatorCatalog(): DemoIndicator[] {
  const base = { fuente: FUENTE, niveles: NIVELES, anios: [...YEARS] };
  return [
    ...COUNTS.map((c) => ({ ...c, ...base, agregacion: 'sum' as const, numerador: null, denominador: null, decimales: 0, mayor_es_mejor: null })),
    ...DERIVED.map((d) => ({ ...d, ...base })),
  ];
}

/** Per-manzana counts by year; `escolaridad` holds total years of schooling (graproes × pob_15_mas). */
export interface Census {
  counts: Record<number, Record<string, Int32Array>>;
  escolaridad: Record<number, Float64Array>;
  /** Manzana index → why its values are withheld (INEGI's '*' and 'N/D'), per year. */
  confidencial: Record<number, Uint8Array>;
  noDisponible: Record<number, Set<string>>;
}

/** Draws the census of every manzana (cell) of the territory for both years. */
export function drawCensus(seed: number, t: Territory): Census {
  const rng = Rng.derive(seed, 'census');
  const n = t.cells.length;
  const counts: Census['counts'] = {};
  const escolaridad: Census['escolaridad'] = {};
  const confidencial: Census['confidencial'] = {};
  const noDisponible: Census['noDisponible'] = {};
  for (const y of YEARS) {
    counts[y] = Object.fromEntries(COUNTS.map((c) => [c.code, new Int32Array(n)]));
    escolaridad[y] = new Float64Array(n);
    confidencial[y] = new Uint8Array(n);
    noDisponible[y] = new Set();
  }
  const wedge = rng.range(0, 2 * Math.PI);
  for (let k = 0; k < n; k++) {
    const c = t.cells[k];
    const s = t.settlements[c.settlement];
    const [x, y] = c.centroid;
    const rn = c.rn;
    // Socio-economic level: smooth noise, a wealthy wedge of the city, poorer towns.
    const theta = Math.atan2(y - s.centre[1], x - s.centre[0]);
    const wedgeBoost = s.isCity ? 0.22 * Math.max(0, Math.cos(theta - wedge)) ** 3 * smoothstep(0.15, 0.5, rn) : 0;
    const ses = clamp(0.2 + 0.6 * fbm2(x / 2500, y / 2500, seed + 77, 4) + wedgeBoost - (s.isCity ? 0.1 * rn : 0.18), 0.03, 0.97);
    // Towns: the larger ones (cabeceras de delegación) are denser, so one or two pass INEGI's 2,500 urban mark.
    const dens = s.isCity ? 38 + 80 * Math.exp(-rn / 0.3) : s.N >= 6 ? 34 : 22;
    const field = 0.55 + 0.9 * fbm2(x / 1800, y / 1800, seed + 91, 3);
    let pob20 = c.park ? 0 : Math.round(dens * field * c.areaHa * rng.range(0.8, 1.2));
    // Vacant or commercial blocks, more at the edge; a few tiny ones that INEGI would keep confidential.
    if (!c.park && rng.chance(0.03 + 0.08 * rn)) pob20 = 0;
    else if (!c.park && rng.chance(0.05)) pob20 = rng.int(1, 9);
    // Growth: the periphery was built after 2010, the centre lost a little population.
    const newness = s.isCity ? smoothstep(0.5, 0.95, rn + 0.25 * (fbm2(x / 3000, y / 3000, seed + 5, 2) - 0.5)) : 0.1;
    const keep = clamp(1 - newness * rng.range(0.85, 1.15), 0, 1) * (s.isCity && rn < 0.3 ? rng.range(1.02, 1.1) : rng.range(0.85, 1.0));
    const pob10 = keep < 0.08 ? 0 : Math.round(pob20 * keep);
    for (const year of YEARS) {
      const pob = year === 2020 ? pob20 : pob10;
      const older = year === 2020 ? 1 : 0;
      const C = counts[year];
      const occ = clamp(3.0 + 0.8 * rn + 0.5 * (1 - ses) + (older ? 0 : 0.35) + rng.normal(0, 0.15), 2.2, 5.5);
      const viv = pob === 0 ? 0 : Math.max(1, Math.round(pob / occ));
      const s014 = clamp(0.17 + 0.12 * rn + 0.08 * (1 - ses) + (older ? 0 : 0.04), 0.08, 0.42);
      const s65 = clamp(0.13 - 0.08 * rn + (older ? 0 : -0.02), 0.02, 0.25);
      const p014 = rng.binomial(pob, s014);
      const p65 = rng.binomial(pob - p014, s65 / (1 - s014));
      const p15 = pob - p014;
      const fem = rng.binomial(pob, 0.512);
      C.pob_tot[k] = pob;
      C.pob_fem[k] = fem;
      C.pob_mas[k] = pob - fem;
      C.pob_0_14[k] = p014;
      C.pob_65_mas[k] = p65;
      C.pob_15_64[k] = p15 - p65;
      C.pob_15_mas[k] = p15;
      const p12 = p15 + rng.binomial(p014, 0.2);
      C.pob_12_mas[k] = p12;
      C.pea[k] = rng.binomial(p12, clamp(0.5 + 0.15 * ses + (older ? 0.03 : 0), 0, 1));
      C.pob_afil_salud[k] = rng.binomial(pob, clamp(0.55 + 0.35 * ses - (older ? 0 : 0.12), 0, 1));
      C.pob_analf[k] = rng.binomial(p15, clamp(0.015 + 0.09 * (1 - ses) ** 2 + (older ? 0 : 0.02), 0, 1));
      C.pob_discap[k] = rng.binomial(pob, clamp(0.035 + 0.25 * (p65 / Math.max(1, pob)), 0, 1));
      C.viv_tot[k] = viv;
      C.viv_internet[k] = rng.binomial(viv, clamp(older ? 0.15 + 0.8 * ses : 0.03 + 0.45 * ses, 0, 1));
      C.viv_auto[k] = rng.binomial(viv, clamp(0.3 + 0.55 * ses - (older ? 0 : 0.06), 0, 1));
      C.viv_agua[k] = rng.binomial(viv, clamp((s.isCity ? 0.9 : 0.72) + 0.1 * ses - (older ? 0 : 0.05), 0, 1));
      C.viv_drenaje[k] = rng.binomial(viv, clamp((s.isCity ? 0.9 : 0.6) + 0.1 * ses - (older ? 0 : 0.06), 0, 1));
      C.viv_piso_tierra[k] = rng.binomial(viv, clamp(0.06 * (1 - ses) ** 2 + (s.isCity ? 0 : 0.06) + (older ? 0 : 0.02), 0, 1));
      const years = clamp(6.2 + 7.2 * ses + (older ? 0.9 : 0) + rng.normal(0, 0.35), 3, 17);
      escolaridad[year][k] = years * p15;
      // INEGI withholds manzanas with one or two dwellings ('*'); a few values are simply not available.
      if (pob > 0 && viv <= 2) confidencial[year][k] = 1;
      else if (pob > 0 && rng.chance(0.004)) noDisponible[year].add(`${k}:${rng.pick(COUNTS.slice(8)).code}`);
    }
  }
  return { counts, escolaridad, confidencial, noDisponible };
}

/** Adds the values of one level to `out`: `members[u]` lists the manzana indices of unit u. */
export function aggregateLevel(census: Census, nivel: string, claves: string[], members: number[][], out: DemoValues): void {
  const isManzana = nivel === 'manzana';
  const push = (code: string, clave: string, anio: number, valor: number | null, flag: string | null) => {
    out.indicator.push(code);
    out.nivel.push(nivel);
    out.clave.push(clave);
    out.anio.push(anio);
    out.valor.push(valor);
    out.flag.push(flag);
  };
  for (const year of YEARS) {
    const C = census.counts[year];
    const esc = census.escolaridad[year];
    for (let u = 0; u < claves.length; u++) {
      const ms = members[u];
      const sums: Record<string, number> = {};
      for (const c of COUNTS) {
        let s = 0;
        const arr = C[c.code];
        for (const m of ms) s += arr[m];
        sums[c.code] = s;
      }
      let escSum = 0;
      for (const m of ms) escSum += esc[m];
      const conf = isManzana && census.confidencial[year][ms[0]] === 1;
      const nd = (code: string) => isManzana && census.noDisponible[year].has(`${ms[0]}:${code}`);
      for (const c of COUNTS) {
        if (conf && c.code !== 'pob_tot' && c.code !== 'viv_tot') push(c.code, claves[u], year, null, 'confidencial');
        else if (nd(c.code)) push(c.code, claves[u], year, null, 'no_disponible');
        else push(c.code, claves[u], year, sums[c.code], null);
      }
      for (const d of DERIVED) {
        const den = sums[d.denominador];
        const hidden = conf || (d.numerador !== null && nd(d.numerador));
        if (conf) push(d.code, claves[u], year, null, 'confidencial');
        else if (hidden) push(d.code, claves[u], year, null, 'no_disponible');
        else if (den === 0) push(d.code, claves[u], year, null, 'no_aplica');
        else if (d.agregacion === 'ratio') push(d.code, claves[u], year, (100 * sums[d.numerador!]) / den, null);
        else if (d.code === 'graproes') push(d.code, claves[u], year, escSum / den, null);
        else push(d.code, claves[u], year, sums.pob_tot / den, null);
      }
    }
  }
}
