// Typed client of the tablero and fichas endpoints (types from packages/domain, no guessing).
import type { DashboardSummary, FichaKind, TerritoryKind } from '@sigmun/domain/dashboard';
import { getJson } from './http.ts';

/** GET /api/dashboard/summary — the territory's cards, charts, rankings and indicators, computed by the server. */
export function fetchSummary(t: { tipo: TerritoryKind; clave: string } | null, period: { desde: number | null; hasta: number | null }, signal?: AbortSignal): Promise<DashboardSummary> {
  const q = new URLSearchParams();
  if (t) {
    q.set('tipo', t.tipo);
    q.set('clave', t.clave);
  }
  if (period.desde !== null) q.set('desde', String(period.desde));
  if (period.hasta !== null) q.set('hasta', String(period.hasta));
  return getJson<DashboardSummary>(`/api/dashboard/summary${q.size ? `?${q}` : ''}`, { signal });
}

/** URL of the PDF ficha of a unit or project. */
export function fichaUrl(tipo: FichaKind, clave: string, lang: 'es' | 'en', papel: 'a4' | 'carta' = 'a4'): string {
  return `/api/fichas/${encodeURIComponent(tipo)}/${encodeURIComponent(clave)}.pdf?papel=${papel}&lang=${lang}`;
}
