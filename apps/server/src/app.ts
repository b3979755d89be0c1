import Fastify, { type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ServerConfig } from './config.ts';
import authPlugin from './plugins/auth.ts';
import dbPlugin from './plugins/db.ts';
import errorsPlugin from './plugins/errors.ts';
import openapiPlugin from './plugins/openapi.ts';
import publicUrlPlugin from './plugins/public-url.ts';
import requestLoggingPlugin from './plugins/request-logging.ts';
import securityPlugin from './plugins/security.ts';
import tileServicePlugin from './plugins/tile-service.ts';
import { repositories } from './repositories/index.ts';
import writeTxPlugin from './plugins/write-tx.ts';
import validationPlugin from './plugins/validation.ts';
import { isIsoDateOrDateTime } from '@sigmun/domain/pg-values';
import fichasPlugin from './plugins/fichas.ts';
import atlasPlugin from './plugins/atlas.ts';
import { routeFamilies } from './routes/index.ts';

declare module 'fastify' {
  interface FastifyInstance {
    config: ServerConfig;
  }
}

/** proxy-addr's hop count, in the function form Fastify's types accept. */
const hops = (n: number) => (_addr: string, i: number) => i < n;

/**
 * Builds the app: plugins and routes, never listens (server.ts does; tests inject()). Logs JSON lines at
 * LOG_LEVEL to stdout, or to `logStream` (tests read it); `logger: false` silences it.
 */
export async function buildApp(config: ServerConfig, opts: { logger?: boolean; logStream?: { write(line: string): void } } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger === false ? false : { level: config.logLevel, ...(opts.logStream ? { stream: opts.logStream } : {}) },
    // Query strings like ?bbox=1,2,3,4 and repeated keys are parsed by our schemas, not by qs magic.
    ajv: {
      customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: false },
      // ajv-formats' dates accept year 0000 and the 2021-02-29 of JavaScript's Date; PostgreSQL refuses both.
      onCreate: (ajv) => {
        ajv.addFormat('date', { type: 'string', validate: (s: string) => isIsoDateOrDateTime(s, { dateOnly: true }) });
        ajv.addFormat('date-time', { type: 'string', validate: (s: string) => /[T ]\d{2}:\d{2}/i.test(s) && isIsoDateOrDateTime(s) });
      },
    },
    bodyLimit: 20 * 1024 * 1024,
    // Behind a reverse proxy (TRUST_PROXY): request.protocol and request.ip come from X-Forwarded-Proto/-For, so
    // the session cookie is Secure over HTTPS and the sign-in limit counts the real client.
    trustProxy: typeof config.trustProxy === 'number' ? hops(config.trustProxy) : config.trustProxy,
    // Against connection exhaustion: idle and slow sockets are closed (docs/ARCHITECTURE.md, "Limits and timeouts").
    connectionTimeout: config.http.connectionTimeoutMs,
    keepAliveTimeout: config.http.keepAliveTimeoutMs,
    requestTimeout: config.http.requestTimeoutMs,
    http: { headersTimeout: config.http.headersTimeoutMs },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.decorate('config', config);
  await app.register(requestLoggingPlugin);
  await app.register(errorsPlugin);
  await app.register(validationPlugin);
  await app.register(securityPlugin);
  await app.register(dbPlugin, { url: config.databaseUrl, readUrl: config.databaseReadUrl, max: config.poolSize, connectTimeoutMs: config.dbConnectTimeoutMs });
  for (const repository of repositories) await app.register(repository);
  // Identity before the routes: its onRoute hook states each route's roles in the OpenAPI document.
  await app.register(authPlugin);
  await app.register(writeTxPlugin);
  await app.register(publicUrlPlugin);
  await app.register(openapiPlugin);
  await app.register(tileServicePlugin);
  await app.register(fichasPlugin);
  await app.register(atlasPlugin);
  for (const family of routeFamilies) {
    const mod = await family.plugin();
    await app.register(mod.default, { prefix: family.prefix });
  }
  return app;
}
