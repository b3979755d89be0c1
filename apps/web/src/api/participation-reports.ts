// Typed client of the citizen reports and moderation endpoints (types from packages/domain, no guessing).
import type { ModerationAction, ModerationQueue, ModerationResult, PublicReport, ReportCategory, ReportSubmission, SubmissionReceipt } from '@sigmun/domain/participation-reports';
import { ApiError, getJson } from './http.ts';

/** GET /api/participation/categories */
export async function fetchReportCategories(): Promise<ReportCategory[]> {
  return (await getJson<{ categorias: ReportCategory[] }>('/api/participation/categories')).categorias;
}

/** POST /api/participation/reports */
export function submitReport(body: ReportSubmission): Promise<SubmissionReceipt> {
  return getJson<SubmissionReceipt>('/api/participation/reports', { body });
}

/** GET /api/participation/reports/{folio} */
export function fetchReport(folio: string): Promise<PublicReport> {
  return getJson<PublicReport>(`/api/participation/reports/${encodeURIComponent(folio)}`);
}

/** GET /api/auth/me — the signed-in user's roles, or null when anonymous. */
export async function fetchMe(): Promise<{ email: string; roles: string[]; csrf?: string } | null> {
  try {
    return await getJson<{ email: string; roles: string[]; csrf?: string }>('/api/auth/me');
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

/** GET /api/moderation/queue (moderacion) */
export function fetchModerationQueue(): Promise<ModerationQueue> {
  return getJson<ModerationQueue>('/api/moderation/queue');
}

/** POST /api/moderation/{reportes|propuestas}/{id}/acciones (moderacion) */
export function moderateItem(kind: 'reporte' | 'propuesta', id: number, body: ModerationAction): Promise<ModerationResult> {
  return getJson<ModerationResult>(`/api/moderation/${kind === 'reporte' ? 'reportes' : 'propuestas'}/${id}/acciones`, { body });
}

/** Reads a picked file as a data: URL (the report body carries the photo as base64). */
export function fileAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error ?? new Error('lectura'));
    r.readAsDataURL(file);
  });
}
