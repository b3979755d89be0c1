import type { StateCreator } from 'zustand';
import type { AppState } from './types.ts';
import type { PermalinkView } from '../lib/permalink.ts';

export interface ViewSlice {
  view: PermalinkView | null;
  /** Bumped when something other than the user's own panning asks the map to move (search, permalink). */
  flyTo: { center: [number, number]; zoom?: number; bbox?: [number, number, number, number] | null; seq: number } | null;
  setView: (v: PermalinkView) => void;
  requestFly: (target: { center: [number, number]; zoom?: number; bbox?: [number, number, number, number] | null }) => void;
}

/** Map position (mirrored from the map by the bridge) and fly requests (sent to it). */
export const createViewSlice: StateCreator<AppState, [], [], ViewSlice> = (set, get) => ({
  view: null,
  flyTo: null,
  setView: (view) => set({ view }),
  requestFly: (target) => set({ flyTo: { ...target, seq: (get().flyTo?.seq ?? 0) + 1 } }),
});
