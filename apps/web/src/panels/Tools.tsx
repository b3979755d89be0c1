import { useEffect, useState } from 'react';
import { appStore, useApp } from '../stores/index.ts';
import { useLocale, useT } from '../i18n/index.ts';
import { closedPolygon, formatArea, formatDistance, pathLength, ringArea } from '../lib/geo.ts';
import { fetchAreaStats, itemsDownloadUrl } from '../api/client.ts';
import { DOWNLOAD_FILES, DOWNLOAD_FORMATS, type DownloadFormat } from '@sigmun/domain/downloads';
import { getMapInstance } from '../map/instance.ts';
import { composePng, type ExportLegendRow } from '../lib/export-png.ts';
import { formatNumber } from '../lib/classes.ts';
import { choroplethColors, legendClasses } from '@sigmun/styles/classes';
import { overlayLegend } from '../map/style.ts';
import { legendEntryLabel } from './Legend.tsx';

type AreaStat = Awaited<ReturnType<typeof fetchAreaStats>>[number];

/** Measure distance/area, polygon → area statistics, PNG export and download of the visible layer. */
export default function Tools() {
  const t = useT();
  const locale = useLocale();
  const tool = useApp((s) => s.tool);
  const start = useApp((s) => s.startTool);
  const finish = useApp((s) => s.finishTool);
  const notify = useApp((s) => s.notify);
  const [stats, setStats] = useState<AreaStat[] | null>(null);
  const pts = tool?.points ?? [];

  useEffect(() => {
    setStats(null);
    if (tool?.kind !== 'stats' || !tool.done || tool.points.length < 3) return;
    const ctrl = new AbortController();
    fetchAreaStats(closedPolygon(tool.points).geometry, ctrl.signal).then(setStats, (e: Error) => e.name !== 'AbortError' && notify(e.message));
    return () => ctrl.abort();
  }, [tool, notify]);

  const exportPng = () => {
    const map = getMapInstance();
    if (!map) return;
    map.once('render', () => {
      const legend = currentLegend(locale, t);
      const attribution = [...map.getContainer().querySelectorAll('.maplibregl-ctrl-attrib-inner a, .maplibregl-ctrl-attrib-inner')].map((e) => e.textContent ?? '')[0] ?? '';
      const url = composePng(map.getCanvas(), {
        title: t('export.title', { date: new Date().toLocaleDateString(locale) }),
        attribution: t('export.attribution', { attribution: attribution.trim() }),
        legendTitle: legend.title,
        legend: legend.rows,
      });
      const a = document.createElement('a');
      a.href = url;
      a.download = 'sig-municipal.png';
      a.click();
    });
    map.triggerRepaint();
  };

  const lang = useApp((s) => s.lang);
  const catalog = useApp((s) => s.catalog);
  const visibleLayer = useApp((s) => [...s.order].reverse().find((id) => s.visible[id]) ?? null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [format, setFormat] = useState<DownloadFormat>('gpkg');
  const [onlyVisible, setOnlyVisible] = useState(true);
  const dlLayer = catalog.find((l) => l.id === (chosen ?? visibleLayer)) ?? catalog[0] ?? null;
  const dlTitle = dlLayer ? (lang === 'en' ? dlLayer.title : dlLayer.titulo) : '';
  // A file download through a link with `download`: the server names it (Content-Disposition), the page stays.
  const download = () => {
    const map = getMapInstance();
    if (!dlLayer) return;
    const b = onlyVisible && map ? map.getBounds() : null;
    const a = document.createElement('a');
    a.href = itemsDownloadUrl(dlLayer.id, format, b ? [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] : null);
    a.download = '';
    a.rel = 'noopener';
    document.body.append(a);
    a.click();
    a.remove();
  };

  return (
    <div className="tools-panel">
      <div className="row wrap">
        <button type="button" aria-pressed={tool?.kind === 'line'} onClick={() => start(tool?.kind === 'line' ? null : 'line')} data-testid="tool-line">{t('tools.measureLine')}</button>
        <button type="button" aria-pressed={tool?.kind === 'area'} onClick={() => start(tool?.kind === 'area' ? null : 'area')} data-testid="tool-area">{t('tools.measureArea')}</button>
        <button type="button" aria-pressed={tool?.kind === 'stats'} onClick={() => start(tool?.kind === 'stats' ? null : 'stats')} data-testid="tool-stats">{t('tools.drawStats')}</button>
      </div>
      {tool && tool.kind !== 'pick-near' && (
        <div className="tool-box" aria-live="polite">
          {!tool.done && <p className="muted small">{t('tools.hint')}</p>}
          {tool.kind === 'line' ? (
            <p data-testid="tool-result" data-value={pathLength(pts)}>{t('tools.distance', { value: formatDistance(pathLength(pts), locale) })}</p>
          ) : (
            <p data-testid="tool-result" data-value={ringArea(pts)}>{t('tools.area', { value: formatArea(ringArea(pts), locale) })}</p>
          )}
          <div className="row">
            {!tool.done && <button type="button" onClick={finish} disabled={pts.length < 2} data-testid="tool-finish">{t('tools.finish')}</button>}
            <button type="button" onClick={() => start(null)}>{t('tools.cancel')}</button>
          </div>
          {stats && (
            <>
              <h3>{t('tools.areaStats')}</h3>
              <dl className="attrs" data-testid="area-stats">
                {stats.map((s) => (
                  <div key={s.code} data-code={s.code} data-value={s.value ?? ''}>
                    <dt>{s.name}</dt>
                    <dd>
                      {s.estimate && s.value !== null ? '≈ ' : ''}{formatNumber(s.value, s.decimals, locale)} {s.unit}
                      {s.estimate && s.value !== null && <span className="muted small"> ({t('desk.estimate')})</span>}
                      {s.coverage !== null ? ` · ${t('tools.coverage', { value: `${formatNumber(s.coverage * 100, 0, locale)} %` })}` : ''}
                    </dd>
                  </div>
                ))}
              </dl>
            </>
          )}
        </div>
      )}
      <h3>{t('tools.export')}</h3>
      <button type="button" onClick={exportPng} data-testid="export-png">{t('tools.export')}</button>
      <h3>{t('desk.download.title')}</h3>
      {dlLayer ? (
        <div className="download-form">
          <label>
            {t('desk.download.layer')}{' '}
            <select value={dlLayer.id} onChange={(e) => setChosen(e.target.value)} data-testid="download-layer">
              {catalog.map((l) => <option key={l.id} value={l.id}>{lang === 'en' ? l.title : l.titulo}</option>)}
            </select>
          </label>
          <label>
            {t('desk.download.format')}{' '}
            <select value={format} onChange={(e) => setFormat(e.target.value as DownloadFormat)} data-testid="download-format">
              {DOWNLOAD_FORMATS.map((f) => <option key={f} value={f}>{DOWNLOAD_FILES[f].label}</option>)}
            </select>
          </label>
          <label className="row">
            <input type="checkbox" checked={onlyVisible} onChange={(e) => setOnlyVisible(e.target.checked)} data-testid="download-visible" />
            {t('desk.download.visible')}
          </label>
          <button type="button" onClick={download} data-testid="download-button">
            {t('desk.download.button', { layer: dlTitle, format: DOWNLOAD_FILES[format].label })}
          </button>
        </div>
      ) : (
        <p className="muted">{t('tools.noLayer')}</p>
      )}
    </div>
  );
}


/** The legend of what is on the map now: the choropleth's classes, else the visible layers' swatches. */
function currentLegend(locale: string, t: (k: string, p?: Record<string, string | number>) => string): { title?: string; rows: ExportLegendRow[] } {
  const s = appStore.getState();
  if (s.indicator && s.breaks) {
    const info = s.indicatorCatalog.find((i) => i.code === s.indicator!.code);
    const colors = choroplethColors(s.indicator.mode, s.breaks.breaks, info?.higherIsBetter ?? null);
    const d = info?.decimals ?? 0;
    return {
      title: `${info?.name ?? s.indicator.code} ${s.indicator.mode === 'change' ? '2010→2020' : s.indicator.year}`,
      rows: legendClasses(s.breaks.breaks, s.breaks.counts, colors).map((c) => ({ color: c.color, label: `${formatNumber(c.from, d, locale)} – ${formatNumber(c.to, d, locale)} (${c.count})` })),
    };
  }
  const rows: ExportLegendRow[] = [];
  for (const id of [...s.order].reverse()) {
    const l = s.catalog.find((x) => x.id === id);
    if (!l || !s.visible[id]) continue;
    for (const e of overlayLegend(l)) rows.push({ color: e.color, label: e.value !== undefined ? `${l.titulo}: ${legendEntryLabel(e, t)}` : e.label });
  }
  return { rows: rows.slice(0, 20) };
}
