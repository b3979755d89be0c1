// The map: MapLibre with our basemap archive (pmtiles://) and the catalog's overlays, bridged to the store.
import { useEffect, useRef, useState } from 'react';
import { AttributionControl, Map as MlMap, NavigationControl, ScaleControl } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { PMTiles } from 'pmtiles';
import type { StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { appStore } from '../stores/index.ts';
import { registerProtocols, pmtilesProtocol } from './protocol.ts';
import { connectMap } from './bridge.ts';
import { fallbackBasemap, localizeStyle, withAttribution } from './style.ts';
import { setMapInstance } from './instance.ts';
import { keepView, panelPadding, sheetPadding } from './padding.ts';
import { retryFailedTiles } from './tile-retry.ts';
import { mapLocale, relabelControls } from './controls-locale.ts';
import { translate, useT } from '../i18n/index.ts';
import { useApp } from '../stores/index.ts';
import { fetchSeatBounds } from '../api/client.ts';
import type { DatasetInfo } from '../api/types.ts';

async function loadBasemapStyle(origin: string): Promise<StyleSpecification> {
  try {
    const res = await fetch('/styles/basemap.json', { headers: { accept: 'application/json' } });
    if (res.ok) return localizeStyle((await res.json()) as StyleSpecification, origin);
  } catch {
    // No style route: the built-in basemap below reads the same archive.
  }
  return fallbackBasemap(origin);
}

/** Bounds of the basemap archive, to open on the municipality when the URL has no view. */
async function archiveBounds(url: string): Promise<[number, number, number, number] | null> {
  try {
    const p = new PMTiles(url);
    pmtilesProtocol().add(p);
    const h = await p.getHeader();
    return [h.minLon, h.minLat, h.maxLon, h.maxLat];
  } catch {
    return null;
  }
}

/** Resolves once the catalog has arrived (or the server is known to be down): it says whether data are demo. */
function datasetKnown(): Promise<DatasetInfo | null> {
  const ready = () => appStore.getState().catalog.length > 0 || appStore.getState().serverError !== null;
  if (ready()) return Promise.resolve(appStore.getState().dataset);
  return new Promise((resolve) => {
    const unsub = appStore.subscribe((s) => {
      if (s.catalog.length > 0 || s.serverError !== null) {
        unsub();
        resolve(s.dataset);
      }
    });
  });
}

/** The map component (loaded lazily: MapLibre is its own chunk). */
export default function MapView() {
  const ref = useRef<HTMLDivElement>(null);
  const t = useT();
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let map: MlMap | null = null;
    let disconnect: (() => void) | null = null;
    let stopRetries: (() => void) | null = null;
    let cancelled = false;
    registerProtocols();
    const origin = window.location.origin;
    (async () => {
      const v = appStore.getState().view;
      // Without a permalink view the map opens on the city; the archive's bounds (the municipality) are the fallback.
      const [base, bounds, seat, dataset] = await Promise.all([
        loadBasemapStyle(origin),
        archiveBounds(`${origin}/tiles/basemap.pmtiles`),
        v ? null : fetchSeatBounds().catch(() => null),
        datasetKnown(),
      ]);
      if (cancelled) return;
      // Fictional data must not be credited to INEGI or the Ayuntamiento.
      const style = dataset?.kind === 'demo' ? withAttribution(base, translate(appStore.getState().lang, 'map.demoAttribution')) : base;
      const start = seat ?? bounds;
      try {
        map = new MlMap({
          container: el,
          style,
          ...(v ? { center: [v.lon, v.lat] as [number, number], zoom: v.zoom, bearing: v.bearing, pitch: v.pitch } : start ? { bounds: start, fitBoundsOptions: { padding: panelPadding(el) } } : { center: [-102.5, 23.6] as [number, number], zoom: 4 }),
          attributionControl: false,
          locale: mapLocale(appStore.getState().lang),
          // Export to PNG reads the canvas after render.
          canvasContextAttributes: { preserveDrawingBuffer: true, antialias: false },
          maxZoom: 19,
          dragRotate: false,
          pitchWithRotate: false,
        });
      } catch (e) {
        setFailed((e as Error).message);
        return;
      }
      // Before anything loads: a tile lost on the way is asked again instead of staying a hole.
      stopRetries = retryFailedTiles(map);
      // A permalink's centre is the place the link is about: on a phone it must land above the bottom sheet, not
      // behind it, so the sheet's height is the map's bottom padding (the centre is that of the visible part). A view
      // fitted to the city already left the panel out and stays as it is. The bridge keeps the padding following the sheet.
      if (v) map.setPadding(sheetPadding(el));
      else keepView(map, sheetPadding(el));
      map.addControl(new NavigationControl({ showCompass: false }), 'bottom-right');
      map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
      map.addControl(new AttributionControl({ compact: true }), 'bottom-right');
      map.getCanvas().setAttribute('aria-label', t('app.mapLabel'));
      setMapInstance(map);
      // The live map on its container, so that what the page draws (map.getStyle()) can be compared with the
      // published /styles documents from outside, as the browser suite does.
      Object.defineProperty(el, 'maplibreMap', { value: map, configurable: true });
      const m = map;
      m.on('load', () => {
        if (cancelled) return;
        disconnect = connectMap(m, appStore, origin);
        appStore.getState().setMapReady(true);
      });
    })();
    return () => {
      cancelled = true;
      disconnect?.();
      stopRetries?.();
      setMapInstance(null);
      appStore.getState().setMapReady(false);
      map?.remove();
    };
    // The map is created once; language changes only relabel controls.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const lang = useApp((s) => s.lang);
  const ready = useApp((s) => s.mapReady);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    relabelControls(el, lang);
    el.querySelector('canvas.maplibregl-canvas')?.setAttribute('aria-label', translate(lang, 'app.mapLabel'));
  }, [lang, ready]);

  return (
    <div className="map-wrap">
      <div ref={ref} className="map" data-testid="map" />
      {failed && <div className="map-error" role="alert">{t('app.noWebgl')} ({failed})</div>}
    </div>
  );
}
