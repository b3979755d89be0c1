import type { StateCreator } from 'zustand';
import type { AppState } from './types.ts';
import type { DatasetInfo, LayerInfo } from '../api/types.ts';

export interface LayersSlice {
  catalog: LayerInfo[];
  dataset: DatasetInfo | null;
  /** Draw order, bottom → top. */
  order: string[];
  visible: Record<string, boolean>;
  opacity: Record<string, number>;
  setCatalog: (catalog: LayerInfo[], dataset: DatasetInfo | null, initial?: Array<{ id: string; opacity: number }>) => void;
  setDataset: (dataset: DatasetInfo | null) => void;
  toggleLayer: (id: string, on?: boolean) => void;
  setOpacity: (id: string, opacity: number) => void;
  /** Moves a layer one step up (+1, drawn later) or down (−1) in the draw order. */
  moveLayer: (id: string, delta: 1 | -1) => void;
}

/** The layer panel's state: catalog from /api/layers, visibility, opacity and order. */
export const createLayersSlice: StateCreator<AppState, [], [], LayersSlice> = (set, get) => ({
  catalog: [],
  dataset: null,
  order: [],
  visible: {},
  opacity: {},
  setCatalog: (catalog, dataset, initial) => {
    const ids = new Set(catalog.map((l) => l.id));
    const visible: Record<string, boolean> = {};
    const opacity: Record<string, number> = {};
    for (const l of catalog) {
      visible[l.id] = initial ? false : l.style.visible;
      opacity[l.id] = 1;
    }
    // A permalink lists visible layers bottom → top; they keep that order, the rest keep the catalog's.
    const listed = (initial ?? []).filter((l) => ids.has(l.id));
    for (const l of listed) {
      visible[l.id] = true;
      opacity[l.id] = l.opacity;
    }
    const listedIds = listed.map((l) => l.id);
    const rest = catalog.map((l) => l.id).filter((id) => !listedIds.includes(id));
    set({ catalog, dataset: dataset ?? get().dataset, visible, opacity, order: [...rest, ...listedIds] });
  },
  setDataset: (dataset) => set({ dataset }),
  toggleLayer: (id, on) => set((s) => ({ visible: { ...s.visible, [id]: on ?? !s.visible[id] } })),
  setOpacity: (id, opacity) => set((s) => ({ opacity: { ...s.opacity, [id]: Math.min(1, Math.max(0, opacity)) } })),
  moveLayer: (id, delta) =>
    set((s) => {
      const i = s.order.indexOf(id);
      const j = i + delta;
      if (i < 0 || j < 0 || j >= s.order.length) return {};
      const order = [...s.order];
      [order[i], order[j]] = [order[j], order[i]];
      return { order };
    }),
});

/** Visible layers bottom → top with their opacity (what the permalink stores). */
export function visibleLayers(s: Pick<AppState, 'order' | 'visible' | 'opacity'>): Array<{ id: string; opacity: number }> {
  return s.order.filter((id) => s.visible[id]).map((id) => ({ id, opacity: s.opacity[id] ?? 1 }));
}
