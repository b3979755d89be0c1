import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles.css';
import { App } from './App.tsx';
import { appStore } from './stores/index.ts';
import { startUrlSync } from './stores/url-sync.ts';
import { loadCatalogs, startEffects } from './stores/effects.ts';

const initial = startUrlSync(appStore);
startEffects(appStore);
void loadCatalogs(appStore, initial.layers);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
