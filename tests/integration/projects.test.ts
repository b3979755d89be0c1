import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../apps/server/src/app.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { cloneTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { bearer, createUser } from '../support/auth.ts';

let db: TestDatabase;
let app: FastifyInstance;
let origin: [number, number];

beforeAll(async () => {
  db = await cloneTestDatabase('projects');
  app = await buildApp(loadConfig(process.env, { databaseUrl: db.url }), { logger: false });
  const { rows } = await db.pool.query(`SELECT ST_X(c) x, ST_Y(c) y FROM (SELECT ST_Transform(ST_PointOnSurface(geom), 4326) c FROM carto.colonias ORDER BY cve_col LIMIT 1) s`);
  origin = [rows[0].x, rows[0].y];
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

describe('projects', () => {
  it('near: nearest first, equal to ST_Distance on geography', async () => {
    const res = (await app.inject(`/api/projects/near?lon=${origin[0]}&lat=${origin[1]}&limit=10`)).json();
    const { rows } = await db.pool.query(
      `SELECT id, ST_Distance(ST_Transform(geom, 4326)::geography, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography) d
       FROM plan.projects ORDER BY d, id LIMIT 10`, origin,
    );
    expect(res.items.map((p: { id: number }) => p.id)).toEqual(rows.map((r) => r.id));
    res.items.forEach((p: { distance_m: number }, i: number) => expect(p.distance_m).toBeCloseTo(rows[i].d, 0));
    for (let i = 1; i < res.items.length; i++) expect(res.items[i].distance_m).toBeGreaterThanOrEqual(res.items[i - 1].distance_m);
  });

  it('lists with filters and shows the card with proposals linked to it', async () => {
    const { rows } = await db.pool.query(`SELECT count(*)::int n FROM plan.projects WHERE estatus = 'concluido'`);
    expect((await app.inject('/api/projects?estatus=concluido&limit=1')).json().total).toBe(rows[0].n);
    const { rows: linked } = await db.pool.query('SELECT project_id, count(*)::int n FROM partic.proposals WHERE project_id IS NOT NULL GROUP BY 1 LIMIT 1');
    const card = (await app.inject(`/api/projects/${linked[0].project_id}`)).json();
    expect(card.propuestas).toHaveLength(linked[0].n);
    expect(card.geometry.type).toBeDefined();
    const ejes = (await app.inject('/api/plan/ejes')).json();
    const { rows: total } = await db.pool.query('SELECT count(*)::int n FROM plan.projects');
    expect(ejes.ejes.reduce((a: number, e: { proyectos: number }) => a + e.proyectos, 0)).toBe(total[0].n);
  });

  it('PATCH: 401 anonymous or with a wrong token, bumps the layer version when a planeacion user edits', async () => {
    // A project the edit below keeps consistent (progress not going down, spending within budget).
    const { rows } = await db.pool.query('SELECT id FROM plan.projects WHERE avance <= 42.5 AND presupuesto_ejercido <= presupuesto_aprobado ORDER BY id LIMIT 1');
    const url = `/api/projects/${rows[0].id}`;
    expect((await app.inject({ method: 'PATCH', url, payload: { avance: 50 } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'PATCH', url, payload: { avance: 50 }, headers: { authorization: 'Bearer otro' } })).statusCode).toBe(401);
    await createUser(db.url, { email: 'planeacion@projects.example', roles: ['planeacion'] });
    const token = await bearer(db.url, 'planeacion@projects.example');
    const before = await db.pool.query(`SELECT version FROM meta.layer_versions WHERE layer = 'proyectos'`);
    const ok = await app.inject({ method: 'PATCH', url, payload: { avance: 42.5, estatus: 'en_proceso' }, headers: { authorization: `Bearer ${token}` } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().avance).toBe(42.5);
    const after = await db.pool.query(`SELECT version FROM meta.layer_versions WHERE layer = 'proyectos'`);
    expect(Number(after.rows[0].version)).toBeGreaterThan(Number(before.rows[0]?.version ?? 0));
  });

  it('PATCH keeps the seguimiento rules: concluido is 100 %, progress goes down only with a note, overspending needs a justification', async () => {
    await createUser(db.url, { email: 'reglas@projects.example', roles: ['planeacion'] });
    const auth = { authorization: `Bearer ${await bearer(db.url, 'reglas@projects.example')}` };
    const { rows: [p] } = await db.pool.query<{ id: number; avance: number; aprobado: number }>(
      `SELECT id, avance::float8 AS avance, presupuesto_aprobado::float8 AS aprobado FROM plan.projects
       WHERE avance BETWEEN 20 AND 90 AND presupuesto_ejercido <= presupuesto_aprobado AND estatus <> 'concluido' ORDER BY id LIMIT 1`,
    );
    const url = `/api/projects/${p.id}`;
    const row = async () => (await db.pool.query('SELECT estatus, avance::float8 AS avance, presupuesto_ejercido::float8 AS ejercido FROM plan.projects WHERE id = $1', [p.id])).rows[0];
    const start = await row();
    const refused = async (payload: object, field: string) => {
      const r = await app.inject({ method: 'PATCH', url, payload, headers: auth });
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().parameter).toBe(field);
      expect(r.json().errores.map((e: { field: string }) => e.field)).toContain(field);
      expect(await row()).toEqual(start);
    };
    await refused({ estatus: 'concluido', avance: 90 }, 'avance');
    await refused({ avance: p.avance - 10 }, 'nota');
    await refused({ presupuesto_ejercido: p.aprobado + 1000 }, 'justificacion_sobreejercicio');
    const down = await app.inject({ method: 'PATCH', url, payload: { avance: p.avance - 10, nota: 'Se rehízo un tramo dañado por lluvias' }, headers: auth });
    expect(down.statusCode, down.body).toBe(200);
    const over = await app.inject({ method: 'PATCH', url, payload: { presupuesto_ejercido: p.aprobado + 1000, justificacion_sobreejercicio: 'Ampliación autorizada por cabildo' }, headers: auth });
    expect(over.statusCode, over.body).toBe(200);
    expect(over.json().justificacion_sobreejercicio).toBe('Ampliación autorizada por cabildo');
  });
});

describe('isochrone', () => {
  it('answers a polygon when pgRouting is installed, 501 otherwise', async () => {
    const { rows } = await db.pool.query(`SELECT 1 FROM pg_extension WHERE extname = 'pgrouting'`);
    const res = await app.inject(`/api/isochrone?lon=${origin[0]}&lat=${origin[1]}&minutes=10`);
    if (rows.length === 0) {
      expect(res.statusCode).toBe(501);
      return;
    }
    expect(res.statusCode).toBe(200);
    const f = res.json();
    expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
    expect(f.properties.nodes).toBeGreaterThan(1);
    const { rows: inside } = await db.pool.query(
      `SELECT ST_Intersects(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326), ST_SetSRID(ST_MakePoint($2, $3), 4326)) AS ok`, [JSON.stringify(f.geometry), ...origin],
    );
    expect(inside[0].ok).toBe(true);
    const near = (await app.inject(`/api/projects/near?lon=${origin[0]}&lat=${origin[1]}&walk_minutes=10`)).json();
    for (const p of near.items) {
      const { rows: r } = await db.pool.query(
        `SELECT ST_Intersects(ST_Transform(geom, 4326), ST_SetSRID(ST_GeomFromGeoJSON($1), 4326)) ok FROM plan.projects WHERE id = $2`, [JSON.stringify(f.geometry), p.id],
      );
      expect(r[0].ok).toBe(true);
    }
  });
});
