import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { repoRoot } from '@sigmun/db';
import { FONT_NAMES, parseFontStack, parseGlyphRange } from '@sigmun/styles/fonts';
import { GLYPH_FORMAT_VERSION, GlyphStore } from '@sigmun/styles/glyphs/store';
import { badRequest, notFound } from '../../errors.ts';

/** Where rendered glyph ranges are kept between runs (git-ignored, like the rest of .data). */
function glyphCacheDir(): string {
  return process.env.SIGMUN_GLYPHS_DIR || join(repoRoot(), '.data', 'glyphs');
}

/** GET /fonts — the fonts we serve; GET /fonts/{fontstack}/{start}-{end}.pbf — SDF glyphs for MapLibre. */
const fonts: FastifyPluginAsync = async (app) => {
  const store = new GlyphStore(glyphCacheDir());
  const gzipped = new WeakMap<Uint8Array, Buffer>();

  app.get(
    '/fonts',
    {
      schema: {
        tags: ['estilos'],
        summary: 'Fuentes disponibles para las etiquetas del mapa',
        response: { 200: Type.Array(Type.String()) },
      },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'public, max-age=3600');
      return FONT_NAMES;
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
      const parsed = parseFontStack(fontstack);
      if ('unknown' in parsed) throw notFound(`Fuente desconocida "${parsed.unknown}"; disponibles: ${FONT_NAMES.join(', ')}`);
      const etag = `"glyphs-v${GLYPH_FORMAT_VERSION}-${Buffer.from(parsed.fonts.join(',')).toString('base64url')}-${start}"`;
      reply.header('etag', etag).header('cache-control', 'public, max-age=86400').type('application/x-protobuf');
      if (req.headers['if-none-match'] === etag) return reply.code(304).send();
      const data = await store.get(parsed.fonts, start);
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
