import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles.css';
import { App } from './App.tsx';
import { appStore } from './stores/index.ts';
import { startUrlSync } from './stores/url-sync.ts';
import { loadCatalogs, startEffects } from './stores/effects.ts';
import { followTarget } from './lib/follow-path.ts';

const initial = startUrlSync(appStore);
// A follow-up link (/seguimiento/{folio}, /propuesta/{folio}) or the moderators' address opens its panel.
const follow = followTarget(window.location.pathname);
const entryPanel = follow ? (follow.kind === 'reporte' ? 'reportar' : 'participacion') : window.location.pathname.startsWith('/moderacion') ? 'reportar' : null;
if (entryPanel && !window.location.hash.includes('panel=')) appStore.getState().openPanel(entryPanel);
startEffects(appStore);
void loadCatalogs(appStore, initial.layers);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
