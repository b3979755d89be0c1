import type { StateCreator } from 'zustand';
import type { AppState } from './types.ts';
import type { ParticipationProcess, ZoneResult } from '../api/types.ts';

export interface ParticipationSlice {
  processes: ParticipationProcess[];
  participation: { process: number; metric: 'participation' | 'votes' } | null;
  zoneResults: ZoneResult[];
  setProcesses: (p: ParticipationProcess[]) => void;
  chooseProcess: (process: number | null, metric?: 'participation' | 'votes') => void;
  setZoneResults: (z: ZoneResult[]) => void;
}

/** Participación ciudadana: the chosen process and its results by zone. */
export const createParticipationSlice: StateCreator<AppState, [], [], ParticipationSlice> = (set, get) => ({
  processes: [],
  participation: null,
  zoneResults: [],
  setProcesses: (processes) => set({ processes }),
  chooseProcess: (process, metric) =>
    set({ participation: process === null ? null : { process, metric: metric ?? get().participation?.metric ?? 'participation' }, zoneResults: [] }),
  setZoneResults: (zoneResults) => set({ zoneResults }),
});
