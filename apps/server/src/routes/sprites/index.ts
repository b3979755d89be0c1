import { createHash } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { getSprite, SPRITE_NAME } from '@sigmun/styles/sprites/sprite';
import { badRequest, notFound } from '../../errors.ts';
import { notModified } from '../../lib/conditional.ts';

const FILE = /^([A-Za-z0-9_-]+?)(@2x)?\.(json|png)$/;

/** GET /sprites/{name}[@2x].{json,png} — the map's icon sprite, drawn by the project, at 1x and 2x. */
const sprites: FastifyPluginAsync = async (app) => {
  const etags = new Map<string, string>();

  app.get(
    '/sprites/:file',
    {
      schema: {
        tags: ['estilos'],
        summary: 'Sprite de iconos del mapa (índice JSON o imagen PNG, 1x o @2x)',
        params: Type.Object({ file: Type.String({ maxLength: 100, description: `p. ej. ${SPRITE_NAME}.json, ${SPRITE_NAME}@2x.png` }) }),
      },
    },
    async (req, reply) => {
      const { file } = req.params as { file: string };
      const m = FILE.exec(file);
      if (!m) throw badRequest('file', `Archivo de sprite inválido "${file}": use {nombre}.json, {nombre}.png o {nombre}@2x.(json|png)`);
      const [, name, hi, ext] = m;
      if (name !== SPRITE_NAME) throw notFound(`No existe el sprite "${name}"; disponible: ${SPRITE_NAME}`);
      const sheet = await getSprite(hi ? 2 : 1);
      const body = ext === 'json' ? Buffer.from(JSON.stringify(sheet.json)) : sheet.png;
      let etag = etags.get(file);
      if (!etag) {
        etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
        etags.set(file, etag);
      }
      reply.header('cache-control', 'public, max-age=86400');
      reply.type(ext === 'json' ? 'application/json; charset=utf-8' : 'image/png');
      if (notModified(req, reply, { etag })) return reply.code(304).send();
      return reply.send(body);
    },
  );
};
export default sprites;
