// Typed calls of the seguimiento API (the shapes are packages/domain's: a mismatch fails the build).
import type { ProjectCard } from '@sigmun/domain/projects';
import type { Avance, FieldProblem, ProjectInput, ProjectPermissions, UploadedDocument } from '@sigmun/domain/seguimiento';
import type { EjeTree } from '@sigmun/domain/projects';
import { ApiError, getJson } from '../api/http.ts';

/** The signed-in caller as the permissions route describes them, with the session's CSRF token. */
export interface Me {
  nombre: string;
  roles: string[];
  dependencias: string[];
  csrf: string | null;
}

/** GET /api/projects/{id}/permisos — whether the caller may edit it, and who they are (200 even when anonymous). */
export async function fetchPermissions(id: number, signal?: AbortSignal): Promise<{ editar: boolean; me: Me | null }> {
  const r = await getJson<ProjectPermissions>(`/api/projects/${id}/permisos`, { signal });
  return { editar: r.editar, me: r.usuario ? { ...r.usuario, csrf: r.csrf } : null };
}

/** GET /api/projects/{id} — the card as the domain types it (with its version). */
export const fetchCard = (id: number, signal?: AbortSignal) => getJson<ProjectCard>(`/api/projects/${id}`, { signal });

/** GET /api/plan/ejes — ejes with their programas, for the programa selector. */
export const fetchEjes = (signal?: AbortSignal) => getJson<EjeTree>('/api/plan/ejes', { signal });

/** A refused form: the server's message and every broken rule by field. */
export class FormRefused extends Error {
  constructor(message: string, public readonly parameter: string | undefined, public readonly errores: FieldProblem[]) {
    super(message);
  }
}

/** The outcome of a save: the new card, or a conflict with the project as it is now. */
export type SaveResult = { ok: true; card: ProjectCard } | { ok: false; actual: ProjectCard; message: string };

async function send(method: string, url: string, body: BodyInit, me: Me, headers: Record<string, string> = {}): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, { method, body, headers: { accept: 'application/json', ...(me.csrf ? { 'x-csrf-token': me.csrf } : {}), ...headers }, credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, (e as Error).message);
  }
  return res;
}

async function refused(res: Response): Promise<never> {
  const p = (await res.json().catch(() => ({}))) as { detail?: string; parameter?: string; errores?: FieldProblem[] };
  throw new FormRefused(p.detail ?? res.statusText, p.parameter, p.errores ?? []);
}

/** POST /api/projects (id null) or PUT /api/projects/{id} with If-Match; a 409 comes back as `{ ok: false, actual }`. */
export async function saveProject(id: number | null, input: ProjectInput, version: number | null, me: Me): Promise<SaveResult> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (id !== null && version !== null) headers['if-match'] = `"v${version}"`;
  const res = await send(id === null ? 'POST' : 'PUT', id === null ? '/api/projects' : `/api/projects/${id}`, JSON.stringify(input), me, headers);
  if (res.status === 409) {
    const p = (await res.json()) as { actual: ProjectCard; detail: string };
    return { ok: false, actual: p.actual, message: p.detail };
  }
  if (!res.ok) return refused(res);
  return { ok: true, card: (await res.json()) as ProjectCard };
}

/** POST /api/projects/{id}/avances — multipart with the fields and the photos. */
export async function postAvance(id: number, fields: Record<string, string>, photos: File[], me: Me): Promise<Avance> {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== '') fd.append(k, v);
  for (const f of photos) fd.append('foto', f, f.name);
  const res = await send('POST', `/api/projects/${id}/avances`, fd, me);
  if (!res.ok) return refused(res);
  return (await res.json()) as Avance;
}

/** POST /api/documents — a PDF (ficha técnica, contrato, acta…) attached to project `id`. */
export async function postDocument(id: number, fields: { titulo: string; tipo: string; fecha: string }, file: File, me: Me): Promise<UploadedDocument> {
  const fd = new FormData();
  fd.append('project', String(id));
  for (const [k, v] of Object.entries(fields)) if (v !== '') fd.append(k, v);
  fd.append('archivo', file, file.name);
  const res = await send('POST', '/api/documents', fd, me);
  if (!res.ok) return refused(res);
  return (await res.json()) as UploadedDocument;
}
