import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { AppState } from './types.ts';
import { createViewSlice } from './view-slice.ts';
import { createLayersSlice } from './layers-slice.ts';
import { createIndicatorsSlice } from './indicators-slice.ts';
import { createProjectsSlice } from './projects-slice.ts';
import { createParticipationSlice } from './participation-slice.ts';
import { createSelectionSlice } from './selection-slice.ts';
import { createUiSlice } from './ui-slice.ts';
import { createAuthSlice } from './auth-slice.ts';
import { createDashboardSlice } from './dashboard-slice.ts';
import { createTableSlice } from './table-slice.ts';

export type { AppState };
export type AppStore = StoreApi<AppState>;

/** A fresh store from the slices (the page makes one; tests make their own). */
export function createAppStore(): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createViewSlice(...a),
    ...createLayersSlice(...a),
    ...createIndicatorsSlice(...a),
    ...createProjectsSlice(...a),
    ...createParticipationSlice(...a),
    ...createSelectionSlice(...a),
    ...createUiSlice(...a),
    ...createAuthSlice(...a),
    ...createDashboardSlice(...a),
    ...createTableSlice(...a),
  }));
}

/** The page's store. */
export const appStore = createAppStore();

/** Reads a narrow slice of the page's store in a component. */
export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(appStore, selector);
}
