// Swipe comparison: a second, non-interactive map drawing the other year, clipped at the slider and following
// the main map's camera. Colours use the main year's classes so both sides read against one legend.
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { Map as MlMap } from 'maplibre-gl';
import { appStore, useApp } from '../stores/index.ts';
import { getMapInstance } from './instance.ts';
import { useT } from '../i18n/index.ts';
import { retryFailedTiles } from './tile-retry.ts';

/** Pixels of the map's left edge covered by the side panel (0 on phones, where the sheet covers the bottom). */
function coveredLeft(host: Element | null): number {
  const panel = document.getElementById('panel')?.getBoundingClientRect();
  const box = host?.getBoundingClientRect();
  if (!panel || !box || panel.width === 0 || panel.width >= box.width * 0.9) return 0;
  return Math.max(0, Math.round(panel.right - box.left));
}

/** The compare map and its slider, mounted over the main map. */
export default function SwipeCompare() {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState(50);
  const compareValues = useApp((s) => s.compareValues);
  const year = useApp((s) => s.indicator?.compare);
  const mainYear = useApp((s) => s.indicator?.year);
  const panel = useApp((s) => s.panel);
  const host = document.querySelector('.map-wrap');
  const mapRef = useRef<MlMap | null>(null);
  // The slider spans only the part of the map a person sees: never under the side panel.
  const [left, setLeft] = useState(0);
  useEffect(() => {
    const measure = () => setLeft(coveredLeft(host));
    measure();
    const ro = new ResizeObserver(measure);
    if (host) ro.observe(host);
    const el = document.getElementById('panel');
    if (el) ro.observe(el);
    return () => ro.disconnect();
  }, [host, panel]);
  const cut = `calc(${left}px + (100% - ${left}px) * ${pos / 100})`;

  useEffect(() => {
    const main = getMapInstance();
    if (!main || !ref.current) return;
    const m = new MlMap({ container: ref.current, style: main.getStyle(), center: main.getCenter(), zoom: main.getZoom(), interactive: false, attributionControl: false });
    mapRef.current = m;
    const stopRetries = retryFailedTiles(m);
    // As the main map: the live compare map on its container, for the browser suite to wait until it has drawn.
    Object.defineProperty(ref.current, 'maplibreMap', { value: m, configurable: true });
    const follow = () => m.jumpTo({ center: main.getCenter(), zoom: main.getZoom(), bearing: main.getBearing(), pitch: main.getPitch() });
    main.on('move', follow);
    return () => {
      main.off('move', follow);
      stopRetries();
      m.remove();
      mapRef.current = null;
    };
  }, []);

  useEffect(() => {
    const m = mapRef.current;
    if (!m) return;
    const apply = () => {
      // The choropleth's layers (bridge.ts: source `choro`) name the level's source layer the values key into.
      const layer = m.getStyle().layers.find((l) => 'source' in l && l.source === 'choro') as { 'source-layer'?: string } | undefined;
      if (!m.getSource('choro') || !layer?.['source-layer']) return;
      const sourceLayer = layer['source-layer'];
      m.removeFeatureState({ source: 'choro', sourceLayer });
      for (const v of appStore.getState().compareValues) m.setFeatureState({ source: 'choro', sourceLayer, id: v.key }, { v: v.value });
    };
    if (m.isStyleLoaded()) apply();
    else m.once('load', apply);
  }, [compareValues]);

  if (!host) return null;
  return createPortal(
    <>
      <div ref={ref} className="compare-map" style={{ clipPath: `inset(0 0 0 ${cut})` }} aria-hidden data-testid="compare-map" />
      <span className="compare-year main" style={{ left: cut }} data-testid="swipe-main-year">{mainYear}</span>
      <span className="compare-year" style={{ left: `calc(${cut} + 8px)` }} data-testid="swipe-compare-year">{year}</span>
      <input
        className="swipe"
        type="range"
        min={0}
        max={100}
        value={pos}
        onChange={(e) => setPos(Number(e.target.value))}
        aria-label={t('indicators.swipeHandle')}
        style={{ ['--pos' as string]: `${pos}%`, left, width: `calc(100% - ${left}px)` }}
        data-testid="swipe"
      />
    </>,
    host,
  );
}
