// Citizen proposals on the demo database: submission in an open process (dates are data), moderation before
// publication, one support per device, the ranking per zone, and the proposal → project loop for planeacion.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../support/test-app.ts';
import { moderate, useModerator } from '../support/participation.ts';

const t = useTestApp('participation-proposals');
const mod = useModerator(t);
const planner = useModerator(t, ['planeacion']);
let clave = '';
let point = { lon: 0, lat: 0 };
let zoneClave = '';

beforeAll(async () => {
  // Open the latest demo process for proposals and supports today (what planeacion would set).
  const { rows } = await t.db.pool.query<{ clave: string; id: number }>(
    `UPDATE partic.processes SET propuestas_desde = current_date - 1, propuestas_hasta = current_date + 30,
       apoyos_desde = current_date - 1, apoyos_hasta = current_date + 30
     WHERE id = (SELECT id FROM partic.processes ORDER BY anio DESC LIMIT 1) RETURNING clave, id`);
  clave = rows[0].clave;
  const z = await t.db.pool.query<{ lon: number; lat: number; clave: string }>(
    `SELECT ST_X(p) lon, ST_Y(p) lat, clave FROM (SELECT ST_Transform(ST_PointOnSurface(geom), 4326) p, clave FROM partic.zones
     WHERE process_id = $1 ORDER BY clave LIMIT 1) s`, [rows[0].id]);
  point = { lon: z.rows[0].lon, lat: z.rows[0].lat };
  zoneClave = z.rows[0].clave;
});

describe('citizen proposals', () => {
  it('goes from submission to a public, supported proposal and then to a linked project', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/api/participation/processes/${clave}/proposals`, remoteAddress: '192.0.2.10',
      payload: { titulo: 'Parque de bolsillo en la esquina', descripcion: 'Convertir el baldío en un parque con sombra y juegos', categoria: 'espacio_publico',
        ...point, acepta_aviso: true, email: 'proponente@example.mx', nombre: 'Luis Proponente' } });
    expect(res.statusCode, res.body).toBe(201);
    const { folio } = res.json();
    const { rows } = await t.db.pool.query<{ id: number; zona: string }>(
      'SELECT pp.id, z.clave AS zona FROM partic.proposals pp JOIN partic.zones z ON z.id = pp.zone_id WHERE pp.folio = $1', [folio]);
    const id = rows[0].id;
    expect(rows[0].zona).toBe(zoneClave);

    const listed = async () => ((await t.app.inject(`/api/participation/processes/${clave}/proposals`)).json().features as Array<{ properties: { folio: string } }>).map((f) => f.properties.folio);
    expect(await listed()).not.toContain(folio);
    const early = await t.app.inject({ method: 'POST', url: `/api/participation/proposals/${folio}/apoyos` });
    expect(early.statusCode).toBe(404);

    await moderate(t, mod, 'propuestas', id, { accion: 'aprobar' });
    expect(await listed()).toContain(folio);
    const page = await t.app.inject(`/api/participation/proposals/${folio}`);
    expect(page.json()).toMatchObject({ folio, moderacion: 'aprobado', apoyos: 0, proyecto: null });
    for (const secret of ['proponente@example.mx', 'Luis Proponente']) expect(page.body).not.toContain(secret);

    // One support per device: the second from the same cookie is refused (409) and changes nothing; another device counts.
    const first = await t.app.inject({ method: 'POST', url: `/api/participation/proposals/${folio}/apoyos`, remoteAddress: '192.0.2.11' });
    expect(first.json()).toMatchObject({ apoyos: 1, nuevo: true });
    const cookie = first.cookies.find((c) => c.name === 'sigmun_disp')!;
    const again = await t.app.inject({ method: 'POST', url: `/api/participation/proposals/${folio}/apoyos`, remoteAddress: '192.0.2.11', cookies: { sigmun_disp: cookie.value } });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toMatch(/problem\+json/);
    expect(again.json().detail).toMatch(/Ya apoyó/);
    expect((await t.app.inject(`/api/participation/proposals/${folio}`)).json().apoyos).toBe(1);
    const other = await t.app.inject({ method: 'POST', url: `/api/participation/proposals/${folio}/apoyos`, remoteAddress: '192.0.2.12' });
    expect(other.json()).toMatchObject({ apoyos: 2, nuevo: true });

    const ranking = (await t.app.inject(`/api/participation/processes/${clave}/ranking`)).json();
    const zone = ranking.zonas.find((z: { clave: string }) => z.clave === zoneClave);
    const ranked = zone.propuestas.find((p: { folio: string }) => p.folio === folio);
    expect(ranked.apoyos).toBe(2);
    const apoyos = zone.propuestas.map((p: { apoyos: number }) => p.apoyos);
    expect(apoyos).toEqual([...apoyos].sort((a: number, b: number) => b - a));

    // planeacion turns it into a project; moderacion may not.
    const { rows: prog } = await t.db.pool.query<{ id: number }>('SELECT id FROM plan.programas ORDER BY id LIMIT 1');
    const body = { programa_id: prog[0].id, dependencia: 'Obras Públicas' };
    expect((await t.app.inject({ method: 'POST', url: `/api/participation/proposals/${id}/proyecto`, headers: { authorization: `Bearer ${mod.token}` }, payload: body })).statusCode).toBe(403);
    const made = await t.app.inject({ method: 'POST', url: `/api/participation/proposals/${id}/proyecto`, headers: { authorization: `Bearer ${planner.token}` }, payload: body });
    expect(made.statusCode, made.body).toBe(201);
    const project = made.json().project;
    expect(project).toMatchObject({ nombre: 'Parque de bolsillo en la esquina', estatus: 'planeado' });
    const link = await t.db.pool.query('SELECT p.propuesta_id, pp.project_id FROM plan.projects p JOIN partic.proposals pp ON pp.id = p.propuesta_id WHERE p.id = $1', [project.id]);
    expect(link.rows[0]).toEqual({ propuesta_id: id, project_id: project.id });
    const twice = await t.app.inject({ method: 'POST', url: `/api/participation/proposals/${id}/proyecto`, headers: { authorization: `Bearer ${planner.token}` }, payload: body });
    expect(twice.statusCode).toBe(409);
    // The public page now shows the project and its progress.
    await t.db.pool.query(`UPDATE plan.projects SET estatus = 'en_proceso', avance = 35 WHERE id = $1`, [project.id]);
    expect((await t.app.inject(`/api/participation/proposals/${folio}`)).json().proyecto).toMatchObject({ id: project.id, estatus: 'en_proceso', avance: 35 });
  });

  it('refuses proposals when the process is closed', async () => {
    const { rows } = await t.db.pool.query<{ clave: string }>('SELECT clave FROM partic.processes WHERE clave <> $1 ORDER BY anio LIMIT 1', [clave]);
    const res = await t.app.inject({ method: 'POST', url: `/api/participation/processes/${rows[0].clave}/proposals`, remoteAddress: '192.0.2.20',
      payload: { titulo: 'Propuesta fuera de fechas', descripcion: 'Una propuesta en un proceso cerrado', categoria: 'otro', ...point, acepta_aviso: true } });
    expect(res.statusCode).toBe(409);
  });
});
