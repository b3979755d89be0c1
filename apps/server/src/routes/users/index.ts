import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Ok, TokenCreate, TokenCreated, TokenList, UserCreate, UserList, UserPatch, UserSummary } from '@sigmun/domain/auth';
import { Problem } from '@sigmun/domain/problem';
import { HttpError, notFound } from '../../errors.ts';
import { hashPassword, newApiToken, secretHash } from '../../lib/credentials.ts';

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });

/** A user's own API tokens (any signed-in user) and user management (admin). Every write is audited by the triggers. */
const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/auth/tokens', {
    config: { roles: [] },
    schema: { tags: ['identidad'], summary: 'Mis tokens de API (sin el token: solo su prefijo, uso y revocación)', response: { 200: TokenList } },
  }, async (req) => ({ items: await app.usersRepository.listTokens(req.user!.id) }));

  app.post('/api/auth/tokens', {
    config: { roles: [] },
    schema: {
      tags: ['identidad'],
      summary: 'Crea un token de API propio: se muestra esta única vez; vale con los roles que el usuario tenga',
      body: TokenCreate,
      response: { 201: TokenCreated, 400: Problem },
    },
  }, async (req, reply) => {
    const { token, prefijo } = newApiToken();
    const info = await app.writeTx(req, (c) => app.usersRepository.on(c).insertToken({ userId: req.user!.id, nombre: req.body.nombre, tokenHash: secretHash(token), prefijo }));
    reply.status(201).header('cache-control', 'no-store');
    return { ...info, token };
  });

  app.delete('/api/auth/tokens/:id', {
    config: { roles: [] },
    schema: { tags: ['identidad'], summary: 'Revoca un token propio (un admin, cualquiera)', params: IdParams, response: { 200: Ok, 404: Problem } },
  }, async (req) => {
    const owner = req.user!.roles.includes('admin') ? null : req.user!.id;
    const done = await app.writeTx(req, (c) => app.usersRepository.on(c).revokeToken(req.params.id, owner));
    if (!done) throw notFound(`No existe un token vigente ${req.params.id} suyo.`);
    return { ok: true };
  });

  app.get('/api/users', {
    config: { roles: ['admin'] },
    schema: { tags: ['identidad'], summary: 'Usuarios con sus roles y dependencias', response: { 200: UserList } },
  }, async () => ({ items: await app.usersRepository.listUsers() }));

  app.post('/api/users', {
    config: { roles: ['admin'] },
    schema: { tags: ['identidad'], summary: 'Crea un usuario (contraseña de 12 caracteres o más)', body: UserCreate, response: { 201: UserSummary, 400: Problem, 409: Problem } },
  }, async (req, reply) => {
    const b = req.body;
    const passwordHash = await hashPassword(b.password);
    const user = await app.writeTx(req, async (c) => {
      const repo = app.usersRepository.on(c);
      const id = await repo.insertUser({ email: b.email, nombre: b.nombre, passwordHash, roles: b.roles, dependencias: b.dependencias });
      if (id === null) throw new HttpError(409, `Ya existe un usuario con el correo ${b.email.trim().toLowerCase()}.`, 'email');
      return (await repo.findUser({ id }))!;
    });
    reply.status(201);
    return user;
  });

  app.patch('/api/users/:id', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['identidad'],
      summary: 'Cambia nombre, roles, dependencias, contraseña o desactiva un usuario (desactivar o cambiar la contraseña cierra sus sesiones)',
      params: IdParams, body: UserPatch, response: { 200: UserSummary, 400: Problem, 404: Problem },
    },
  }, async (req) => {
    const b = req.body;
    const passwordHash = b.password ? await hashPassword(b.password) : undefined;
    return app.writeTx(req, async (c) => {
      const repo = app.usersRepository.on(c);
      if (!(await repo.updateUser(req.params.id, { nombre: b.nombre, activo: b.activo, passwordHash }))) throw notFound(`No existe el usuario ${req.params.id}`);
      if (b.roles) await repo.setRoles(req.params.id, b.roles);
      if (b.dependencias) await repo.setDependencias(req.params.id, b.dependencias);
      // Deactivation and a new password end the user's sessions at once (roles are read on every request anyway).
      if (b.activo === false || passwordHash) await app.authRepository.on(c).deleteUserSessions(req.params.id);
      return (await repo.findUser({ id: req.params.id }))!;
    });
  });
};
export default userRoutes;
