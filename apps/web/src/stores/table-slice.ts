import type { StateCreator } from 'zustand';
import type { AppState } from './types.ts';
import type { AttributeTable } from '../api/table.ts';

/** What the attribute table panel shows: a catalog layer, or the active indicator's units. */
export type TableSource = { kind: 'layer'; layer: string } | { kind: 'indicator' };

/** A layer's table as loaded: rows arrive once per data version and are kept while the page lives. */
export type LoadedTable = { status: 'loading' } | { status: 'ready'; data: AttributeTable } | { status: 'error'; error: string };

export interface TableSlice {
  tableSource: TableSource;
  /** Tables fetched so far, by layer id (the indicator table reads its level's layer for the boxes). */
  layerTables: Record<string, LoadedTable>;
  setTableSource: (s: TableSource) => void;
  setLayerTable: (layer: string, t: LoadedTable) => void;
}

/** The attribute table panel: which source it shows, and the layer tables fetched for it (see effects.ts). */
export const createTableSlice: StateCreator<AppState, [], [], TableSlice> = (set) => ({
  tableSource: { kind: 'layer', layer: 'manzanas' },
  layerTables: {},
  setTableSource: (tableSource) => set({ tableSource }),
  setLayerTable: (layer, t) => set((s) => ({ layerTables: { ...s.layerTables, [layer]: t } })),
});
