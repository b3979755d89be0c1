import { lazy, Suspense, useEffect } from 'react';
import { useApp } from './stores/index.ts';
import { HTML_LANG, useT } from './i18n/index.ts';
import { Header } from './panels/Header.tsx';
import { PanelHost } from './panels/PanelHost.tsx';
import { ServerDown } from './panels/ServerDown.tsx';
import { LoginDialog } from './panels/AuthControls.tsx';
import { AuditPage } from './panels/AuditPage.tsx';

const MapView = lazy(() => import('./map/MapView.tsx'));

/** The page: header with search, the map, and one panel (side panel on wide screens, bottom sheet on phones). */
export function App() {
  const t = useT();
  const busy = useApp((s) => s.pending > 0 || s.mapBusy || !s.mapReady);
  const serverError = useApp((s) => s.serverError);
  const notice = useApp((s) => s.notice);
  const notify = useApp((s) => s.notify);
  const lang = useApp((s) => s.lang);
  useEffect(() => {
    document.documentElement.lang = HTML_LANG[lang];
  }, [lang]);
  return (
    <div className="app">
      <a className="skip" href="#panel">{t('app.menu')}</a>
      <Header />
      <main className="main">
        <div className={`loading-bar${busy ? ' on' : ''}`} role="progressbar" aria-label={t('app.loading')} aria-busy={busy} aria-hidden={!busy} />
        <Suspense fallback={<div className="map-placeholder">{t('app.loadingMap')}</div>}>
          <MapView />
        </Suspense>
        {serverError && <ServerDown message={serverError} />}
        <PanelHost />
        {notice && (
          <div className="toast" role="status">
            <span>{notice}</span>
            <button type="button" onClick={() => notify(null)} aria-label={t('app.close')}>×</button>
          </div>
        )}
      </main>
      <LoginDialog />
      <AuditPage />
    </div>
  );
}
