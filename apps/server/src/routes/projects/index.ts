import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { parseBbox } from '@sigmun/domain/ogc';
import { Problem } from '@sigmun/domain/problem';
import {
  EjeTree, Isochrone, NearProjects, PROJECT_STATUSES, ProjectCard, ProjectList, ProjectPatch, WALK_M_PER_MIN,
} from '@sigmun/domain/projects';
import { avanceProblems, FormProblem, projectProblems } from '@sigmun/domain/seguimiento';
import { badRequest, FormError, HttpError, notFound } from '../../errors.ts';
import type { FastifyInstance } from 'fastify';

const Lon = Type.Number({ minimum: -180, maximum: 180, description: 'Longitud WGS84' });
const Lat = Type.Number({ minimum: -85, maximum: 85, description: 'Latitud WGS84' });
const Minutes = Type.Number({ minimum: 1, maximum: 60, description: 'Minutos caminando (4.5 km/h)' });
const StatusList = Type.String({ maxLength: 200, description: `Estatus separados por comas: ${PROJECT_STATUSES.join(', ')}` });
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });

/** Splits and checks a comma-separated status list. */
function statuses(raw: string | undefined, param: string): string[] | null {
  if (raw === undefined) return null;
  const list = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = list.filter((s) => !(PROJECT_STATUSES as readonly string[]).includes(s));
  if (bad.length || !list.length) throw badRequest(param, `Estatus desconocido: ${bad.join(', ') || '(vacío)'}; posibles: ${PROJECT_STATUSES.join(', ')}`);
  return list;
}

/** The isochrone, or a 501 when pgRouting is missing and a 4xx when the point is off the street network. */
async function isochroneOrFail(app: FastifyInstance, lon: number, lat: number, minutes: number) {
  if (!(await app.isochroneRepository.hasPgRouting())) {
    throw new HttpError(501, 'Las isócronas requieren la extensión pgRouting, que no está instalada en esta base de datos.');
  }
  const iso = await app.isochroneRepository.walk(lon, lat, minutes);
  if (iso.snap_m === null) throw notFound('No hay red vial cargada para calcular la isócrona.');
  if (iso.snap_m > 1000) throw badRequest('lon', `El punto está a ${Math.round(iso.snap_m)} m de la calle más cercana (máximo 1000 m).`);
  return iso;
}


/** Projects of the Plan Municipal de Desarrollo, the ejes tree, proximity and walking isochrones. */
const projects: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/projects', {
    schema: {
      tags: ['proyectos'],
      summary: 'Proyectos con filtros (eje, programa, estatus, dependencia, año, bbox)',
      querystring: Type.Object({
        eje: Type.Optional(Type.Integer({ minimum: 1, maximum: 32767 })),
        programa: Type.Optional(Type.String({ maxLength: 64, description: 'Id o clave del programa' })),
        estatus: Type.Optional(StatusList),
        dependencia: Type.Optional(Type.String({ maxLength: 200 })),
        anio: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2100 })),
        bbox: Type.Optional(Type.String({ description: 'minLon,minLat,maxLon,maxLat' })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
        offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
      }, { additionalProperties: false }),
      response: { 200: ProjectList, 400: Problem },
    },
  }, async (req) => {
    const q = req.query;
    let bbox = null;
    if (q.bbox !== undefined) {
      const r = parseBbox(q.bbox);
      if ('error' in r) throw badRequest('bbox', r.error);
      bbox = r.bbox;
    }
    const limit = q.limit ?? 100;
    const offset = q.offset ?? 0;
    const filters = { eje: q.eje ?? null, programa: q.programa ?? null, estatus: statuses(q.estatus, 'estatus'), dependencia: q.dependencia ?? null, anio: q.anio ?? null, bbox };
    return { limit, offset, ...(await app.projectsRepository.list(filters, limit, offset)) };
  });

  app.get('/api/plan/ejes', {
    schema: { tags: ['proyectos'], summary: 'Ejes del plan con sus programas y número de proyectos', response: { 200: EjeTree } },
  }, async () => ({ ejes: await app.projectsRepository.ejes() }));

  app.get('/api/projects/near', {
    schema: {
      tags: ['proyectos'],
      summary: 'Proyectos más cercanos a un punto (distancia real en metros), opcionalmente a pie en N minutos',
      querystring: Type.Object({
        lon: Lon,
        lat: Lat,
        radius_m: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 200_000 })),
        status: Type.Optional(StatusList),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 20 })),
        walk_minutes: Type.Optional(Minutes),
      }, { additionalProperties: false }),
      response: { 200: NearProjects, 400: Problem, 501: Problem },
    },
  }, async (req) => {
    const q = req.query;
    const within = q.walk_minutes !== undefined ? (await isochroneOrFail(app, q.lon, q.lat, q.walk_minutes)).ewkb : null;
    if (q.walk_minutes !== undefined && within === null) {
      return { origin: [q.lon, q.lat] as [number, number], radius_m: q.radius_m ?? null, walk_minutes: q.walk_minutes, items: [] };
    }
    const near = await app.projectsRepository.near(q.lon, q.lat, q.radius_m ?? null, statuses(q.status, 'status'), q.limit ?? 20, within);
    // On foot, people ask "how many minutes", not "how many metres as the crow flies": minutes along the streets.
    const walked = q.walk_minutes !== undefined ? new Map((await app.isochroneRepository.walkMinutesTo(q.lon, q.lat, q.walk_minutes, near.map((p) => p.id))).map((w) => [w.id, w.minutes])) : null;
    const items = walked ? near.map((p) => ({ ...p, walk_min: walked.get(p.id) ?? null })).sort((a, b) => (a.walk_min ?? Infinity) - (b.walk_min ?? Infinity)) : near;
    return { origin: [q.lon, q.lat] as [number, number], radius_m: q.radius_m ?? null, walk_minutes: q.walk_minutes ?? null, items };
  });

  app.get('/api/projects/:id', {
    schema: { tags: ['proyectos'], summary: 'Ficha de un proyecto', params: IdParams, response: { 200: ProjectCard, 404: Problem } },
  }, async (req) => {
    const card = await app.projectsRepository.card(req.params.id);
    if (!card) throw notFound(`No existe el proyecto ${req.params.id}`);
    return card;
  });

  app.patch('/api/projects/:id', {
    schema: {
      tags: ['proyectos'],
      summary: 'Edita estatus, avance, presupuesto ejercido, geometría o agrega una nota de avance',
      description: 'Un usuario `dependencia` solo edita proyectos de sus dependencias (403 y nada cambia en otro caso). Queda en la bitácora (GET /api/audit).',
      params: IdParams,
      body: ProjectPatch,
      response: { 200: ProjectCard, 400: FormProblem, 401: Problem, 403: Problem, 404: Problem },
    },
    config: { roles: ['planeacion', 'dependencia'] },
  }, async (req) => {
    const b = req.body;
    const user = req.user!;
    let geometry: string | undefined;
    if (b.geometry) {
      geometry = JSON.stringify(b.geometry);
      const problem = await app.geometryRepository.problem(geometry, ['POINT', 'LINESTRING', 'POLYGON', 'MULTIPOINT', 'MULTILINESTRING', 'MULTIPOLYGON'], 5000);
      if (problem) throw badRequest('geometry', problem);
    }
    const anyProject = user.roles.includes('admin') || user.roles.includes('planeacion');
    return app.writeTx(req, async (c) => {
      const repo = app.projectsRepository.on(c);
      const access = await repo.lockForEdit(req.params.id, anyProject ? null : user.dependencias);
      if (access === 'missing') throw notFound(`No existe el proyecto ${req.params.id}`);
      if (access === 'forbidden') throw new HttpError(403, 'Este proyecto no es de su dependencia: no puede editarlo.');
      // The same consistency rules as the seguimiento forms: a quick edit is no way around them.
      const cur = (await repo.card(req.params.id))!;
      const next = {
        ...cur, estatus: b.estatus ?? cur.estatus, avance: b.avance ?? cur.avance, presupuesto_ejercido: b.presupuesto_ejercido ?? cur.presupuesto_ejercido,
        justificacion_sobreejercicio: b.justificacion_sobreejercicio ?? cur.justificacion_sobreejercicio,
      };
      // The edit reads as a report dated today after the current state; only the rules about what it changes apply
      // (dates are the seguimiento form's; a budget left as it was is not re-judged).
      const today = new Date().toISOString().slice(0, 10);
      const judged = new Set([
        ...(b.estatus !== undefined || b.avance !== undefined ? ['concluido_100'] : []),
        ...(b.avance !== undefined ? ['avance_baja'] : []),
        ...(b.presupuesto_ejercido !== undefined ? ['sobreejercicio'] : []),
      ]);
      const broken = [
        ...projectProblems(next),
        ...avanceProblems({ ...next, fecha: today, nota: b.nota ?? null, justificacion: next.justificacion_sobreejercicio }, { ...cur, fecha_inicio: null }, { fecha: today, avance: cur.avance }, today),
      ].filter((e, k, all) => judged.has(e.code) && all.findIndex((o) => o.code === e.code) === k);
      if (broken.length) throw new FormError(broken);
      await repo.update(req.params.id, {
        estatus: b.estatus, avance: b.avance, presupuesto_ejercido: b.presupuesto_ejercido, justificacion_sobreejercicio: b.justificacion_sobreejercicio, geometry,
      });
      if (b.nota) await repo.addProgressNote(req.params.id, b.nota);
      return (await repo.card(req.params.id))!;
    });
  });

  app.get('/api/isochrone', {
    schema: {
      tags: ['proyectos'],
      summary: 'Área alcanzable a pie por la red vial (pgRouting, 4.5 km/h)',
      querystring: Type.Object({ lon: Lon, lat: Lat, minutes: Minutes }, { additionalProperties: false }),
      response: { 200: Isochrone, 400: Problem, 404: Problem, 501: Problem },
    },
  }, async (req) => {
    const { lon, lat, minutes } = req.query;
    const iso = await isochroneOrFail(app, lon, lat, minutes);
    return {
      type: 'Feature' as const,
      geometry: iso.geojson ? JSON.parse(iso.geojson) : null,
      properties: { minutes, nodes: iso.nodes, origin: [lon, lat] as [number, number], velocidad_m_min: WALK_M_PER_MIN },
    };
  });
};
export default projects;
