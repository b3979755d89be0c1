// Keeps the URL hash and the store in step: restore on open, rewrite (replaceState) as the state changes.
import type { AppStore } from './index.ts';
import { applyPermalink, permalinkFromState } from './permalink-sync.ts';
import { decodePermalink, encodePermalink, type PermalinkState } from '../lib/permalink.ts';

/** Applies the page's hash (or a permalink query) to the store and mirrors later changes into the hash; returns what it said. */
export function startUrlSync(store: AppStore): PermalinkState {
  // A link may carry the permalink in its query (`/mapa?i=…`): the server reads that to name the shared view in the
  // link preview (a #hash never reaches it), so the map opens that same view. The state then lives in the hash alone.
  const query = window.location.hash.replace(/^#/, '') ? {} : decodePermalink(window.location.search.slice(1));
  const fromQuery = Object.keys(query).length > 0;
  const initial = fromQuery ? query : decodePermalink(window.location.hash);
  applyPermalink(store, initial);
  const search = fromQuery ? '' : window.location.search;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = fromQuery ? '' : window.location.hash.replace(/^#/, '');
  store.subscribe((s) => {
    // Until the catalog is in, the layers part of the URL is still the one we were opened with.
    if (!s.catalog.length) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      const hash = encodePermalink(permalinkFromState(store.getState()));
      if (hash !== last) {
        last = hash;
        history.replaceState(null, '', `${window.location.pathname}${search}#${hash}`);
      }
    }, 250);
  });
  window.addEventListener('hashchange', () => {
    const h = window.location.hash.replace(/^#/, '');
    if (h === last) return;
    last = h;
    const p = decodePermalink(h);
    applyPermalink(store, p);
    if (p.layers) store.getState().setCatalog(store.getState().catalog, store.getState().dataset, p.layers);
    if (p.view) store.getState().requestFly({ center: [p.view.lon, p.view.lat], zoom: p.view.zoom });
  });
  return initial;
}
