import { afterAll, beforeAll } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../apps/server/src/app.ts';
import { loadConfig, type ServerConfig } from '../../apps/server/src/config.ts';
import { cloneTestDatabase, type TestDatabase } from './test-database.ts';

/** The app of one suite on its own copy of the demo database; valid inside tests (set in beforeAll). */
export interface TestApp {
  db: TestDatabase;
  app: FastifyInstance;
}

/**
 * Registers beforeAll/afterAll that clone the demo database, build the app on it (no logging, config from the
 * environment plus `overrides`) and tear both down. Returns the holder the suite's tests read.
 */
export function useTestApp(label: string, overrides: Partial<ServerConfig> = {}): TestApp {
  const t = {} as TestApp;
  beforeAll(async () => {
    t.db = await cloneTestDatabase(label);
    t.app = await buildApp(loadConfig(process.env, { databaseUrl: t.db.url, ...overrides }), { logger: false });
    await t.app.ready();
  });
  afterAll(async () => {
    await t.app?.close();
    await t.db?.drop();
  });
  return t;
}
