import { isDatabaseUnavailable } from '@sigmun/db';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { limitConnections } from './connection-limit.ts';

/** Starts the HTTP server on the configured port and shuts it down gracefully on SIGINT/SIGTERM. */
export async function startServer(databaseUrl: string): Promise<{ url: string; close: () => Promise<void> }> {
  const config = loadConfig(process.env, { databaseUrl, rebuildBasemapAfterImport: true });
  const app = await buildApp(config);
  if (config.adminToken) {
    app.log.warn('ADMIN_TOKEN ya no da acceso: cree usuarios con «npm run users -- add <correo> --role admin» y use tokens de usuario (README, «Migración desde ADMIN_TOKEN»).');
  }
  let warned = 0;
  limitConnections(app.server, {
    max: config.http.maxConnections,
    perClient: config.http.maxConnectionsPerClient,
    // One line a minute at most: a flood must not become a flood of log lines.
    onRefuse: (address) => {
      if (Date.now() - warned > 60_000) {
        warned = Date.now();
        app.log.warn({ address }, `conexiones rechazadas: más de ${config.http.maxConnectionsPerClient} abiertas desde un cliente`);
      }
    },
  });
  // Last line of defence: every pool client has its own error listener, but an error from the database that still
  // escapes (a library's stray socket) is logged, and the process keeps serving; anything else is a bug and exits.
  process.on('uncaughtException', (err) => {
    if (isDatabaseUnavailable(err)) return app.log.error({ err }, 'error de base de datos no capturado (el servidor sigue)');
    app.log.fatal({ err }, 'excepción no capturada');
    process.exit(1);
  });
  process.on('unhandledRejection', (err) => {
    if (isDatabaseUnavailable(err)) return app.log.error({ err }, 'rechazo de base de datos no capturado (el servidor sigue)');
    app.log.fatal({ err }, 'promesa rechazada sin capturar');
    process.exit(1);
  });
  const address = await app.listen({ port: config.port, host: config.host });
  const close = async () => {
    await app.close();
  };
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      app.log.info(`${sig}: cerrando el servidor`);
      close().then(() => process.exit(0), () => process.exit(1));
    });
  }
  const port = new URL(address).port;
  return { url: `http://localhost:${port}`, close };
}
