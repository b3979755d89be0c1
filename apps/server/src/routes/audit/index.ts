import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from '@sinclair/typebox';
import { AuditPage, ProjectHistory } from '@sigmun/domain/audit';
import { Problem } from '@sigmun/domain/problem';
import { badRequest } from '../../errors.ts';
import { toCsv } from '../ogcapi/csv.ts';

const Instant = Type.String({ maxLength: 40, description: 'Fecha AAAA-MM-DD o fecha y hora ISO 8601' });
const CSV_COLUMNS = ['id', 'fecha', 'actor', 'usuario', 'accion', 'tabla', 'clave', 'antes', 'despues', 'request_id', 'ip', 'detalle'] as const;

/** A date or ISO timestamp for SQL, or a 400 naming the parameter. */
function instant(v: string | undefined, name: string): string | null {
  if (v === undefined) return null;
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(v) || Number.isNaN(Date.parse(v))) {
    throw badRequest(name, `«${name}» debe ser una fecha AAAA-MM-DD o fecha y hora ISO 8601.`);
  }
  return v;
}

/** The audit trail (admin, planeacion), and a project's public history of changes. */
const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/audit', {
    config: { roles: ['planeacion'] },
    schema: {
      tags: ['identidad'],
      summary: 'Bitácora de auditoría: quién cambió qué y cuándo, con los valores antes y después (JSON o CSV)',
      querystring: Type.Object({
        tabla: Type.Optional(Type.String({ maxLength: 100, description: 'esquema.tabla, p. ej. plan.projects' })),
        clave: Type.Optional(Type.String({ maxLength: 200, description: 'Llave del registro' })),
        actor: Type.Optional(Type.String({ maxLength: 100, description: 'user:<id>, token:<id>, anon o sql:<rol>' })),
        desde: Type.Optional(Instant),
        hasta: Type.Optional(Instant),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
        offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
        f: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
      }, { additionalProperties: false }),
      response: { 200: AuditPage, 400: Problem },
    },
  }, async (req, reply) => {
    const q = req.query;
    const filters = { tabla: q.tabla ?? null, clave: q.clave ?? null, actor: q.actor ?? null, desde: instant(q.desde, 'desde'), hasta: instant(q.hasta, 'hasta') };
    const limit = q.limit ?? 100;
    const offset = q.offset ?? 0;
    const page = await app.auditRepository.list(filters, limit, offset);
    reply.header('cache-control', 'no-store');
    if (q.f === 'csv') {
      const rows = page.items.map((e) => CSV_COLUMNS.map((c) => {
        const v = e[c];
        return v !== null && typeof v === 'object' ? JSON.stringify(v) : v;
      }));
      // A string body is sent as is (the JSON response schema applies to objects only).
      return (reply as FastifyReply).header('content-disposition', 'attachment; filename="auditoria.csv"')
        .type('text/csv; charset=utf-8').send(toCsv(CSV_COLUMNS, rows));
    }
    return { limit, offset, ...page };
  });

  app.get('/api/projects/:id/historial', {
    schema: {
      tags: ['proyectos'],
      summary: 'Historial de cambios de un proyecto: fecha, autor (nombre) y campos cambiados',
      params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) }),
      response: { 200: ProjectHistory },
    },
  }, async (req) => ({ items: await app.auditRepository.projectHistory(req.params.id) }));
};
export default auditRoutes;
