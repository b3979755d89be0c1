import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { PROPOSAL_STATUSES } from '@sigmun/domain/participation';
import { AVISO_PRIVACIDAD_VERSION, DataRemovalRequest, DataRemovalResult, SubmissionReceipt, type ModerationAction } from '@sigmun/domain/participation-reports';
import {
  PROPOSAL_LIMITS, ProcessRanking, ProposalProjectResult, ProposalRef, ProposalSubmission, ProposalToProject, PublicProposal, SupportResult,
} from '@sigmun/domain/participation-proposals';
import { Problem } from '@sigmun/domain/problem';
import { HttpError, badRequest, notFound } from '../../errors.ts';
import { citizenHash, citizenTx, deviceId, enforceLimits, hashPrivateCode, newFolio, newPrivateCode } from '../../lib/citizen.ts';
import { processPhoto, sendPhoto, storePhoto } from '../../lib/photos.ts';
import type { ProposalChange } from '../../repositories/proposals.ts';
import { decodePhotoField, submissionLimits } from './reports.ts';

/** Folder of proposal photos under the media directory (read by the moderation routes too). */
export const PROPOSAL_PHOTOS = 'propuestas';
const Clave = Type.Object({ clave: Type.String({ maxLength: 64, description: 'Clave del proceso' }) });

/** A numeric rule of a process (`reglas` is data), or the default. */
const rule = (reglas: Record<string, unknown>, key: string, def: number) => (typeof reglas[key] === 'number' ? (reglas[key] as number) : def);

/** Applies a moderation action to a proposal in an audited transaction (route of the moderation family). */
export async function moderateProposal(app: FastifyInstance, req: FastifyRequest, id: number, a: ModerationAction) {
  const repo = app.proposalsRepository;
  let change: ProposalChange;
  switch (a.accion) {
    case 'aprobar': change = { moderacion: 'aprobado' }; break;
    case 'rechazar':
      if (!a.motivo) throw badRequest('motivo', 'Para rechazar escriba el motivo que verá la persona que propuso.');
      change = { moderacion: 'rechazado', motivo: a.motivo }; break;
    case 'duplicado': {
      const orig = a.duplicado_de ? await repo.idByFolio(a.duplicado_de) : null;
      if (orig === null) throw badRequest('duplicado_de', 'Indique el folio de la propuesta original.');
      if (orig === id) throw badRequest('duplicado_de', 'Una propuesta no puede ser duplicada de sí misma.');
      change = { moderacion: 'duplicado', duplicadoDe: orig }; break;
    }
    case 'asignar':
      if (!a.dependencia) throw badRequest('dependencia', 'Indique la dependencia a la que se asigna.');
      change = { dependencia: a.dependencia }; break;
    case 'estatus':
      if (!a.estatus || !(PROPOSAL_STATUSES as readonly string[]).includes(a.estatus)) {
        throw badRequest('estatus', `Estatus de propuesta: ${PROPOSAL_STATUSES.join(', ')}.`);
      }
      change = { estatus: a.estatus }; break;
  }
  const row = await app.writeTx(req, (c) => repo.on(c).moderate(id, a.accion, change, a.nota ?? null));
  if (!row) throw notFound(`No existe la propuesta ${id}.`);
  return { objeto: 'propuesta' as const, ...row };
}

/** Citizen proposals: submission in an open process, public page, supports, ranking, and proposal → project. */
const proposals: FastifyPluginAsyncTypebox = async (app) => {
  const repo = () => app.proposalsRepository;

  app.post('/api/participation/processes/:clave/proposals', {
    schema: {
      tags: ['participación'], summary: 'Enviar una propuesta a un proceso abierto (se publica después de moderarse)',
      params: Clave, body: ProposalSubmission, response: { 201: SubmissionReceipt, 400: Problem, 404: Problem, 409: Problem, 413: Problem, 415: Problem, 429: Problem },
    },
  }, async (req, reply) => {
    const ipHash = await citizenHash(app, req.ip);
    const deviceHash = await citizenHash(app, deviceId(req, reply));
    await enforceLimits(app, submissionLimits(ipHash, deviceHash));
    const b = req.body;
    if (b.sitio_web) throw badRequest('sitio_web', 'El envío parece automático y no se registró.');
    const proc = await repo().processWindow(req.params.clave);
    if (!proc) throw notFound(`No existe el proceso participativo «${req.params.clave}».`);
    if (!proc.recibe_propuestas) throw new HttpError(409, `El proceso «${proc.nombre}» no está recibiendo propuestas en estas fechas.`);
    if (!(await app.participationReportsRepository.insideMunicipality(b.lon, b.lat))) throw badRequest('lat', 'El lugar de la propuesta está fuera del municipio.');
    const max = rule(proc.reglas, 'max_propuestas_por_dispositivo', PROPOSAL_LIMITS.propuestasPorDispositivo);
    if ((await repo().countByDevice(proc.id, deviceHash)) >= max) {
      throw new HttpError(429, `Este proceso admite ${max} propuestas por dispositivo.`);
    }
    const zoneId = await repo().zoneOf(proc.id, b.lon, b.lat);
    const photo = b.foto ? await storePhoto(app.config.mediaDir, PROPOSAL_PHOTOS, await processPhoto(decodePhotoField(b.foto), 'foto')) : null;
    const folio = newFolio('P');
    const code = newPrivateCode();
    try {
      await citizenTx(app, req, deviceHash, (c) => repo().on(c).insertProposal({
        processId: proc.id, zoneId, folio, titulo: b.titulo.trim(), descripcion: b.descripcion.trim(), categoria: b.categoria.trim(),
        lon: b.lon, lat: b.lat, foto: photo?.id ?? null, nombre: b.nombre?.trim() || null, email: b.email?.trim().toLowerCase() || null,
        telefono: b.telefono?.trim() || null, ipHash, dispositivoHash: deviceHash, avisoVersion: AVISO_PRIVACIDAD_VERSION, claveHash: code.hash,
      }));
    } catch (e) {
      await photo?.remove();
      throw e;
    }
    return reply.status(201).send({ folio, clave: code.clave, moderacion: 'pendiente' as const, seguimiento: `/propuesta/${folio}` });
  });

  app.get('/api/participation/proposals/:folio', {
    schema: { tags: ['participación'], summary: 'Página pública de una propuesta: apoyos, estatus y el proyecto en que se convirtió', params: ProposalRef, response: { 200: PublicProposal, 404: Problem } },
  }, async (req) => {
    const p = await repo().publicProposal(req.params.folio);
    if (!p) throw notFound(`No existe la propuesta «${req.params.folio}».`);
    return p;
  });

  app.get('/api/participation/proposals/:folio/foto', {
    schema: { tags: ['participación'], summary: 'Foto de una propuesta publicada', params: ProposalRef, response: { 200: Type.Unknown({ description: 'image/jpeg' }), 404: Problem } },
  }, async (req, reply) => {
    const id = await repo().publicPhoto(req.params.folio);
    if (!id) throw notFound(`La propuesta «${req.params.folio}» no tiene foto publicada.`);
    return sendPhoto(reply, app.config.mediaDir, PROPOSAL_PHOTOS, `${id}.jpg`);
  });

  app.post('/api/participation/proposals/:folio/apoyos', {
    schema: {
      tags: ['participación'], summary: 'Apoyar una propuesta (uno por dispositivo; el segundo del mismo dispositivo responde 409)', params: ProposalRef,
      response: { 200: SupportResult, 404: Problem, 409: Problem, 429: Problem },
    },
  }, async (req, reply) => {
    const p = await repo().supportable(req.params.folio);
    if (!p) throw notFound(`No existe la propuesta publicada «${req.params.folio}».`);
    if (!p.recibe_apoyos) throw new HttpError(409, `El proceso «${p.nombre}» no está recibiendo apoyos en estas fechas.`);
    const ipHash = await citizenHash(app, req.ip);
    const deviceHash = await citizenHash(app, deviceId(req, reply));
    await enforceLimits(app, [{ ambito: 'apoyo_ip', clave: ipHash, limite: rule(p.reglas, 'max_apoyos_por_ip_hora', PROPOSAL_LIMITS.apoyosPorIpPorHora),
      ventanaSegundos: 3600, mensaje: 'Demasiados apoyos desde esta conexión en la última hora; intente más tarde.' }]);
    const r = await citizenTx(app, req, deviceHash, (c) => repo().on(c).support(p.proposal_id, deviceHash, ipHash));
    // A second support from the same device changed nothing: say so as a refusal the page can show.
    if (!r.nuevo) throw new HttpError(409, 'Ya apoyó esta propuesta desde este dispositivo: se cuenta un apoyo por dispositivo.');
    return { folio: req.params.folio, ...r };
  });

  app.post('/api/participation/proposals/:folio/borrar-datos', {
    schema: {
      tags: ['participación'],
      summary: 'Borrar los datos personales de quien hizo una propuesta (derecho de cancelación, LFPDPPP) con la clave privada',
      params: ProposalRef, body: DataRemovalRequest, response: { 200: DataRemovalResult, 404: Problem, 429: Problem },
    },
  }, async (req) => {
    const ipHash = await citizenHash(app, req.ip);
    // The same budget as reports' removals: guessing a private code is as slow from either form.
    await enforceLimits(app, [{ ambito: 'borrar_ip', clave: ipHash, limite: 10, ventanaSegundos: 3600,
      mensaje: 'Demasiadas solicitudes de borrado desde esta conexión; intente más tarde.' }]);
    const at = await citizenTx(app, req, ipHash, (c) => repo().on(c).erasePersonalData(req.params.folio, hashPrivateCode(req.body.clave)));
    if (!at) throw new HttpError(404, 'El folio y la clave no coinciden con ninguna propuesta.', 'clave');
    return { folio: req.params.folio, datos_borrados: at };
  });

  app.get('/api/participation/processes/:clave/ranking', {
    schema: { tags: ['participación'], summary: 'Propuestas aprobadas por zona, de la más apoyada a la menos, con lo que resultó de cada una', params: Clave, response: { 200: ProcessRanking, 404: Problem } },
  }, async (req) => {
    const proc = await repo().processWindow(req.params.clave);
    if (!proc) throw notFound(`No existe el proceso participativo «${req.params.clave}».`);
    const zonas = await repo().ranking(proc.id);
    return {
      proceso: { clave: proc.clave, nombre: proc.nombre, recibe_propuestas: proc.recibe_propuestas, recibe_apoyos: proc.recibe_apoyos },
      zonas: zonas as ProcessRanking['zonas'],
    };
  });

  app.post('/api/participation/proposals/:id/proyecto', {
    config: { roles: ['planeacion'] },
    schema: {
      tags: ['participación'], summary: 'Convertir una propuesta aprobada en proyecto del plan (prellenado, vinculado en ambos sentidos)',
      params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) }), body: ProposalToProject,
      response: { 201: ProposalProjectResult, 400: Problem, 404: Problem, 409: Problem },
    },
  }, async (req, reply) => {
    if (!(await repo().programExists(req.body.programa_id))) throw badRequest('programa_id', `No existe el programa ${req.body.programa_id}.`);
    const r = await app.writeTx(req, (c) => repo().on(c).createProject(req.params.id, req.body));
    if (r === null) throw notFound(`No existe la propuesta aprobada ${req.params.id}.`);
    if (r === 'linked') throw new HttpError(409, `La propuesta ${req.params.id} ya tiene un proyecto vinculado.`);
    return reply.status(201).send({ proposal_id: req.params.id, project: r });
  });
};
export default proposals;
