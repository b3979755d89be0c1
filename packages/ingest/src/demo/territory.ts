// The physical layout: a city and outlying towns as warped street grids, blocks between the streets, highways
// between the settlements and the municipal boundary. Everything is in local metres (see geo.ts).
//
// A settlement is a grid of nodes (i, j) in [-N, N]². The city maps the index square onto a disc (so the square
// rings |i| = K become a ring road), compresses the centre (smaller blocks in the historic centre) and bends the
// whole with smooth noise, so streets curve but never cross. Cells between four nodes are the manzanas; streets
// are the grid edges, which makes the network connected by construction once the cells are.
import { insetConvex, ringArea, ringCentroid, type Pt } from './geo.ts';
import { clamp, fbm2, periodicNoise1 } from './noise.ts';
import { hash3, Rng } from './prng.ts';
import { LOCALIDADES_RURALES } from './names.ts';

export type Clase = 'carretera' | 'primaria' | 'secundaria' | 'local' | 'peatonal';

export interface Settlement {
  index: number;
  isCity: boolean;
  nombre: string;
  cveLoc: string;
  N: number;
  centre: Pt;
  /** Node coordinates, (2N+1)² entries, indexed by nodeKey. */
  nodes: Pt[];
  /** Global node id, or -1 when no street reaches the node. */
  nodeId: Int32Array;
  /** Global cell index, or -1 when the cell is not built; (2N)² entries, indexed by cellKey. */
  cellIdx: Int32Array;
  ringK: number;
  innerK: number;
}

export interface Cell {
  settlement: number;
  i: number;
  j: number;
  ring: Pt[];
  block: Pt[];
  centroid: Pt;
  areaHa: number;
  /** Distance from the city centre divided by the city radius (towns: their own radius). */
  rn: number;
  park: boolean;
  /** Cells covered along i and j: [1, 1], or [2, 1] / [1, 2] for a long fraccionamiento block. */
  span: [number, number];
}

export interface Edge {
  settlement: number;
  horizontal: boolean;
  /** Line index: j for horizontal edges, i for vertical ones; pos is the other index. */
  line: number;
  pos: number;
  source: number;
  target: number;
  pts: Pt[];
  clase: Clase;
  special: 'ring' | 'inner' | 'axis' | 'avenue' | 'secondary' | 'peatonal' | 'local' | 'highway';
}

export interface Territory {
  cityRadius: number;
  munRing: Pt[];
  settlements: Settlement[];
  cells: Cell[];
  edges: Edge[];
  highways: { from: number; to: number; edges: number[]; exit?: boolean }[];
  nodeCount: number;
}

export const nodeKey = (s: Settlement, i: number, j: number) => (i + s.N) * (2 * s.N + 1) + (j + s.N);
export const cellKey = (s: Settlement, i: number, j: number) => (i + s.N) * (2 * s.N) + (j + s.N);

/** Half the street width, in metres, by class: blocks are inset by this much. */
export function halfWidth(e: Edge | undefined, centre: boolean): number {
  if (!e) return 4;
  switch (e.special) {
    case 'ring': return 14;
    case 'axis': case 'avenue': case 'inner': return 10;
    case 'secondary': return 7;
    case 'peatonal': return 3.5;
    default: return centre ? 4 : 5.5;
  }
}

interface Shape {
  N: number;
  centre: Pt;
  rot: number;
  /** Index square → local offset (before rotation and warp). */
  place: (a: number, b: number) => Pt;
  include: (a: number, b: number) => boolean;
  warpAmp: (rn: number) => number;
  jitter: (rn: number) => number;
  radius: number;
}

function diskMap(a: number, b: number): Pt {
  return [a * Math.sqrt(Math.max(0, 1 - (b * b) / 2)), b * Math.sqrt(Math.max(0, 1 - (a * a) / 2))];
}

const CENTRE_SHARE = 0.55;

function cityShape(seed: number, N: number, rot: number): Shape {
  const R = N * 118;
  const lobes = (theta: number) => {
    const t = (theta / (2 * Math.PI) + 1) % 1;
    return 0.6 + 0.36 * periodicNoise1(t * 7, 7, seed + 11) + 0.08 * periodicNoise1(t * 23, 23, seed + 12);
  };
  return {
    N,
    centre: [0, 0],
    rot,
    radius: R,
    place: (a, b) => {
      const [x, y] = diskMap(a, b);
      const r = Math.hypot(x, y);
      if (r === 0) return [0, 0];
      const h = r * (CENTRE_SHARE + (1 - CENTRE_SHARE) * r);
      return [(x / r) * h * R, (y / r) * h * R];
    },
    include: (a, b) => {
      const [x, y] = diskMap(a, b);
      return Math.hypot(x, y) < lobes(Math.atan2(y, x));
    },
    warpAmp: (rn) => 90 * (0.3 + 0.7 * rn),
    jitter: (rn) => (rn < 0.16 ? 14 * (1 - rn / 0.16) : 0),
  };
}

function townShape(seed: number, N: number, centre: Pt, rot: number, spacing: number): Shape {
  return {
    N,
    centre,
    rot,
    radius: N * spacing,
    place: (a, b) => [a * N * spacing, b * N * spacing],
    include: (a, b) => {
      const [x, y] = diskMap(a, b);
      const t = (Math.atan2(y, x) / (2 * Math.PI) + 1) % 1;
      return Math.hypot(x, y) < 0.8 + 0.25 * periodicNoise1(t * 5, 5, seed);
    },
    warpAmp: () => 25,
    jitter: () => 10,
  };
}

/** Counts the cells a shape would build, for sizing the city to a target number of manzanas. */
function countCells(shape: Shape): number {
  return connectedCells(shape).size;
}

function connectedCells(shape: Shape): Set<number> {
  const N = shape.N;
  const W = 2 * N;
  const inside = new Uint8Array(W * W);
  for (let i = -N; i < N; i++) {
    for (let j = -N; j < N; j++) {
      if (shape.include((i + 0.5) / N, (j + 0.5) / N)) inside[(i + N) * W + (j + N)] = 1;
    }
  }
  // Keep the 4-connected component of the centre: 4-adjacent cells share a street, so the network is connected.
  const start = N * W + N;
  const seen = new Set<number>();
  if (!inside[start]) return seen;
  const stack = [start];
  seen.add(start);
  while (stack.length) {
    const k = stack.pop()!;
    const ci = Math.floor(k / W);
    const cj = k % W;
    const nb = [[ci - 1, cj], [ci + 1, cj], [ci, cj - 1], [ci, cj + 1]];
    for (const [a, b] of nb) {
      if (a < 0 || b < 0 || a >= W || b >= W) continue;
      const kk = a * W + b;
      if (inside[kk] && !seen.has(kk)) {
        seen.add(kk);
        stack.push(kk);
      }
    }
  }
  return seen;
}

/** Generates the territory: settlements, blocks, street edges and highways, deterministic for a seed. */
export function buildTerritory(seed: number, scale: number): Territory {
  const rng = Rng.derive(seed, 'territory');
  const rot = rng.range(0.12, 0.38);
  // Size the city so that it holds the target number of manzanas (the towns add a few hundred more).
  // Cells, not manzanas: fraccionamiento patches later merge some pairs of cells into long blocks (~8 %).
  const target = Math.max(200, Math.round(11_600 * scale));
  let N = Math.max(8, Math.round(70 * Math.sqrt(scale)));
  for (let it = 0; it < 6; it++) {
    const c = countCells(cityShape(seed, N, rot));
    if (c >= target && c < target * 1.06) break;
    N = Math.max(8, Math.round(N * Math.sqrt(target / Math.max(1, c))) + (c < target ? 1 : 0));
  }
  while (countCells(cityShape(seed, N, rot)) < target) N++;

  const city = cityShape(seed, N, rot);
  const cityR = city.radius;
  const shapes: { shape: Shape; nombre: string; cveLoc: string; isCity: boolean }[] = [
    { shape: city, nombre: 'San Isidro del Valle', cveLoc: '0001', isCity: true },
  ];

  // Municipal boundary and outlying towns.
  const munR = Math.max(28_000, 2.7 * cityR);
  const townCount = 10;
  const names = rng.shuffle(LOCALIDADES_RURALES);
  const towns: { centre: Pt; d: number; theta: number }[] = [];
  let cveLocNum = 1;
  for (let k = 0; towns.length < townCount && k < 400; k++) {
    const theta = (2 * Math.PI * towns.length) / townCount + rng.range(-0.25, 0.25);
    const d = rng.range(cityR * 1.25 + 3500, munR * 0.72);
    const c: Pt = [Math.cos(theta) * d, Math.sin(theta) * d];
    if (towns.some((t) => Math.hypot(t.centre[0] - c[0], t.centre[1] - c[1]) < 4000)) continue;
    towns.push({ centre: c, d, theta });
    cveLocNum += rng.int(3, 17);
    const big = towns.length <= 3;
    const tN = big ? rng.int(6, 8) : rng.int(2, 4);
    shapes.push({
      shape: townShape(seed + 101 * towns.length, tN, c, rng.range(-0.6, 0.6), rng.range(95, 125)),
      nombre: names[towns.length - 1],
      cveLoc: String(cveLocNum).padStart(4, '0'),
      isCity: false,
    });
  }
  const munRing: Pt[] = [];
  const M = 120;
  for (let k = 0; k < M; k++) {
    const th = (2 * Math.PI * k) / M;
    let r = munR * (0.82 + 0.32 * periodicNoise1((k / M) * 9, 9, seed + 31) + 0.05 * periodicNoise1((k / M) * 40, 40, seed + 32));
    for (const t of towns) {
      let dth = Math.abs(th - t.theta) % (2 * Math.PI);
      if (dth > Math.PI) dth = 2 * Math.PI - dth;
      const need = (t.d + 4500) * (1 - clamp(dth / 0.5, 0, 1)) ;
      r = Math.max(r, need);
    }
    munRing.push([Math.cos(th) * r, Math.sin(th) * r]);
  }

  const settlements: Settlement[] = [];
  const cells: Cell[] = [];
  const edges: Edge[] = [];
  let nextNode = 1;

  for (const [si, { shape, nombre, cveLoc, isCity }] of shapes.entries()) {
    const sN = shape.N;
    const W = 2 * sN;
    const cos = Math.cos(shape.rot);
    const sin = Math.sin(shape.rot);
    const nodes: Pt[] = new Array((W + 1) * (W + 1));
    const sseed = seed + 7919 * si;
    for (let i = -sN; i <= sN; i++) {
      for (let j = -sN; j <= sN; j++) {
        const p = shape.place(i / sN, j / sN);
        const rn = Math.hypot(p[0], p[1]) / shape.radius;
        const wa = shape.warpAmp(rn);
        const wx = (fbm2(p[0] / 1400, p[1] / 1400, sseed + 1, 3) - 0.5) * 2 * wa;
        const wy = (fbm2(p[0] / 1400, p[1] / 1400, sseed + 2, 3) - 0.5) * 2 * wa;
        const jt = shape.jitter(rn);
        const jx = jt ? (hash3(i, j, 1, sseed) / 4294967296 - 0.5) * 2 * jt : 0;
        const jy = jt ? (hash3(i, j, 2, sseed) / 4294967296 - 0.5) * 2 * jt : 0;
        const x = p[0] + wx + jx;
        const y = p[1] + wy + jy;
        nodes[(i + sN) * (W + 1) + (j + sN)] = [shape.centre[0] + x * cos - y * sin, shape.centre[1] + x * sin + y * cos];
      }
    }
    const s: Settlement = {
      index: si, isCity, nombre, cveLoc, N: sN, centre: shape.centre, nodes,
      nodeId: new Int32Array((W + 1) * (W + 1)).fill(-1),
      cellIdx: new Int32Array(W * W).fill(-1),
      ringK: isCity ? Math.round(0.62 * sN) : -1,
      innerK: isCity ? Math.round(0.24 * sN) : -1,
    };
    settlements.push(s);
    const built = connectedCells(shape);
    const sorted = [...built].sort((a, b) => a - b);
    for (const k of sorted) {
      const i = Math.floor(k / W) - sN;
      const j = (k % W) - sN;
      s.cellIdx[k] = cells.length;
      const ring = [nodes[nodeKey(s, i, j)], nodes[nodeKey(s, i + 1, j)], nodes[nodeKey(s, i + 1, j + 1)], nodes[nodeKey(s, i, j + 1)]];
      const centroid = ringCentroid(ring);
      const rn = Math.hypot(centroid[0] - shape.centre[0], centroid[1] - shape.centre[1]) / shape.radius;
      cells.push({ settlement: si, i, j, ring, block: ring, centroid, areaHa: 0, rn, park: false, span: [1, 1] });
    }

    // Streets: every grid edge that borders a built cell.
    const hasCell = (i: number, j: number) => i >= -sN && j >= -sN && i < sN && j < sN && s.cellIdx[cellKey(s, i, j)] >= 0;
    const nid = (i: number, j: number) => {
      const k = nodeKey(s, i, j);
      if (s.nodeId[k] < 0) s.nodeId[k] = nextNode++;
      return s.nodeId[k];
    };
    for (let i = -sN; i <= sN; i++) {
      for (let j = -sN; j <= sN; j++) {
        if (i < sN && (hasCell(i, j) || hasCell(i, j - 1))) {
          edges.push(makeEdge(s, true, j, i, nid(i, j), nid(i + 1, j), [nodes[nodeKey(s, i, j)], nodes[nodeKey(s, i + 1, j)]]));
        }
        if (j < sN && (hasCell(i, j) || hasCell(i - 1, j))) {
          edges.push(makeEdge(s, false, i, j, nid(i, j), nid(i, j + 1), [nodes[nodeKey(s, i, j)], nodes[nodeKey(s, i, j + 1)]]));
        }
      }
    }
  }

  const parkRng = Rng.derive(seed, 'parks');
  for (const c of cells) {
    const s = settlements[c.settlement];
    c.park = (s.isCity && c.i === 0 && c.j === 0) || parkRng.chance(s.isCity ? 0.014 : 0.02);
  }
  const merged = mergeFraccionamientoBlocks(seed, settlements, cells, edges);

  // Blocks: each cell inset by half the width of the street on each side.
  const edgeAt = new Map<string, Edge>();
  for (const e of merged.edges) edgeAt.set(`${e.settlement}:${e.horizontal ? 'h' : 'v'}:${e.line}:${e.pos}`, e);
  for (const c of merged.cells) {
    const s = settlements[c.settlement];
    const centre = s.isCity && c.rn < 0.16;
    const w = (key: string) => halfWidth(edgeAt.get(`${c.settlement}:${key}`), centre);
    const { i, j } = c;
    let d: number[];
    if (c.span[0] === 2) {
      // The two halves of a long side keep one width, so the inset side stays straight.
      const bottom = Math.max(w(`h:${j}:${i}`), w(`h:${j}:${i + 1}`));
      const top = Math.max(w(`h:${j + 1}:${i}`), w(`h:${j + 1}:${i + 1}`));
      d = [bottom, bottom, w(`v:${i + 2}:${j}`), top, top, w(`v:${i}:${j}`)];
    } else if (c.span[1] === 2) {
      const right = Math.max(w(`v:${i + 1}:${j}`), w(`v:${i + 1}:${j + 1}`));
      const left = Math.max(w(`v:${i}:${j}`), w(`v:${i}:${j + 1}`));
      d = [w(`h:${j}:${i}`), right, right, w(`h:${j + 2}:${i}`), left, left];
    } else {
      d = [w(`h:${j}:${i}`), w(`v:${i + 1}:${j}`), w(`h:${j + 1}:${i}`), w(`v:${i}:${j}`)];
    }
    c.block = insetConvex(c.ring, d) ?? insetConvex(c.ring, d.map((x) => x / 3)) ?? c.ring;
    c.areaHa = ringArea(c.block) / 10_000;
  }
  // Replace in place with loops: spreading 200,000 items into push() overflows the call stack at scale 10.
  cells.length = 0;
  for (const c of merged.cells) cells.push(c);
  edges.length = 0;
  for (const e of merged.edges) edges.push(e);

  const highways = connectSettlements(seed, settlements, cells, edges, munRing, () => nextNode++);
  return { cityRadius: cityR, munRing, settlements, cells, edges, highways, nodeCount: nextNode - 1 };
}

/**
 * Fraccionamientos have long blocks: in patches of the outer city two neighbouring cells become one block and the
 * short street between them disappears. Only local streets on odd lines go, and a node loses at most two of its
 * four streets, so the network stays connected.
 */
function mergeFraccionamientoBlocks(seed: number, settlements: Settlement[], cells: Cell[], edges: Edge[]): { cells: Cell[]; edges: Edge[] } {
  const city = settlements[0];
  const removed = new Set<string>();
  const gone = new Set<number>();
  const edgeByKey = new Map<string, Edge>();
  for (const e of edges) if (e.settlement === 0) edgeByKey.set(`${e.horizontal ? 'h' : 'v'}:${e.line}:${e.pos}`, e);
  const at = (i: number, j: number) => (i >= -city.N && j >= -city.N && i < city.N && j < city.N ? city.cellIdx[cellKey(city, i, j)] : -1);
  for (let k = 0; k < cells.length; k++) {
    const c = cells[k];
    if (c.settlement !== 0 || c.park || gone.has(k) || c.rn < 0.45) continue;
    const [x, y] = c.centroid;
    if (fbm2(x / 2600, y / 2600, seed + 55, 2) < 0.5) continue;
    const alongI = fbm2(x / 3500, y / 3500, seed + 56, 2) > 0.5;
    if (alongI ? c.i % 2 !== 0 : c.j % 2 !== 0) continue;
    const pk = alongI ? at(c.i + 1, c.j) : at(c.i, c.j + 1);
    if (pk < 0 || gone.has(pk) || cells[pk].park) continue;
    const key = alongI ? `v:${c.i + 1}:${c.j}` : `h:${c.j + 1}:${c.i}`;
    if (edgeByKey.get(key)?.special !== 'local') continue;
    const p = cells[pk];
    const n = (i: number, j: number) => city.nodes[nodeKey(city, i, j)];
    c.ring = alongI
      ? [n(c.i, c.j), n(c.i + 1, c.j), n(c.i + 2, c.j), n(c.i + 2, c.j + 1), n(c.i + 1, c.j + 1), n(c.i, c.j + 1)]
      : [n(c.i, c.j), n(c.i + 1, c.j), n(c.i + 1, c.j + 1), n(c.i + 1, c.j + 2), n(c.i, c.j + 2), n(c.i, c.j + 1)];
    c.span = alongI ? [2, 1] : [1, 2];
    c.centroid = ringCentroid(c.ring);
    c.rn = (c.rn + p.rn) / 2;
    gone.add(pk);
    removed.add(key);
  }
  const out: Cell[] = [];
  const newIdx = new Int32Array(cells.length).fill(-1);
  cells.forEach((c, k) => {
    if (gone.has(k)) return;
    newIdx[k] = out.length;
    out.push(c);
  });
  for (const s of settlements) {
    for (let q = 0; q < s.cellIdx.length; q++) {
      const old = s.cellIdx[q];
      if (old < 0) continue;
      // The absorbed cell's slot points at the block that now covers it.
      s.cellIdx[q] = gone.has(old) ? -2 : newIdx[old];
    }
  }
  out.forEach((c, idx) => {
    if (c.span[0] === 2) city.cellIdx[cellKey(city, c.i + 1, c.j)] = idx;
    if (c.span[1] === 2) city.cellIdx[cellKey(city, c.i, c.j + 1)] = idx;
  });
  return { cells: out, edges: edges.filter((e) => e.settlement !== 0 || !removed.has(`${e.horizontal ? 'h' : 'v'}:${e.line}:${e.pos}`)) };
}

function makeEdge(s: Settlement, horizontal: boolean, line: number, pos: number, source: number, target: number, pts: Pt[]): Edge {
  let special: Edge['special'] = 'local';
  let clase: Clase = 'local';
  const a = Math.abs(line);
  if (s.isCity) {
    const onRing = (k: number) => a === k && pos >= -k && pos < k;
    if (onRing(s.ringK)) special = 'ring';
    else if (onRing(s.innerK)) special = 'inner';
    else if (line === 0) special = 'axis';
    else if (a % 12 === 0) special = 'avenue';
    else if (a % 4 === 0) special = 'secondary';
    // A pedestrian block along the main plaza, as in most historic centres.
    else if (horizontal && line === 1 && pos >= 1 && pos <= 3) special = 'peatonal';
    else if (!horizontal && line === -1 && pos >= -2 && pos <= 0) special = 'peatonal';
  } else if (line === 0) {
    special = 'axis';
  }
  switch (special) {
    case 'ring': case 'axis': case 'avenue': case 'inner': clase = 'primaria'; break;
    case 'secondary': clase = 'secundaria'; break;
    case 'peatonal': clase = 'peatonal'; break;
    default: clase = 'local';
  }
  if (!s.isCity && special === 'axis') clase = 'secundaria';
  return { settlement: s.index, horizontal, line, pos, source, target, pts, clase, special };
}

/** Links every town to the network (a spanning tree by distance) and adds two highways leaving the municipio. */
function connectSettlements(seed: number, settlements: Settlement[], cells: Cell[], edges: Edge[], munRing: Pt[], newNode: () => number): Territory['highways'] {
  const rng = Rng.derive(seed, 'highways');
  const nodeList = (s: Settlement) => {
    const out: { id: number; p: Pt }[] = [];
    for (let k = 0; k < s.nodeId.length; k++) if (s.nodeId[k] >= 0) out.push({ id: s.nodeId[k], p: s.nodes[k] });
    return out;
  };
  const lists = settlements.map(nodeList);
  const nearest = (list: { id: number; p: Pt }[], q: Pt) => {
    let best = list[0];
    let bd = Infinity;
    for (const n of list) {
      const d = (n.p[0] - q[0]) ** 2 + (n.p[1] - q[1]) ** 2;
      if (d < bd) { bd = d; best = n; }
    }
    return best;
  };
  const out: Territory['highways'] = [];
  const road = (a: { id: number; p: Pt }, b: { id: number; p: Pt }, from: number, to: number, exit = false) => {
    const len = Math.hypot(b.p[0] - a.p[0], b.p[1] - a.p[1]);
    const nx = -(b.p[1] - a.p[1]) / len;
    const ny = (b.p[0] - a.p[0]) / len;
    const amp = 0.07 * len;
    const steps = Math.max(4, Math.ceil(len / 150));
    const hseed = seed + 313 * (from + 1) + 17 * (to + 1);
    const pts: Pt[] = [];
    for (let k = 0; k <= steps; k++) {
      const t = k / steps;
      const off = amp * Math.sin(Math.PI * t) * (periodicNoise1(t * 3, 1000, hseed) - 0.5) * 2;
      pts.push([a.p[0] + (b.p[0] - a.p[0]) * t + nx * off, a.p[1] + (b.p[1] - a.p[1]) * t + ny * off]);
    }
    pts[0] = a.p;
    pts[steps] = b.p;
    // One edge per ~1.2 km, so that routing and isochrones have nodes along the way.
    const pieces = Math.max(1, Math.round(len / 1200));
    const ids: number[] = [];
    let prev = a.id;
    for (let k = 0; k < pieces; k++) {
      const i0 = Math.round((k * steps) / pieces);
      const i1 = Math.round(((k + 1) * steps) / pieces);
      const next = k === pieces - 1 ? b.id : newNode();
      ids.push(edges.length);
      edges.push({ settlement: -1, horizontal: false, line: out.length, pos: k, source: prev, target: next, pts: pts.slice(i0, i1 + 1), clase: 'carretera', special: 'highway' });
      prev = next;
    }
    out.push({ from, to, edges: ids, exit });
  };

  const connected = [0];
  const pending = settlements.slice(1).map((s) => s.index);
  while (pending.length) {
    let best = { t: -1, c: -1, d: Infinity };
    for (const t of pending) {
      for (const c of connected) {
        const q = settlements[t].centre;
        const n = nearest(lists[c], q);
        const d = Math.hypot(n.p[0] - q[0], n.p[1] - q[1]);
        if (d < best.d) best = { t, c, d };
      }
    }
    const from = nearest(lists[best.c], settlements[best.t].centre);
    const to = nearest(lists[best.t], from.p);
    road(from, to, best.c, best.t);
    connected.push(best.t);
    pending.splice(pending.indexOf(best.t), 1);
  }
  // Two federal highways leave the municipio, in directions away from the towns.
  const used = out.filter((h) => h.from === 0).map((h) => Math.atan2(settlements[h.to].centre[1], settlements[h.to].centre[0]));
  for (let k = 0; k < 2; k++) {
    let bestTh = 0;
    let bestGap = -1;
    for (let s = 0; s < 72; s++) {
      const th = (2 * Math.PI * s) / 72 + k * 0.01;
      const gap = Math.min(...used.map((u) => Math.abs(Math.atan2(Math.sin(th - u), Math.cos(th - u)))), Math.PI);
      if (gap > bestGap) { bestGap = gap; bestTh = th; }
    }
    used.push(bestTh);
    const mk = Math.round((bestTh / (2 * Math.PI)) * munRing.length) % munRing.length;
    const border = munRing[mk];
    const endPt: Pt = [border[0] * 0.999, border[1] * 0.999];
    const from = nearest(lists[0], endPt);
    road(from, { id: newNode(), p: endPt }, 0, -1 - k, true);
  }
  void rng;
  void cells;
  return out;
}
