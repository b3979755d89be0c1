import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  MODERATION_STATES, ModerationAction, ModerationQueue, ModerationResult, REPORT_STATUSES, ReportCategory, ReportCategoryInput,
  type ModerationState,
} from '@sigmun/domain/participation-reports';
import { Problem } from '@sigmun/domain/problem';
import { StringEnum } from '@sigmun/domain/schema';
import { HttpError, badRequest, notFound } from '../../errors.ts';
import { sendPhoto } from '../../lib/photos.ts';
import type { ModerationChange } from '../../repositories/participation-reports.ts';
import { PHOTO_FOLDER } from '../participation/reports.ts';
import { PROPOSAL_PHOTOS, moderateProposal } from '../participation/proposals.ts';

const Id = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }) });

/** Turns a moderation action into the change of a report; 400 naming the missing or bad field. */
export function reportChange(a: ModerationAction, duplicadoDe: number | null): ModerationChange {
  switch (a.accion) {
    case 'aprobar':
      return { moderacion: 'aprobado', ...(a.nota !== undefined ? { nota: a.nota } : {}) };
    case 'rechazar':
      if (!a.motivo) throw badRequest('motivo', 'Para rechazar escriba el motivo que verá la persona que reportó.');
      return { moderacion: 'rechazado', estatus: 'rechazado', nota: a.motivo };
    case 'duplicado':
      if (duplicadoDe === null) throw badRequest('duplicado_de', 'Indique el folio del reporte original.');
      return { moderacion: 'duplicado', duplicadoDe, nota: a.nota ?? null };
    case 'asignar':
      if (!a.dependencia) throw badRequest('dependencia', 'Indique la dependencia a la que se asigna.');
      return { dependencia: a.dependencia, ...(a.estatus ? { estatus: checkStatus(a.estatus) } : {}), ...(a.nota !== undefined ? { nota: a.nota } : {}) };
    case 'estatus':
      if (!a.estatus) throw badRequest('estatus', `Indique el estatus: ${REPORT_STATUSES.join(', ')}.`);
      return { estatus: checkStatus(a.estatus), ...(a.nota !== undefined ? { nota: a.nota } : {}) };
  }
}

function checkStatus(s: string): string {
  if (!(REPORT_STATUSES as readonly string[]).includes(s)) throw badRequest('estatus', `Estatus desconocido «${s}»; posibles: ${REPORT_STATUSES.join(', ')}.`);
  return s;
}

/** Moderation of citizen reports and proposals (role moderacion) and the report categories (role planeacion). */
const moderation: FastifyPluginAsyncTypebox = async (app) => {
  const repo = () => app.participationReportsRepository;

  app.get('/api/moderation/queue', {
    config: { roles: ['moderacion'] },
    schema: {
      tags: ['moderación'], summary: 'Cola de moderación: reportes y propuestas, con sus datos de contacto (solo moderación)',
      querystring: Type.Object({
        estado: Type.Optional(StringEnum(MODERATION_STATES, { default: 'pendiente' })),
        objeto: Type.Optional(StringEnum(['reporte', 'propuesta', 'todos'] as const)),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
      }, { additionalProperties: false }),
      response: { 200: ModerationQueue, 400: Problem },
    },
  }, async (req) => {
    const estado = (req.query.estado ?? 'pendiente') as ModerationState;
    const limit = req.query.limit ?? 100;
    const objeto = req.query.objeto ?? 'todos';
    const items = [
      ...(objeto !== 'propuesta' ? await repo().queue(estado, limit) : []),
      ...(objeto !== 'reporte' ? await app.proposalsRepository.queue(estado, limit) : []),
    ].sort((a, b) => a.creado.localeCompare(b.creado)).slice(0, limit);
    return { items, total: items.length };
  });

  app.post('/api/moderation/reportes/:id/acciones', {
    config: { roles: ['moderacion'] },
    schema: {
      tags: ['moderación'], summary: 'Aprobar, rechazar, marcar duplicado, asignar o cambiar el estatus de un reporte',
      params: Id, body: ModerationAction, response: { 200: ModerationResult, 400: Problem, 404: Problem },
    },
  }, async (req) => {
    const a = req.body;
    let duplicadoDe: number | null = null;
    if (a.accion === 'duplicado' && a.duplicado_de) {
      duplicadoDe = await repo().idByFolio(a.duplicado_de);
      if (duplicadoDe === null) throw badRequest('duplicado_de', `No existe el reporte con folio «${a.duplicado_de}».`);
      if (duplicadoDe === req.params.id) throw badRequest('duplicado_de', 'Un reporte no puede ser duplicado de sí mismo.');
    }
    const change = reportChange(a, duplicadoDe);
    const row = await app.writeTx(req, (c) => repo().on(c).moderate(req.params.id, a.accion, change, a.motivo ?? a.nota ?? null));
    if (!row) throw notFound(`No existe el reporte ${req.params.id} (o es un reporte importado, que solo admite estatus y asignación).`);
    return { objeto: 'reporte' as const, ...row };
  });

  app.post('/api/moderation/propuestas/:id/acciones', {
    config: { roles: ['moderacion'] },
    schema: {
      tags: ['moderación'], summary: 'Aprobar, rechazar, marcar duplicada, asignar o cambiar el estatus de una propuesta',
      params: Id, body: ModerationAction, response: { 200: ModerationResult, 400: Problem, 404: Problem },
    },
  }, async (req) => moderateProposal(app, req, req.params.id, req.body));

  app.get('/api/moderation/reportes/:id/foto', {
    config: { roles: ['moderacion'] },
    schema: { tags: ['moderación'], summary: 'Foto de un reporte, aún sin publicar', params: Id, response: { 200: Type.Unknown({ description: 'image/jpeg' }), 404: Problem } },
  }, async (req, reply) => {
    const id = await repo().photoById(req.params.id);
    if (!id) throw new HttpError(404, `El reporte ${req.params.id} no tiene foto.`);
    return sendPhoto(reply, app.config.mediaDir, PHOTO_FOLDER, `${id}.jpg`);
  });

  app.get('/api/moderation/propuestas/:id/foto', {
    config: { roles: ['moderacion'] },
    schema: { tags: ['moderación'], summary: 'Foto de una propuesta, aún sin publicar', params: Id, response: { 200: Type.Unknown({ description: 'image/jpeg' }), 404: Problem } },
  }, async (req, reply) => {
    const id = await app.proposalsRepository.photoById(req.params.id);
    if (!id) throw new HttpError(404, `La propuesta ${req.params.id} no tiene foto.`);
    return sendPhoto(reply, app.config.mediaDir, PROPOSAL_PHOTOS, `${id}.jpg`);
  });

  app.get('/api/moderation/categories', {
    config: { roles: ['planeacion', 'moderacion'] },
    schema: { tags: ['moderación'], summary: 'Todas las categorías de reporte, también las inactivas', response: { 200: Type.Object({ categorias: Type.Array(ReportCategory) }) } },
  }, async () => ({ categorias: await repo().categories(true) }));

  app.put('/api/participation/categories/:clave', {
    config: { roles: ['planeacion'] },
    schema: {
      tags: ['participación'], summary: 'Crear o editar una categoría de reporte (planeación)',
      params: Type.Object({ clave: Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$' }) }),
      body: ReportCategoryInput, response: { 200: ReportCategory, 400: Problem },
    },
  }, async (req) => app.writeTx(req, (c) => repo().on(c).upsertCategory(req.params.clave, req.body)));
};
export default moderation;
