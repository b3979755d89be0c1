import { useApp } from '../stores/index.ts';
import { useT } from '../i18n/index.ts';
import { LAYER_GROUPS, type LayerGroup } from '@sigmun/domain/layers';
import { overlayLegend } from '../map/style.ts';
import { LayerLegend } from './Legend.tsx';
import { datasetInfo, fetchItemCount } from '../api/client.ts';
import { useEffect, useState } from 'react';
import { hasMessage } from '../i18n/index.ts';
import type { LayerInfo } from '../api/types.ts';
import { useLocale } from '../i18n/index.ts';

/**
 * Where a layer's data come from and how recent they are (the dataset note /api/layers carries per layer).
 * Demo data name their generator, not the real agencies the catalog would cite for real data.
 */
function SourceNote({ layer }: { layer: LayerInfo }) {
  const t = useT();
  const locale = useLocale();
  const fallback = useApp((s) => s.dataset);
  const ds = datasetInfo(layer.dataset) ?? fallback;
  const source = ds?.kind === 'demo' ? t('layers.demoSource') : layer.sourceNote;
  const date = ds?.date ? new Date(`${ds.date}T12:00:00`).toLocaleDateString(locale, { year: 'numeric', month: 'long', day: 'numeric' }) : null;
  return (
    <p className="muted small source-note" data-testid={`source-${layer.id}`} data-date={ds?.date ?? ''}>
      {t('layers.source', { source })}
      {date && <><br />{t('layers.date', { date })}</>}
    </p>
  );
}

/** Says so when a turned-on layer has no features at all (an empty layer must not look like a broken map). */
function EmptyNote({ layer }: { layer: LayerInfo }) {
  const t = useT();
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    fetchItemCount(layer.id, ctrl.signal).then(setCount, () => setCount(null));
    return () => ctrl.abort();
  }, [layer.id, layer.version]);
  if (count !== 0) return null;
  const key = `defects.layerEmpty.${layer.id}`;
  return <p className="note small" role="status" data-testid={`empty-${layer.id}`}>{hasMessage(key) ? t(key) : t('defects.layerEmpty')}</p>;
}

/** Layers by group: toggle, opacity, order, legend of what is drawn, and the source/date note. */
export function LayerPanel() {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const catalog = useApp((s) => s.catalog);
  const order = useApp((s) => s.order);
  const visible = useApp((s) => s.visible);
  const opacity = useApp((s) => s.opacity);
  const zoom = useApp((s) => s.view?.zoom ?? 0);
  const toggle = useApp((s) => s.toggleLayer);
  const setOpacity = useApp((s) => s.setOpacity);
  const move = useApp((s) => s.moveLayer);
  const dataset = useApp((s) => s.dataset);
  if (!catalog.length) return <p className="muted">{t('app.loading')}</p>;
  // Top of the drawing order first, as in every GIS layer list.
  const ordered = [...order].reverse().map((id) => catalog.find((l) => l.id === id)!).filter(Boolean);
  const groups = (Object.keys(LAYER_GROUPS) as LayerGroup[]).sort((a, b) => LAYER_GROUPS[a].orden - LAYER_GROUPS[b].orden);
  return (
    <div className="layer-panel">
      {dataset?.kind === 'demo' && <p className="demo-note" role="note">{t('app.demoLong')}</p>}
      {groups.map((g) => {
        const layers = ordered.filter((l) => l.group === g);
        if (!layers.length) return null;
        return (
          <fieldset key={g} className="layer-group">
            <legend>{lang === 'en' ? LAYER_GROUPS[g].title : LAYER_GROUPS[g].titulo}</legend>
            <ul>
              {layers.map((l) => {
                const title = lang === 'en' ? l.title : l.titulo;
                const on = !!visible[l.id];
                return (
                  <li key={l.id} className="layer-row" data-testid={`layer-${l.id}`}>
                    <label className="layer-toggle">
                      <input type="checkbox" checked={on} onChange={() => toggle(l.id)} aria-label={t('layers.toggle', { layer: title })} data-testid={`toggle-${l.id}`} />
                      <span>{title}</span>
                    </label>
                    <span className="order">
                      <button type="button" className="icon" onClick={() => move(l.id, 1)} aria-label={t('layers.up', { layer: title })}>↑</button>
                      <button type="button" className="icon" onClick={() => move(l.id, -1)} aria-label={t('layers.down', { layer: title })}>↓</button>
                    </span>
                    {on && (
                      <div className="layer-details">
                        <input
                          type="range"
                          min={0}
                          max={100}
                          step={5}
                          value={Math.round((opacity[l.id] ?? 1) * 100)}
                          onChange={(e) => setOpacity(l.id, Number(e.target.value) / 100)}
                          aria-label={t('layers.opacity', { layer: title })}
                        />
                        <EmptyNote layer={l} />
                        <LayerLegend entries={overlayLegend(l)} />
                        {zoom < l.minzoom && <p className="muted small">{t('layers.zoomIn', { zoom: l.minzoom })}</p>}
                        <SourceNote layer={l} />
                      </div>
                    )}
                  </li>
                );
              })}
            </ul>
          </fieldset>
        );
      })}
      <BasemapLegend />
    </div>
  );
}

/**
 * The basemap's own symbols: from z14 it draws the facilities as icons coloured by type, the same icons and colours
 * as the «Equipamiento» layer, so they get that layer's legend (unexplained, its grey «otro» read as a cancelled project).
 */
function BasemapLegend() {
  const t = useT();
  const equipment = useApp((s) => s.catalog.find((l) => l.id === 'equipamiento'));
  const shown = useApp((s) => !!s.visible.equipamiento);
  // With the layer on, its own legend above already explains these icons.
  if (!equipment || shown) return null;
  return (
    <fieldset className="layer-group" data-testid="basemap-legend">
      <legend>{t('defects.basemapLegend')}</legend>
      <p className="muted small">{t('defects.basemapEquipment', { zoom: 14 })}</p>
      <LayerLegend entries={overlayLegend(equipment)} />
    </fieldset>
  );
}
