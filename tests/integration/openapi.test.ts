// The OpenAPI document at /docs is generated from the route schemas: it must build and describe every API route.
import { expect, it } from 'vitest';
import { useTestApp } from '../support/test-app.ts';


const t = useTestApp('openapi');

it('serves an OpenAPI 3 document that lists every route with its parameters', async () => {
  const res = await t.app.inject('/docs/json');
  expect(res.statusCode, res.body).toBe(200);
  const doc = res.json();
  expect(doc.openapi).toMatch(/^3\./);
  const documented = new Set(Object.keys(doc.paths));
  // Every GET/POST/PATCH route the app registered under the API families is in the document.
  const routes = t.app.printRoutes({ commonPrefix: false });
  for (const prefix of ['/api/health', '/api/layers', '/api/indicators', '/api/search', '/api/projects', '/api/stats/area', '/api/isochrone', '/api/participation/processes', '/ogcapi', '/tiles', '/styles']) {
    expect(routes).toContain(prefix.split('/').pop());
    expect([...documented].some((p) => p.startsWith(prefix)), `${prefix} documented`).toBe(true);
  }
  // Query parameters come from the route schemas.
  const near = doc.paths['/api/projects/near'].get;
  expect(near.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['lon', 'lat', 'radius_m']));
  expect((await t.app.inject('/docs')).statusCode).toBeLessThan(400);
});
