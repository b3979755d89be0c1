// A check of /open311/v2 written from the GeoReport v2 specification (https://wiki.open311.org/GeoReport_v2):
// required fields and their types, the error form `[{code, description}]`, the filters, and a POST → GET round trip.
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/test-app.ts';
import { moderate, useModerator } from '../support/participation.ts';

const t = useTestApp('open311');
const mod = useModerator(t);

const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Asserts the specification's error form and returns the first error. */
function expectOpen311Error(res: { statusCode: number; headers: Record<string, unknown>; json: () => unknown }, code: number) {
  expect(res.statusCode).toBe(code);
  expect(String(res.headers['content-type'])).toMatch(/^application\/json/);
  const body = res.json() as Array<{ code: number; description: string }>;
  expect(Array.isArray(body)).toBe(true);
  expect(body.length).toBeGreaterThan(0);
  for (const e of body) {
    expect(Object.keys(e).sort()).toEqual(['code', 'description']);
    expect(e.code).toBe(code);
    expect(typeof e.description).toBe('string');
    expect(e.description.length).toBeGreaterThan(3);
  }
  return body[0];
}

/** Asserts one service request has the specification's fields with their types. */
function expectServiceRequest(r: Record<string, unknown>) {
  for (const k of ['service_request_id', 'service_code', 'service_name', 'requested_datetime', 'updated_datetime']) expect(typeof r[k], k).toBe('string');
  expect(['open', 'closed']).toContain(r.status);
  expect(r.requested_datetime).toMatch(W3C);
  expect(r.updated_datetime).toMatch(W3C);
  expect(typeof r.lat).toBe('number');
  expect(typeof r.long).toBe('number');
  for (const k of ['status_notes', 'description', 'agency_responsible', 'service_notice', 'expected_datetime', 'address', 'address_id', 'zipcode', 'media_url']) {
    expect(k in r, k).toBe(true);
    expect(r[k] === null || typeof r[k] === 'string', k).toBe(true);
  }
  // The specification's optional personal fields of a POST are never echoed.
  for (const k of ['email', 'first_name', 'last_name', 'phone', 'device_id', 'account_id']) expect(k in r, k).toBe(false);
}

async function insidePoint(offset: number) {
  const { rows } = await t.db.pool.query<{ lon: number; lat: number }>(
    `SELECT ST_X(p) lon, ST_Y(p) lat FROM (SELECT ST_Transform(ST_PointOnSurface(geom), 4326) p FROM carto.manzanas ORDER BY cvegeo OFFSET $1 LIMIT 1) s`, [offset]);
  return rows[0];
}

/** POSTs a request form-encoded, as Open311 clients do. */
async function post(fields: Record<string, string | number>, ip = '203.0.113.7') {
  return t.app.inject({
    method: 'POST', url: '/open311/v2/requests.json', remoteAddress: ip,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)])).toString(),
  });
}

describe('Open311 GeoReport v2', () => {
  it('services.json lists every active category with the specification fields', async () => {
    const res = await t.app.inject('/open311/v2/services.json');
    expect(res.statusCode).toBe(200);
    const services = res.json() as Array<Record<string, unknown>>;
    const { rows } = await t.db.pool.query('SELECT clave FROM partic.report_categories WHERE activa ORDER BY orden, clave');
    expect(services.map((s) => s.service_code)).toEqual(rows.map((r) => r.clave));
    for (const s of services) {
      for (const k of ['service_code', 'service_name', 'description', 'keywords', 'group']) expect(typeof s[k], k).toBe('string');
      expect(typeof s.metadata).toBe('boolean');
      expect(['realtime', 'batch', 'blackbox']).toContain(s.type);
    }
  });

  it('answers errors in the [{code, description}] form', async () => {
    expectOpen311Error(await t.app.inject('/open311/v2/requests.json?status=abierto'), 400);
    expectOpen311Error(await t.app.inject('/open311/v2/requests.json?start_date=ayer'), 400);
    expectOpen311Error(await t.app.inject('/open311/v2/requests/NOEXISTE-1.json'), 404);
    expectOpen311Error(await t.app.inject('/open311/v2/nada.json'), 404);
    const p = await insidePoint(0);
    expect(expectOpen311Error(await post({ lat: p.lat, long: p.lon, description: 'Sin servicio' }), 400).description).toMatch(/service_code/);
    expect(expectOpen311Error(await post({ service_code: 'inexistente', lat: p.lat, long: p.lon, description: 'Servicio inexistente' }), 400).description).toMatch(/service_code/);
    expect(expectOpen311Error(await post({ service_code: 'baches', description: 'Sin lugar' }), 400).description).toMatch(/lat/);
    expect(expectOpen311Error(await post({ service_code: 'baches', lat: 0, long: 0, description: 'En el mar, fuera del municipio' }), 400).description).toMatch(/fuera del municipio/);
  });

  it('POST then GET: pending until moderated, then public with its status and no personal data', async () => {
    const p = await insidePoint(7);
    const res = await post({ service_code: 'alumbrado', lat: p.lat, long: p.lon, description: 'Tres luminarias apagadas en la cuadra',
      email: 'vecina@example.mx', first_name: 'Martina', last_name: 'Ochoa', media_url: 'http://example.mx/foto.jpg' });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json() as Array<{ service_request_id: string }>;
    expect(created).toHaveLength(1);
    const id = created[0].service_request_id;
    expect(typeof id).toBe('string');

    // Not public before moderation: neither by id nor in the list.
    expectOpen311Error(await t.app.inject(`/open311/v2/requests/${id}.json`), 404);
    const listBefore = (await t.app.inject('/open311/v2/requests.json')).json() as Array<{ service_request_id: string }>;
    expect(listBefore.map((r) => r.service_request_id)).not.toContain(id);

    const { rows } = await t.db.pool.query<{ id: number }>('SELECT id::int FROM partic.reportes WHERE folio = $1', [id]);
    await moderate(t, mod, 'reportes', rows[0].id, { accion: 'aprobar' });
    const one = await t.app.inject(`/open311/v2/requests/${id}.json`);
    expect(one.statusCode).toBe(200);
    const got = one.json() as Array<Record<string, unknown>>;
    expect(got).toHaveLength(1);
    expectServiceRequest(got[0]);
    expect(got[0]).toMatchObject({ service_request_id: id, service_code: 'alumbrado', status: 'open', description: 'Tres luminarias apagadas en la cuadra' });
    expect(Math.abs((got[0].lat as number) - p.lat)).toBeLessThan(1e-6);
    expect(Math.abs((got[0].long as number) - p.lon)).toBeLessThan(1e-6);
    for (const secret of ['vecina@example.mx', 'Martina', 'Ochoa']) expect(one.body).not.toContain(secret);

    // Attended with a note: closed, and the note travels as status_notes.
    await moderate(t, mod, 'reportes', rows[0].id, { accion: 'estatus', estatus: 'atendido', nota: 'Se cambiaron las tres luminarias' });
    const closed = (await t.app.inject(`/open311/v2/requests/${id}.json`)).json() as Array<Record<string, unknown>>;
    expect(closed[0]).toMatchObject({ status: 'closed', status_notes: 'Se cambiaron las tres luminarias' });

    // Filters: status, service_code and dates agree with the row.
    const today = new Date().toISOString().slice(0, 10);
    const q = (s: string) => t.app.inject(`/open311/v2/requests.json?${s}`).then((r) => (r.json() as Array<{ service_request_id: string; status: string; service_code: string }>));
    const closedList = await q('status=closed');
    expect(closedList.map((r) => r.service_request_id)).toContain(id);
    expect(closedList.every((r) => r.status === 'closed')).toBe(true);
    expect((await q('status=open')).map((r) => r.service_request_id)).not.toContain(id);
    const byCode = await q('service_code=alumbrado');
    expect(byCode.every((r) => r.service_code === 'alumbrado')).toBe(true);
    expect(byCode.map((r) => r.service_request_id)).toContain(id);
    expect((await q('service_code=baches')).map((r) => r.service_request_id)).not.toContain(id);
    expect((await q(`start_date=${today}T00:00:00Z&end_date=${today}T23:59:59Z`)).map((r) => r.service_request_id)).toContain(id);
    expect((await q('start_date=2001-01-01T00:00:00Z&end_date=2001-12-31T23:59:59Z')).map((r) => r.service_request_id)).not.toContain(id);
    for (const r of await q('status=open,closed')) expectServiceRequest(r as unknown as Record<string, unknown>);
  });

  it('accepts a JSON POST too', async () => {
    const p = await insidePoint(9);
    const res = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', remoteAddress: '203.0.113.9',
      payload: { service_code: 'basura', lat: p.lat, long: p.lon, description: 'Basura acumulada en el camellón' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(typeof res.json()[0].service_request_id).toBe('string');
  });
});
