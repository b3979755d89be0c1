import fp from 'fastify-plugin';
import type { FastifyError } from 'fastify';
import { isDatabaseUnavailable } from '@sigmun/db';
import { HttpError } from '../errors.ts';

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  parameter?: string;
  instance?: string;
}

/** Names the parameter of a schema validation error: "querystring/limit" → "limit". */
function parameterOf(err: FastifyError): string | undefined {
  const v = err.validation?.[0];
  if (!v) return undefined;
  const fromPath = v.instancePath?.replace(/^\//, '').split('/')[0];
  const missing = (v.params as { missingProperty?: string } | undefined)?.missingProperty;
  const extra = (v.params as { additionalProperty?: string } | undefined)?.additionalProperty;
  return fromPath || missing || extra || undefined;
}

/** One error handler: every error becomes application/problem+json; 5xx details never reach the client. */
export default fp(
  async (app) => {
    app.setErrorHandler((err: FastifyError, req, reply) => {
      let problem: Problem;
      if (err instanceof HttpError) {
        problem = { ...err.extra, type: 'about:blank', title: titleFor(err.statusCode), status: err.statusCode, detail: err.message, parameter: err.parameter };
      } else if (err.validation) {
        const parameter = parameterOf(err);
        const where = err.validationContext ?? 'request';
        problem = {
          type: 'about:blank',
          title: 'Parámetro inválido',
          status: 400,
          detail: parameter ? `Parámetro "${parameter}" inválido: ${err.validation[0].message ?? err.message}` : `${where}: ${err.message}`,
          parameter,
        };
      } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
        problem = { type: 'about:blank', title: titleFor(err.statusCode), status: err.statusCode, detail: err.message };
      } else if ((err as { code?: string }).code === '57014') {
        // statement_timeout or a cancelled query: the database is busy, not broken.
        problem = { type: 'about:blank', title: 'Tiempo agotado', status: 503, detail: 'La consulta tardó demasiado; intente de nuevo.' };
      } else if (isDatabaseUnavailable(err)) {
        // Down, restarting, terminated or out of connections: the client may retry, and it is not a bug of ours.
        req.log.warn({ err }, 'base de datos no disponible');
        problem = { type: 'about:blank', title: 'Base de datos no disponible', status: 503, detail: 'La base de datos no responde en este momento; intente de nuevo en unos segundos.' };
      } else {
        req.log.error({ err }, 'error interno');
        problem = { type: 'about:blank', title: 'Error interno', status: 500, detail: 'Error interno del servidor.' };
      }
      problem.instance = req.url;
      if (problem.status === 503) reply.header('retry-after', String(app.config?.retryAfterSeconds ?? 5));
      reply.status(problem.status).type('application/problem+json').send(problem);
    });
    app.setNotFoundHandler((req, reply) => {
      reply
        .status(404)
        .type('application/problem+json')
        .send({ type: 'about:blank', title: 'No encontrado', status: 404, detail: `No existe ${req.method} ${req.url.split('?')[0]}`, instance: req.url });
    });
  },
  { name: 'errors' },
);

function titleFor(status: number): string {
  return ({ 400: 'Solicitud inválida', 401: 'No autorizado', 403: 'Prohibido', 404: 'No encontrado', 409: 'Conflicto', 413: 'Demasiado grande', 416: 'Rango no satisfacible', 422: 'No procesable', 429: 'Demasiadas solicitudes', 501: 'No implementado', 503: 'No disponible' } as Record<number, string>)[status] ?? 'Error';
}
