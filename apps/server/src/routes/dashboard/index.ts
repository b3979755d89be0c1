import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DashboardSummary, SummaryQuery } from '@sigmun/domain/dashboard';
import { Problem } from '@sigmun/domain/problem';
import { rejectNulCharacters } from '../ogcapi/nul-guard.ts';
import { badRequest, HttpError } from '../../errors.ts';

/** The tablero: one territory summary (cards, charts, rankings, indicators) for a territory and period. */
const dashboard: FastifyPluginAsyncTypebox = async (app) => {
  rejectNulCharacters(app);
  app.get('/api/dashboard/summary', {
    schema: {
      tags: ['tablero'],
      summary: 'Resumen de un territorio (municipio, localidad, colonia, AGEB o zona de participación) y periodo',
      querystring: SummaryQuery,
      response: { 200: DashboardSummary, 400: Problem, 404: Problem },
    },
  }, async (req) => {
    const q = req.query;
    const tipo = q.tipo ?? 'municipio';
    if (tipo !== 'municipio' && q.clave === undefined) throw badRequest('clave', `Falta la clave de la unidad (tipo ${tipo}).`);
    if (q.desde !== undefined && q.hasta !== undefined && q.desde > q.hasta) throw badRequest('desde', `El periodo empieza (${q.desde}) después de terminar (${q.hasta}).`);
    const summary = await app.dashboardRepository.territorySummary(tipo, q.clave ?? null, { desde: q.desde ?? null, hasta: q.hasta ?? null });
    if (!summary) throw new HttpError(404, `No existe la unidad ${tipo} "${q.clave}".`, 'clave');
    return summary;
  });
};
export default dashboard;
