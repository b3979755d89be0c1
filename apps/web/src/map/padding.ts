// What of the map a person actually sees: the open panel (side panel on wide screens, bottom sheet on phones)
// covers part of the canvas, so framing and "what is visible" both leave it out.
import type { Map as MlMap } from 'maplibre-gl';

export interface Padding { top: number; right: number; bottom: number; left: number }

/** Padding that keeps a fitted area clear of the open panel (side panel on wide screens, bottom sheet on phones). */
export function panelPadding(container: HTMLElement): Padding {
  const pad = { top: 16, right: 16, bottom: 16, left: 16 };
  const panel = document.getElementById('panel')?.getBoundingClientRect();
  const box = container.getBoundingClientRect();
  if (!panel || panel.width === 0) return pad;
  const tabs = document.querySelector('.tabs')?.getBoundingClientRect();
  if (panel.width < box.width * 0.9) pad.left += Math.max(0, panel.right - box.left);
  else pad.bottom += Math.max(0, box.bottom - Math.min(panel.top, tabs?.top ?? box.bottom));
  // A tiny map (panel over most of it) cannot keep that padding: fitBounds would give up.
  if (pad.left + pad.right > box.width * 0.8) pad.left = 16;
  if (pad.top + pad.bottom > box.height * 0.8) pad.bottom = Math.round(box.height * 0.5);
  return pad;
}

/** The [west, south, east, north] of the part of the map not covered by the panel (north-up map). */
export function uncoveredBounds(map: MlMap): [number, number, number, number] {
  const c = map.getContainer();
  const p = panelPadding(c);
  const w = c.clientWidth;
  const h = c.clientHeight;
  // The panel padding includes a 16 px margin that is still visible: only the panel itself is left out.
  const left = Math.max(0, p.left - 16);
  const bottom = Math.max(0, p.bottom - 16);
  const sw = map.unproject([left, h - bottom]);
  const ne = map.unproject([w, 0]);
  return [sw.lng, sw.lat, ne.lng, ne.lat];
}
