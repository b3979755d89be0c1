import { timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Problem } from '@sigmun/domain/problem';
import { mayAct, ROLES, type AuthUser, type Role } from '@sigmun/domain/roles';
import { HttpError } from '../errors.ts';
import { secretHash } from '../lib/credentials.ts';

export const SESSION_COOKIE = 'sigmun_sid';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route (admin always may); absent = public. Enforced by the one onRequest hook below. */
    roles?: readonly Role[];
    /** A public route that still wants `request.user` resolved (a page that shows editors an extra link). */
    identify?: boolean;
  }
  interface FastifyRequest {
    /** The caller, resolved from the sigmun_sid cookie or `Authorization: Bearer`; null when anonymous. */
    user: AuthUser | null;
    /** The session's anti-CSRF token and absolute end, when the caller came by cookie. */
    session: { csrf: string; expiresAt: string; idHash: string } | null;
  }
  interface FastifyInstance {
    /** Sets (or, with null, clears) the session cookie on a reply; Secure when the request came over HTTPS. */
    setSessionCookie: (request: FastifyRequest, reply: FastifyReply, sessionId: string | null) => void;
  }
}

/** True when the request's Origin is this server's own (or a configured trusted one); undefined when absent. */
export function originAllowed(request: FastifyRequest, trusted: readonly string[]): boolean | undefined {
  const origin = request.headers.origin;
  if (origin === undefined) return undefined;
  const own = `${request.protocol}://${request.host}`;
  return origin === own || trusted.includes(origin);
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

// Only the API needs to know the caller: tiles, styles and the web client's files stay free of a session lookup.
const needsCaller = (request: FastifyRequest) =>
  request.url.startsWith('/api/') || request.routeOptions.config?.roles !== undefined || request.routeOptions.config?.identify === true;

/**
 * Identity in one place: resolves `request.user` (Bearer token first, then the session cookie), refuses
 * cookie-authenticated writes from another origin (CSRF), and enforces each route's `config.roles` with 401 / 403.
 * Also states the roles of each route in the OpenAPI document.
 */
export default fp(
  async (app) => {
    await app.register(cookie);
    app.decorateRequest('user', null);
    app.decorateRequest('session', null);

    app.decorate('setSessionCookie', (request: FastifyRequest, reply: FastifyReply, sessionId: string | null) => {
      const opts = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: request.protocol === 'https' };
      if (sessionId === null) reply.clearCookie(SESSION_COOKIE, opts);
      else reply.setCookie(SESSION_COOKIE, sessionId, { ...opts, maxAge: app.config.sessionMaxHours * 3600 });
    });

    app.addHook('onRoute', (route) => {
      const roles = route.config?.roles;
      if (!roles) return;
      for (const r of roles) if (!(ROLES as readonly string[]).includes(r)) throw new Error(`Ruta ${route.url}: rol desconocido «${r}»`);
      const who = roles.length ? [...new Set(['admin', ...roles])].join(', ') : 'cualquier usuario con sesión';
      const schema = (route.schema ??= {}) as Record<string, unknown>;
      schema.description = `${schema.description ? `${schema.description}\n\n` : ''}**Roles:** ${who}.`;
      schema.security = [{ bearerAuth: [] }, { cookieAuth: [] }];
      const response = (schema.response ??= {}) as Record<string, unknown>;
      response[401] ??= Problem;
      response[403] ??= Problem;
    });

    app.addHook('onRequest', async (request) => {
      if (!needsCaller(request)) return;
      const auth = request.headers.authorization;
      const bearer = auth ? /^Bearer\s+(\S+)\s*$/i.exec(auth)?.[1] : undefined;
      if (bearer) {
        request.user = await app.authRepository.tokenUser(secretHash(bearer));
      } else {
        const sid = request.cookies[SESSION_COOKIE];
        if (sid) {
          const idHash = secretHash(sid);
          const s = await app.authRepository.sessionUser(idHash, app.config.sessionIdleMinutes);
          if (s) {
            request.user = { id: s.id, email: s.email, nombre: s.nombre, roles: s.roles, dependencias: s.dependencias, via: 'session' };
            request.session = { csrf: s.csrf, expiresAt: s.expiresAt, idHash };
          }
        }
      }

      // CSRF: a browser sends the cookie on its own, so a cookie-authenticated write must prove it comes from our
      // page: a same-origin Origin, or (when the browser sent no Origin) the session's x-csrf-token.
      if (request.session && !SAFE_METHODS.has(request.method)) {
        const fetchSite = request.headers['sec-fetch-site'];
        const origin = originAllowed(request, app.config.trustedOrigins);
        const header = request.headers['x-csrf-token'];
        const tokenOk = typeof header === 'string' && sameSecret(header, request.session.csrf);
        if (origin === false || fetchSite === 'cross-site' || (origin === undefined && !tokenOk)) {
          throw new HttpError(403, 'Solicitud rechazada: la escritura no viene de esta aplicación (origen o token CSRF inválido).');
        }
      }

      const roles = request.routeOptions.config?.roles;
      if (!roles) return;
      if (!request.user) {
        throw new HttpError(401, bearer || request.cookies[SESSION_COOKIE]
          ? 'La sesión o el token expiró o fue revocado; inicie sesión de nuevo.'
          : 'Se requiere iniciar sesión (o un token de API en Authorization: Bearer …).');
      }
      if (!mayAct(request.user.roles, roles)) {
        throw new HttpError(403, `No tiene permiso para esta operación (requiere el rol ${roles.join(' o ')}).`);
      }
    });
  },
  { name: 'auth', dependencies: ['db', 'auth-repository'] },
);
