// The map permalink's indicator part (`i=code:level:year:method:classes:mode[:compare]`), written once: the web
// client's permalink (apps/web/src/lib/permalink.ts) and the server's pages (a choropleth link from each
// indicator's page) both build it here, so a link from a page always opens what the map itself would share.
import { mapUrl } from './portal.ts';

/** The choropleth a permalink opens. */
export interface MapIndicatorState {
  code: string;
  level: string;
  year: number;
  method: 'quantile' | 'jenks' | 'equal';
  classes: number;
  mode: 'value' | 'change';
  /** Year (or indicator code) shown on the other side of the swipe, when comparing. */
  compare: string | null;
}

/** Percent-encodes a permalink value, keeping commas, colons and slashes readable in the hash. */
export const permalinkEscape = (s: string) => encodeURIComponent(s).replace(/%2C/gi, ',').replace(/%3A/gi, ':').replace(/%2F/gi, '/');

/** The `i=…` member of the hash for a choropleth. */
export function encodeIndicatorParam(i: MapIndicatorState): string {
  const f: Array<string | number> = [permalinkEscape(i.code), permalinkEscape(i.level), i.year, i.method, i.classes, i.mode];
  if (i.compare) f.push(permalinkEscape(i.compare));
  return `i=${f.join(':')}`;
}

/** The `l=…` member of the hash: the visible layers bottom → top, each with its opacity when below 1. */
export function encodeLayersParam(layers: ReadonlyArray<{ id: string; opacity: number }>): string {
  return `l=${layers.map((l) => (l.opacity >= 1 ? permalinkEscape(l.id) : `${permalinkEscape(l.id)}~${Number(l.opacity.toFixed(2))}`)).join(',')}`;
}

/** The map page's address opening with these layers visible (bottom → top, fully opaque). */
export function layersMapHref(ids: readonly string[]): string {
  return mapUrl('', encodeLayersParam(ids.map((id) => ({ id, opacity: 1 }))));
}

/** The map page's address (`/mapa#i=…`) opening the choropleth of an indicator, quantiles in 5 classes unless told; `panel` opens a panel (`tabla`: its attribute table). */
export function indicatorMapHref(
  i: Pick<MapIndicatorState, 'code' | 'level' | 'year'> & Partial<MapIndicatorState>, opts: { panel?: string } = {},
): string {
  const hash = encodeIndicatorParam({ method: 'quantile', classes: 5, mode: 'value', compare: null, ...i });
  return mapUrl('', opts.panel ? `${hash}&panel=${permalinkEscape(opts.panel)}` : hash);
}
