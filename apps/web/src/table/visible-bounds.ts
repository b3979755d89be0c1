// "Solo lo visible en el mapa": the part of the map the person sees, followed as the map moves.
import { useEffect, useState } from 'react';
import { useApp } from '../stores/index.ts';
import { getMapInstance } from '../map/instance.ts';
import { uncoveredBounds } from '../map/padding.ts';

/** [west, south, east, north] in degrees. */
export type Bbox = [number, number, number, number];

/** The uncovered map bounds while `enabled` (updated at the end of every move), else null. */
export function useVisibleBounds(enabled: boolean): Bbox | null {
  const ready = useApp((s) => s.mapReady);
  const panel = useApp((s) => s.panel);
  const [bounds, setBounds] = useState<Bbox | null>(null);
  useEffect(() => {
    const map = getMapInstance();
    if (!enabled || !ready || !map) {
      setBounds(null);
      return;
    }
    const update = () => setBounds(uncoveredBounds(map));
    update();
    map.on('moveend', update);
    return () => {
      map.off('moveend', update);
    };
  }, [enabled, ready, panel]);
  return bounds;
}
