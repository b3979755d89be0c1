// Audit events that are not row changes (sign-in, sign-out, failed attempts): one append to audit.log in the
// caller's transaction. Row changes are logged by the audit.log_change() trigger (migration 0400).
import type pg from 'pg';

export interface AuditEvent {
  /** What happened: 'login', 'login_failed', 'logout', … */
  action: string;
  /** The table the event is about, e.g. 'auth.users'. */
  tabla?: string | null;
  /** The key of the row in `tabla`. */
  clave?: string | number | null;
  before?: unknown;
  after?: unknown;
  /** Anything else worth keeping (never a secret). */
  detail?: Record<string, unknown> | null;
  /** Overrides sigmun.actor (e.g. user:<id> for the login that just succeeded). */
  actor?: string;
}

/** Appends one event to audit.log inside the caller's transaction; actor, request id and IP come from app.writeTx's settings. */
export async function record(client: pg.ClientBase, e: AuditEvent): Promise<void> {
  await client.query(
    `INSERT INTO audit.log (actor, action, tabla, clave, old_row, new_row, request_id, ip, detail)
     VALUES (coalesce($1, audit.current_actor()), $2, $3, $4, $5, $6, nullif(current_setting('sigmun.request_id', true), ''), audit.current_ip(), $7)`,
    [
      e.actor ?? null, e.action, e.tabla ?? null, e.clave === undefined || e.clave === null ? null : String(e.clave),
      e.before === undefined ? null : JSON.stringify(e.before), e.after === undefined ? null : JSON.stringify(e.after),
      e.detail ? JSON.stringify(e.detail) : null,
    ],
  );
}

/** Sets the transaction-local settings the audit trigger reads (call right after BEGIN). */
export async function setContext(client: pg.ClientBase, ctx: { actor: string; requestId?: string | null; ip?: string | null }): Promise<void> {
  await client.query(
    `SELECT set_config('sigmun.actor', $1, true), set_config('sigmun.request_id', $2, true), set_config('sigmun.ip', $3, true)`,
    [ctx.actor, ctx.requestId ?? '', ctx.ip ?? ''],
  );
}

export const audit = { record, setContext };
