import type { StateCreator } from 'zustand';
import type { AppState } from './types.ts';
import type { ChangeValue, IndicatorInfo, IndicatorValue } from '../api/types.ts';
import type { ClassBreaks } from '../lib/classes.ts';
import type { PermalinkIndicator } from '../lib/permalink.ts';

export type IndicatorChoice = PermalinkIndicator;

export interface IndicatorsSlice {
  indicatorCatalog: IndicatorInfo[];
  indicator: IndicatorChoice | null;
  /** Classes for the current choice, from the server (value mode) or computed on the change values. */
  breaks: ClassBreaks | null;
  values: IndicatorValue[];
  changes: ChangeValue[];
  /** Values of the other side of the swipe. */
  compareValues: IndicatorValue[];
  indicatorStatus: 'idle' | 'loading' | 'ready' | 'error';
  indicatorError: string | null;
  setIndicatorCatalog: (c: IndicatorInfo[]) => void;
  chooseIndicator: (patch: Partial<IndicatorChoice> & { code?: string }) => void;
  clearIndicator: () => void;
  setIndicatorData: (d: { breaks: ClassBreaks | null; values?: IndicatorValue[]; changes?: ChangeValue[]; compareValues?: IndicatorValue[] }) => void;
  setIndicatorStatus: (status: IndicatorsSlice['indicatorStatus'], error?: string | null) => void;
}

const DEFAULT_CHOICE: Omit<IndicatorChoice, 'code'> = { level: 'ageb', year: 2020, method: 'quantile', classes: 5, mode: 'value', compare: null };

/** The choropleth: which indicator, level, year, method and classes, and the data fetched for it. */
export const createIndicatorsSlice: StateCreator<AppState, [], [], IndicatorsSlice> = (set, get) => ({
  indicatorCatalog: [],
  indicator: null,
  breaks: null,
  values: [],
  changes: [],
  compareValues: [],
  indicatorStatus: 'idle',
  indicatorError: null,
  setIndicatorCatalog: (indicatorCatalog) => set({ indicatorCatalog }),
  chooseIndicator: (patch) => {
    const cur = get().indicator;
    const code = patch.code ?? cur?.code;
    if (!code) return;
    const next: IndicatorChoice = { ...DEFAULT_CHOICE, ...(cur ?? {}), ...patch, code };
    next.classes = Math.min(9, Math.max(3, Math.round(next.classes)));
    // A year the indicator does not publish would draw an empty map: fall back to its latest year.
    const info = get().indicatorCatalog.find((i) => i.code === code);
    if (info && info.years.length && !info.years.includes(next.year)) next.year = Math.max(...info.years);
    if (info && info.levels.length && !info.levels.includes(next.level)) next.level = info.levels.find((l) => l === 'ageb' || l === 'colonia' || l === 'localidad') ?? next.level;
    set({ indicator: next });
  },
  clearIndicator: () => set({ indicator: null, breaks: null, values: [], changes: [], compareValues: [], indicatorStatus: 'idle' }),
  setIndicatorData: (d) =>
    set({ breaks: d.breaks, values: d.values ?? [], changes: d.changes ?? [], compareValues: d.compareValues ?? [], indicatorStatus: 'ready', indicatorError: null }),
  setIndicatorStatus: (indicatorStatus, indicatorError = null) => set({ indicatorStatus, indicatorError }),
});
