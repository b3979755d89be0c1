// The SIG Municipal server in its own process, as `npm start` runs it, so that its CPU and RSS are its own and
// not the load generator's. Started by lib/children.ts; reports its port over IPC.
import { buildApp } from '../../apps/server/src/app.ts';
import { loadConfig, type ServerConfig } from '../../apps/server/src/config.ts';

const overrides = JSON.parse(process.env.BENCH_SERVER_CONFIG ?? '{}') as Partial<ServerConfig>;
const app = await buildApp(loadConfig(process.env, overrides), { logger: process.env.LOG_LEVEL !== 'silent' });
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.send?.({ port: Number(new URL(address).port) });
process.on('SIGTERM', () => {
  app.close().then(() => process.exit(0), () => process.exit(1));
});
