// The URL hash holds the shareable state: view, visible layers with opacity, indicator, filters, selection and the
// Cerca de mí origin. Compact, human-readable and tolerant: an unknown or malformed part is ignored, never fatal.

import { encodeIndicatorParam, encodeLayersParam, permalinkEscape, type MapIndicatorState } from '@sigmun/domain/map-link';

export interface PermalinkView {
  lon: number;
  lat: number;
  zoom: number;
  bearing: number;
  pitch: number;
}

/** The choropleth part of the hash; its encoding is shared with the server's pages (@sigmun/domain/map-link). */
export type PermalinkIndicator = MapIndicatorState;

export interface PermalinkState {
  view?: PermalinkView;
  /** Visible layers bottom → top, each with its opacity. */
  layers?: Array<{ id: string; opacity: number }>;
  indicator?: PermalinkIndicator | null;
  filters?: { status: string[]; eje: number | null; programa: number | null; dependency: string | null; year: number | null };
  selection?: { layer: string; id: string } | null;
  near?: { lon: number; lat: number; radiusM: number; minutes: number | null } | null;
  participation?: { process: number; metric: 'participation' | 'votes' } | null;
  panel?: string | null;
  lang?: 'es' | 'en';
  /** The tablero's territory (kind and clave) and period (years, either end open). */
  territory?: { tipo: string; clave: string } | null;
  period?: { desde: number | null; hasta: number | null } | null;
}

const METHODS = new Set(['quantile', 'jenks', 'equal']);

// Commas, colons and slashes stay readable in the hash; everything else is percent-encoded.
const esc = permalinkEscape;
const round = (v: number, d: number) => Number(v.toFixed(d));

/** Serialises the state into a hash fragment (without '#'); absent parts are omitted. */
export function encodePermalink(s: PermalinkState): string {
  const parts: string[] = [];
  if (s.view) {
    const v = s.view;
    const base = [round(v.zoom, 2), round(v.lat, 5), round(v.lon, 5)];
    if (v.bearing || v.pitch) base.push(round(v.bearing, 1), round(v.pitch, 1));
    parts.push(`v=${base.join('/')}`);
  }
  if (s.layers) parts.push(encodeLayersParam(s.layers));
  if (s.indicator) parts.push(encodeIndicatorParam(s.indicator));
  if (s.filters) {
    const f = s.filters;
    if (f.status.length) parts.push(`st=${f.status.map(esc).join(',')}`);
    if (f.eje !== null) parts.push(`eje=${f.eje}`);
    if (f.programa !== null) parts.push(`prog=${f.programa}`);
    if (f.dependency !== null) parts.push(`dep=${esc(f.dependency)}`);
    if (f.year !== null) parts.push(`anio=${f.year}`);
  }
  if (s.selection) parts.push(`sel=${esc(s.selection.layer)}:${esc(s.selection.id)}`);
  if (s.near) {
    const n = s.near;
    parts.push(`cerca=${[round(n.lon, 5), round(n.lat, 5), Math.round(n.radiusM), ...(n.minutes ? [n.minutes] : [])].join(',')}`);
  }
  if (s.participation) parts.push(`pp=${s.participation.process}:${s.participation.metric}`);
  if (s.panel) parts.push(`panel=${esc(s.panel)}`);
  if (s.territory) parts.push(`ter=${esc(s.territory.tipo)}:${esc(s.territory.clave)}`);
  if (s.period && (s.period.desde !== null || s.period.hasta !== null)) parts.push(`per=${s.period.desde ?? ''}-${s.period.hasta ?? ''}`);
  if (s.lang === 'en') parts.push('lang=en');
  return parts.join('&');
}

function num(s: string | undefined): number | null {
  if (s === undefined || s.trim() === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** Parses a hash fragment (with or without '#'); returns only the parts that are present and valid. */
export function decodePermalink(hash: string): PermalinkState {
  const out: PermalinkState = {};
  const raw = hash.replace(/^#/, '');
  if (!raw) return out;
  const params = new Map<string, string>();
  for (const kv of raw.split('&')) {
    const eq = kv.indexOf('=');
    if (eq > 0) params.set(kv.slice(0, eq), kv.slice(eq + 1));
  }
  const dec = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  const v = params.get('v')?.split('/').map(num);
  if (v && v.length >= 3 && v.slice(0, 3).every((x) => x !== null)) {
    const [zoom, lat, lon, bearing, pitch] = v as number[];
    if (Math.abs(lat) <= 90 && Math.abs(lon) <= 180 && zoom >= 0 && zoom <= 24) {
      out.view = { zoom, lat, lon, bearing: bearing ?? 0, pitch: pitch ?? 0 };
    }
  }
  const l = params.get('l');
  if (l !== undefined) {
    out.layers = l
      .split(',')
      .filter(Boolean)
      .map((p) => {
        const [id, op] = p.split('~');
        const o = num(op);
        return { id: dec(id), opacity: o === null ? 1 : Math.min(1, Math.max(0, o)) };
      });
  }
  const i = params.get('i')?.split(':');
  if (i && i.length >= 6) {
    const year = num(i[2]);
    const classes = num(i[4]);
    if (year !== null && classes !== null && METHODS.has(i[3]) && (i[5] === 'value' || i[5] === 'change')) {
      out.indicator = {
        code: dec(i[0]),
        level: dec(i[1]),
        year,
        method: i[3] as PermalinkIndicator['method'],
        classes: Math.min(9, Math.max(3, Math.round(classes))),
        mode: i[5],
        compare: i[6] ? dec(i[6]) : null,
      };
    }
  }
  if (['st', 'eje', 'prog', 'dep', 'anio'].some((k) => params.has(k))) {
    out.filters = {
      status: (params.get('st') ?? '').split(',').filter(Boolean).map(dec),
      eje: num(params.get('eje')),
      programa: num(params.get('prog')),
      dependency: params.has('dep') ? dec(params.get('dep')!) : null,
      year: num(params.get('anio')),
    };
  }
  const sel = params.get('sel');
  if (sel && sel.includes(':')) {
    const at = sel.indexOf(':');
    out.selection = { layer: dec(sel.slice(0, at)), id: dec(sel.slice(at + 1)) };
  }
  const c = params.get('cerca')?.split(',').map(num);
  if (c && c.length >= 3 && c.slice(0, 3).every((x) => x !== null)) {
    out.near = { lon: c[0]!, lat: c[1]!, radiusM: c[2]!, minutes: c[3] ?? null };
  }
  const pp = params.get('pp')?.split(':');
  if (pp && num(pp[0]) !== null && (pp[1] === 'participation' || pp[1] === 'votes')) {
    out.participation = { process: num(pp[0])!, metric: pp[1] };
  }
  if (params.has('panel')) out.panel = dec(params.get('panel')!);
  const ter = params.get('ter');
  if (ter && ter.indexOf(':') > 0) {
    const at = ter.indexOf(':');
    out.territory = { tipo: dec(ter.slice(0, at)), clave: dec(ter.slice(at + 1)) };
  }
  const per = /^(\d{4})?-(\d{4})?$/.exec(params.get('per') ?? '');
  if (per && (per[1] || per[2])) out.period = { desde: per[1] ? Number(per[1]) : null, hasta: per[2] ? Number(per[2]) : null };
  if (params.get('lang') === 'en') out.lang = 'en';
  return out;
}
