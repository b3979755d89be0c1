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

/**
 * The map's own padding: on phones the bottom sheet (and tab bar) height, so that the camera's centre is the centre
 * of the part above the sheet; none beside a side panel (framing leaves that out itself).
 */
export function sheetPadding(container: HTMLElement): Padding {
  return { top: 0, right: 0, left: 0, bottom: Math.max(0, panelPadding(container).bottom - 16) };
}

/** Whether two paddings are the same to the pixel. */
export function samePadding(a: Padding, b: Partial<Padding>): boolean {
  return (['top', 'right', 'bottom', 'left'] as const).every((k) => Math.round(a[k]) === Math.round(b[k] ?? 0));
}

/** Gives the map `padding` without moving anything on screen (setPadding alone keeps the centre's place, so the map would jump). */
export function keepView(map: MlMap, padding: Padding): void {
  const c = map.getContainer();
  const at = map.unproject([(padding.left + c.clientWidth - padding.right) / 2, (padding.top + c.clientHeight - padding.bottom) / 2]);
  map.jumpTo({ center: at, padding });
}

/**
 * Calls `changed` whenever the open panel or the tab bar appears, goes or changes size (a panel's content loads or
 * grows, another panel is picked, the sheet is closed); returns the function that stops watching.
 */
export function watchPanel(changed: () => void): () => void {
  let watched: Element[] = [];
  const sizes = new ResizeObserver(() => changed());
  const attach = () => {
    const now = [document.getElementById('panel'), document.querySelector('.tabs')].filter((e): e is HTMLElement => e !== null);
    if (now.length === watched.length && now.every((e, i) => e === watched[i])) return;
    sizes.disconnect();
    // A newly observed element reports its size once, so a panel that appears or goes is noticed too.
    for (const e of now) sizes.observe(e);
    watched = now;
  };
  // The panel is rendered only while one is open: watch for it coming and going.
  const dom = new MutationObserver(attach);
  dom.observe(document.body, { childList: true, subtree: true });
  attach();
  return () => {
    dom.disconnect();
    sizes.disconnect();
  };
}
