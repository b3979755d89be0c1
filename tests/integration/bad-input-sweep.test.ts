// No bad input may produce a 5xx. The routes and their parameters come from the OpenAPI document, so a new route
// is swept without touching this file.
import type { InjectOptions } from 'fastify';
import { expect, it } from 'vitest';
import { LAYERS } from '@sigmun/domain/layers';
import { MAX_JSON_DEPTH } from '@sigmun/domain/pg-values';
import { useTestApp } from '../support/test-app.ts';
import { bearer, createUser } from '../support/auth.ts';


const t = useTestApp('sweep');

const NASTY = ['', ' ', 'abc', '-1', '0', '1e309', 'NaN', '99999999999999999999', '1.5', "'; DROP TABLE carto.agebs; --", '%00', '../../etc/passwd', 'ñÑ¿¡', 'a'.repeat(5000), '1,2,3', '[]', '{}', 'null',
  // What JavaScript reads but PostgreSQL refuses (issue 10): beyond int8, calendar-invalid dates, non-decimal numbers,
  // underflow, a BOM, a raw NUL.
  '1e19', '9223372036854775808', '2021-02-29', '2020-04-31', '0000-01-01', '1e-400', '0b101', '0o7', '0x1F', '\uFEFF1', '\u0000'];

interface Param { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema?: { type?: string; enum?: unknown[] } }

/** A valid-looking value for a parameter, so that only one parameter at a time is bad. */
function plausible(p: Param): string {
  if (p.schema?.enum?.length) return String(p.schema.enum[0]);
  if (p.schema?.type === 'integer' || p.schema?.type === 'number') return '1';
  return 'x';
}

it('answers every malformed parameter of every documented GET route with a 4xx (or a 2xx), never a 5xx', async () => {
  const doc = (await t.app.inject('/docs/json')).json();
  let requests = 0;
  const fives: string[] = [];
  for (const [path, ops] of Object.entries<Record<string, { parameters?: Param[] }>>(doc.paths)) {
    const op = ops.get;
    if (!op || path.startsWith('/docs')) continue;
    const params = (op.parameters ?? []).filter((p) => p.in === 'path' || p.in === 'query');
    for (const bad of params) {
      for (const value of NASTY) {
        let url = path;
        const qs = new URLSearchParams();
        for (const p of params) {
          const v = p === bad ? value : plausible(p);
          if (p.in === 'path') url = url.replace(`{${p.name}}`, encodeURIComponent(v));
          else if (p === bad || p.required) qs.set(p.name, v);
        }
        const full = qs.size ? `${url}?${qs}` : url;
        const res = await t.app.inject(full);
        requests++;
        if (res.statusCode >= 500) fives.push(`${res.statusCode} ${full.slice(0, 160)} ${res.body.slice(0, 160)}`);
        else if (res.statusCode >= 400) expect(res.headers['content-type'], full).toMatch(/problem\+json|json/);
      }
    }
  }
  expect(requests).toBeGreaterThan(200);
  expect(fives).toEqual([]);
}, 120_000);

it('answers malformed bodies to POST routes with a 4xx', async () => {
  const bodies = ['', 'not json', '{"type":"Polygon"}', '{"type":"Polygon","coordinates":[[[0,0],[1,1],[0,0]]]}', JSON.stringify({ type: 'Point', coordinates: [1, 2] }), '[]', 'null'];
  for (const payload of bodies) {
    const res = await t.app.inject({ method: 'POST', url: '/api/stats/area', payload, headers: { 'content-type': 'application/json' } });
    expect(res.statusCode, `${payload} → ${res.body}`).toBeGreaterThanOrEqual(400);
    expect(res.statusCode, `${payload} → ${res.body}`).toBeLessThan(500);
  }
  await createUser(t.db.url, { email: 'planeacion@sweep.example', roles: ['planeacion'] });
  const token = await bearer(t.db.url, 'planeacion@sweep.example');
  const patch = await t.app.inject({ method: 'PATCH', url: '/api/projects/1', payload: '{"avance": 150}', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } });
  expect(patch.statusCode).toBe(400);
  expect(patch.json().parameter).toBe('avance');
});

/** A request expected to be refused with a 400 naming `parameter`. */
async function expect400(req: string | InjectOptions, parameter: string): Promise<void> {
  const res = await t.app.inject(req);
  const what = `${typeof req === 'string' ? req : `${req.method} ${req.url}`} → ${res.statusCode} ${res.body.slice(0, 200)}`;
  expect(res.statusCode, what).toBe(400);
  expect(res.headers['content-type'], what).toMatch(/problem\+json/);
  expect(res.json().parameter, what).toBe(parameter);
}

it('refuses with a 400 naming the parameter what PostgreSQL would refuse, on every collection', async () => {
  for (const layer of LAYERS) {
    const items = `/ogcapi/collections/${layer.id}/items`;
    for (const v of ['1e19', '9223372036854775808']) {
      await expect400(`${items}?offset=${v}`, 'offset');
      await expect400(`${items}?offset=${v}&f=csv`, 'offset');
      await expect400(`${items}?limit=${v}`, 'limit');
    }
    for (const v of ['2021-02-29', '2020-04-31', '0000-01-01', '2021-02-29/..', '../2020-04-31', '2020-01-01T25:00:00Z']) {
      await expect400(`${items}?datetime=${encodeURIComponent(v)}`, 'datetime');
    }
    for (const p of layer.properties) {
      const bad = p.type === 'date' ? ['2020-02-30', '0000-01-01', '2021-13-01']
        : p.type === 'number' ? ['1e-400', '0b101', '0o7', '0x1F', '\uFEFF1', '1e309', ' 1']
        : p.type === 'integer' ? ['9223372036854775808', '1e19', '0b101', '1.5']
        : [];
      for (const v of bad) await expect400(`${items}?${p.name}=${encodeURIComponent(v)}`, p.name);
      await expect400(`${items}?${p.name}=%00`, p.name);
    }
  }
  // The issue's own examples.
  await expect400('/ogcapi/collections/proyectos/items?fecha_inicio=2020-02-30', 'fecha_inicio');
  await expect400('/ogcapi/collections/proyectos/items?avance=1e-400', 'avance');
  await expect400('/api/documents?clave=%00', 'clave');
  // Valid edge values still pass.
  expect((await t.app.inject('/ogcapi/collections/proyectos/items?fecha_inicio=2020-02-29')).statusCode).toBe(200);
  expect((await t.app.inject('/ogcapi/collections/proyectos/items?avance=1e-300')).statusCode).toBe(200);
  expect((await t.app.inject('/ogcapi/collections/agebs/items?offset=9007199254740991')).statusCode).toBe(200);
});

it(`refuses JSON nested deeper than ${MAX_JSON_DEPTH} levels, NUL in bodies and figures beyond their column`, async () => {
  const json = { 'content-type': 'application/json' };
  // A signed-in planner, so that what answers is the validation of the body and not the authorisation before it.
  await createUser(t.db.url, { email: 'planeacion@depth.example', roles: ['planeacion'] });
  const admin = { ...json, authorization: `Bearer ${await bearer(t.db.url, 'planeacion@depth.example')}` };
  const deep = (n: number) => `${'['.repeat(n)}0${']'.repeat(n)}`;
  await expect400({ method: 'POST', url: '/api/stats/area', headers: json, payload: `{"type":"Polygon","coordinates":${deep(5000)}}` }, 'body');
  await expect400({ method: 'PATCH', url: '/api/projects/3', headers: admin, payload: `{"geometry":{"type":"Polygon","coordinates":${deep(5000)}}}` }, 'body');
  // Brackets inside strings do not count as nesting.
  const strings = await t.app.inject({ method: 'POST', url: '/api/stats/area', headers: json, payload: JSON.stringify({ type: 'Polygon', coordinates: [], x: '['.repeat(5000) }) });
  expect(strings.statusCode).toBeLessThan(500);
  expect(strings.json().parameter).not.toBe('body');
  await expect400({ method: 'PATCH', url: '/api/projects/3', headers: admin, payload: '{"presupuesto_ejercido":1e20}' }, 'presupuesto_ejercido');
  await expect400({ method: 'PATCH', url: '/api/projects/3', headers: admin, payload: '{"estatus":"en_proceso\\u0000"}' }, 'estatus');
  const ok = await t.app.inject({ method: 'PATCH', url: '/api/projects/3', headers: admin, payload: '{"presupuesto_ejercido":999999999999.99,"justificacion_sobreejercicio":"Cifra límite de la columna"}' });
  expect(ok.statusCode, ok.body).toBe(200);
});
