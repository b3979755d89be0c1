import type { StateCreator } from 'zustand';
import type { TerritoryKind } from '@sigmun/domain/dashboard';
import type { AppState } from './types.ts';

export interface DashboardTerritory {
  tipo: TerritoryKind;
  clave: string;
}

export interface DashboardSlice {
  /** The tablero's territory; null = the whole municipio. */
  territory: DashboardTerritory | null;
  /** Years of the projects and processes counted (either end open). */
  period: { desde: number | null; hasta: number | null };
  setTerritory: (t: DashboardTerritory | null) => void;
  setPeriod: (p: { desde: number | null; hasta: number | null }) => void;
}

/** The tablero's scope: a territory chosen on the map, by search or from a ranking row, and a period. */
export const createDashboardSlice: StateCreator<AppState, [], [], DashboardSlice> = (set) => ({
  territory: null,
  period: { desde: null, hasta: null },
  setTerritory: (territory) => set({ territory }),
  setPeriod: (period) => set({ period }),
});
