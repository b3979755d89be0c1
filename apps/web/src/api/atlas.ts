// Typed client of the atlas endpoints: start (planeacion), progress, and the finished PDF's URL.
import type { AtlasJob, AtlasKind, FichaLang, Paper } from '@sigmun/domain/dashboard';
import { sendJson } from './auth.ts';
import { getJson } from './http.ts';

/** POST /api/atlas/{tipo} — starts the atlas (or answers the one underway or cached for the same data). */
export function startAtlas(tipo: AtlasKind, papel: Paper, lang: FichaLang, csrf: string | null): Promise<AtlasJob> {
  return sendJson<AtlasJob>('POST', `/api/atlas/${encodeURIComponent(tipo)}`, { papel, lang }, csrf);
}

/** GET /api/atlas/jobs/{id} — the job's state and progress. */
export function fetchAtlasJob(id: string, signal?: AbortSignal): Promise<AtlasJob> {
  return getJson<AtlasJob>(`/api/atlas/jobs/${encodeURIComponent(id)}`, { signal });
}
