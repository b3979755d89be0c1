import type { StateCreator } from 'zustand';
import type { AppState } from './types.ts';

export type PanelId = 'capas' | 'indicadores' | 'proyectos' | 'tablero' | 'cerca' | 'participacion' | 'reportar' | 'herramientas' | 'tabla' | 'info';
export const PANELS: readonly PanelId[] = ['capas', 'indicadores', 'proyectos', 'tablero', 'cerca', 'participacion', 'reportar', 'herramientas', 'tabla', 'info'];
export type Lang = 'es' | 'en';
export type ToolKind = 'line' | 'area' | 'stats' | 'pick-near';
export interface ToolState {
  kind: ToolKind;
  points: Array<[number, number]>;
  done: boolean;
}

export interface UiSlice {
  lang: Lang;
  panel: PanelId | null;
  /** Why the server cannot be used, or null when it answers. */
  serverError: string | null;
  /** Requests and tile loads in flight (drives the loading bar). */
  pending: number;
  mapReady: boolean;
  /** Tiles or map data still arriving. */
  mapBusy: boolean;
  tool: ToolState | null;
  notice: string | null;
  /** A form outside the Reportar panel (a proposal) takes map taps as its place: the tap centres the map. */
  pickingPlace: boolean;
  setPickingPlace: (on: boolean) => void;
  setLang: (l: Lang) => void;
  openPanel: (p: PanelId | null) => void;
  setServerError: (e: string | null) => void;
  beginLoading: () => void;
  endLoading: () => void;
  setMapReady: (r: boolean) => void;
  setMapBusy: (b: boolean) => void;
  startTool: (k: ToolKind | null) => void;
  addToolPoint: (p: [number, number]) => void;
  finishTool: () => void;
  notify: (m: string | null) => void;
}

/** Chrome of the page: language, open panel, loading and server-down state. */
export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  lang: 'es',
  panel: 'capas',
  serverError: null,
  pending: 0,
  mapReady: false,
  mapBusy: false,
  tool: null,
  notice: null,
  pickingPlace: false,
  setPickingPlace: (pickingPlace) => set({ pickingPlace }),
  setLang: (lang) => set({ lang }),
  openPanel: (panel) => set({ panel }),
  setServerError: (serverError) => set({ serverError }),
  beginLoading: () => set((s) => ({ pending: s.pending + 1 })),
  endLoading: () => set((s) => ({ pending: Math.max(0, s.pending - 1) })),
  setMapReady: (mapReady) => set({ mapReady }),
  setMapBusy: (mapBusy) => set({ mapBusy }),
  startTool: (kind) => set({ tool: kind ? { kind, points: [], done: false } : null }),
  addToolPoint: (p) => set((s) => (s.tool && !s.tool.done ? { tool: { ...s.tool, points: [...s.tool.points, p] } } : {})),
  finishTool: () => set((s) => (s.tool ? { tool: { ...s.tool, done: true } } : {})),
  notify: (notice) => set({ notice }),
});
