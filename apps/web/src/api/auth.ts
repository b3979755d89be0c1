// Identity, edits and the audit trail: sign-in, the current user, a project's edit and history, audit pages.
// Writes send the session's CSRF token (x-csrf-token) besides the same-origin Origin the browser adds.
import type { AuditPage, ProjectHistory } from '@sigmun/domain/audit';
import type { Me, SessionState } from '@sigmun/domain/auth';
import { ApiError, getJson, qs } from './http.ts';

export type { AuditPage, Me, ProjectHistory };

/** Sends JSON with a method and the CSRF token; throws ApiError with the server's problem detail. */
export async function sendJson<T>(method: string, path: string, body: unknown, csrf: string | null): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      // No content-type without a body: the server refuses an empty JSON body.
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), accept: 'application/json', ...(csrf ? { 'x-csrf-token': csrf } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, (e as Error).message);
  }
  if (!res.ok) {
    let message = res.statusText;
    try {
      message = ((await res.json()) as { detail?: string }).detail ?? message;
    } catch {
      // Not JSON: keep the status text.
    }
    throw new ApiError(res.status, message);
  }
  return (await res.json()) as T;
}

/** GET /api/auth/session — the signed-in user, or null when anonymous (always 200: no console error for visitors). */
export async function fetchMe(): Promise<Me | null> {
  return (await getJson<SessionState>('/api/auth/session')).user;
}

/** POST /api/auth/login — signs in; the server sets the session cookie. */
export function signIn(email: string, password: string): Promise<Me> {
  return sendJson<Me>('POST', '/api/auth/login', { email, password }, null);
}

/** POST /api/auth/logout — ends the session on the server. */
export function signOut(csrf: string | null): Promise<{ ok: boolean }> {
  return sendJson('POST', '/api/auth/logout', undefined, csrf);
}

/** GET /api/projects/{id}/historial — who changed what, oldest first. */
export function fetchProjectHistory(id: number, signal?: AbortSignal): Promise<ProjectHistory> {
  return getJson<ProjectHistory>(`/api/projects/${id}/historial`, { signal });
}

export interface AuditQuery {
  tabla?: string;
  clave?: string;
  desde?: string;
  hasta?: string;
  offset?: number;
}

/** URL of an audit page (JSON, or CSV with `csv`). */
export function auditUrl(q: AuditQuery, csv = false): string {
  return `/api/audit${qs({ tabla: q.tabla, clave: q.clave, desde: q.desde, hasta: q.hasta, offset: q.offset, limit: 50, f: csv ? 'csv' : undefined })}`;
}

/** GET /api/audit — one page of the trail (admin, planeacion). */
export function fetchAudit(q: AuditQuery, signal?: AbortSignal): Promise<AuditPage> {
  return getJson<AuditPage>(auditUrl(q), { signal });
}

