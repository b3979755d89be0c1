// Administrative units over the blocks: AGEBs and colonias as jittered-lattice Voronoi regions of cells (so
// their borders follow streets), INEGI-shaped keys, colonia names by ring of growth, and street names.
import { BARRIOS, CALLES_HISTORICAS, COLONIAS_POPULARES, FRACCIONAMIENTOS, NOMBRES_SUFIJO, TEMAS_CALLES, UNIDADES, AVENIDAS } from './names.ts';
import { fbm2 } from './noise.ts';
import { hash3, Rng } from './prng.ts';
import { cellKey, type Cell, type Edge, type Settlement, type Territory } from './territory.ts';

export const CVE_ENT = '99';
export const CVE_MUN = '001';
export const CVEGEO_MUN = CVE_ENT + CVE_MUN;

export interface Group {
  settlement: number;
  cells: number[];
  seed: [number, number];
}

export interface AgebUnit extends Group {
  cvegeo: string;
  cveAgeb: string;
}

export interface ColoniaUnit extends Group {
  cve: string;
  nombre: string;
  tipo: string;
  cp: string;
  tema: string;
  rn: number;
}

/** Groups the cells of one settlement around jittered lattice seeds (a discrete Voronoi diagram). */
function voronoi(seed: number, s: Settlement, cells: Cell[], spacing: number, warp: number): Group[] {
  const N = s.N;
  const G = Math.ceil((2 * N) / spacing) + 1;
  const seeds: ([number, number] | null)[] = [];
  for (let gx = 0; gx < G; gx++) {
    for (let gy = 0; gy < G; gy++) {
      const x = -N + (gx + 0.5) * spacing + (hash3(gx, gy, 1, seed) / 4294967296 - 0.5) * spacing * 0.7;
      const y = -N + (gy + 0.5) * spacing + (hash3(gx, gy, 2, seed) / 4294967296 - 0.5) * spacing * 0.7;
      const ci = Math.floor(x);
      const cj = Math.floor(y);
      const ok = ci >= -N && cj >= -N && ci < N && cj < N && s.cellIdx[cellKey(s, ci, cj)] >= 0;
      seeds.push(ok ? [x, y] : null);
    }
  }
  const groups = new Map<number, Group>();
  for (let k = 0; k < s.cellIdx.length; k++) {
    const idx = s.cellIdx[k];
    if (idx < 0) continue;
    const c = cells[idx];
    // A long block covers two slots: count it once, at its own corner.
    if (c.i !== Math.floor(k / (2 * N)) - N || c.j !== (k % (2 * N)) - N) continue;
    // A smooth warp bends the borders without tearing off single blocks (per-cell jitter made ragged islands).
    const x = c.i + 0.5 + (fbm2(c.i / 5, c.j / 5, seed + 3, 2) - 0.5) * 2 * warp;
    const y = c.j + 0.5 + (fbm2(c.i / 5, c.j / 5, seed + 4, 2) - 0.5) * 2 * warp;
    const gx0 = Math.floor((x + N) / spacing);
    const gy0 = Math.floor((y + N) / spacing);
    let best = -1;
    let bd = Infinity;
    for (let r = 2; best < 0 && r <= G; r += 2) {
      for (let gx = gx0 - r; gx <= gx0 + r; gx++) {
        for (let gy = gy0 - r; gy <= gy0 + r; gy++) {
          if (gx < 0 || gy < 0 || gx >= G || gy >= G) continue;
          const sd = seeds[gx * G + gy];
          if (!sd) continue;
          const d = (sd[0] - x) ** 2 + (sd[1] - y) ** 2;
          if (d < bd) { bd = d; best = gx * G + gy; }
        }
      }
    }
    if (best < 0) best = -1 - c.settlement; // a settlement too small for any seed: one group
    let g = groups.get(best);
    if (!g) {
      const sd = best >= 0 ? seeds[best]! : [0, 0] as [number, number];
      g = { settlement: s.index, cells: [], seed: sd };
      groups.set(best, g);
    }
    g.cells.push(idx);
  }
  // North-west to south-east, the way INEGI numbers AGEBs and manzanas.
  return [...groups.values()].sort((a, b) => b.seed[1] - a.seed[1] || a.seed[0] - b.seed[0]);
}

/** INEGI-style check character of an AGEB: a mod-11 digit, 'A' for ten. */
export function agebCheck(digits: string): string {
  let s = 0;
  for (let k = 0; k < digits.length; k++) s += (k % 2 ? 3 : 7) * Number(digits[k]);
  const r = s % 11;
  return r === 10 ? 'A' : String(r);
}

/** AGEBs of every settlement; the city's are sized so that no localidad needs more than 999. */
export function buildAgebs(seed: number, t: Territory): AgebUnit[] {
  const out: AgebUnit[] = [];
  for (const s of t.settlements) {
    const n = t.cells.filter((c) => c.settlement === s.index).length;
    let spacing = s.isCity ? Math.max(5.6, Math.sqrt(n / 850)) : 6;
    let groups = voronoi(seed + 1000 + s.index, s, t.cells, spacing, 1.6);
    // Three digits per localidad: widen the lattice until the AGEBs fit.
    while (groups.length > 999) {
      spacing *= 1.05;
      groups = voronoi(seed + 1000 + s.index, s, t.cells, spacing, 1.6);
    }
    groups.forEach((g, k) => {
      const num = String(k + 1).padStart(3, '0');
      const cveAgeb = num + agebCheck(s.cveLoc + num);
      out.push({ ...g, cveAgeb, cvegeo: CVEGEO_MUN + s.cveLoc + cveAgeb });
    });
  }
  return out;
}

/** Colonias: the city's by Voronoi, each town one colonia (a pueblo); names follow the ring of growth. */
export function buildColonias(seed: number, t: Territory): ColoniaUnit[] {
  const rng = Rng.derive(seed, 'colonias');
  const used = new Set<string>();
  const pools = {
    barrio: rng.shuffle(BARRIOS),
    popular: rng.shuffle(COLONIAS_POPULARES),
    fracc: rng.shuffle(FRACCIONAMIENTOS),
    unidad: rng.shuffle(UNIDADES),
  };
  const temas = Object.keys(TEMAS_CALLES);
  const take = (pool: string[], alt: string[]): string => {
    while (pool.length) {
      const n = pool.shift()!;
      if (!used.has(n)) return n;
    }
    // Lists exhausted (large scales): derived names, as cities do with sections and extensions.
    for (let k = 0; k < 10_000; k++) {
      const base = alt[k % alt.length];
      const suf = NOMBRES_SUFIJO[Math.floor(k / alt.length) % NOMBRES_SUFIJO.length];
      const round = Math.floor(k / (alt.length * NOMBRES_SUFIJO.length));
      const n = suf === 'Ampliación' ? `${base.replace(/^(Col\.|Fracc\.) /, '$1 Ampliación ')}` : `${base} ${suf}${round ? ` ${round + 1}` : ''}`;
      if (!used.has(n)) return n;
    }
    return `Colonia ${used.size + 1}`;
  };
  const out: ColoniaUnit[] = [];
  const city = t.settlements[0];
  const cityGroups = voronoi(seed + 2000, city, t.cells, 7.2, 2.4);
  const withRn = cityGroups.map((g) => {
    const rn = g.cells.reduce((s, c) => s + t.cells[c].rn, 0) / g.cells.length;
    const long = g.cells.filter((c) => t.cells[c].span[0] + t.cells[c].span[1] > 2).length / g.cells.length;
    return { g, rn, long };
  }).sort((a, b) => a.rn - b.rn);
  withRn.forEach(({ g, rn, long }, k) => {
    let nombre: string;
    let tipo: string;
    if (k === 0) { nombre = 'Centro'; tipo = 'colonia'; }
    else if (rn < 0.2 && pools.barrio.length) { nombre = take(pools.barrio, BARRIOS); tipo = 'barrio'; }
    else if (rn < 0.55) {
      if (rng.chance(0.15)) { nombre = take(pools.unidad, UNIDADES); tipo = 'unidad_habitacional'; }
      else { nombre = take(pools.popular, COLONIAS_POPULARES); tipo = 'colonia'; }
    } else {
      // Long blocks are the mark of a planned fraccionamiento.
      const u = long > 0.3 ? 0 : 0.45 + 0.55 * rng.next();
      if (u < 0.6) { nombre = take(pools.fracc, FRACCIONAMIENTOS); tipo = 'fraccionamiento'; }
      else if (u < 0.85) { nombre = take(pools.popular, COLONIAS_POPULARES); tipo = 'colonia'; }
      else { nombre = take(pools.unidad, UNIDADES); tipo = 'unidad_habitacional'; }
    }
    used.add(nombre);
    const tema = rn < 0.18 ? 'historico' : rng.pick(temas);
    out.push({ ...g, cve: '', nombre, tipo, cp: '', tema, rn });
  });
  for (const s of t.settlements.slice(1)) {
    const cellsOf = t.cells.map((c, i) => (c.settlement === s.index ? i : -1)).filter((i) => i >= 0);
    out.push({ settlement: s.index, cells: cellsOf, seed: [0, 0], cve: '', nombre: s.nombre, tipo: 'pueblo', cp: '', tema: 'historico', rn: 1 });
  }
  // Postal codes: a few colonias share each code, numbered outwards from the centre (Centro = 98000).
  let cp = 98000;
  out.forEach((c, k) => {
    c.cve = `C${String(k + 1).padStart(4, '0')}`;
    if (k > 0 && (c.settlement !== out[k - 1].settlement || rng.chance(0.45))) cp += rng.int(1, 4) * 5;
    c.cp = String(98000 + ((cp - 98000) % 1999));
  });
  return out;
}

/** Names every street edge: avenues keep one name along their whole line, local streets take their colonia's theme. */
export function nameStreets(seed: number, t: Territory, colOfCell: Int32Array, colonias: ColoniaUnit[]): { nombre: string; tipo: string }[] {
  const rng = Rng.derive(seed, 'streets');
  const avenidas = rng.shuffle(AVENIDAS);
  const lineNames = new Map<string, string>();
  let avenueNext = 0;
  const avenue = (key: string) => {
    let n = lineNames.get(key);
    if (!n) {
      const base = avenidas[avenueNext % avenidas.length];
      const round = Math.floor(avenueNext / avenidas.length);
      n = round ? `${base} ${['Norte', 'Sur', 'Oriente', 'Poniente'][round % 4]}` : base;
      avenueNext++;
      lineNames.set(key, n);
    }
    return n;
  };
  const historicas = rng.shuffle(CALLES_HISTORICAS);
  const themed = (tema: string, k: number) => {
    const list = tema === 'historico' ? historicas : TEMAS_CALLES[tema];
    return list[((k % list.length) + list.length) % list.length];
  };
  const out: { nombre: string; tipo: string }[] = [];
  for (const e of t.edges) {
    if (e.special === 'highway') { out.push({ nombre: '', tipo: 'carretera' }); continue; }
    const s = t.settlements[e.settlement];
    const dir = e.horizontal ? 'h' : 'v';
    const key = `${e.settlement}:${dir}:${e.line}`;
    if (s.isCity) {
      if (e.special === 'ring') { out.push({ nombre: 'Periférico Manuel Gómez Morín', tipo: 'periferico' }); continue; }
      if (e.special === 'inner') { out.push({ nombre: 'Circuito Interior Jesús González Ortega', tipo: 'circuito' }); continue; }
      if (e.special === 'axis') { out.push({ nombre: e.horizontal ? 'Av. Hidalgo' : 'Av. Benito Juárez', tipo: 'avenida' }); continue; }
      if (e.special === 'avenue') {
        const n = avenue(key);
        out.push({ nombre: n, tipo: n.startsWith('Blvd.') ? 'boulevard' : n.startsWith('Calzada') ? 'calzada' : 'avenida' });
        continue;
      }
      if (e.special === 'peatonal') { out.push({ nombre: e.horizontal ? 'Andador Constitución' : 'Andador de la Merced', tipo: 'andador' }); continue; }
    } else if (e.special === 'axis') {
      out.push({ nombre: e.horizontal ? 'Calle Hidalgo' : 'Calle Principal', tipo: 'calle' });
      continue;
    }
    // Secondary streets keep their name between avenues; local ones between any two crossing secondary streets.
    const runLen = e.special === 'secondary' ? 12 : 4;
    const run = Math.floor((e.pos + 1000 * runLen) / runLen);
    const mid = run * runLen - 1000 * runLen + Math.floor(runLen / 2);
    const [ci, cj] = e.horizontal ? [mid, e.line] : [e.line, mid];
    let col = -1;
    for (const [a, b] of [[ci, cj], [ci - 1, cj], [ci, cj - 1], [ci - 1, cj - 1], [e.horizontal ? e.pos : e.line, e.horizontal ? e.line : e.pos], [e.horizontal ? e.pos : e.line - 1, e.horizontal ? e.line - 1 : e.pos]]) {
      if (a < -s.N || b < -s.N || a >= s.N || b >= s.N) continue;
      const idx = s.cellIdx[cellKey(s, a, b)];
      if (idx >= 0) { col = colOfCell[idx]; break; }
    }
    const tema = col >= 0 ? colonias[col].tema : 'historico';
    const k = e.line * 7 + run * 3 + (e.horizontal ? 0 : 11);
    const base = themed(tema, k);
    const centro = s.isCity && tema === 'historico';
    const privada = !centro && e.special === 'local' && hash3(e.line, run, e.horizontal ? 1 : 2, seed) % 9 === 0;
    const callejon = centro && hash3(e.line, run, 3, seed) % 13 === 0;
    const tipo = privada ? 'privada' : callejon ? 'callejon' : 'calle';
    const prefix = privada ? 'Privada' : callejon ? 'Callejón' : 'Calle';
    out.push({ nombre: `${prefix} ${base}`, tipo });
  }
  return out;
}
