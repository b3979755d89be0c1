// Accounts, sessions and API tokens: the request and response shapes of /api/auth/* and /api/users/*.
import { Type, type Static } from '@sinclair/typebox';
import { RoleSchema } from './roles.ts';
import { Nullable } from './schema.ts';

/** Minimum password length (ASVS 2.1.1). */
export const PASSWORD_MIN_LENGTH = 12;
/** Longest password accepted (ASVS 2.1.2 asks for at least 64; more only feeds the hash). */
export const PASSWORD_MAX_LENGTH = 128;

const Email = Type.String({ minLength: 3, maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+$', description: 'Correo electrónico' });
const Dependencia = Type.String({ minLength: 1, maxLength: 200 });

export const LoginBody = Type.Object({
  email: Type.String({ minLength: 1, maxLength: 254 }),
  password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
}, { additionalProperties: false });
export type LoginBody = Static<typeof LoginBody>;

/** The signed-in user (GET /api/auth/me, and the login answer). `csrf` goes in x-csrf-token on writes. */
export const Me = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  nombre: Type.String(),
  roles: Type.Array(RoleSchema),
  dependencias: Type.Array(Type.String()),
  via: Type.Union([Type.Literal('session'), Type.Literal('token')]),
  /** Anti-CSRF token of the session (null for API tokens, which need none). */
  csrf: Nullable(Type.String()),
  /** When the session ends at the latest (ISO 8601); null for API tokens. */
  expira: Nullable(Type.String()),
});
export type Me = Static<typeof Me>;

/** GET /api/auth/session: the caller or null, always 200 (the web client asks it on every page load). */
export const SessionState = Type.Object({ user: Nullable(Me) });
export type SessionState = Static<typeof SessionState>;

export const Ok = Type.Object({ ok: Type.Boolean() });

export const TokenInfo = Type.Object({
  id: Type.Integer(),
  nombre: Type.String(),
  /** First characters of the token, to tell tokens apart. */
  prefijo: Type.String(),
  creado: Type.String(),
  ultimo_uso: Nullable(Type.String()),
  revocado: Nullable(Type.String()),
});
export type TokenInfo = Static<typeof TokenInfo>;
export const TokenList = Type.Object({ items: Type.Array(TokenInfo) });
export type TokenList = Static<typeof TokenList>;

export const TokenCreate = Type.Object({ nombre: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });
/** A new token: `token` is shown this once and never again. */
export const TokenCreated = Type.Composite([TokenInfo, Type.Object({ token: Type.String() })]);
export type TokenCreated = Static<typeof TokenCreated>;

export const UserSummary = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  nombre: Type.String(),
  activo: Type.Boolean(),
  roles: Type.Array(RoleSchema),
  dependencias: Type.Array(Type.String()),
  creado: Type.String(),
});
export type UserSummary = Static<typeof UserSummary>;
export const UserList = Type.Object({ items: Type.Array(UserSummary) });

export const UserCreate = Type.Object({
  email: Email,
  nombre: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  password: Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH }),
  roles: Type.Array(RoleSchema, { minItems: 1, uniqueItems: true }),
  dependencias: Type.Optional(Type.Array(Dependencia, { uniqueItems: true, maxItems: 50 })),
}, { additionalProperties: false });
export type UserCreate = Static<typeof UserCreate>;

export const UserPatch = Type.Object({
  nombre: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  activo: Type.Optional(Type.Boolean()),
  roles: Type.Optional(Type.Array(RoleSchema, { uniqueItems: true })),
  dependencias: Type.Optional(Type.Array(Dependencia, { uniqueItems: true, maxItems: 50 })),
  password: Type.Optional(Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })),
}, { additionalProperties: false, minProperties: 1 });
export type UserPatch = Static<typeof UserPatch>;
