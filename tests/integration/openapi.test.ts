// The OpenAPI document at /docs is generated from the route schemas: it must build and describe every API route.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../apps/server/src/app.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { cloneTestDatabase, type TestDatabase } from '../support/test-database.ts';

let db: TestDatabase;
let app: FastifyInstance;

beforeAll(async () => {
  db = await cloneTestDatabase('openapi');
  app = await buildApp(loadConfig(process.env, { databaseUrl: db.url, adminToken: 'x' }), { logger: false });
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

it('serves an OpenAPI 3 document that lists every route with its parameters', async () => {
  const res = await app.inject('/docs/json');
  expect(res.statusCode, res.body).toBe(200);
  const doc = res.json();
  expect(doc.openapi).toMatch(/^3\./);
  const documented = new Set(Object.keys(doc.paths));
  // Every GET/POST/PATCH route the app registered under the API families is in the document.
  const routes = app.printRoutes({ commonPrefix: false });
  for (const prefix of ['/api/health', '/api/layers', '/api/indicators', '/api/search', '/api/projects', '/api/stats/area', '/api/isochrone', '/api/participation/processes', '/ogcapi', '/tiles', '/styles']) {
    expect(routes).toContain(prefix.split('/').pop());
    expect([...documented].some((p) => p.startsWith(prefix)), `${prefix} documented`).toBe(true);
  }
  // Query parameters come from the route schemas.
  const near = doc.paths['/api/projects/near'].get;
  expect(near.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['lon', 'lat', 'radius_m']));
  expect((await app.inject('/docs')).statusCode).toBeLessThan(400);
});
