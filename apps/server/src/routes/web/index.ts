import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import { EMBED_PATH, MAP_PATH } from '@sigmun/domain/portal';
import { FRAMEABLE } from '../../plugins/security.ts';
import { containedFile } from '../../lib/contained-file.ts';
import { mapHeadTags, withMapHead } from '../../pages/map-meta.ts';

// URL families owned by the API: a miss there is a problem+json 404, never the web page.
const API_PREFIX = /^(api|tiles|styles|fonts|sprites|ogcapi|docs|documentos)(\/|$)/;
// Vite names built assets by content hash, so they can be cached for a year.
const HASHED = /^assets\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

/**
 * The web client (apps/web/dist): the map page at MAP_PATH (`/mapa`; the site's home at `/` is routes/pages), hashed assets with a long immutable cache, pre-compressed variants when
 * the build wrote them, and index.html (no-cache) for any other non-API path so client routes and permalinks load.
 * Registered last, so every API route wins over the catch-all.
 */
const web: FastifyPluginAsync = async (app) => {
  const root = app.config.webDist;
  await app.register(fastifyStatic, { root, serve: false, preCompressed: true });

  const sendIndex = (reply: FastifyReply) => {
    if (!existsSync(join(root, 'index.html'))) {
      return reply
        .status(503)
        .type('application/problem+json')
        .send({ type: 'about:blank', title: 'Cliente no compilado', status: 503, detail: 'El cliente web no está compilado (npm start lo compila).' });
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
  };

  // The map page itself carries its link-sharing meta (title, description, image; the indicator of `?i=`).
  app.get(MAP_PATH, { schema: { hide: true } }, async (req, reply) => {
    const index = join(root, 'index.html');
    if (!existsSync(index)) return sendIndex(reply);
    const html = withMapHead(await readFile(index, 'utf8'), await mapHeadTags(app, req));
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
  });
  // The same client draws only the map there; the one page other sites may put in an <iframe>.
  app.get(EMBED_PATH, { schema: { hide: true }, helmet: FRAMEABLE }, async (_req, reply) => sendIndex(reply));
  app.get('/*', { schema: { hide: true } }, async (req, reply) => {
    const path = (req.params as { '*': string })['*'] ?? '';
    if (API_PREFIX.test(path)) return reply.callNotFound();
    const rel = normalize(path).replace(/^([/\\])+/, '');
    const file = join(root, rel);
    // containedFile: a symlink in the built folder that leads outside it is not followed.
    if (rel && !rel.startsWith('..') && file.startsWith(root + sep) && (await containedFile(root, rel))) {
      if (HASHED.test(rel.split(sep).join('/'))) return reply.sendFile(rel, { maxAge: '365d', immutable: true });
      return reply.sendFile(rel, { maxAge: 0 });
    }
    // A missing file (has an extension) is a 404; anything else is a client route.
    if (/\.[a-z0-9]{1,8}$/i.test(rel)) return reply.callNotFound();
    return sendIndex(reply);
  });
};
export default web;
