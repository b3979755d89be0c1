// Every JSON answer is described, and described truthfully: each GET and POST route under /api and /ogcapi
// declares a 2xx response schema in /docs/json, and for real requests on the demo database the body Fastify
// serialised with that schema equals what the handler returned (fast-json-stringify silently drops a field the
// schema does not name, and coerces a value of the wrong type).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../apps/server/src/app.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { cloneTestDatabase, type TestDatabase } from '../support/test-database.ts';

interface Operation { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }

/** Paths where `sent` differs from `returned` (a field dropped, added or changed), in order-insensitive terms. */
function differences(returnedValue: unknown, sentValue: unknown, path = ''): string[] {
  if (Array.isArray(returnedValue) && Array.isArray(sentValue)) {
    if (returnedValue.length !== sentValue.length) return [`${path}: ${returnedValue.length} items, sent ${sentValue.length}`];
    return returnedValue.flatMap((v, i) => differences(v, sentValue[i], `${path}[${i}]`));
  }
  if (returnedValue && sentValue && typeof returnedValue === 'object' && typeof sentValue === 'object') {
    const a = returnedValue as Record<string, unknown>;
    const b = sentValue as Record<string, unknown>;
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) => {
      if (!(k in b)) return [`${path}.${k}: dropped`];
      if (!(k in a)) return [`${path}.${k}: added`];
      return differences(a[k], b[k], `${path}.${k}`);
    });
  }
  return Object.is(returnedValue, sentValue) ? [] : [`${path}: ${JSON.stringify(returnedValue)} sent as ${JSON.stringify(sentValue)}`];
}

let db: TestDatabase;
let app: FastifyInstance;
/** What each handler returned (as JSON) and what went on the wire, per request URL. */
const returned = new Map<string, string>();
const sent = new Map<string, string>();

beforeAll(async () => {
  db = await cloneTestDatabase('openapi-responses');
  app = await buildApp(loadConfig(process.env, { databaseUrl: db.url }), { logger: false });
  // preSerialization sees the handler's object before the route's response schema serialises it; onSend sees
  // the text. Strings and buffers (tiles, PostgreSQL-built GeoJSON) skip preSerialization: nothing to compare.
  app.addHook('preSerialization', async (req, _reply, payload) => {
    returned.set(req.url, JSON.stringify(payload));
    return payload;
  });
  app.addHook('onSend', async (req, _reply, payload) => {
    if (typeof payload === 'string') sent.set(req.url, payload);
    return payload;
  });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

it('every GET and POST under /api and /ogcapi has a 2xx response with a schema in /docs/json', async () => {
  const res = await app.inject('/docs/json');
  expect(res.statusCode).toBe(200);
  const paths = res.json().paths as Record<string, Record<string, Operation>>;
  const checked: string[] = [];
  const missing: string[] = [];
  for (const [path, ops] of Object.entries(paths)) {
    if (!/^\/(api|ogcapi)(\/|$)/.test(path)) continue;
    for (const method of ['get', 'post'] as const) {
      const op = ops[method];
      if (!op) continue;
      checked.push(`${method.toUpperCase()} ${path}`);
      const ok = Object.entries(op.responses ?? {}).some(
        ([code, r]) => /^2\d\d$/.test(code) && (code === '204' || Object.values(r.content ?? {}).some((c) => c.schema !== undefined)),
      );
      if (!ok) missing.push(`${method.toUpperCase()} ${path}`);
    }
  }
  // The walk saw the API (a document without paths would pass vacuously).
  expect(checked.length).toBeGreaterThan(20);
  expect(checked).toEqual(expect.arrayContaining(['GET /api/layers', 'GET /ogcapi/collections/{collectionId}/items', 'POST /api/stats/area']));
  expect(missing).toEqual([]);
});

describe('the response schema keeps every field the handler returns', () => {
  /** Real URLs for each JSON route, with ids read from the demo database. */
  async function urls(): Promise<string[]> {
    const q = async <T>(sql: string) => (await db.pool.query<T & object>(sql)).rows[0] as T;
    const ind = await q<{ code: string; nivel: string; a: number; b: number }>(
      `SELECT indicator AS code, nivel, min(anio) AS a, max(anio) AS b FROM stats.indicator_values WHERE nivel = 'ageb'
       GROUP BY indicator, nivel HAVING count(DISTINCT anio) > 1 ORDER BY indicator LIMIT 1`,
    );
    const project = await q<{ id: number; lon: number; lat: number }>(
      `SELECT p.id, ST_X(c) AS lon, ST_Y(c) AS lat FROM plan.projects p, ST_Transform(ST_PointOnSurface(p.geom), 4326) c
       WHERE EXISTS (SELECT 1 FROM partic.proposals pp WHERE pp.project_id = p.id) ORDER BY p.id LIMIT 1`,
    );
    const proc = await q<{ clave: string }>('SELECT clave FROM partic.processes ORDER BY anio DESC LIMIT 1');
    const zone = await q<{ lon: number; lat: number }>(
      `SELECT ST_X(c) AS lon, ST_Y(c) AS lat FROM partic.zones z JOIN partic.processes pc ON pc.id = z.process_id,
         ST_Transform(ST_PointOnSurface(z.geom), 4326) c WHERE pc.clave = '${proc.clave}' LIMIT 1`,
    );
    const doc = await q<{ project_id: number }>('SELECT project_id FROM plan.documents WHERE project_id IS NOT NULL LIMIT 1');
    return [
      '/api/health', '/api/health/live', '/api/layers', '/fonts', '/styles',
      '/ogcapi', '/ogcapi/conformance', '/ogcapi/collections', '/ogcapi/collections/colonias',
      '/api/indicators', `/api/indicators/${ind.code}?level=ageb&sort=desc&limit=20`, `/api/indicators/${ind.code}/breaks?method=jenks&classes=5`,
      `/api/indicators/${ind.code}/change?from=${ind.a}&to=${ind.b}`,
      '/api/search?q=centro', '/api/search?q=escuela&types=equipamiento,vialidad',
      '/api/projects?limit=5', '/api/plan/ejes', `/api/projects/near?lon=${project.lon}&lat=${project.lat}&limit=5`,
      `/api/projects/${project.id}`,
      '/api/participation/processes', `/api/participation/processes/${proc.clave}/results`,
      `/api/participation/zone?lon=${zone.lon}&lat=${zone.lat}`,
      '/api/documents?limit=5', `/api/documents?project=${doc.project_id}`,
    ];
  }

  it('for a real request to every JSON route', async () => {
    const list = await urls();
    const diffs: string[] = [];
    for (const url of list) {
      const res = await app.inject(url);
      expect(res.statusCode, `${url} ${res.body.slice(0, 300)}`).toBe(200);
      const before = returned.get(url);
      expect(before, `${url}: the handler's object was seen`).toBeDefined();
      // Only the first few differences of a route: one missing schema field repeats on every item.
      diffs.push(...differences(JSON.parse(before!), JSON.parse(sent.get(url)!)).slice(0, 5).map((d) => `${url} ${d}`));
    }
    expect(diffs).toEqual([]);
  });

  it('for POST /api/stats/area', async () => {
    const { rows } = await db.pool.query<{ g: unknown }>(
      'SELECT ST_AsGeoJSON(ST_Transform(geom, 4326), 7)::json AS g FROM carto.agebs ORDER BY cvegeo LIMIT 1',
    );
    const res = await app.inject({ method: 'POST', url: '/api/stats/area', payload: rows[0].g as object });
    expect(res.statusCode, res.body).toBe(200);
    expect(differences(JSON.parse(returned.get('/api/stats/area')!), JSON.parse(sent.get('/api/stats/area')!))).toEqual([]);
  });
});
