// The follow-up addresses the server hands a citizen with their folio (SubmissionReceipt.seguimiento):
// /seguimiento/{folio} for a report, /propuesta/{folio} for a proposal. The page is the same single-page app;
// this reads which folio it was opened for, so the right panel shows it.

export interface FollowTarget {
  kind: 'reporte' | 'propuesta';
  folio: string;
}

const FOLLOW = /^\/(seguimiento|propuesta)\/([A-Za-z0-9-]{3,40})\/?$/;

/** The report or proposal a follow-up path names, or null for any other path. */
export function followTarget(pathname: string): FollowTarget | null {
  const m = FOLLOW.exec(pathname);
  if (!m) return null;
  return { kind: m[1] === 'seguimiento' ? 'reporte' : 'propuesta', folio: m[2] };
}
