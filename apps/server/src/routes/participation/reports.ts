import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  AVISO_PRIVACIDAD_VERSION, DataRemovalRequest, DataRemovalResult, Folio, PublicReport, ReportCategoryList, ReportSubmission,
  SUBMISSION_LIMITS, SubmissionReceipt,
} from '@sigmun/domain/participation-reports';
import { Problem } from '@sigmun/domain/problem';
import { HttpError, badRequest, notFound } from '../../errors.ts';
import { Type } from '@sinclair/typebox';
import { processPhoto, sendPhoto, storePhoto } from '../../lib/photos.ts';
import { citizenHash, citizenTx, deviceId, enforceLimits, hashPrivateCode, newFolio, newPrivateCode } from '../../lib/citizen.ts';

/** What a report submission needs, whether it comes from the web form or from Open311. */
export interface ReportInput {
  categoria: string;
  lon: number;
  lat: number;
  descripcion: string;
  foto?: Buffer | null;
  nombre?: string | null;
  email?: string | null;
  telefono?: string | null;
  canal: 'web' | 'open311';
}

/** Folder of citizen report photos under MEDIA_DIR (photos.ts). */
export const PHOTO_FOLDER = 'reportes';

/** The bytes of a base64 photo field (plain or a data: URL); 400 naming `foto` when it is not base64. */
export function decodePhotoField(value: string): Buffer {
  const b64 = value.replace(/^data:[a-z/+.-]+;base64,/i, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 !== 0) throw badRequest('foto', 'La foto debe enviarse en base64 (o como data: URL).');
  return Buffer.from(b64, 'base64');
}

/**
 * Checks limits and place, stores a pending report with its private data in one audited transaction and returns
 * the receipt. Throws HttpError 429 (limits), 400 (outside the municipality, unknown category).
 */
export async function submitReport(app: FastifyInstance, request: FastifyRequest, deviceHash: string, ipHash: string, r: ReportInput) {
  if (!(await app.participationReportsRepository.insideMunicipality(r.lon, r.lat))) {
    throw badRequest('lat', 'El lugar del reporte está fuera del municipio; elija un punto dentro de él.');
  }
  const folio = newFolio('R');
  const code = newPrivateCode();
  // Re-encoded without metadata before anything is stored; removed again if the transaction does not commit.
  const photo = r.foto ? await storePhoto(app.config.mediaDir, PHOTO_FOLDER, await processPhoto(r.foto, 'foto')) : null;
  let row;
  try {
    row = await citizenTx(app, request, deviceHash, (client) => app.participationReportsRepository.on(client).insertReport({
      folio, categoria: r.categoria, descripcion: r.descripcion.trim(), lon: r.lon, lat: r.lat, canal: r.canal, foto: photo?.id ?? null,
      nombre: r.nombre?.trim() || null, email: r.email?.trim().toLowerCase() || null, telefono: r.telefono?.trim() || null,
      ipHash, dispositivoHash: deviceHash, avisoVersion: AVISO_PRIVACIDAD_VERSION, claveHash: code.hash,
    }));
  } catch (e) {
    await photo?.remove();
    throw e;
  }
  if (!row) {
    await photo?.remove();
    throw badRequest('categoria', `No existe la categoría «${r.categoria}» o no recibe reportes.`);
  }
  return { id: row.id, folio, clave: code.clave, moderacion: 'pendiente' as const, seguimiento: `/seguimiento/${folio}` };
}

/** The per-IP and per-device limits of submissions (PostgreSQL-backed, shared by every server process). */
export function submissionLimits(ipHash: string, deviceHash: string) {
  return [
    { ambito: 'envio_ip', clave: ipHash, limite: SUBMISSION_LIMITS.porIpPorMinuto, ventanaSegundos: 60,
      mensaje: 'Demasiados envíos desde esta conexión en el último minuto; espere un momento e intente de nuevo.' },
    { ambito: 'envio_disp', clave: deviceHash, limite: SUBMISSION_LIMITS.porDispositivoPorHora, ventanaSegundos: 3600,
      mensaje: 'Demasiados envíos desde este dispositivo en la última hora; intente más tarde.' },
  ];
}

/** Citizen reports: categories, submission, follow-up by folio and removal of personal data. */
const reports: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/participation/categories', {
    schema: { tags: ['participación'], summary: 'Categorías de reportes ciudadanos', response: { 200: ReportCategoryList } },
  }, async () => ({ categorias: await app.participationReportsRepository.categories() }));

  app.post('/api/participation/reports', {
    schema: {
      tags: ['participación'],
      summary: 'Enviar un reporte ciudadano (público; requiere aceptar el aviso de privacidad)',
      body: ReportSubmission,
      response: { 201: SubmissionReceipt, 400: Problem, 413: Problem, 415: Problem, 429: Problem },
    },
  }, async (req, reply) => {
    const ipHash = await citizenHash(app, req.ip);
    const deviceHash = await citizenHash(app, deviceId(req, reply));
    await enforceLimits(app, submissionLimits(ipHash, deviceHash));
    const b = req.body;
    if (b.sitio_web) throw badRequest('sitio_web', 'El envío parece automático y no se registró.');
    const foto = b.foto ? decodePhotoField(b.foto) : null;
    const { id: _id, ...receipt } = await submitReport(app, req, deviceHash, ipHash, { ...b, foto, canal: 'web' });
    return reply.status(201).send(receipt);
  });

  app.get('/api/participation/reports/:folio', {
    schema: {
      tags: ['participación'],
      summary: 'Seguimiento de un reporte por folio: estatus y notas públicas, sin datos personales',
      params: Folio,
      response: { 200: PublicReport, 404: Problem },
    },
  }, async (req) => {
    const r = await app.participationReportsRepository.publicReport(req.params.folio);
    if (!r) throw notFound(`No existe el reporte con folio «${req.params.folio}».`);
    return r;
  });

  app.get('/api/participation/reports/:folio/foto', {
    schema: {
      tags: ['participación'], summary: 'Foto de un reporte publicado (sin metadatos)', params: Folio,
      response: { 200: Type.Unknown({ description: 'image/jpeg' }), 404: Problem },
    },
  }, async (req, reply) => {
    const id = await app.participationReportsRepository.publicReportPhoto(req.params.folio);
    if (!id) throw notFound(`El reporte «${req.params.folio}» no tiene foto publicada.`);
    return sendPhoto(reply, app.config.mediaDir, PHOTO_FOLDER, `${id}.jpg`);
  });

  app.post('/api/participation/reports/:folio/borrar-datos', {
    schema: {
      tags: ['participación'],
      summary: 'Borrar los datos personales de un reporte (derecho de cancelación, LFPDPPP) con la clave privada',
      params: Folio,
      body: DataRemovalRequest,
      response: { 200: DataRemovalResult, 404: Problem, 429: Problem },
    },
  }, async (req) => {
    const ipHash = await citizenHash(app, req.ip);
    await enforceLimits(app, [{ ambito: 'borrar_ip', clave: ipHash, limite: 10, ventanaSegundos: 3600,
      mensaje: 'Demasiadas solicitudes de borrado desde esta conexión; intente más tarde.' }]);
    const at = await citizenTx(app, req, ipHash, (c) => app.participationReportsRepository.on(c).erasePersonalData(req.params.folio, hashPrivateCode(req.body.clave)));
    if (!at) throw new HttpError(404, 'El folio y la clave no coinciden con ningún reporte.', 'clave');
    return { folio: req.params.folio, datos_borrados: at };
  });
};
export default reports;

