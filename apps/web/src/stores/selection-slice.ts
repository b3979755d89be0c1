import type { StateCreator } from 'zustand';
import type { AppState } from './types.ts';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { NearProject } from '../api/types.ts';

export interface Selected {
  layer: string;
  id: string;
  properties: Record<string, unknown> | null;
}

export interface NearOrigin {
  lon: number;
  lat: number;
  radiusM: number;
  /** Walking minutes (isochrone) instead of a radius, when set. */
  minutes: number | null;
  source: 'geolocation' | 'search' | 'click' | 'link';
}

export interface SelectionSlice {
  selection: Selected | null;
  near: NearOrigin | null;
  nearResults: NearProject[];
  nearStatus: 'idle' | 'loading' | 'ready' | 'error';
  /** The walking area from the server when searching by minutes. */
  nearArea: Feature<Polygon | MultiPolygon> | null;
  nearError: string | null;
  /** Project highlighted from the list or the map (kept in sync both ways). */
  hoveredProject: number | null;
  select: (s: Selected | null) => void;
  setNear: (n: Partial<NearOrigin> | null) => void;
  setNearResults: (r: NearProject[], status?: SelectionSlice['nearStatus']) => void;
  setNearStatus: (s: SelectionSlice['nearStatus'], error?: string | null) => void;
  setNearArea: (a: Feature<Polygon | MultiPolygon> | null) => void;
  hoverProject: (id: number | null) => void;
}

const DEFAULT_RADIUS = 1000;

/** What is selected on the map and the Cerca de mí origin with its results. */
export const createSelectionSlice: StateCreator<AppState, [], [], SelectionSlice> = (set, get) => ({
  selection: null,
  near: null,
  nearResults: [],
  nearStatus: 'idle',
  nearArea: null,
  nearError: null,
  hoveredProject: null,
  select: (selection) => set({ selection }),
  setNear: (n) => {
    if (n === null) return set({ near: null, nearResults: [], nearStatus: 'idle', nearArea: null });
    const cur = get().near;
    const lon = n.lon ?? cur?.lon;
    const lat = n.lat ?? cur?.lat;
    if (lon === undefined || lat === undefined) return;
    set({ near: { lon, lat, radiusM: n.radiusM ?? cur?.radiusM ?? DEFAULT_RADIUS, minutes: n.minutes !== undefined ? n.minutes : cur?.minutes ?? null, source: n.source ?? cur?.source ?? 'click' } });
  },
  setNearResults: (nearResults, nearStatus = 'ready') => set({ nearResults, nearStatus, nearError: null }),
  setNearStatus: (nearStatus, nearError = null) => set({ nearStatus, nearError }),
  setNearArea: (nearArea) => set({ nearArea }),
  hoverProject: (hoveredProject) => set({ hoveredProject }),
});
