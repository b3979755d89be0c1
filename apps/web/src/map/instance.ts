// The live MapLibre map, held outside the store (it is not state: it is the thing the state is drawn on).
import type { Map as MlMap } from 'maplibre-gl';

let current: MlMap | null = null;

/** Records the page's map (null when it is removed). */
export function setMapInstance(m: MlMap | null): void {
  current = m;
}

/** The page's map, if it has been created (tools such as PNG export read its canvas). */
export function getMapInstance(): MlMap | null {
  return current;
}
