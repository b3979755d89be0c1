import { lazy, Suspense } from 'react';
import { useApp } from '../stores/index.ts';
import { useT } from '../i18n/index.ts';
import { LEVELS } from '../api/types.ts';
import { choroplethColors, legendClasses } from '@sigmun/styles/classes';
import { COMMON } from '@sigmun/styles/palette';
import { ClassLegend } from './Legend.tsx';
import { IndicatorTable } from '../table/IndicatorTable.tsx';

const SwipeCompare = lazy(() => import('../map/SwipeCompare.tsx'));
const METHODS = ['quantile', 'jenks', 'equal'] as const;

/** The Ayuntamiento's view: indicator, level, year, classes; legend with counts; ranking; change; swipe. */
export default function IndicatorPanel() {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const catalog = useApp((s) => s.indicatorCatalog);
  const ind = useApp((s) => s.indicator);
  const breaks = useApp((s) => s.breaks);
  const values = useApp((s) => s.values);
  const changes = useApp((s) => s.changes);
  const status = useApp((s) => s.indicatorStatus);
  const error = useApp((s) => s.indicatorError);
  const choose = useApp((s) => s.chooseIndicator);
  const clear = useApp((s) => s.clearIndicator);
  const info = catalog.find((i) => i.code === ind?.code);
  const levels = info ? LEVELS.filter((l) => info.levels.includes(l)) : LEVELS;

  const hasRanking = ind?.mode === 'change' ? changes.some((c) => c.absolute !== null) : values.some((v) => v.value !== null);
  const setTableSource = useApp((s) => s.setTableSource);
  const openPanel = useApp((s) => s.openPanel);

  const colors = breaks && ind ? choroplethColors(ind.mode, breaks.breaks, info?.higherIsBetter ?? null) : [];
  const classes = breaks ? legendClasses(breaks.breaks, breaks.counts, colors) : [];
  const nulls = ind?.mode === 'change' ? changes.filter((c) => c.absolute === null).length : values.filter((v) => v.value === null).length;
  const name = info ? (lang === 'en' && info.nameEn ? info.nameEn : info.name) : '';
  const decimals = info?.decimals ?? 0;
  const canChange = !!info && info.years.includes(2010) && info.years.includes(2020);

  return (
    <div className="indicator-panel">
      <label className="field">
        <span>{t('indicators.choose')}</span>
        <select value={ind?.code ?? ''} onChange={(e) => (e.target.value ? choose({ code: e.target.value }) : clear())} data-testid="indicator-select">
          <option value="">{t('indicators.none')}</option>
          {catalog.map((i) => (
            <option key={i.code} value={i.code}>{lang === 'en' && i.nameEn ? i.nameEn : i.name}</option>
          ))}
        </select>
      </label>
      {ind && (
        <>
          <div className="row">
            <label className="field">
              <span>{t('indicators.level')}</span>
              <select value={ind.level} onChange={(e) => choose({ level: e.target.value })} data-testid="indicator-level">
                {levels.map((l) => <option key={l} value={l}>{t(`level.${l}`)}</option>)}
              </select>
            </label>
            <label className="field">
              <span>{t('indicators.year')}</span>
              <select value={ind.year} onChange={(e) => choose({ year: Number(e.target.value) })} disabled={ind.mode === 'change'} data-testid="indicator-year">
                {(info?.years ?? [ind.year]).map((y) => <option key={y} value={y}>{y}</option>)}
              </select>
            </label>
          </div>
          <div className="row">
            <label className="field">
              <span>{t('indicators.method')}</span>
              <select value={ind.method} onChange={(e) => choose({ method: e.target.value as (typeof METHODS)[number] })} data-testid="indicator-method">
                {METHODS.map((m) => <option key={m} value={m}>{t(`method.${m}`)}</option>)}
              </select>
            </label>
            <label className="field">
              <span>{t('indicators.classes', { n: ind.classes })}</span>
              <input type="range" min={3} max={9} value={ind.classes} onChange={(e) => choose({ classes: Number(e.target.value) })} data-testid="indicator-classes" />
            </label>
          </div>
          <fieldset className="segmented">
            <legend>{t('indicators.mode')}</legend>
            <label><input type="radio" name="mode" checked={ind.mode === 'value'} onChange={() => choose({ mode: 'value' })} data-testid="mode-value" /> {t('indicators.mode.value')}</label>
            <label><input type="radio" name="mode" checked={ind.mode === 'change'} disabled={!canChange} onChange={() => choose({ mode: 'change', compare: null })} data-testid="mode-change" /> {t('indicators.mode.change')}</label>
          </fieldset>
          {ind.mode === 'value' && info && info.years.length > 1 && (
            <label className="field">
              <span>{t('indicators.swipeWith')}</span>
              <select value={ind.compare ?? ''} onChange={(e) => choose({ compare: e.target.value || null })} data-testid="indicator-compare">
                <option value="">{t('indicators.none')}</option>
                {info.years.filter((y) => y !== ind.year).map((y) => <option key={y} value={String(y)}>{y}</option>)}
              </select>
            </label>
          )}
          {status === 'loading' && <p className="muted" aria-live="polite">{t('app.loading')}</p>}
          {status === 'error' && <p className="error" role="alert">{t('app.error', { message: error ?? '' })}</p>}
          {status === 'ready' && breaks && (
            <ClassLegend
              title={ind.mode === 'change' ? `${name} — ${t('indicators.changeAbs')} 2010→2020` : t('indicators.legendTitle', { name: `${name} ${ind.year}`, unit: info?.unit ?? '' })}
              classes={classes}
              decimals={decimals}
              nulls={nulls}
              nodata={COMMON.noData}
            />
          )}
          {info && <p className="muted small">{t('indicators.source', { source: info.source })}</p>}
          {status === 'ready' && hasRanking && (
            <section aria-label={t('indicators.ranking')}>
              <h3>{t('indicators.ranking')}</h3>
              <IndicatorTable compact />
              <button type="button" onClick={() => { setTableSource({ kind: 'indicator' }); openPanel('tabla'); }} data-testid="open-indicator-table">{t('table.openFull')}</button>
            </section>
          )}
          {ind.compare && ind.mode === 'value' && (
            <Suspense fallback={null}>
              <SwipeCompare />
            </Suspense>
          )}
        </>
      )}
    </div>
  );
}
