import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyReply } from 'fastify';
import { Type } from '@sinclair/typebox';
import {
  Open311Errors, Open311Post, Open311PostResult, Open311Request, Open311RequestList, Open311RequestsQuery, Open311ServiceList,
} from '@sigmun/domain/open311';
import { SUBMISSION_LIMITS } from '@sigmun/domain/participation-reports';
import { HttpError } from '../../errors.ts';
import { citizenHash, deviceId, enforceLimits } from '../../lib/citizen.ts';
import { submissionLimits, submitReport } from '../participation/reports.ts';
import { isIsoDateOrDateTime } from '@sigmun/domain/pg-values';

const bad = (description: string) => new HttpError(400, description);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** An ISO 8601 (w3c) date-time of a query, as ISO text for PostgreSQL; 400 naming the parameter otherwise. */
function isoParam(name: string, v: string | undefined): string | null {
  if (v === undefined || v === '') return null;
  const t = Date.parse(v);
  // isIsoDateOrDateTime: Date.parse takes year 0000 and 2021-02-29, PostgreSQL refuses both.
  if (!ISO_DATE.test(v) || Number.isNaN(t) || !isIsoDateOrDateTime(v)) throw bad(`${name}: se esperaba una fecha ISO 8601, p. ej. 2024-05-01T00:00:00Z`);
  return new Date(t).toISOString();
}

/** A comma-separated list parameter, trimmed; null when absent. */
const listParam = (v: string | undefined) => (v === undefined ? null : v.split(',').map((s) => s.trim()).filter(Boolean));

/** The Open311 default window when no dates are given: the last 90 days (GeoReport v2, GET service requests). */
const DEFAULT_WINDOW_MS = 90 * 24 * 3600 * 1000;

/** Open311 GeoReport v2 (JSON) for citizen reports; every error in the specification's `[{code, description}]`. */
const open311: FastifyPluginAsyncTypebox = async (app) => {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    let status = err instanceof HttpError ? err.statusCode : err.validation ? 400 : err.statusCode ?? 500;
    if (status < 400) status = 500;
    let description = err.message;
    if (status >= 500) {
      req.log.error({ err }, 'error interno (Open311)');
      description = 'Error interno del servidor.';
    }
    reply.status(status).type('application/json; charset=utf-8').send([{ code: status, description }]);
  });
  const notFound404 = (req: { method: string; url: string }, reply: FastifyReply) =>
    reply.status(404).type('application/json; charset=utf-8').send([{ code: 404, description: `No existe ${req.method} ${req.url.split('?')[0]}` }]);
  app.setNotFoundHandler(notFound404);
  // The web client's catch-all (GET /*) would otherwise answer misses under /open311/v2 with its own page or problem.
  app.get('/*', { schema: { hide: true } }, async (req, reply) => notFound404(req, reply));
  // Open311 clients POST application/x-www-form-urlencoded; URLSearchParams is the WHATWG parser of that format.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  const errors = { 400: Open311Errors, 404: Open311Errors, 429: Open311Errors };

  app.get('/services.json', {
    schema: { tags: ['open311'], summary: 'Open311: servicios (categorías de reporte)', querystring: Type.Object({ jurisdiction_id: Type.Optional(Type.String({ maxLength: 100 })) }), response: { 200: Open311ServiceList, ...errors } },
  }, async () => app.open311Repository.services());

  const baseUrl = (req: { protocol: string; host: string }) => `${req.protocol}://${req.host}`;

  app.get('/requests.json', {
    schema: { tags: ['open311'], summary: 'Open311: solicitudes públicas (moderadas)', querystring: Open311RequestsQuery, response: { 200: Open311RequestList, ...errors } },
  }, async (req) => {
    const q = req.query;
    const statuses = listParam(q.status);
    if (statuses?.some((s) => s !== 'open' && s !== 'closed')) throw bad('status: se esperaba open, closed o ambos separados por comas');
    let start = isoParam('start_date', q.start_date);
    const end = isoParam('end_date', q.end_date);
    if (start && end && start > end) throw bad('start_date: es posterior a end_date');
    const ids = listParam(q.service_request_id);
    if (!start && !end && !ids) start = new Date(Date.now() - DEFAULT_WINDOW_MS).toISOString();
    return app.open311Repository.requests(baseUrl(req), {
      ids, serviceCodes: listParam(q.service_code), statuses: statuses as Array<'open' | 'closed'> | null, start, end, limit: 1000,
    });
  });

  app.get('/requests/:id.json', {
    schema: {
      tags: ['open311'], summary: 'Open311: una solicitud por su folio',
      params: Type.Object({ id: Type.String({ maxLength: 40, pattern: '^[A-Za-z0-9-]+$' }) }),
      querystring: Type.Object({ jurisdiction_id: Type.Optional(Type.String({ maxLength: 100 })) }),
      response: { 200: Type.Array(Open311Request), ...errors },
    },
  }, async (req) => {
    const rows = await app.open311Repository.requests(baseUrl(req), { ids: [req.params.id], serviceCodes: null, statuses: null, start: null, end: null, limit: 1 });
    if (!rows.length) throw new HttpError(404, `No existe la solicitud ${req.params.id} (o aún no se publica).`);
    return rows;
  });

  app.post('/requests.json', {
    schema: {
      tags: ['open311'], summary: 'Open311: crear una solicitud (queda pendiente de moderación; los datos personales no se publican)',
      body: Open311Post, response: { 201: Open311PostResult, ...errors, 413: Open311Errors },
    },
  }, async (req, reply) => {
    const b = req.body;
    const ipHash = await citizenHash(app, req.ip);
    const device = b.device_id && b.device_id.length <= 200 ? `open311:${b.device_id}` : deviceId(req, reply);
    const deviceHash = await citizenHash(app, device);
    await enforceLimits(app, submissionLimits(ipHash, deviceHash));
    if (!b.service_code) throw bad('service_code: es obligatorio');
    if (!(await app.open311Repository.serviceExists(b.service_code))) throw bad(`service_code: no existe el servicio «${b.service_code.slice(0, 40)}»; vea services.json`);
    const lat = Number(b.lat);
    const lon = Number(b.long);
    if (b.lat === undefined || b.long === undefined || b.lat === '' || b.long === '') throw bad('lat y long: son obligatorios (este servidor no geocodifica address_string)');
    if (!Number.isFinite(lat) || lat < -85 || lat > 85) throw bad('lat: se esperaba una latitud WGS84 en grados');
    if (!Number.isFinite(lon) || lon < -180 || lon > 180) throw bad('long: se esperaba una longitud WGS84 en grados');
    const description = b.description?.trim() ?? '';
    if (description.length < SUBMISSION_LIMITS.descripcionMin) throw bad(`description: describa el problema (al menos ${SUBMISSION_LIMITS.descripcionMin} caracteres)`);
    if (description.length > SUBMISSION_LIMITS.descripcionMax) throw bad(`description: máximo ${SUBMISSION_LIMITS.descripcionMax} caracteres`);
    if (b.email !== undefined && (b.email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(b.email))) throw bad('email: no es un correo válido');
    const nombre = [b.first_name, b.last_name].filter(Boolean).join(' ').slice(0, 200) || null;
    const telefono = b.phone && /^[0-9+() .-]{7,40}$/.test(b.phone) ? b.phone : null;
    // media_url is not fetched: the server downloads nothing a client names (no SSRF); photos come through the web form.
    let receipt;
    try {
      receipt = await submitReport(app, req, deviceHash, ipHash, {
        categoria: b.service_code, lon, lat, descripcion: description, nombre, email: b.email ?? null, telefono, canal: 'open311',
      });
    } catch (e) {
      if (e instanceof HttpError && e.parameter === 'lat') throw bad(`lat/long: ${e.message}`);
      throw e;
    }
    return reply.status(201).send([{
      service_request_id: receipt.folio,
      service_notice: `Su solicitud se publicará cuando la revise el equipo de moderación. Siga su estatus en ${baseUrl(req)}${receipt.seguimiento}`,
      account_id: null,
    }]);
  });
};
export default open311;
