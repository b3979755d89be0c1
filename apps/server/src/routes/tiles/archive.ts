import { createReadStream } from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../../errors.ts';
import { containedFile } from '../../lib/contained-file.ts';
import { notModified, requestedRange } from '../../lib/conditional.ts';

/** Serves tilesDir/{name}.pmtiles with Range (206/416), ETag, If-None-Match, If-Range and HEAD. */
export async function sendArchive(req: FastifyRequest, reply: FastifyReply, dir: string, name: string): Promise<FastifyReply> {
  // Never through a symlink out of the tiles folder.
  const found = await containedFile(dir, `${name}.pmtiles`);
  const st = found?.stat;
  const path = found?.path ?? '';
  if (!st) throw new HttpError(404, `No existe el archivo de teselas "${name}.pmtiles"`, 'file');
  const validators = { etag: `"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`, lastModified: st.mtime };
  reply.header('Accept-Ranges', 'bytes').header('Cache-Control', 'public, no-cache');
  if (notModified(req, reply, validators)) return reply.code(304).send();
  const range = requestedRange(req, validators, st.size);
  reply.type('application/vnd.pmtiles');
  if (range === 'unsatisfiable') {
    return reply.code(416).header('Content-Range', `bytes */${st.size}`).type('application/problem+json').send({
      type: 'about:blank', title: 'Rango no satisfacible', status: 416, parameter: 'Range',
      detail: `El rango "${req.headers.range}" está fuera del archivo (${st.size} bytes)`, instance: req.url,
    });
  }
  const { start, end } = range ?? { start: 0, end: st.size - 1 };
  if (range) reply.code(206).header('Content-Range', `bytes ${start}-${end}/${st.size}`);
  reply.header('Content-Length', String(end - start + 1));
  if (req.method === 'HEAD' || st.size === 0) return reply.send();
  return reply.send(createReadStream(path, { start, end }));
}
