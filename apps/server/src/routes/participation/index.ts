import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from '@sinclair/typebox';
import { PROPOSAL_STATUSES, ProcessList, ProcessResults, ZoneAtPoint } from '@sigmun/domain/participation';
import { Problem } from '@sigmun/domain/problem';
import { badRequest, notFound } from '../../errors.ts';
import type { FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import reports from './reports.ts';
import proposals from './proposals.ts';

const Clave = Type.Object({ clave: Type.String({ maxLength: 64, description: 'Clave del proceso' }) });

async function processOr404(app: FastifyInstance, clave: string) {
  const p = await app.participationRepository.process(clave);
  if (!p) throw notFound(`No existe el proceso participativo "${clave}"`);
  return p;
}

/** Sends GeoJSON text built by PostgreSQL without parsing it again. */
const sendGeoJson = (reply: FastifyReply, body: string) => reply.type('application/geo+json').send(body);

/** Participación ciudadana: processes, results by zone, proposals and "my zone". */
const participation: FastifyPluginAsyncTypebox = async (app) => {
  // The device cookie of supports and submission limits; the identity plugin may already parse cookies app-wide.
  if (!app.hasRequestDecorator('cookies')) await app.register(cookie);
  await app.register(reports);
  await app.register(proposals);
  app.get('/api/participation/processes', {
    schema: { tags: ['participación'], summary: 'Procesos participativos', response: { 200: ProcessList } },
  }, async () => ({ processes: await app.participationRepository.processes() }));

  app.get('/api/participation/processes/:clave/results', {
    schema: {
      tags: ['participación'],
      summary: 'Resultados por zona: lista nominal, participantes, % de participación y propuesta ganadora',
      params: Clave,
      response: { 200: ProcessResults, 404: Problem },
    },
  }, async (req) => {
    const process = await processOr404(app, req.params.clave);
    const zones = await app.participationRepository.zoneResults(process.id);
    const sum = (k: 'lista_nominal' | 'participantes' | 'votos_validos' | 'votos_nulos') => zones.reduce((a, z) => a + (z[k] ?? 0), 0);
    const lista = sum('lista_nominal');
    const part = sum('participantes');
    return {
      process,
      totales: {
        lista_nominal: lista, participantes: part, votos_validos: sum('votos_validos'), votos_nulos: sum('votos_nulos'),
        participacion: lista > 0 ? Math.round((10000 * part) / lista) / 100 : null,
      },
      zones,
    };
  });

  app.get('/api/participation/processes/:clave/proposals', {
    schema: {
      tags: ['participación'],
      summary: 'Propuestas de un proceso (GeoJSON) con estatus, votos y proyecto vinculado',
      params: Clave,
      querystring: Type.Object({
        estatus: Type.Optional(Type.String({ maxLength: 200, description: `Separados por comas: ${PROPOSAL_STATUSES.join(', ')}` })),
        zone: Type.Optional(Type.String({ maxLength: 64, description: 'Clave o id de la zona' })),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({ type: Type.Literal('FeatureCollection'), features: Type.Array(Type.Unknown()), numberReturned: Type.Integer() }),
        400: Problem, 404: Problem,
      },
    },
  }, async (req, reply) => {
    const process = await processOr404(app, req.params.clave);
    let estatus: string[] | null = null;
    if (req.query.estatus !== undefined) {
      estatus = req.query.estatus.split(',').map((s) => s.trim()).filter(Boolean);
      const bad = estatus.filter((s) => !(PROPOSAL_STATUSES as readonly string[]).includes(s));
      if (bad.length || !estatus.length) throw badRequest('estatus', `Estatus desconocido: ${bad.join(', ') || '(vacío)'}; posibles: ${PROPOSAL_STATUSES.join(', ')}`);
    }
    const r = await app.participationRepository.proposals(process.id, estatus, req.query.zone ?? null);
    return sendGeoJson(reply, `{"type":"FeatureCollection","numberReturned":${r.count},"features":[${r.features}]}`);
  });

  app.get('/api/participation/zone', {
    schema: {
      tags: ['participación'],
      summary: 'La zona de participación de un punto y sus resultados',
      querystring: Type.Object({
        lon: Type.Number({ minimum: -180, maximum: 180 }),
        lat: Type.Number({ minimum: -85, maximum: 85 }),
        process: Type.Optional(Type.String({ maxLength: 64, description: 'Clave del proceso (el más reciente si se omite)' })),
      }, { additionalProperties: false }),
      response: { 200: ZoneAtPoint, 404: Problem },
    },
  }, async (req) => {
    if (req.query.process !== undefined) await processOr404(app, req.query.process);
    const z = await app.participationRepository.zoneAt(req.query.lon, req.query.lat, req.query.process ?? null);
    if (!z) throw notFound('El punto no está dentro de ninguna zona de participación');
    return z;
  });
};
export default participation;
