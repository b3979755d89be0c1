import type { StateCreator } from 'zustand';
import type { AppState } from './types.ts';
import type { ParticipationProcess, ProcessTotals, ZoneResult } from '../api/types.ts';

export interface ParticipationSlice {
  processes: ParticipationProcess[];
  participation: { process: number; metric: 'participation' | 'votes' } | null;
  zoneResults: ZoneResult[];
  zoneTotals: ProcessTotals | null;
  setProcesses: (p: ParticipationProcess[]) => void;
  chooseProcess: (process: number | null, metric?: 'participation' | 'votes') => void;
  setZoneResults: (z: ZoneResult[], totals?: ProcessTotals | null) => void;
}

/** Participación ciudadana: the chosen process and its results by zone. */
export const createParticipationSlice: StateCreator<AppState, [], [], ParticipationSlice> = (set, get) => ({
  processes: [],
  participation: null,
  zoneResults: [],
  zoneTotals: null,
  setProcesses: (processes) => set({ processes }),
  chooseProcess: (process, metric) => {
    const cur = get().participation;
    const participation = process === null ? null : { process, metric: metric ?? cur?.metric ?? 'participation' };
    // Switching the metric of the same process keeps its results: they hold both metrics.
    if (process !== null && cur?.process === process) return set({ participation });
    set({ participation, zoneResults: [], zoneTotals: null });
  },
  setZoneResults: (zoneResults, zoneTotals = null) => set({ zoneResults, zoneTotals }),
});
