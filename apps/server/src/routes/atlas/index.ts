import { createReadStream, existsSync } from 'node:fs';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { record } from '@sigmun/db/audit';
import { AtlasJob, AtlasJobParams, AtlasParams, AtlasRequest } from '@sigmun/domain/dashboard';
import { Problem } from '@sigmun/domain/problem';
import { rejectNulCharacters } from '../ogcapi/nul-guard.ts';
import { HttpError } from '../../errors.ts';

/** Atlas of fichas: planeacion starts one (202 + job), follows its progress and downloads the PDF when it is done. */
const atlas: FastifyPluginAsyncTypebox = async (app) => {
  rejectNulCharacters(app);

  app.post('/api/atlas/:tipo', {
    config: { roles: ['planeacion'] },
    schema: {
      tags: ['fichas'],
      summary: 'Inicia el atlas de todas las fichas de un tipo (o devuelve el guardado si los datos no cambiaron)',
      params: AtlasParams,
      body: Type.Optional(AtlasRequest),
      response: { 202: AtlasJob, 400: Problem, 401: Problem, 403: Problem },
    },
  }, async (req, reply) => {
    const papel = req.body?.papel ?? 'a4';
    const lang = req.body?.lang ?? 'es';
    // The fichas' permalinks point to this server; the Host is checked before any work starts.
    const host = new URL(app.publicBase(req)).host;
    const job = await app.atlas.start({ tipo: req.params.tipo, papel, lang, host });
    // Who asked for which atlas is kept in the audit log (an event, not a row change).
    await app.writeTx(req, (client) => record(client, { action: 'atlas', detail: { tipo: job.tipo, papel, lang, job: job.id, cache: job.cache } }));
    return reply.code(202).header('location', `/api/atlas/jobs/${job.id}`).send(job);
  });

  app.get('/api/atlas/jobs/:id', {
    config: { roles: ['planeacion'] },
    schema: {
      tags: ['fichas'],
      summary: 'Progreso de un atlas ({id}), o el PDF terminado ({id}.pdf)',
      params: AtlasJobParams,
      response: { 200: Type.Union([AtlasJob, Type.Unknown({ description: 'application/pdf' })]), 401: Problem, 403: Problem, 404: Problem, 409: Problem },
    },
  }, async (req, reply) => {
    const m = /^(.*)\.pdf$/i.exec(req.params.id);
    const id = m ? m[1] : req.params.id;
    const job = app.atlas.get(id);
    if (!job) throw new HttpError(404, `No existe el trabajo de atlas "${id.slice(0, 48)}".`, 'id');
    if (!m) return reply.header('cache-control', 'no-store').send(job);
    const file = app.atlas.file(id);
    if (!file) throw new HttpError(409, `El atlas "${id}" aún no está listo (${job.estado}: ${job.hechas} de ${job.total}).`, 'id');
    // A newer atlas of the same kind replaced this one after the data changed.
    if (!existsSync(file.path)) throw new HttpError(404, `El atlas "${id}" fue reemplazado por uno de datos más nuevos; pídalo de nuevo.`, 'id');
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${file.name}"`)
      .header('cache-control', 'no-store')
      .send(createReadStream(file.path));
  });
};
export default atlas;
