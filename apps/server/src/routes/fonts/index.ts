import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { repoRoot } from '@sigmun/db';
import { parseFontStack, parseGlyphRange } from '@sigmun/styles/fonts';
import { ensureGlyphFiles, styleFontStacks } from '@sigmun/styles/glyphs/build';
import { GlyphFiles } from '@sigmun/styles/glyphs/files';
import { badRequest, notFound } from '../../errors.ts';
import { notModified } from '../../lib/conditional.ts';

/** Where the glyph files are built (git-ignored, like the rest of .data). */
function glyphRootDir(): string {
  return process.env.SIGMUN_GLYPHS_DIR || join(repoRoot(), '.data', 'glyphs');
}

/**
 * GET /fonts — the font stacks we serve; GET /fonts/{fontstack}/{start}-{end}.pbf — SDF glyphs for MapLibre,
 * read from the files built at first start for the stacks the styles use. Any other stack is a 404.
 */
const fonts: FastifyPluginAsync = async (app) => {
  const stacks = styleFontStacks();
  const buildDir = await ensureGlyphFiles(glyphRootDir(), (m) => app.log.info(m));
  const files = new GlyphFiles(buildDir, stacks);
  const buildTag = Buffer.from(basename(buildDir)).toString('base64url');
  const gzipped = new WeakMap<Uint8Array, Buffer>();

  app.get(
    '/fonts',
    {
      schema: {
        tags: ['estilos'],
        summary: 'Pilas de fuentes que sirven las etiquetas del mapa',
        response: { 200: Type.Array(Type.String()) },
      },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'public, max-age=3600');
      return stacks;
    },
  );

  app.get(
    '/fonts/:fontstack/:range.pbf',
    {
      schema: {
        tags: ['estilos'],
        summary: 'Glifos SDF (protobuf) de una pila de fuentes para un rango de 256 puntos de código',
        params: Type.Object({
          fontstack: Type.String({ minLength: 1, maxLength: 300, description: 'Fuentes separadas por comas, p. ej. "DejaVu Sans Book"' }),
          range: Type.String({ maxLength: 11, description: 'Rango "inicio-fin", p. ej. 0-255' }),
        }),
      },
    },
    async (req, reply) => {
      const { fontstack, range } = req.params as { fontstack: string; range: string };
      const start = parseGlyphRange(range);
      if (start === null) throw badRequest('range', `Rango de glifos inválido "${range}": debe ser N-(N+255) con N múltiplo de 256 y menor que 65536`);
      if (!files.has(fontstack)) {
        const parsed = parseFontStack(fontstack);
        const what = 'unknown' in parsed ? `Fuente desconocida "${parsed.unknown}"` : `Pila de fuentes no publicada "${fontstack}"`;
        throw notFound(`${what}; disponibles: ${stacks.join(' | ')}`);
      }
      const data = await files.get(fontstack, start);
      if (!data) throw notFound(`Faltan los glifos ${start}-${start + 255} de "${fontstack}"`);
      const etag = `"glyphs-${buildTag}-${Buffer.from(fontstack).toString('base64url')}-${start}"`;
      reply.header('cache-control', 'public, max-age=86400').type('application/x-protobuf');
      if (notModified(req, reply, { etag })) return reply.code(304).send();
      if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
        let gz = gzipped.get(data);
        if (!gz) {
          gz = gzipSync(data);
          gzipped.set(data, gz);
        }
        reply.header('content-encoding', 'gzip').header('vary', 'accept-encoding');
        return reply.send(gz);
      }
      return reply.send(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    },
  );
};
export default fonts;
