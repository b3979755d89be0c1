import type { StateCreator } from 'zustand';
import type { AppState } from './types.ts';
import type { FilterOptions, NearProject, ProjectFilters } from '../api/types.ts';

export interface ProjectsSlice {
  filters: ProjectFilters;
  filterOptions: FilterOptions | null;
  projectList: NearProject[];
  setFilters: (patch: Partial<ProjectFilters>) => void;
  toggleStatus: (status: string) => void;
  resetFilters: () => void;
  setFilterOptions: (o: FilterOptions) => void;
  setProjectList: (l: NearProject[]) => void;
}

/** An empty filter set: every project is shown. */
export const NO_FILTERS: ProjectFilters = { status: [], eje: null, programa: null, dependency: null, year: null };

/** Project filters (PMD eje, programa, status, dependency, year) shared by the map, the list and Cerca de mí. */
export const createProjectsSlice: StateCreator<AppState, [], [], ProjectsSlice> = (set) => ({
  filters: NO_FILTERS,
  filterOptions: null,
  projectList: [],
  setFilters: (patch) => set((s) => ({ filters: { ...s.filters, ...patch } })),
  toggleStatus: (status) =>
    set((s) => ({
      filters: {
        ...s.filters,
        status: s.filters.status.includes(status) ? s.filters.status.filter((x) => x !== status) : [...s.filters.status, status],
      },
    })),
  resetFilters: () => set({ filters: NO_FILTERS }),
  setFilterOptions: (filterOptions) => set({ filterOptions }),
  setProjectList: (projectList) => set({ projectList }),
});

/** Whether a project's properties pass the filters (the same rule the map's filter expression encodes). */
export function projectMatches(p: Record<string, unknown>, f: ProjectFilters): boolean {
  if (f.status.length && !f.status.includes(String(p.estatus))) return false;
  if (f.eje !== null && Number(p.eje_id) !== f.eje) return false;
  if (f.programa !== null && Number(p.programa_id) !== f.programa) return false;
  if (f.dependency !== null && p.dependencia !== f.dependency) return false;
  if (f.year !== null && Number(p.anio) !== f.year) return false;
  return true;
}
