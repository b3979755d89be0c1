// Keeps the URL hash and the store in step: restore on open, rewrite (replaceState) as the state changes.
import type { AppStore } from './index.ts';
import { applyPermalink, permalinkFromState } from './permalink-sync.ts';
import { decodePermalink, encodePermalink, type PermalinkState } from '../lib/permalink.ts';

/** Applies the page's hash to the store and mirrors later changes into it; returns what the hash said. */
export function startUrlSync(store: AppStore): PermalinkState {
  const initial = decodePermalink(window.location.hash);
  applyPermalink(store, initial);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = window.location.hash.replace(/^#/, '');
  store.subscribe((s) => {
    // Until the catalog is in, the layers part of the URL is still the one we were opened with.
    if (!s.catalog.length) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      const hash = encodePermalink(permalinkFromState(store.getState()));
      if (hash !== last) {
        last = hash;
        history.replaceState(null, '', `${window.location.pathname}${window.location.search}#${hash}`);
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
