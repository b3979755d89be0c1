// Store ↔ permalink: what the URL holds and how opening a URL restores it.
import type { AppState, AppStore } from './index.ts';
import { visibleLayers } from './layers-slice.ts';
import { PANELS, type PanelId } from './ui-slice.ts';
import { NO_FILTERS } from './projects-slice.ts';
import type { PermalinkState } from '../lib/permalink.ts';
import { TERRITORY_KINDS, type TerritoryKind } from '@sigmun/domain/dashboard';

const territoryKindOk = (k: string): k is TerritoryKind => (TERRITORY_KINDS as readonly string[]).includes(k);

/** The shareable part of the state. */
export function permalinkFromState(s: AppState): PermalinkState {
  const f = s.filters;
  const hasFilters = f.status.length > 0 || f.eje !== null || f.programa !== null || f.dependency !== null || f.year !== null;
  return {
    view: s.view ?? undefined,
    layers: s.catalog.length ? visibleLayers(s) : undefined,
    indicator: s.indicator,
    filters: hasFilters ? f : undefined,
    selection: s.selection ? { layer: s.selection.layer, id: s.selection.id } : null,
    near: s.near ? { lon: s.near.lon, lat: s.near.lat, radiusM: s.near.radiusM, minutes: s.near.minutes } : null,
    participation: s.participation,
    panel: s.panel,
    lang: s.lang,
    territory: s.territory,
    period: s.period.desde !== null || s.period.hasta !== null ? s.period : null,
  };
}

/** Applies what a permalink says (layers wait for the catalog: pass them to setCatalog). */
export function applyPermalink(store: AppStore, p: PermalinkState): void {
  const s = store.getState();
  if (p.view) s.setView(p.view);
  if (p.lang) s.setLang(p.lang);
  if (p.filters) s.setFilters(p.filters);
  else s.setFilters(NO_FILTERS);
  if (p.indicator) store.setState({ indicator: p.indicator });
  if (p.selection) s.select({ ...p.selection, properties: null });
  if (p.near) s.setNear({ ...p.near, source: 'link' });
  if (p.participation) s.chooseProcess(p.participation.process, p.participation.metric);
  if (p.territory && territoryKindOk(p.territory.tipo)) s.setTerritory({ tipo: p.territory.tipo, clave: p.territory.clave });
  if (p.period) s.setPeriod(p.period);
  if (p.panel !== undefined) s.openPanel(p.panel && (PANELS as readonly string[]).includes(p.panel) ? (p.panel as PanelId) : null);
}
