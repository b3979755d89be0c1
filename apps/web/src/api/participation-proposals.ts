// Typed client of the citizen proposals endpoints (types from packages/domain, no guessing).
import type { ProcessRanking, ProposalSubmission, PublicProposal, SupportResult } from '@sigmun/domain/participation-proposals';
import type { SubmissionReceipt } from '@sigmun/domain/participation-reports';
import { getJson } from './http.ts';

/** GET /api/participation/processes/{clave}/ranking — approved proposals per zone, most supported first. */
export function fetchRanking(clave: string, signal?: AbortSignal): Promise<ProcessRanking> {
  return getJson<ProcessRanking>(`/api/participation/processes/${encodeURIComponent(clave)}/ranking`, { signal });
}

/** POST /api/participation/processes/{clave}/proposals — a pending proposal; the receipt carries its folio. */
export function submitProposal(clave: string, body: ProposalSubmission): Promise<SubmissionReceipt> {
  return getJson<SubmissionReceipt>(`/api/participation/processes/${encodeURIComponent(clave)}/proposals`, { body });
}

/** GET /api/participation/proposals/{folio} — the public page of a proposal (its author sees it pending). */
export function fetchProposal(folio: string): Promise<PublicProposal> {
  return getJson<PublicProposal>(`/api/participation/proposals/${encodeURIComponent(folio)}`);
}

/** POST /api/participation/proposals/{folio}/apoyos — one support per device (409 for a second, 429 over the limit). */
export function supportProposal(folio: string): Promise<SupportResult> {
  return getJson<SupportResult>(`/api/participation/proposals/${encodeURIComponent(folio)}/apoyos`, { body: {} });
}
