import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { HOST_PATTERN } from '../config.ts';
import { badRequest } from '../errors.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * The base every absolute link we write starts with (no trailing slash): PUBLIC_URL when configured, else the
     * request's own origin when its Host is well formed (and listed in ALLOWED_HOSTS when that is set); a 400
     * naming "host" otherwise. A Host header is never echoed back unchecked.
     */
    publicBase(req: FastifyRequest): string;
  }
}

/** Decorates `app.publicBase(req)` from the configuration validated at start-up. */
export default fp(
  async (app) => {
    const { publicUrl, allowedHosts } = app.config;
    app.decorate('publicBase', (req: FastifyRequest) => {
      if (publicUrl) return publicUrl;
      const host = req.host;
      if (!host || !HOST_PATTERN.test(host)) throw badRequest('host', `Cabecera Host inválida: "${host ?? ''}"`);
      if (allowedHosts && !allowedHosts.includes(host.toLowerCase())) {
        throw badRequest('host', `El host "${host}" no está en ALLOWED_HOSTS; configure PUBLIC_URL o agréguelo a la lista`);
      }
      return `${req.protocol}://${host}`;
    });
  },
  { name: 'public-url' },
);
