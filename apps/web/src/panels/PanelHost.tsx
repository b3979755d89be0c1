import { lazy, Suspense, useEffect, useRef, useState, type RefObject } from 'react';
import { useApp } from '../stores/index.ts';
import { useT } from '../i18n/index.ts';
import { PANELS, type PanelId } from '../stores/ui-slice.ts';
import { LayerPanel } from './LayerPanel.tsx';
import { PanelIcon } from './icons.tsx';

// Heavier panels load on first use; the layer panel is the one the page opens with.
const IndicatorPanel = lazy(() => import('./IndicatorPanel.tsx'));
const ProjectsPanel = lazy(() => import('./ProjectsPanel.tsx'));
const NearMe = lazy(() => import('./NearMe.tsx'));
const Participation = lazy(() => import('./Participation.tsx'));
const Tools = lazy(() => import('./Tools.tsx'));
const ReportPanel = lazy(() => import('./ReportPanel.tsx'));
const FeatureInfo = lazy(() => import('./FeatureInfo.tsx'));
const Dashboard = lazy(() => import('./Dashboard.tsx'));
const AttributeTablePanel = lazy(() => import('./AttributeTablePanel.tsx'));

function body(p: PanelId) {
  switch (p) {
    case 'capas':
      return <LayerPanel />;
    case 'indicadores':
      return <IndicatorPanel />;
    case 'proyectos':
      return <ProjectsPanel />;
    case 'tablero':
      return <Dashboard />;
    case 'cerca':
      return <NearMe />;
    case 'participacion':
      return <Participation />;
    case 'reportar':
      return <ReportPanel />;
    case 'herramientas':
      return <Tools />;
    case 'tabla':
      return <AttributeTablePanel />;
    case 'info':
      return <FeatureInfo />;
  }
}

/** Whether a horizontal scroller has more content to the right (drives the "more tabs" cue on narrow screens). */
function useMoreToTheRight(): [RefObject<HTMLDivElement | null>, boolean] {
  const ref = useRef<HTMLDivElement>(null);
  const [more, setMore] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => setMore(el.scrollLeft + el.clientWidth < el.scrollWidth - 2);
    check();
    el.addEventListener('scroll', check, { passive: true });
    const ro = new ResizeObserver(check);
    ro.observe(el);
    return () => {
      el.removeEventListener('scroll', check);
      ro.disconnect();
    };
  }, []);
  return [ref, more];
}

/** Tab bar and the open panel: a side panel on wide screens, a bottom sheet on phones. */
export function PanelHost() {
  const t = useT();
  const panel = useApp((s) => s.panel);
  const open = useApp((s) => s.openPanel);
  // The info tab only matters once something has been picked on the map.
  const hasSelection = useApp((s) => s.selection !== null);
  const tabs = PANELS.filter((p) => p !== 'info' || hasSelection || panel === 'info');
  const [scroller, more] = useMoreToTheRight();
  const closePanel = (p: PanelId) => {
    open(null);
    scroller.current?.querySelector<HTMLElement>(`[data-testid="tab-${p}"]`)?.focus();
  };
  useEffect(() => {
    if (!panel) return;
    // Escape closes the panel and gives focus back to its tab (the control that opened it), as a dialog would.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const target = e.target instanceof Element ? e.target : null;
      // The search box and open dialogs handle their own Escape.
      if (target?.closest('[role=dialog], [role=combobox], .header')) return;
      closePanel(panel);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });
  useEffect(() => {
    // Keep the open panel's tab in view when it is opened from elsewhere (a click on the map, a permalink).
    scroller.current?.querySelector('.tab.active')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [panel, scroller]);
  return (
    // One column on wide screens (the tab bar, then the panel under it, whatever height the bar wraps to); on phones
    // the wrapper has no box and the bar and sheet sit at the bottom of the map.
    <div className="side">
      <nav className={more ? 'tabs more' : 'tabs'} aria-label={t('app.menu')}>
        <div className="tabs-scroll" ref={scroller}>
          {tabs.map((p) => (
            <button
              key={p}
              type="button"
              className={p === panel ? 'tab active' : 'tab'}
              aria-pressed={p === panel}
              aria-controls="panel"
              title={t(`panel.${p}`)}
              onClick={() => open(p === panel ? null : p)}
              data-testid={`tab-${p}`}
            >
              <PanelIcon panel={p} />
              <span className="tab-label">{t(`tab.${p}`)}</span>
            </button>
          ))}
        </div>
        {more && (
          <button type="button" className="tabs-more" aria-label={t('app.moreTabs')} onClick={() => scroller.current?.scrollBy({ left: 160, behavior: 'smooth' })}>›</button>
        )}
      </nav>
      {panel && (
        <section id="panel" className={panel === 'tabla' ? 'panel wide' : 'panel'} aria-label={t(`panel.${panel}`)} data-testid="panel" tabIndex={-1}>
          <div className="panel-head">
            <h2>{t(`panel.${panel}`)}</h2>
            <button type="button" className="icon" onClick={() => closePanel(panel)} aria-label={t('app.close')}>×</button>
          </div>
          <div className="panel-body">
            <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>{body(panel)}</Suspense>
          </div>
        </section>
      )}
    </div>
  );
}
