// Puts the pieces together: territory → units → census → streets, facilities, plan and participation, as rows.
import { createHash } from 'node:crypto';
import { aggregateLevel, drawCensus, indicatorCatalog } from './census.ts';
import { placeFacilities } from './facilities.ts';
import { LocalFrame, lineLength, Wkt, type Pt } from './geo.ts';
import { MUNICIPIO_NOMBRE } from './names.ts';
import { buildParticipation, type ColoniaInfo } from './participation.ts';
import { buildHistories, buildPlan, EJES, PROGRAMAS, type PlacePicker } from './plan.ts';
import type { Rng } from './prng.ts';
import { buildTerritory, type Edge } from './territory.ts';
import type { DemoMunicipality, DemoValues } from './types.ts';
import { buildAgebs, buildColonias, CVE_ENT, CVE_MUN, CVEGEO_MUN, nameStreets } from './units.ts';

/** Centre of the fictional municipality: inside Mexico's land area (the Zacatecas–Durango high plains). */
export const DEMO_CENTRE = { lon: -102.6, lat: 23.2 };
export const DEFAULT_SEED = 20240611;

/**
 * Generates the demo municipality: pure and deterministic (same seed, scale and load date → identical rows). The load
 * date (ISO, default today in UTC) only places the windows of the one process open "today".
 */
export function generateDemo(opts: { seed?: number; scale?: number; loadDate?: string } = {}): DemoMunicipality {
  const seed = (opts.seed ?? DEFAULT_SEED) >>> 0;
  const scale = opts.scale ?? 1;
  const loadDate = opts.loadDate ?? new Date().toISOString().slice(0, 10);
  if (!(scale > 0 && scale <= 100)) throw new Error(`La escala debe estar entre 0 y 100 (se recibió ${scale}).`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(loadDate) || Number.isNaN(Date.parse(loadDate))) throw new Error(`La fecha de carga debe ser AAAA-MM-DD (se recibió ${loadDate}).`);
  const t = buildTerritory(seed, scale);
  const wkt = new Wkt(new LocalFrame(DEMO_CENTRE.lon, DEMO_CENTRE.lat));

  const agebs = buildAgebs(seed, t);
  const colonias = buildColonias(seed, t);
  const agebOf = new Int32Array(t.cells.length);
  const colOf = new Int32Array(t.cells.length);
  agebs.forEach((a, k) => a.cells.forEach((c) => (agebOf[c] = k)));
  colonias.forEach((c, k) => c.cells.forEach((x) => (colOf[x] = k)));

  const census = drawCensus(seed, t);
  const pob = census.counts[2020].pob_tot;
  const viv = census.counts[2020].viv_tot;

  // Manzanas, numbered north-west to south-east inside each AGEB.
  const manzanaKey: string[] = new Array(t.cells.length);
  const manzanas: DemoMunicipality['manzanas'] = [];
  for (const a of agebs) {
    const ordered = [...a.cells].sort((x, y) => t.cells[y].j - t.cells[x].j || t.cells[x].i - t.cells[y].i);
    ordered.forEach((c, k) => {
      const cve = String(k + 1).padStart(3, '0');
      manzanaKey[c] = a.cvegeo + cve;
    });
  }
  for (let c = 0; c < t.cells.length; c++) {
    const a = agebs[agebOf[c]];
    manzanas.push({
      cvegeo: manzanaKey[c], cvegeo_ageb: a.cvegeo, cve_mza: manzanaKey[c].slice(13), cve_col: colonias[colOf[c]].cve,
      pob: pob[c], viv: viv[c], geom: wkt.multiPolygon(t.cells[c].block), cell: wkt.multiPolygon(t.cells[c].ring),
    });
  }
  manzanas.sort((x, y) => (x.cvegeo < y.cvegeo ? -1 : 1));

  const sum = (cells: number[], arr: Int32Array) => cells.reduce((s, c) => s + arr[c], 0);
  const locCells = t.settlements.map((s) => t.cells.map((c, i) => (c.settlement === s.index ? i : -1)).filter((i) => i >= 0));
  const localidades: DemoMunicipality['localidades'] = t.settlements.map((s, k) => {
    const p = sum(locCells[k], pob);
    return { cvegeo: CVEGEO_MUN + s.cveLoc, cve_loc: s.cveLoc, nombre: s.nombre, ambito: p >= 2500 ? 'urbano' : 'rural', pob: p, viv: sum(locCells[k], viv) };
  });
  const agebRows: DemoMunicipality['agebs'] = agebs.map((a) => ({
    cvegeo: a.cvegeo, cve_loc: t.settlements[a.settlement].cveLoc, cve_ageb: a.cveAgeb, ambito: localidades[a.settlement].ambito, pob: sum(a.cells, pob),
  }));
  const coloniaRows: DemoMunicipality['colonias'] = colonias.map((c) => ({
    cve_col: c.cve, nombre: c.nombre, tipo: c.tipo, cvegeo_loc: CVEGEO_MUN + t.settlements[c.settlement].cveLoc, cp: c.cp, pob: sum(c.cells, pob),
  }));
  const totalPob = localidades.reduce((s, l) => s + l.pob, 0);
  const totalViv = localidades.reduce((s, l) => s + l.viv, 0);

  // Streets.
  const names = nameStreets(seed, t, colOf, colonias);
  let federal = 0;
  let estatal = 0;
  t.highways.forEach((h) => {
    const to = h.to >= 0 ? t.settlements[h.to].nombre : '';
    const nombre = h.exit ? ['Carretera Federal 45', 'Carretera Federal 49'][federal++ % 2]
      : h.from === 0 ? `Carretera Estatal ${120 + 7 * estatal++} a ${to}` : `Camino a ${to}`;
    for (const e of h.edges) names[e] = { nombre, tipo: h.exit || h.from === 0 ? 'carretera' : 'camino' };
  });
  const vialidades: DemoMunicipality['vialidades'] = t.edges.map((e, k) => ({
    id: k + 1, nombre: names[k].nombre, tipo: names[k].tipo, clase: e.clase, source: e.source, target: e.target,
    longitud_m: Math.round(lineLength(e.pts) * 100) / 100, geom: wkt.lineString(e.pts),
  }));

  const facilities = placeFacilities(seed, t, (c) => colonias[colOf[c]].nombre);
  const equipamiento: DemoMunicipality['equipamiento'] = facilities.map((f, k) => ({
    id: k + 1, nombre: f.nombre, tipo: f.tipo, subtipo: f.subtipo, cve_col: colonias[colOf[f.cell]].cve, geom: wkt.point(f.at),
  }));

  // Plan: places come from the streets, blocks and facilities above.
  const edgeAt = new Map<string, number>();
  t.edges.forEach((e, k) => { if (e.settlement >= 0) edgeAt.set(`${e.settlement}:${e.horizontal ? 'h' : 'v'}:${e.line}:${e.pos}`, k); });
  const cityEdges = t.edges.map((e, k) => ({ e, k })).filter(({ e }) => e.settlement === 0);
  const edgeCol = (e: Edge) => {
    const s = t.settlements[e.settlement];
    const [i, j] = e.horizontal ? [e.pos, e.line] : [e.line, e.pos];
    for (const [a, b] of [[i, j], e.horizontal ? [i, j - 1] : [i - 1, j]]) {
      if (a < -s.N || b < -s.N || a >= s.N || b >= s.N) continue;
      const idx = s.cellIdx[(a + s.N) * 2 * s.N + (b + s.N)];
      if (idx >= 0) return colonias[colOf[idx]].cve;
    }
    return colonias[0].cve;
  };
  const places: PlacePicker = {
    street(kind, rng) {
      const pool = cityEdges.filter(({ e }) => (kind === 'avenue' ? e.clase === 'primaria'
        : kind === 'centre_street' ? t.cells.length > 0 && Math.abs(e.line) < 5 && Math.abs(e.pos) < 5 && e.clase !== 'primaria'
        : e.clase === 'local' || e.clase === 'secundaria'));
      if (!pool.length) return null;
      const { e, k } = rng.pick(pool);
      const len = kind === 'avenue' ? rng.int(4, 12) : rng.int(2, 5);
      const pts: Pt[] = [...e.pts];
      for (let q = 1; q < len; q++) {
        const nk = edgeAt.get(`0:${e.horizontal ? 'h' : 'v'}:${e.line}:${e.pos + q}`);
        if (nk === undefined || names[nk].nombre !== names[k].nombre) break;
        pts.push(t.edges[nk].pts[1]);
      }
      return { pts, nombre: names[k].nombre, cve_col: edgeCol(e) };
    },
    block(rng, park) {
      const candidates = park ? t.cells.map((c, i) => (c.park ? i : -1)).filter((i) => i >= 0) : [];
      const c = candidates.length ? rng.pick(candidates) : rng.int(0, t.cells.length - 1);
      const col = colonias[colOf[c]];
      const f = facilities.find((x) => x.cell === c && x.tipo === 'areas_verdes');
      return { ring: t.cells[c].block, cve_col: col.cve, colonia: col.tipo === 'pueblo' ? `la localidad ${col.nombre}` : /^(Col\.|Fracc\.|Barrio|Infonavit|Fovissste|U\. H\.)/.test(col.nombre) ? col.nombre : `la colonia ${col.nombre}`, lugar: f?.nombre ?? `Parque ${col.nombre}` };
    },
    facility(subtipos, rng) {
      const pool = facilities.filter((f) => subtipos.includes(f.subtipo));
      if (!pool.length) return null;
      const f = rng.pick(pool);
      return { at: f.at, nombre: f.nombre, cve_col: colonias[colOf[f.cell]].cve };
    },
  };
  const geo = { point: (p: Pt) => wkt.point(p), line: (p: Pt[]) => wkt.lineString(p), polygon: (r: Pt[]) => wkt.polygon(r) };
  const plan = buildPlan(seed, scale, places, geo);
  const ppPrograma = PROGRAMAS.findIndex((p) => p.nombre === 'Presupuesto participativo') + 1;
  const coloniaInfo: ColoniaInfo[] = colonias.map((c, k) => ({
    cve: c.cve, nombre: c.nombre, pob: coloniaRows[k].pob, cells: c.cells, town: c.tipo === 'pueblo',
    centroid: c.cells.reduce<Pt>((s, x) => [s[0] + t.cells[x].centroid[0] / c.cells.length, s[1] + t.cells[x].centroid[1] / c.cells.length], [0, 0]),
  }));
  const partic = buildParticipation(seed, loadDate, coloniaInfo,
    (c, rng: Rng) => {
      const cell = t.cells[c];
      const k = rng.int(0, cell.block.length - 1);
      const w = rng.range(0.2, 0.6);
      return [cell.centroid[0] * (1 - w) + cell.block[k][0] * w, cell.centroid[1] * (1 - w) + cell.block[k][1] * w];
    },
    (c) => t.cells[c].block, geo,
    (p) => {
      const id = plan.projects.length + 1;
      plan.projects.push({ ...p, id, clave: `PP-${p.anio}-${String(id).padStart(4, '0')}`, programa_id: ppPrograma });
      return id;
    });

  const areas = [
    { nivel: 'municipio', clave: CVEGEO_MUN, nombre: MUNICIPIO_NOMBRE },
    ...localidades.map((l) => ({ nivel: 'localidad', clave: l.cvegeo, nombre: l.nombre })),
    ...coloniaRows.filter((_c, k) => k % 10 === 0).map((c) => ({ nivel: 'colonia', clave: c.cve_col, nombre: c.nombre })),
  ];
  const histories = buildHistories(seed, plan.projects, areas);

  // Indicator values at every level, aggregated from the manzanas.
  const values: DemoValues = { indicator: [], nivel: [], clave: [], anio: [], valor: [], flag: [] };
  const order = [...t.cells.keys()].sort((a, b) => (manzanaKey[a] < manzanaKey[b] ? -1 : 1));
  aggregateLevel(census, 'manzana', order.map((c) => manzanaKey[c]), order.map((c) => [c]), values);
  aggregateLevel(census, 'ageb', agebs.map((a) => a.cvegeo), agebs.map((a) => a.cells), values);
  aggregateLevel(census, 'colonia', colonias.map((c) => c.cve), colonias.map((c) => c.cells), values);
  aggregateLevel(census, 'localidad', localidades.map((l) => l.cvegeo), locCells, values);
  aggregateLevel(census, 'municipio', [CVEGEO_MUN], [[...t.cells.keys()]], values);

  return {
    seed, scale, loadDate, nombre: MUNICIPIO_NOMBRE,
    municipio: { cvegeo: CVEGEO_MUN, cve_ent: CVE_ENT, cve_mun: CVE_MUN, nombre: MUNICIPIO_NOMBRE, pob: totalPob, viv: totalViv, geom: wkt.multiPolygon(t.munRing) },
    localidades, agebs: agebRows, colonias: coloniaRows, manzanas, vialidades, equipamiento,
    indicators: indicatorCatalog(), values,
    ejes: EJES.map((e) => ({ ...e })), programas: plan.programas, projects: plan.projects, progress: histories.progress, documents: histories.documents,
    ...partic,
  };
}

/** A SHA-256 digest of every generated row, to check that a seed reproduces the same municipality. */
export function demoDigest(demo: DemoMunicipality): string {
  const h = createHash('sha256');
  for (const key of Object.keys(demo).sort() as (keyof DemoMunicipality)[]) {
    const v = demo[key];
    h.update(key);
    if (key === 'values') {
      const vals = v as DemoValues;
      for (const col of Object.keys(vals).sort() as (keyof DemoValues)[]) h.update(col).update(JSON.stringify(vals[col]));
    } else if (Array.isArray(v)) {
      for (const row of v) h.update(JSON.stringify(row));
    } else h.update(JSON.stringify(v));
  }
  return h.digest('hex');
}
