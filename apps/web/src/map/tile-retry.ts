// MapLibre prints every error event nobody listens to, and leaves a tile that failed on the way as a hole until the
// map moves. A tile whose request failed in transit (a dropped connection, or a 502/503/504 while the server or its
// database is away: the server answers 503 with Retry-After then) is asked again, up to RETRY_DELAYS_MS.length
// times; only a tile that still fails, or an error of another kind, is printed as MapLibre would print it.
import type { ErrorEvent, Map as MapLibreMap } from 'maplibre-gl';

/** Pauses before the first and the second new request of a failed tile. */
export const RETRY_DELAYS_MS = [1_000, 4_000];
const TRANSIENT_STATUS = new Set([0, 502, 503, 504]);

interface TileErrorEvent {
  error?: Error & { status?: number };
  sourceId?: string;
  tile?: { tileID: { canonical: { x: number; y: number; z: number } } };
}

/** True for an error of the network or of a server that is briefly away (not a 4xx, not a bad tile). */
export function isTransient(error: (Error & { status?: number }) | undefined): boolean {
  if (!error) return false;
  if (typeof error.status === 'number') return TRANSIENT_STATUS.has(error.status);
  // fetch() itself rejects with a TypeError ("Failed to fetch") when the connection fails.
  return error.name === 'TypeError' && /fetch/i.test(error.message);
}

/** Listens to the map's errors: retries failed tiles, prints the rest. Returns the function that stops listening. */
export function retryFailedTiles(map: MapLibreMap): () => void {
  const tries = new Map<string, number>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const onError = (ev: ErrorEvent) => {
    // A tile's error event carries its source and tile besides the error (MapLibre's type names only the error).
    const e = ev as unknown as TileErrorEvent;
    if (e.error?.name === 'AbortError') return;
    if (e.sourceId && e.tile && isTransient(e.error)) {
      const { x, y, z } = e.tile.tileID.canonical;
      const sourceId = e.sourceId;
      const key = `${sourceId}/${z}/${x}/${y}`;
      const n = tries.get(key) ?? 0;
      if (n < RETRY_DELAYS_MS.length) {
        tries.set(key, n + 1);
        console.warn(`Tesela ${key} no disponible (${e.error?.message ?? ''}); se pide de nuevo.`);
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (map.getSource(sourceId)) map.refreshTiles(sourceId, [{ x, y, z }]);
        }, RETRY_DELAYS_MS[n]);
        timers.add(timer);
        return;
      }
    }
    console.error(e.error ?? ev);
  };
  map.on('error', onError);
  return () => {
    map.off('error', onError);
    for (const t of timers) clearTimeout(t);
  };
}
