// Maps the server's JSON (Spanish or English field names, arrays or wrapped lists) onto the client's types.
// Kept in one place so a renamed field is one edit, and tested with payloads taken from the real server.
import type { DatasetInfo, LayerInfo, SearchHit } from './types.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** First present value among `keys` of `o`. */
export function pick(o: unknown, ...keys: string[]): unknown {
  if (!isObj(o)) return undefined;
  for (const k of keys) if (o[k] !== undefined && o[k] !== null) return o[k];
  return undefined;
}
const str = (v: unknown, d = ''): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : d);
const numOr = <D>(v: unknown, d: D): number | D => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : d;
};

/** The list inside a response: the array itself or the first array under a usual key. */
export function listOf(r: unknown, ...keys: string[]): unknown[] {
  if (Array.isArray(r)) return r;
  for (const k of [...keys, 'items', 'results', 'data', 'features', 'values']) {
    const v = pick(r, k);
    if (Array.isArray(v)) return v;
  }
  return [];
}

/** One catalog entry of GET /api/layers (the domain's PublicLayer); entries without an id are dropped. */
export function normalizeLayer(raw: unknown): LayerInfo | null {
  if (!isObj(raw) || typeof raw.id !== 'string' || !isObj(raw.style)) return null;
  const l = raw as unknown as LayerInfo;
  return { ...l, properties: Array.isArray(l.properties) ? l.properties : [], tiles: l.tiles || `/tiles/${l.id}/{z}/{x}/{y}.mvt` };
}

/** The dataset note of /api/layers or /api/health ('demo' data must be labelled as fictional). */
export function normalizeDataset(raw: unknown): DatasetInfo | null {
  if (typeof raw === 'string') {
    const kind = raw.split(':')[0];
    return kind === 'demo' || kind === 'real' ? { kind, name: raw.split(':').slice(1).join(':') || null, source: null, date: null } : null;
  }
  const demo = pick(raw, 'demo');
  const kind = typeof demo === 'boolean' ? (demo ? 'demo' : 'real') : str(pick(raw, 'kind', 'tipo'));
  if (kind !== 'demo' && kind !== 'real') return null;
  return {
    kind,
    name: str(pick(raw, 'nombre', 'name', 'id')) || null,
    source: str(pick(raw, 'fuente', 'source')) || null,
    date: str(pick(raw, 'fecha', 'date')) || null,
  };
}

/** Two numbers as a [lon, lat] pair, from an array, a GeoJSON point or {lon, lat}. */
export function lonLat(v: unknown): [number, number] | null {
  if (Array.isArray(v) && v.length >= 2 && typeof v[0] === 'number' && typeof v[1] === 'number') return [v[0], v[1]];
  const coords = pick(v, 'coordinates');
  if (Array.isArray(coords)) return lonLat(coords);
  const lon = numOr(pick(v, 'lon', 'lng', 'x'), null);
  const lat = numOr(pick(v, 'lat', 'y'), null);
  return lon !== null && lat !== null ? [lon, lat] : null;
}

/** A 4-number bbox from an array or {west,south,east,north}. */
export function bbox4(v: unknown): [number, number, number, number] | null {
  if (Array.isArray(v) && v.length >= 4 && v.every((x) => typeof x === 'number')) return [v[0], v[1], v[2], v[3]];
  return null;
}

/** One hit of GET /api/search. */
export function normalizeHit(raw: unknown): SearchHit | null {
  const bbox = bbox4(pick(raw, 'bbox'));
  const center = lonLat(pick(raw, 'centroid', 'center', 'centroide', 'point', 'geometry')) ?? lonLat(raw) ?? (bbox ? [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2] as [number, number] : null);
  if (!center) return null;
  return {
    type: str(pick(raw, 'type', 'tipo', 'kind'), 'lugar'),
    id: str(pick(raw, 'id', 'clave', 'key')),
    label: str(pick(raw, 'name', 'nombre', 'label', 'title', 'titulo')),
    detail: str(pick(raw, 'context', 'contexto', 'detail', 'detalle')) || null,
    center,
    bbox,
  };
}

export { isObj, str, numOr };
