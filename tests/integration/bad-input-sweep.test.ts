// No bad input may produce a 5xx. The routes and their parameters come from the OpenAPI document, so a new route
// is swept without touching this file.
import { expect, it } from 'vitest';
import { useTestApp } from '../support/test-app.ts';


const t = useTestApp('sweep', { adminToken: 'llave' });

const NASTY = ['', ' ', 'abc', '-1', '0', '1e309', 'NaN', '99999999999999999999', '1.5', "'; DROP TABLE carto.agebs; --", '%00', '../../etc/passwd', 'ñÑ¿¡', 'a'.repeat(5000), '1,2,3', '[]', '{}', 'null'];

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
  const patch = await t.app.inject({ method: 'PATCH', url: '/api/projects/1', payload: '{"avance": 150}', headers: { 'content-type': 'application/json', authorization: 'Bearer llave' } });
  expect(patch.statusCode).toBe(400);
  expect(patch.json().parameter).toBe('avance');
});
