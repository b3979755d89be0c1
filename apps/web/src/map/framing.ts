// Framing what the page shows on purpose (a permalink's place, a search result, a table row) in the part of the map
// the open panel leaves visible. On phones the bottom sheet changes height (another panel, content that loads, the
// sheet closed): the map's padding follows it, and what was framed is framed again until the person moves the map.
import type { Map as MlMap, MapLibreEvent } from 'maplibre-gl';
import { keepView, panelPadding, samePadding, sheetPadding, watchPanel } from './padding.ts';

/** A place to show: a centre and zoom, or a box (framed whole) when it has an extent. */
export interface FrameTarget {
  center: [number, number];
  zoom: number;
  bbox?: [number, number, number, number] | null;
}

const FLY_MS = 1200;
// A sheet that changes under a framed place moves it back into view quickly, not with a whole new flight.
const REFRAME_MS = 300;

const hasExtent = (b: FrameTarget['bbox']): b is [number, number, number, number] => !!b && (b[2] - b[0] > 1e-6 || b[3] - b[1] > 1e-6);

/**
 * Keeps `map`'s padding equal to the bottom sheet's height and frames targets clear of the open panel; the map's
 * current view counts as framed until the person moves it. Returns `frame` and the function that stops following.
 */
export function followSheet(map: MlMap): { frame: (t: FrameTarget) => void; stop: () => void } {
  const c = map.getContainer();
  let framed: FrameTarget | null = { center: map.getCenter().toArray() as [number, number], zoom: map.getZoom() };
  let deferred = false;

  function fly(t: FrameTarget, duration: number): void {
    if (hasExtent(t.bbox)) {
      // fitBounds adds this padding to the map's (the sheet's): only the panel's rest and a margin are added here.
      const pad = panelPadding(c);
      const own = map.getPadding();
      map.fitBounds([[t.bbox[0], t.bbox[1]], [t.bbox[2], t.bbox[3]]], {
        padding: { top: pad.top + 32, right: pad.right + 32, bottom: Math.max(16, pad.bottom + 32 - (own.bottom ?? 0)), left: pad.left + 32 },
        maxZoom: 17,
        duration,
      });
    } else map.flyTo({ center: t.center, zoom: t.zoom, duration });
    // Set after the call: starting a flight ends the previous one, whose moveend is not the person's doing.
    framed = t;
  }

  function sheetChanged(): void {
    const want = sheetPadding(c);
    if (samePadding(want, map.getPadding())) return;
    if (framed) {
      // Mid-flight or after it: the framed place moves into the new visible part (a flight is retargeted).
      const moving = map.isMoving();
      keepView(map, want);
      fly(framed, moving ? FLY_MS / 2 : REFRAME_MS);
    } else if (map.isMoving()) {
      // The person is panning or zooming: their gesture is not interrupted; the padding follows when it ends.
      if (!deferred) map.once('moveend', () => ((deferred = false), sheetChanged()));
      deferred = true;
    } else keepView(map, want);
  }

  // Only a move the person makes (drag, wheel, keys, the zoom buttons) carries the DOM event that caused it.
  const onMoveStart = (e: MapLibreEvent<unknown>) => {
    if (e.originalEvent) framed = null;
  };
  map.on('movestart', onMoveStart);
  const unwatch = watchPanel(sheetChanged);
  sheetChanged();
  return {
    frame: (t) => fly(t, FLY_MS),
    stop: () => {
      unwatch();
      map.off('movestart', onMoveStart);
    },
  };
}
