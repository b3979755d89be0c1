import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { LoginBody, Me, Ok, SessionState } from '@sigmun/domain/auth';
import type { FastifyRequest } from 'fastify';
import { Problem } from '@sigmun/domain/problem';
import { record } from '@sigmun/db/audit';
import { HttpError } from '../../errors.ts';
import { burnPasswordTime, newCsrfToken, newSessionId, secretHash, verifyPassword } from '../../lib/credentials.ts';
import { originAllowed } from '../../plugins/auth.ts';

const BAD_CREDENTIALS = 'Correo o contraseña incorrectos.';

/** The caller as GET /api/auth/me shows it, or null. */
function meOf(req: FastifyRequest): Me | null {
  const u = req.user;
  if (!u) return null;
  return {
    id: u.id, email: u.email, nombre: u.nombre ?? u.email, roles: u.roles, dependencias: u.dependencias, via: u.via,
    csrf: req.session?.csrf ?? null, expira: req.session?.expiresAt ?? null,
  };
}

/** Sign-in, sign-out and the current user: POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me. */
const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/api/auth/login', {
    schema: {
      tags: ['identidad'],
      summary: 'Inicia sesión con correo y contraseña: responde el usuario y fija la cookie de sesión (sigmun_sid)',
      description: 'El mismo 401 para un correo desconocido y una contraseña incorrecta. Tras varios intentos fallidos por cuenta o por IP responde 429.',
      body: LoginBody,
      response: { 200: Me, 400: Problem, 401: Problem, 403: Problem, 429: Problem },
    },
  }, async (req, reply) => {
    // Login CSRF: a foreign page must not sign the browser into another account.
    if (originAllowed(req, app.config.trustedOrigins) === false) throw new HttpError(403, 'Solicitud rechazada: el inicio de sesión no viene de esta aplicación.');
    const email = req.body.email.trim().toLowerCase();
    const cuenta = secretHash(`cuenta:${email}`);
    const { loginMaxFailures, loginMaxFailuresIp, loginWindowMinutes } = app.config;

    const failures = await app.authRepository.recentFailures(cuenta, req.ip, loginWindowMinutes);
    if (failures.account >= loginMaxFailures || failures.ip >= loginMaxFailuresIp) {
      await app.writeTx(req, (c) => record(c, { action: 'login_blocked', detail: { cuenta, motivo: failures.account >= loginMaxFailures ? 'cuenta' : 'ip' } }));
      reply.header('retry-after', String(loginWindowMinutes * 60));
      throw new HttpError(429, `Demasiados intentos fallidos de inicio de sesión. Espere ${loginWindowMinutes} minutos e intente de nuevo.`);
    }

    const account = await app.authRepository.accountByEmail(email);
    const ok = account?.activo && account.password_hash
      ? await verifyPassword(account.password_hash, req.body.password)
      : (await burnPasswordTime(req.body.password), false);
    if (!ok || !account) {
      await app.writeTx(req, (c) => record(c, { action: 'login_failed', tabla: 'auth.users', clave: account?.id ?? null, detail: { cuenta } }));
      throw new HttpError(401, BAD_CREDENTIALS);
    }

    // A new id at every sign-in (session fixation): the old session, if any, ends here.
    const sid = newSessionId();
    const csrf = newCsrfToken();
    const idHash = secretHash(sid);
    await app.writeTx(req, async (c) => {
      const repo = app.authRepository.on(c);
      if (req.session) await repo.deleteSession(req.session.idHash);
      await repo.purgeExpiredSessions();
      await repo.insertSession({ idHash, userId: account.id, csrf, maxHours: app.config.sessionMaxHours, ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
      await record(c, { action: 'login', actor: `user:${account.id}`, tabla: 'auth.users', clave: account.id, detail: { cuenta } });
    });
    const s = (await app.authRepository.sessionUser(idHash, app.config.sessionIdleMinutes))!;
    app.setSessionCookie(req, reply, sid);
    return { id: s.id, email: s.email, nombre: s.nombre, roles: s.roles, dependencias: s.dependencias, via: 'session' as const, csrf: s.csrf, expira: s.expiresAt };
  });

  app.post('/api/auth/logout', {
    config: { roles: [] },
    schema: {
      tags: ['identidad'],
      summary: 'Cierra la sesión: el servidor la borra (la cookie anterior deja de valer en todos los procesos)',
      response: { 200: Ok },
    },
  }, async (req, reply) => {
    const session = req.session;
    if (session) {
      await app.writeTx(req, async (c) => {
        await app.authRepository.on(c).deleteSession(session.idHash);
        await record(c, { action: 'logout', tabla: 'auth.users', clave: req.user!.id });
      });
    }
    app.setSessionCookie(req, reply, null);
    return { ok: true };
  });

  app.get('/api/auth/me', {
    config: { roles: [] },
    schema: {
      tags: ['identidad'],
      summary: 'El usuario que llama: correo, roles, dependencias y el token CSRF de la sesión',
      response: { 200: Me },
    },
  }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return meOf(req)!;
  });

  // The page cannot see its httpOnly cookie, so it asks here; a 401 would be a console error on every anonymous visit.
  app.get('/api/auth/session', {
    schema: {
      tags: ['identidad'],
      summary: 'Como /api/auth/me, pero responde 200 con user: null cuando no hay sesión (lo usa el cliente web al cargar)',
      response: { 200: SessionState },
    },
  }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return { user: meOf(req) };
  });
};
export default authRoutes;
