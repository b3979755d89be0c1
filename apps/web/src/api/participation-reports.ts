// Typed client of the citizen reports and moderation endpoints (types from packages/domain, no guessing).
import type { DataRemovalResult, ModerationAction, ModerationQueue, ModerationResult, ModerationState, PublicReport, ReportCategory, ReportSubmission, SubmissionReceipt } from '@sigmun/domain/participation-reports';
import { getJson, qs } from './http.ts';

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

/** POST /api/participation/{reports|proposals}/{folio}/borrar-datos — erases the author's personal data (folio + private code). */
export function removePersonalData(kind: 'reporte' | 'propuesta', folio: string, clave: string): Promise<DataRemovalResult> {
  return getJson<DataRemovalResult>(`/api/participation/${kind === 'reporte' ? 'reports' : 'proposals'}/${encodeURIComponent(folio)}/borrar-datos`, { body: { clave } });
}

/** GET /api/moderation/queue?estado= (moderacion): reports and proposals in one moderation state (pending by default). */
export function fetchModerationQueue(estado: ModerationState = 'pendiente'): Promise<ModerationQueue> {
  return getJson<ModerationQueue>(`/api/moderation/queue${qs({ estado })}`);
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
