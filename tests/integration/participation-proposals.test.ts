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
    // The results by zone name the winner and what became of each proposal: the zone's most supported one
    // (no official result for this process yet) is the winner, and it carries its project's status and progress.
    const zoneAfter = (await t.app.inject(`/api/participation/processes/${clave}/ranking`)).json().zonas.find((z: { clave: string }) => z.clave === zoneClave);
    const { rows: official } = await t.db.pool.query<{ folio: string | null }>(
      `SELECT pp.folio FROM partic.results r JOIN partic.zones z ON z.id = r.zone_id JOIN partic.processes pc ON pc.id = r.process_id
       LEFT JOIN partic.proposals pp ON pp.id = r.propuesta_ganadora WHERE pc.clave = $1 AND z.clave = $2`, [clave, zoneClave]);
    const winners = zoneAfter.propuestas.filter((p: { ganadora: boolean }) => p.ganadora).map((p: { folio: string }) => p.folio);
    expect(winners).toEqual(official[0]?.folio ? [official[0].folio] : [zoneAfter.propuestas[0].folio]);
    expect(zoneAfter.propuestas.find((p: { folio: string }) => p.folio === folio).proyecto).toMatchObject({ id: project.id, estatus: 'en_proceso', avance: 35 });
  });

  it('lists per zone the official winner of a past process and what became of each proposal (its project)', async () => {
    const { rows: proc } = await t.db.pool.query<{ clave: string; id: number }>(
      `SELECT pc.clave, pc.id FROM partic.processes pc WHERE EXISTS (SELECT 1 FROM partic.results r WHERE r.process_id = pc.id AND r.propuesta_ganadora IS NOT NULL)
       ORDER BY pc.anio DESC LIMIT 1`);
    const res = await t.app.inject(`/api/participation/processes/${proc[0].clave}/ranking`);
    expect(res.statusCode, res.body).toBe(200);
    const { rows: want } = await t.db.pool.query<{ zona: string; folio: string; project_id: number | null; estatus: string | null; avance: number | null }>(
      `SELECT z.clave AS zona, pp.folio, pj.id AS project_id, pj.estatus, pj.avance::float8 AS avance
       FROM partic.results r JOIN partic.zones z ON z.id = r.zone_id JOIN partic.proposals pp ON pp.id = r.propuesta_ganadora
       LEFT JOIN plan.projects pj ON pj.id = pp.project_id
       WHERE r.process_id = $1 AND pp.moderacion = 'aprobado' AND pp.zone_id = r.zone_id ORDER BY z.clave`, [proc[0].id]);
    expect(want.length).toBeGreaterThan(0);
    const zonas = res.json().zonas as Array<{ clave: string; propuestas: Array<{ folio: string; ganadora: boolean; proyecto: { id: number; estatus: string; avance: number } | null }> }>;
    for (const w of want) {
      const zone = zonas.find((z) => z.clave === w.zona)!;
      expect(zone.propuestas.filter((p) => p.ganadora).map((p) => p.folio), w.zona).toEqual([w.folio]);
      const winner = zone.propuestas.find((p) => p.folio === w.folio)!;
      if (w.project_id === null) expect(winner.proyecto).toBeNull();
      else expect(winner.proyecto).toMatchObject({ id: w.project_id, estatus: w.estatus, avance: w.avance });
    }
    // Winners turned into projects exist in the demo, so "what became of it" is shown, not only empty.
    expect(want.some((w) => w.project_id !== null)).toBe(true);
  });

  it('erases the personal data of a proposal given its folio and private code', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/api/participation/processes/${clave}/proposals`, remoteAddress: '192.0.2.30',
      payload: { titulo: 'Luminarias en el andador', descripcion: 'Poner luminarias en el andador del parque', categoria: 'espacio_publico',
        ...point, acepta_aviso: true, email: 'borrar.propuesta@example.mx', nombre: 'Ana Borrado', telefono: '662 555 0101' } });
    expect(res.statusCode, res.body).toBe(201);
    const { folio, clave: code } = res.json();
    const wrong = await t.app.inject({ method: 'POST', url: `/api/participation/proposals/${folio}/borrar-datos`, remoteAddress: '192.0.2.31', payload: { clave: 'no-es-la-clave' } });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.headers['content-type']).toMatch(/problem\+json/);
    const ok = await t.app.inject({ method: 'POST', url: `/api/participation/proposals/${folio}/borrar-datos`, remoteAddress: '192.0.2.31', payload: { clave: code } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().folio).toBe(folio);
    const { rows } = await t.db.pool.query(
      `SELECT p.nombre, p.email, p.telefono, p.ip_hash, p.dispositivo_hash, p.datos_borrados IS NOT NULL AS borrado, pp.titulo
       FROM partic.proposals pp JOIN partic.proposals_privado p ON p.proposal_id = pp.id WHERE pp.folio = $1`, [folio]);
    expect(rows[0]).toEqual({ nombre: null, email: null, telefono: null, ip_hash: null, dispositivo_hash: null, borrado: true, titulo: 'Luminarias en el andador' });
    // The trail records the removal and never held the data it removed.
    const audit = await t.db.pool.query(`SELECT coalesce(old_row::text, '') || coalesce(new_row::text, '') AS r FROM audit.log WHERE tabla = 'partic.proposals_privado'`);
    for (const r of audit.rows) expect(r.r).not.toContain('borrar.propuesta@example.mx');
    const { rows: acts } = await t.db.pool.query(
      `SELECT a.accion FROM partic.moderation_actions a JOIN partic.proposals pp ON pp.id = a.objeto_id WHERE a.objeto = 'propuesta' AND pp.folio = $1`, [folio]);
    expect(acts.map((a) => a.accion)).toContain('borrar_datos');
  });

  it('refuses proposals when the process is closed', async () => {
    const { rows } = await t.db.pool.query<{ clave: string }>('SELECT clave FROM partic.processes WHERE clave <> $1 ORDER BY anio LIMIT 1', [clave]);
    const res = await t.app.inject({ method: 'POST', url: `/api/participation/processes/${rows[0].clave}/proposals`, remoteAddress: '192.0.2.20',
      payload: { titulo: 'Propuesta fuera de fechas', descripcion: 'Una propuesta en un proceso cerrado', categoria: 'otro', ...point, acepta_aviso: true } });
    expect(res.statusCode).toBe(409);
  });
});
