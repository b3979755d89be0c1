// The audit trail as the API shows it (GET /api/audit) and a project's public history (who changed what).
import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from './schema.ts';

export const AuditEntry = Type.Object({
  id: Type.Integer(),
  fecha: Type.String({ description: 'ISO 8601, UTC' }),
  /** user:<id>, token:<id>, anon or sql:<rol>. */
  actor: Type.String(),
  /** The email of the user behind a user:/token: actor. */
  usuario: Nullable(Type.String()),
  accion: Type.String(),
  tabla: Nullable(Type.String()),
  clave: Nullable(Type.String()),
  antes: Type.Unknown(),
  despues: Type.Unknown(),
  request_id: Nullable(Type.String()),
  ip: Nullable(Type.String()),
  detalle: Type.Unknown(),
});
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditPage = Type.Object({
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
  items: Type.Array(AuditEntry),
});
export type AuditPage = Static<typeof AuditPage>;

/** One change of a project, as its public card shows it: when, by whom (display name, never an email or IP), what. */
export const HistoryEntry = Type.Object({
  fecha: Type.String(),
  /** The author's display name; «SQL (rol)» for hand-run SQL; null for an anonymous write. */
  autor: Nullable(Type.String()),
  accion: Type.String(),
  /** The fields that changed, with their values before and after (the geometry is only named). */
  cambios: Type.Array(Type.Object({ campo: Type.String(), antes: Type.Unknown(), despues: Type.Unknown() })),
});
export type HistoryEntry = Static<typeof HistoryEntry>;
export const ProjectHistory = Type.Object({ items: Type.Array(HistoryEntry) });
export type ProjectHistory = Static<typeof ProjectHistory>;
