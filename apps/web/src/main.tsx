import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles.css';
import { App } from './App.tsx';
import { EmbedApp } from './embed/EmbedApp.tsx';
import { EMBED_PATH } from '@sigmun/domain/portal';
import { appStore } from './stores/index.ts';
import { startUrlSync } from './stores/url-sync.ts';
import { loadCatalogs, startEffects } from './stores/effects.ts';
import { followTarget } from './lib/follow-path.ts';

const initial = startUrlSync(appStore);
// /embed: the same state and map, drawn without the header, tabs or panels.
const embedded = window.location.pathname === EMBED_PATH;
// A follow-up link (/seguimiento/{folio}, /propuesta/{folio}) or the moderators' address opens its panel.
const follow = followTarget(window.location.pathname);
const entryPanel = follow ? (follow.kind === 'reporte' ? 'reportar' : 'participacion') : window.location.pathname.startsWith('/moderacion') ? 'reportar' : null;
if (!embedded && entryPanel && !window.location.hash.includes('panel=')) appStore.getState().openPanel(entryPanel);
startEffects(appStore);
void loadCatalogs(appStore, initial.layers);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {embedded ? <EmbedApp /> : <App />}
  </StrictMode>,
);
