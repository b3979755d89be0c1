// Store actions that fetch: each watches the part of the state it depends on and loads the data for it, cancelling
// the previous request when the choice changes. Components never fetch.
import * as api from '../api/client.ts';
import { bbox } from '@turf/turf';
import { ApiError } from '../api/http.ts';
import type { AppState, AppStore } from './index.ts';
import { classify, countPerClass } from '@sigmun/domain/classify';
import { LEVEL_LAYERS } from '@sigmun/styles/documents';
import { fetchLayerTable } from '../api/table.ts';

type Unsub = () => void;

/** Runs `run` whenever `key(state)` changes (by JSON value), aborting the previous run. */
function watch(store: AppStore, key: (s: AppState) => unknown, run: (s: AppState, signal: AbortSignal) => Promise<void>): Unsub {
  let last = '__init__';
  let ctrl: AbortController | null = null;
  const check = (s: AppState) => {
    const k = JSON.stringify(key(s) ?? null);
    if (k === last) return;
    last = k;
    ctrl?.abort();
    ctrl = new AbortController();
    const c = ctrl;
    s.beginLoading();
    run(s, c.signal)
      .catch((e: unknown) => {
        if ((e as Error).name === 'AbortError') return;
        if (e instanceof ApiError && e.status === 0) store.getState().setServerError(e.message);
        else store.getState().notify((e as Error).message);
      })
      .finally(() => store.getState().endLoading());
  };
  check(store.getState());
  return store.subscribe(check);
}

/** Loads the catalogs at start; tells the UI when the server cannot be reached. */
export async function loadCatalogs(store: AppStore, initialLayers?: Array<{ id: string; opacity: number }>): Promise<boolean> {
  const s = store.getState();
  s.beginLoading();
  try {
    const [{ layers, dataset }, health] = await Promise.all([api.fetchLayers(), api.fetchHealth().catch(() => null)]);
    store.getState().setCatalog(layers, dataset ?? health?.dataset ?? null, initialLayers);
    store.getState().setServerError(null);
    api.fetchIndicators().then((c) => {
      store.getState().setIndicatorCatalog(c);
      const cur = store.getState().indicator;
      if (cur) store.getState().chooseIndicator({ code: cur.code });
    }, () => {});
    api.fetchProjectFilterOptions().then((o) => store.getState().setFilterOptions(o), () => {});
    api.fetchProcesses().then((p) => store.getState().setProcesses(p), () => {});
    return true;
  } catch (e) {
    store.getState().setServerError(e instanceof ApiError && e.status !== 0 ? `${e.status}: ${e.message}` : (e as Error).message);
    return false;
  } finally {
    store.getState().endLoading();
  }
}

/**
 * Change breaks with zero as one of them when changes go both ways (the inner break nearest to zero moves
 * there), so no class mixes losses with gains and the diverging colours read as decrease / increase.
 */
export function zeroBreak(breaks: readonly number[]): number[] {
  const out = [...breaks];
  if (out.length < 3 || !(out[0] < 0 && out[out.length - 1] > 0) || out.includes(0)) return out;
  let k = 1;
  for (let i = 2; i < out.length - 1; i++) if (Math.abs(out[i]) < Math.abs(out[k])) k = i;
  out[k] = 0;
  return out.sort((a, b) => a - b);
}

/** Starts every data watcher; returns a function that stops them. */
export function startEffects(store: AppStore): Unsub {
  const unsubs: Unsub[] = [];

  unsubs.push(
    watch(store, (s) => s.indicator, async (s, signal) => {
      const ind = s.indicator;
      if (!ind) return;
      store.getState().setIndicatorStatus('loading');
      try {
        if (ind.mode === 'change') {
          const changes = await api.fetchChange(ind.code, { level: ind.level, from: 2010, to: 2020 }, signal);
          // The server classifies values, not changes: the change classes are computed here with the same rule.
          const c = classify(changes.map((x) => x.absolute), ind.method, ind.classes);
          const breaks = zeroBreak(c.breaks);
          const sorted = changes.map((x) => x.absolute).filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
          store.getState().setIndicatorData({ breaks: { breaks, counts: countPerClass(sorted, breaks) }, changes });
          return;
        }
        const compareYear = ind.compare && /^\d{4}$/.test(ind.compare) ? Number(ind.compare) : null;
        const [breaks, values, compareValues] = await Promise.all([
          api.fetchBreaks(ind.code, { level: ind.level, year: ind.year, method: ind.method, classes: ind.classes }, signal),
          api.fetchIndicatorValues(ind.code, ind.level, ind.year, signal),
          compareYear ? api.fetchIndicatorValues(ind.code, ind.level, compareYear, signal) : Promise.resolve([]),
        ]);
        store.getState().setIndicatorData({ breaks, values, compareValues });
      } catch (e) {
        if ((e as Error).name !== 'AbortError') store.getState().setIndicatorStatus('error', (e as Error).message);
        throw e;
      }
    }),
  );

  unsubs.push(
    watch(store, (s) => (s.near ? { n: s.near, st: s.filters.status } : null), async (s, signal) => {
      const n = s.near;
      if (!n) return;
      store.getState().setNearStatus('loading');
      try {
        const [results, area] = await Promise.all([
          api.fetchNearProjects({ lon: n.lon, lat: n.lat, radiusM: n.radiusM, minutes: n.minutes, status: s.filters.status }, signal),
          n.minutes ? api.fetchIsochrone({ lon: n.lon, lat: n.lat, minutes: n.minutes }, signal) : Promise.resolve(null),
        ]);
        store.getState().setNearArea(area);
        // The walkable area is what the person asked to see: frame it (clear of the panel).
        if (area && n.minutes) store.getState().requestFly({ center: [n.lon, n.lat], bbox: bbox(area) as [number, number, number, number] });
        // Nearest first: on foot by minutes along the streets, else by distance.
        store.getState().setNearResults([...results].sort((a, b) => (n.minutes ? (a.walkMin ?? Infinity) - (b.walkMin ?? Infinity) : 0) || a.distanceM - b.distanceM));
      } catch (e) {
        if ((e as Error).name !== 'AbortError') {
          store.getState().setNearArea(null);
          store.getState().setNearStatus('error', (e as Error).message);
          return;
        }
        throw e;
      }
    }),
  );

  unsubs.push(
    watch(store, (s) => (s.panel === 'proyectos' && s.catalog.length ? s.filters : null), async (s, signal) => {
      if (s.panel !== 'proyectos') return;
      store.getState().setProjectList(await api.fetchProjects(s.filters, signal));
    }),
  );

  unsubs.push(
    watch(store, (s) => (s.participation && s.processes.length ? s.participation.process : null), async (s, signal) => {
      const p = s.participation;
      const clave = s.processes.find((x) => x.id === p?.process)?.clave;
      if (!p || !clave) return;
      const r = await api.fetchZoneResults(clave, signal);
      store.getState().setZoneResults(r.zones, r.totals);
    }),
  );

  unsubs.push(
    watch(store, tableLayerNeeded, async (s, signal) => {
      const layer = tableLayerNeeded(s);
      if (!layer || s.layerTables[layer]?.status === 'ready') return;
      store.getState().setLayerTable(layer, { status: 'loading' });
      try {
        store.getState().setLayerTable(layer, { status: 'ready', data: await fetchLayerTable(layer, signal) });
      } catch (e) {
        // An aborted load (the layer is no longer needed) stays not ready: the next time it is needed it is fetched.
        if ((e as Error).name !== 'AbortError') store.getState().setLayerTable(layer, { status: 'error', error: (e as Error).message });
        throw e;
      }
    }),
  );

  return () => unsubs.forEach((u) => u());
}

/**
 * The layer whose attribute table the page needs now: the table panel's layer, or the active indicator's level
 * (its units' boxes frame them on the map from the ranking and the indicator table).
 */
export function tableLayerNeeded(s: AppState): string | null {
  const indicatorLayer = s.indicator ? ((LEVEL_LAYERS as Record<string, string>)[s.indicator.level] ?? null) : null;
  if (s.panel === 'tabla') return s.tableSource.kind === 'layer' ? s.tableSource.layer : indicatorLayer;
  if (s.panel === 'indicadores') return indicatorLayer;
  return null;
}
