import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';

/** Starts the HTTP server on the configured port and shuts it down gracefully on SIGINT/SIGTERM. */
export async function startServer(databaseUrl: string): Promise<{ url: string; close: () => Promise<void> }> {
  const config = loadConfig(process.env, { databaseUrl, rebuildBasemapAfterImport: true });
  const app = await buildApp(config);
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
