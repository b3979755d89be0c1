// Citizen reports on the real demo database: submission with the privacy rules, follow-up by folio, limits shared
// through PostgreSQL, refusal outside the municipality, and removal of personal data.
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/test-app.ts';

const t = useTestApp('participation-reports');

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
});
