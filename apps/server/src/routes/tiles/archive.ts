import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../../errors.ts';

/** A byte range [start, end] (inclusive) of a file of `size` bytes, 'unsatisfiable', or null to send it whole. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  // Several ranges or a syntax we do not know: RFC 9110 lets us ignore Range and send everything.
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || (m[2] !== '' && Number(m[2]) < start)) return 'unsatisfiable';
  return { start, end };
}

/** Serves tilesDir/{name}.pmtiles with Range (206/416), ETag, If-None-Match, If-Range and HEAD. */
export async function sendArchive(req: FastifyRequest, reply: FastifyReply, dir: string, name: string): Promise<FastifyReply> {
  const path = join(dir, `${name}.pmtiles`);
  const st = await stat(path).catch(() => null);
  if (!st?.isFile()) throw new HttpError(404, `No existe el archivo de teselas "${name}.pmtiles"`, 'file');
  const etag = `"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
  reply
    .header('ETag', etag)
    .header('Accept-Ranges', 'bytes')
    .header('Cache-Control', 'public, no-cache')
    .header('Last-Modified', st.mtime.toUTCString());
  const inm = req.headers['if-none-match'];
  if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*')) return reply.code(304).send();

  const ifRange = req.headers['if-range'];
  // If-Range with another validator means our copy changed: the client must get the whole new file.
  const rangeAllowed = !ifRange || ifRange === etag || ifRange === st.mtime.toUTCString();
  const range = rangeAllowed ? parseRange(req.headers.range, st.size) : null;
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
