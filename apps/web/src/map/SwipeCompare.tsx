// Swipe comparison: a second, non-interactive map drawing the other year, clipped at the slider and following
// the main map's camera. Colours use the main year's classes so both sides read against one legend.
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { Map as MlMap } from 'maplibre-gl';
import { appStore, useApp } from '../stores/index.ts';
import { getMapInstance } from './instance.ts';
import { useT } from '../i18n/index.ts';

/** The compare map and its slider, mounted over the main map. */
export default function SwipeCompare() {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState(50);
  const compareValues = useApp((s) => s.compareValues);
  const year = useApp((s) => s.indicator?.compare);
  const host = document.querySelector('.map-wrap');
  const mapRef = useRef<MlMap | null>(null);

  useEffect(() => {
    const main = getMapInstance();
    if (!main || !ref.current) return;
    const m = new MlMap({ container: ref.current, style: main.getStyle(), center: main.getCenter(), zoom: main.getZoom(), interactive: false, attributionControl: false });
    mapRef.current = m;
    const follow = () => m.jumpTo({ center: main.getCenter(), zoom: main.getZoom(), bearing: main.getBearing(), pitch: main.getPitch() });
    main.on('move', follow);
    return () => {
      main.off('move', follow);
      m.remove();
      mapRef.current = null;
    };
  }, []);

  useEffect(() => {
    const m = mapRef.current;
    if (!m) return;
    const apply = () => {
      const src = m.getSource('choro') as { vectorLayerIds?: string[] } | undefined;
      const layer = m.getStyle().layers.find((l) => l.id === 'choro:fill') as { 'source-layer'?: string } | undefined;
      if (!src || !layer?.['source-layer']) return;
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
      <div ref={ref} className="compare-map" style={{ clipPath: `inset(0 0 0 ${pos}%)` }} aria-hidden data-testid="compare-map" />
      <span className="compare-year" style={{ left: `calc(${pos}% + 8px)` }}>{year}</span>
      <input
        className="swipe"
        type="range"
        min={0}
        max={100}
        value={pos}
        onChange={(e) => setPos(Number(e.target.value))}
        aria-label={t('indicators.swipeHandle')}
        style={{ ['--pos' as string]: `${pos}%` }}
      />
    </>,
    host,
  );
}
