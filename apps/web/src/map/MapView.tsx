// The map: MapLibre with our basemap archive (pmtiles://) and the catalog's overlays, bridged to the store.
import { useEffect, useRef, useState } from 'react';
import { AttributionControl, Map as MlMap, NavigationControl, ScaleControl } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { PMTiles } from 'pmtiles';
import type { StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { appStore } from '../stores/index.ts';
import { registerProtocols, pmtilesProtocol } from './protocol.ts';
import { connectMap } from './bridge.ts';
import { fallbackBasemap, localizeStyle } from './style.ts';
import { setMapInstance } from './instance.ts';
import { useT } from '../i18n/index.ts';

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
    let cancelled = false;
    registerProtocols();
    const origin = window.location.origin;
    (async () => {
      const [style, bounds] = await Promise.all([loadBasemapStyle(origin), archiveBounds(`${origin}/tiles/basemap.pmtiles`)]);
      if (cancelled) return;
      const v = appStore.getState().view;
      try {
        map = new MlMap({
          container: el,
          style,
          ...(v ? { center: [v.lon, v.lat] as [number, number], zoom: v.zoom, bearing: v.bearing, pitch: v.pitch } : bounds ? { bounds, fitBoundsOptions: { padding: 16 } } : { center: [-102.5, 23.6] as [number, number], zoom: 4 }),
          attributionControl: false,
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
      map.addControl(new NavigationControl({ showCompass: false }), 'bottom-right');
      map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
      map.addControl(new AttributionControl({ compact: true }), 'bottom-right');
      map.getCanvas().setAttribute('aria-label', t('app.mapLabel'));
      setMapInstance(map);
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
      setMapInstance(null);
      appStore.getState().setMapReady(false);
      map?.remove();
    };
    // The map is created once; language changes only relabel controls.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <div className="map-wrap">
      <div ref={ref} className="map" data-testid="map" />
      {failed && <div className="map-error" role="alert">{t('app.noWebgl')} ({failed})</div>}
    </div>
  );
}
