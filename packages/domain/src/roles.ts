// Who may do what (issue 11): the roles, defined once. Routes declare `config: { roles: [...] }`; admin always passes.
import { Type, type Static } from '@sinclair/typebox';
import { StringEnum } from './schema.ts';

export const ROLES = ['admin', 'planeacion', 'dependencia', 'moderacion'] as const;
export type Role = (typeof ROLES)[number];

export const RoleSchema = StringEnum(ROLES, { description: `Rol: ${ROLES.join(', ')}` });

/** Spanish labels for the roles (the web client has its own catalog entries; these serve the CLI and the API docs). */
export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administración',
  planeacion: 'Planeación (IMPLAN)',
  dependencia: 'Dependencia',
  moderacion: 'Moderación',
};

/** True when `s` names a role. */
export function isRole(s: string): s is Role {
  return (ROLES as readonly string[]).includes(s);
}

/** True when a user holding `held` may call a route that asks for `wanted` (admin always may; empty `wanted` = anyone signed in). */
export function mayAct(held: readonly Role[], wanted: readonly Role[]): boolean {
  return held.includes('admin') || wanted.length === 0 || wanted.some((r) => held.includes(r));
}

/** How dependencia names are compared (lower case, no accents, single spaces), on both the user and the project side. */
export function normalizeDependencia(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The signed-in caller of a request, as `request.user` carries it (null when anonymous). */
export interface AuthUser {
  id: number;
  email: string;
  roles: Role[];
  dependencias: string[];
  via: 'session' | 'token';
  /** Display name, shown as the author of changes. */
  nombre?: string;
  /** The API token used, when via = 'token' (the audit actor is then token:<id>). */
  tokenId?: number;
}
