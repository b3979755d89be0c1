// Citizen reports on the real demo database: submission with the privacy rules, follow-up by folio, limits shared
// through PostgreSQL, refusal outside the municipality, and removal of personal data.
import { describe, expect, it } from 'vitest';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { lonLatToTile } from '@sigmun/tiles/tile-coords';
import { useTestApp } from '../support/test-app.ts';
import { moderate, useModerator } from '../support/participation.ts';

const t = useTestApp('participation-reports');
const mod = useModerator(t);
const planner = useModerator(t, ['planeacion']);

/** The features of the reportes layer in the z16 tile holding a point (above the cluster zooms), decoded. */
async function reportTileFeatures(p: { lon: number; lat: number }) {
  const { x, y } = lonLatToTile(p.lon, p.lat, 16);
  const res = await t.app.inject(`/tiles/reportes/16/${x}/${y}.mvt`);
  expect([200, 204]).toContain(res.statusCode);
  if (res.statusCode === 204 || res.rawPayload.length === 0) return { features: [] as Array<Record<string, unknown>>, etag: res.headers.etag };
  const layer = new VectorTile(new PbfReader(res.rawPayload)).layers.reportes;
  const features = layer ? Array.from({ length: layer.length }, (_, i) => layer.feature(i).properties as Record<string, unknown>) : [];
  return { features, etag: res.headers.etag };
}

async function layerVersion(): Promise<number> {
  const layers = (await t.app.inject('/api/layers')).json().layers as Array<{ id: string; version: number }>;
  return layers.find((l) => l.id === 'reportes')!.version;
}

/** A point inside the municipality (on a block), from the database itself. */
async function insidePoint(offset = 0): Promise<{ lon: number; lat: number }> {
  const { rows } = await t.db.pool.query<{ lon: number; lat: number }>(
    `SELECT ST_X(p) lon, ST_Y(p) lat FROM (SELECT ST_Transform(ST_PointOnSurface(geom), 4326) p FROM carto.manzanas ORDER BY cvegeo OFFSET $1 LIMIT 1) s`, [offset]);
  return rows[0];
}

let ipSeq = 1;
/** A fresh client address per test, so the per-IP limit of one test does not leak into another. */
const freshIp = () => `198.51.100.${ipSeq++}`;

const PERSONAL = { nombre: 'Rosa Quintero Valenzuela', email: 'rosa.quintero@example.mx', telefono: '662 555 0199' };

describe('citizen reports', () => {
  it('lists the categories from the database', async () => {
    const res = await t.app.inject('/api/participation/categories');
    expect(res.statusCode).toBe(200);
    const { rows } = await t.db.pool.query('SELECT clave FROM partic.report_categories WHERE activa ORDER BY orden, clave');
    expect(res.json().categorias.map((c: { clave: string }) => c.clave)).toEqual(rows.map((r) => r.clave));
  });

  it('stores a report with contact data apart and never shows it in the follow-up', async () => {
    const p = await insidePoint();
    const ip = freshIp();
    const res = await t.app.inject({
      method: 'POST', url: '/api/participation/reports', remoteAddress: ip,
      payload: { categoria: 'baches', ...p, descripcion: 'Bache profundo frente a la escuela', acepta_aviso: true, ...PERSONAL },
    });
    expect(res.statusCode, res.body).toBe(201);
    const receipt = res.json();
    expect(receipt.folio).toMatch(/^R\d\d-[A-Z2-9]{8}$/);
    expect(receipt.moderacion).toBe('pendiente');
    expect(res.cookies.find((c) => c.name === 'sigmun_disp')?.httpOnly).toBe(true);

    // Stored: the public row has no personal column; the private row holds the contact and only a hash of the IP.
    const { rows } = await t.db.pool.query(
      `SELECT r.moderacion, r.estatus, p.nombre, p.email, p.telefono, p.ip_hash, p.clave_hash, p.aviso_version
       FROM partic.reportes r JOIN partic.reportes_privado p ON p.reporte_id = r.id WHERE r.folio = $1`, [receipt.folio]);
    expect(rows[0]).toMatchObject({ moderacion: 'pendiente', estatus: 'recibido', ...PERSONAL });
    expect(rows[0].ip_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].ip_hash).not.toContain(ip);
    expect(rows[0].clave_hash).not.toBe(receipt.clave);

    const follow = await t.app.inject(`/api/participation/reports/${receipt.folio}`);
    expect(follow.statusCode).toBe(200);
    expect(follow.json()).toMatchObject({ folio: receipt.folio, estatus: 'recibido', moderacion: 'pendiente', categoria: 'baches' });
    for (const secret of [PERSONAL.nombre, PERSONAL.email, PERSONAL.telefono, ip]) expect(follow.body).not.toContain(secret);
  });

  it('refuses a submission without the accepted aviso de privacidad, and the honeypot', async () => {
    const p = await insidePoint();
    const base = { categoria: 'alumbrado', ...p, descripcion: 'Luminaria apagada toda la semana' };
    const noAviso = await t.app.inject({ method: 'POST', url: '/api/participation/reports', remoteAddress: freshIp(), payload: base });
    expect(noAviso.statusCode).toBe(400);
    expect(noAviso.json().parameter).toBe('acepta_aviso');
    const bot = await t.app.inject({ method: 'POST', url: '/api/participation/reports', remoteAddress: freshIp(),
      payload: { ...base, acepta_aviso: true, sitio_web: 'http://spam.example' } });
    expect(bot.statusCode).toBe(400);
    expect(bot.json().parameter).toBe('sitio_web');
    const long = await t.app.inject({ method: 'POST', url: '/api/participation/reports', remoteAddress: freshIp(),
      payload: { ...base, acepta_aviso: true, descripcion: 'x'.repeat(2001) } });
    expect(long.statusCode).toBe(400);
    expect(long.json().parameter).toBe('descripcion');
  });

  it('refuses a report outside the municipality with 400 naming the place', async () => {
    const { rows } = await t.db.pool.query<{ lon: number; lat: number }>(
      `SELECT ST_X(p) lon, ST_Y(p) lat FROM (SELECT ST_Transform(ST_Translate(ST_Centroid(ST_Collect(geom)), 0,
         (ST_YMax(ST_Extent(geom)) - ST_YMin(ST_Extent(geom))) * 2), 4326) p FROM carto.municipio) s`);
    const before = await t.db.pool.query('SELECT count(*)::int n FROM partic.reportes');
    const res = await t.app.inject({ method: 'POST', url: '/api/participation/reports', remoteAddress: freshIp(),
      payload: { categoria: 'basura', ...rows[0], descripcion: 'Basura en la esquina', acepta_aviso: true } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.json().detail).toMatch(/fuera del municipio/);
    const after = await t.db.pool.query('SELECT count(*)::int n FROM partic.reportes');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('answers the 31st submission in a minute from one IP with 429 in Spanish, counted in PostgreSQL', async () => {
    const p = await insidePoint(3);
    const ip = freshIp();
    const codes: number[] = [];
    for (let i = 0; i < 31; i++) {
      // A new device each time (no cookie): only the per-IP limit can stop the 31st.
      const res = await t.app.inject({ method: 'POST', url: '/api/participation/reports', remoteAddress: ip,
        payload: { categoria: 'fugas', ...p, descripcion: `Fuga de agua número ${i + 1}`, acepta_aviso: true } });
      codes.push(res.statusCode);
      if (i === 30) {
        expect(res.headers['content-type']).toMatch(/problem\+json/);
        expect(res.json().detail).toMatch(/Demasiados envíos/);
      }
    }
    expect(codes.slice(0, 30).every((c) => c === 201)).toBe(true);
    expect(codes[30]).toBe(429);
    // Another address is not affected.
    const other = await t.app.inject({ method: 'POST', url: '/api/participation/reports', remoteAddress: freshIp(),
      payload: { categoria: 'fugas', ...p, descripcion: 'Otra fuga de agua', acepta_aviso: true } });
    expect(other.statusCode).toBe(201);
  });

  it('erases the personal data of a report given its folio and private code', async () => {
    const p = await insidePoint(5);
    const res = await t.app.inject({ method: 'POST', url: '/api/participation/reports', remoteAddress: freshIp(),
      payload: { categoria: 'banquetas', ...p, descripcion: 'Banqueta rota', acepta_aviso: true, ...PERSONAL } });
    const { folio, clave } = res.json();
    const wrong = await t.app.inject({ method: 'POST', url: `/api/participation/reports/${folio}/borrar-datos`, payload: { clave: 'no-es-la-clave' } });
    expect(wrong.statusCode).toBe(404);
    const ok = await t.app.inject({ method: 'POST', url: `/api/participation/reports/${folio}/borrar-datos`, payload: { clave } });
    expect(ok.statusCode, ok.body).toBe(200);
    const { rows } = await t.db.pool.query(
      `SELECT p.nombre, p.email, p.telefono, p.ip_hash, p.datos_borrados IS NOT NULL AS borrado
       FROM partic.reportes r JOIN partic.reportes_privado p ON p.reporte_id = r.id WHERE r.folio = $1`, [folio]);
    expect(rows[0]).toEqual({ nombre: null, email: null, telefono: null, ip_hash: null, borrado: true });
  });

  it('keeps a pending report out of every public surface; approval publishes it without personal data and bumps the tiles', async () => {
    const p = await insidePoint(11);
    const ip = freshIp();
    const res = await t.app.inject({ method: 'POST', url: '/api/participation/reports', remoteAddress: ip,
      payload: { categoria: 'basura', ...p, descripcion: 'Tiradero de basura en el baldío', acepta_aviso: true, ...PERSONAL } });
    expect(res.statusCode, res.body).toBe(201);
    const { folio } = res.json();
    const { rows } = await t.db.pool.query<{ id: number }>('SELECT id::int FROM partic.reportes WHERE folio = $1', [folio]);
    const id = rows[0].id;
    const bbox = [p.lon - 0.001, p.lat - 0.001, p.lon + 0.001, p.lat + 0.001].join(',');
    const items = () => t.app.inject(`/ogcapi/collections/reportes/items?bbox=${bbox}&limit=1000`);

    // Pending: not in the OGC items, not in the tile, not in Open311.
    const before = await items();
    expect(before.statusCode).toBe(200);
    expect(before.json().features.map((f: { properties: { folio: string } }) => f.properties.folio)).not.toContain(folio);
    expect((await reportTileFeatures(p)).features.map((f) => f.folio)).not.toContain(folio);
    const v0 = await layerVersion();

    // Only moderacion may moderate: anonymous 401, planeacion 403, and nothing changes.
    const anon = await t.app.inject({ method: 'POST', url: `/api/moderation/reportes/${id}/acciones`, payload: { accion: 'aprobar' } });
    expect(anon.statusCode).toBe(401);
    const wrong = await t.app.inject({ method: 'POST', url: `/api/moderation/reportes/${id}/acciones`, headers: { authorization: `Bearer ${planner.token}` }, payload: { accion: 'aprobar' } });
    expect(wrong.statusCode).toBe(403);
    expect((await t.db.pool.query('SELECT moderacion FROM partic.reportes WHERE id = $1', [id])).rows[0].moderacion).toBe('pendiente');

    // The queue shows the pending report with its contact, to moderacion only.
    const queue = await t.app.inject({ url: '/api/moderation/queue?objeto=reporte', headers: { authorization: `Bearer ${mod.token}` } });
    expect(queue.statusCode).toBe(200);
    const item = queue.json().items.find((i: { folio: string }) => i.folio === folio);
    expect(item.contacto).toEqual(PERSONAL);
    expect((await t.app.inject('/api/moderation/queue')).statusCode).toBe(401);

    const approved = await moderate(t, mod, 'reportes', id, { accion: 'aprobar' });
    expect(approved).toMatchObject({ folio, moderacion: 'aprobado' });
    expect(await layerVersion()).toBeGreaterThan(v0);

    const after = await items();
    const feature = after.json().features.find((f: { properties: { folio: string } }) => f.properties.folio === folio);
    expect(feature.properties).toMatchObject({ categoria: 'basura', estatus: 'recibido' });
    const tile = await reportTileFeatures(p);
    expect(tile.features.find((f) => f.folio === folio)).toMatchObject({ categoria: 'basura', estatus: 'recibido' });
    const csv = await t.app.inject(`/ogcapi/collections/reportes/items?bbox=${bbox}&f=csv`);
    const follow = await t.app.inject(`/api/participation/reports/${folio}`);
    const open311 = await t.app.inject(`/open311/v2/requests/${folio}.json`);
    for (const body of [after.body, JSON.stringify(tile.features), csv.body, follow.body, open311.body]) {
      for (const secret of [PERSONAL.nombre, PERSONAL.email, PERSONAL.telefono, ip, 'ip_hash', 'email']) expect(body).not.toContain(secret);
    }
    // The catalog never exposes a personal column, whatever a query asks for.
    const tilejson = (await t.app.inject('/tiles/reportes.json')).json();
    expect(Object.keys(tilejson.vector_layers[0].fields).sort()).not.toEqual(expect.arrayContaining(['email']));

    // A status change with a public note reaches the follow-up and the tile; every action is audited.
    await moderate(t, mod, 'reportes', id, { accion: 'asignar', dependencia: 'Servicios Públicos', estatus: 'en_atencion', nota: 'Cuadrilla programada' });
    const tracked = (await t.app.inject(`/api/participation/reports/${folio}`)).json();
    expect(tracked).toMatchObject({ estatus: 'en_atencion', nota_publica: 'Cuadrilla programada', dependencia: 'Servicios Públicos' });
    expect(tracked.historial.map((h: { accion: string }) => h.accion)).toEqual(['estatus', 'aprobar', 'asignar']);
    expect((await reportTileFeatures(p)).features.find((f) => f.folio === folio)).toMatchObject({ estatus: 'en_atencion' });
    const audit = await t.db.pool.query(
      `SELECT actor, new_row->>'accion' AS accion FROM audit.log WHERE tabla = 'partic.moderation_actions' AND new_row->>'objeto_id' = $1 ORDER BY id`, [String(id)]);
    expect(audit.rows.map((r) => r.accion)).toEqual(['estatus', 'aprobar', 'asignar']);
    expect(audit.rows[1].actor).toMatch(/^token:/);
    const auditPrivate = await t.db.pool.query(`SELECT new_row::text AS r FROM audit.log WHERE tabla = 'partic.reportes_privado' AND clave = $1`, [String(id)]);
    for (const r of auditPrivate.rows) expect(r.r).not.toContain(PERSONAL.email);
  });

  it('rejects with a reason the citizen sees, and marks duplicates', async () => {
    const p = await insidePoint(13);
    const send = async () => (await t.app.inject({ method: 'POST', url: '/api/participation/reports', remoteAddress: freshIp(),
      payload: { categoria: 'baches', ...p, descripcion: 'Bache en el cruce', acepta_aviso: true } })).json().folio as string;
    const [a, b] = [await send(), await send()];
    const ids = (await t.db.pool.query<{ folio: string; id: number }>('SELECT folio, id::int FROM partic.reportes WHERE folio = ANY($1)', [[a, b]])).rows;
    const idOf = (f: string) => ids.find((r) => r.folio === f)!.id;
    const noReason = await t.app.inject({ method: 'POST', url: `/api/moderation/reportes/${idOf(a)}/acciones`, headers: { authorization: `Bearer ${mod.token}` }, payload: { accion: 'rechazar' } });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().parameter).toBe('motivo');
    await moderate(t, mod, 'reportes', idOf(a), { accion: 'rechazar', motivo: 'El lugar es una propiedad privada' });
    expect((await t.app.inject(`/api/participation/reports/${a}`)).json()).toMatchObject({ moderacion: 'rechazado', estatus: 'rechazado', motivo_rechazo: 'El lugar es una propiedad privada' });
    await moderate(t, mod, 'reportes', idOf(b), { accion: 'duplicado', duplicado_de: a });
    expect((await t.app.inject(`/api/participation/reports/${b}`)).json()).toMatchObject({ moderacion: 'duplicado', duplicado_de: a });
  });

  it('lets planeacion edit the categories, and nobody else', async () => {
    const body = { nombre: 'Árboles caídos', descripcion: 'Árboles o ramas que bloquean la calle', grupo: 'Medio ambiente' };
    expect((await t.app.inject({ method: 'PUT', url: '/api/participation/categories/arboles', payload: body })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'PUT', url: '/api/participation/categories/arboles', headers: { authorization: `Bearer ${mod.token}` }, payload: body })).statusCode).toBe(403);
    const ok = await t.app.inject({ method: 'PUT', url: '/api/participation/categories/arboles', headers: { authorization: `Bearer ${planner.token}` }, payload: body });
    expect(ok.statusCode, ok.body).toBe(200);
    const services = (await t.app.inject('/open311/v2/services.json')).json() as Array<{ service_code: string; service_name: string }>;
    expect(services.find((s) => s.service_code === 'arboles')?.service_name).toBe('Árboles caídos');
  });
});

describe('reports per 1,000 inhabitants by colonia (indicator reportes_1000)', () => {
  /** Sends a report at `p` and returns its row id. */
  async function send(p: { lon: number; lat: number }, descripcion: string): Promise<number> {
    const res = await t.app.inject({ method: 'POST', url: '/api/participation/reports', remoteAddress: freshIp(),
      payload: { categoria: 'alumbrado', lon: p.lon, lat: p.lat, descripcion, acepta_aviso: true } });
    expect(res.statusCode, res.body).toBe(201);
    return (await t.db.pool.query<{ id: number }>('SELECT id::int FROM partic.reportes WHERE folio = $1', [res.json().folio])).rows[0].id;
  }

  /**
   * The expected value of every colonia this year, from the database but not from the indicator's own tables nor
   * the stored colonia of each report: approved reports whose point lies in the colonia's polygon (the first colonia
   * by key on a shared edge), times 1,000, over the colonia's population.
   */
  async function expected(year: number): Promise<Map<string, { n: number; pob: number; valor: number }>> {
    const { rows } = await t.db.pool.query<{ cve_col: string; pob: number; n: number }>(
      `WITH pub AS (
         SELECT DISTINCT ON (r.id) r.id, c.cve_col FROM partic.reportes r JOIN carto.colonias c ON ST_Intersects(c.geom, r.geom)
         WHERE r.moderacion = 'aprobado' AND extract(year FROM coalesce(r.fecha, r.creado::date)) = $1 ORDER BY r.id, c.cve_col)
       SELECT c.cve_col, c.pob::float8 AS pob, (SELECT count(*) FROM pub WHERE pub.cve_col = c.cve_col)::int AS n
       FROM carto.colonias c WHERE c.pob > 0`, [year]);
    return new Map(rows.map((r) => [r.cve_col, { n: r.n, pob: r.pob, valor: (1000 * r.n) / r.pob }]));
  }

  async function served(year: number): Promise<Map<string, number | null>> {
    const res = await t.app.inject(`/api/indicators/reportes_1000?level=colonia&year=${year}&limit=100000`);
    expect(res.statusCode, res.body).toBe(200);
    return new Map((res.json().values as Array<{ clave: string; valor: number | null }>).map((v) => [v.clave, v.valor]));
  }

  it('serves for every colonia its public reports of the year per 1,000 inhabitants; pending and rejected ones do not count', async () => {
    const { rows: cols } = await t.db.pool.query<{ cve_col: string; lon: number; lat: number }>(
      `SELECT cve_col, ST_X(p) lon, ST_Y(p) lat FROM (SELECT cve_col, ST_Transform(ST_PointOnSurface(geom), 4326) p
         FROM carto.colonias WHERE pob > 0 ORDER BY pob, cve_col LIMIT 2) s`);
    const [a, b] = cols;
    const approvedA = [await send(a, 'Luminaria apagada 1'), await send(a, 'Luminaria apagada 2'), await send(a, 'Luminaria apagada 3')];
    const approvedB = await send(b, 'Luminaria intermitente');
    const pendingA = await send(a, 'Luminaria pendiente de revisar');
    const rejectedB = await send(b, 'Luminaria que no es pública');
    for (const id of [...approvedA, approvedB]) await moderate(t, mod, 'reportes', id, { accion: 'aprobar' });
    await moderate(t, mod, 'reportes', rejectedB, { accion: 'rechazar', motivo: 'La luminaria es de una casa particular' });

    const year = (await t.db.pool.query<{ y: number }>('SELECT extract(year FROM current_date)::int AS y')).rows[0].y;
    const want = await expected(year);
    const got = await served(year);
    expect(want.get(a.cve_col)!.n).toBeGreaterThanOrEqual(3);
    expect(want.get(b.cve_col)!.n).toBeGreaterThanOrEqual(1);
    // One value per populated colonia, each equal to the independent count (the indicator keeps 4 decimals).
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
    for (const [clave, w] of want) expect(got.get(clave), clave).toBeCloseTo(w.valor, 3);
    expect((await t.app.inject('/api/indicators')).json().indicators.find((i: { code: string }) => i.code === 'reportes_1000').anios).toContain(year);

    // Approving the pending report raises its colonia by exactly one report's share; the other colonia stays.
    await moderate(t, mod, 'reportes', pendingA, { accion: 'aprobar' });
    const after = await served(year);
    expect(after.get(a.cve_col)! - got.get(a.cve_col)!).toBeCloseTo(1000 / want.get(a.cve_col)!.pob, 3);
    expect(after.get(b.cve_col)).toBe(got.get(b.cve_col));
    const want2 = await expected(year);
    for (const [clave, w] of want2) expect(after.get(clave), clave).toBeCloseTo(w.valor, 3);
  });
});
