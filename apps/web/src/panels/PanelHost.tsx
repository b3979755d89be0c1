import { lazy, Suspense } from 'react';
import { useApp } from '../stores/index.ts';
import { useT } from '../i18n/index.ts';
import { PANELS, type PanelId } from '../stores/ui-slice.ts';
import { LayerPanel } from './LayerPanel.tsx';

// Heavier panels load on first use; the layer panel is the one the page opens with.
const IndicatorPanel = lazy(() => import('./IndicatorPanel.tsx'));
const ProjectsPanel = lazy(() => import('./ProjectsPanel.tsx'));
const NearMe = lazy(() => import('./NearMe.tsx'));
const Participation = lazy(() => import('./Participation.tsx'));
const Tools = lazy(() => import('./Tools.tsx'));
const FeatureInfo = lazy(() => import('./FeatureInfo.tsx'));

function body(p: PanelId) {
  switch (p) {
    case 'capas':
      return <LayerPanel />;
    case 'indicadores':
      return <IndicatorPanel />;
    case 'proyectos':
      return <ProjectsPanel />;
    case 'cerca':
      return <NearMe />;
    case 'participacion':
      return <Participation />;
    case 'herramientas':
      return <Tools />;
    case 'info':
      return <FeatureInfo />;
  }
}

/** Tab bar and the open panel: a side panel on wide screens, a bottom sheet on phones. */
export function PanelHost() {
  const t = useT();
  const panel = useApp((s) => s.panel);
  const open = useApp((s) => s.openPanel);
  return (
    <>
      <nav className="tabs" aria-label={t('app.menu')}>
        {PANELS.map((p) => (
          <button
            key={p}
            type="button"
            className={p === panel ? 'tab active' : 'tab'}
            aria-pressed={p === panel}
            aria-controls="panel"
            onClick={() => open(p === panel ? null : p)}
            data-testid={`tab-${p}`}
          >
            {t(`panel.${p}`)}
          </button>
        ))}
      </nav>
      {panel && (
        <section id="panel" className="panel" aria-label={t(`panel.${panel}`)} data-testid="panel" tabIndex={-1}>
          <div className="panel-head">
            <h2>{t(`panel.${panel}`)}</h2>
            <button type="button" className="icon" onClick={() => open(null)} aria-label={t('app.close')}>×</button>
          </div>
          <div className="panel-body">
            <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>{body(panel)}</Suspense>
          </div>
        </section>
      )}
    </>
  );
}
