import { lazy, Suspense, useEffect } from 'react';
import { choroplethColors, legendClasses } from '@sigmun/styles/classes';
import { COMMON } from '@sigmun/styles/palette';
import { mapUrl } from '@sigmun/domain/portal';
import { useApp } from '../stores/index.ts';
import { HTML_LANG, useT } from '../i18n/index.ts';
import { overlayLegend } from '../map/style.ts';
import { ClassLegend, LayerLegend } from '../panels/Legend.tsx';
import { embedHash } from '../lib/embed.ts';

const MapView = lazy(() => import('../map/MapView.tsx'));

/** The legend of what the embedded map draws: the indicator's classes, else each visible layer's swatches. */
function EmbedLegend() {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const ind = useApp((s) => s.indicator);
  const breaks = useApp((s) => s.breaks);
  const indicators = useApp((s) => s.indicatorCatalog);
  const catalog = useApp((s) => s.catalog);
  const order = useApp((s) => s.order);
  const visible = useApp((s) => s.visible);
  const info = ind ? indicators.find((i) => i.code === ind.code) : undefined;
  if (ind && breaks) {
    const name = info ? (lang === 'en' && info.nameEn ? info.nameEn : info.name) : ind.code;
    const classes = legendClasses(breaks.breaks, breaks.counts, choroplethColors(ind.mode, breaks.breaks, info?.higherIsBetter ?? null));
    return (
      <ClassLegend
        title={ind.mode === 'change' ? `${name} — ${t('indicators.changeAbs')} 2010→2020` : t('indicators.legendTitle', { name: `${name} ${ind.year}`, unit: info?.unit ?? '' })}
        classes={classes}
        decimals={info?.decimals ?? 0}
        nodata={COMMON.noData}
      />
    );
  }
  const layers = [...order].reverse().map((id) => catalog.find((l) => l.id === id)).filter((l) => !!l && visible[l.id]);
  return (
    <>
      {layers.map((l) => (
        <section key={l!.id}>
          <h2>{lang === 'en' ? l!.title : l!.titulo}</h2>
          <LayerLegend entries={overlayLegend(l!)} />
        </section>
      ))}
    </>
  );
}

/** The embeddable page (EMBED_PATH): only the map with its attribution, its legend and a link to the full map. */
export function EmbedApp() {
  const t = useT();
  const busy = useApp((s) => s.pending > 0 || s.mapBusy || !s.mapReady);
  const lang = useApp((s) => s.lang);
  useEffect(() => {
    document.documentElement.lang = HTML_LANG[lang];
    document.title = t('desk.embed.frameTitle');
  }, [lang, t]);
  return (
    <main className="embed">
      <div className={`loading-bar${busy ? ' on' : ''}`} role="progressbar" aria-label={t('app.loading')} aria-busy={busy} aria-hidden={!busy} />
      <Suspense fallback={<div className="map-placeholder">{t('app.loadingMap')}</div>}>
        <MapView />
      </Suspense>
      <aside className="embed-legend" aria-label={t('desk.embed.legend')} data-testid="embed-legend">
        <EmbedLegend />
      </aside>
      {/* The full map opens outside the frame, at the same view. */}
      <a className="embed-open" href={mapUrl('', embedHash(window.location.hash))} target="_blank" rel="noopener">{t('desk.embed.open')}</a>
    </main>
  );
}
