import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { checkTileAddress, MAX_ZOOM } from '@sigmun/tiles/tile-coords';
import { HttpError, badRequest } from '../../errors.ts';
import { notModified } from '../../lib/conditional.ts';
import { sendArchive } from './archive.ts';

const MVT_TYPE = 'application/vnd.mapbox-vector-tile';
/**
 * Browsers keep tiles but revalidate every time (max-age=0, ETag → 304): an edit is visible on the next pan. A
 * shared cache in front (nginx proxy_cache, a CDN) may serve a tile for TILE_SHARED_MAX_AGE_S seconds without
 * asking, then revalidates with If-None-Match: through such a cache an edit shows within that bound
 * (docs/ARCHITECTURE.md, "HTTP cache in front of the tiles").
 */
export const TILE_SHARED_MAX_AGE_S = 5;
export const TILE_CACHE_CONTROL = `public, max-age=0, s-maxage=${TILE_SHARED_MAX_AGE_S}`;

function acceptsGzip(req: FastifyRequest): boolean {
  const ae = req.headers['accept-encoding'];
  return typeof ae === 'string' && /(^|,)\s*gzip\s*(;\s*q=(?!0(\.0*)?\s*(,|$))[\d.]+)?\s*(,|$)/i.test(ae);
}

/** An AbortSignal that fires when the client goes away before the reply is sent. */
function clientGone(req: FastifyRequest, reply: FastifyReply): AbortSignal {
  const ac = new AbortController();
  const onClose = () => {
    if (!reply.raw.writableFinished) ac.abort();
  };
  reply.raw.once('close', onClose);
  req.raw.once('aborted', () => ac.abort());
  return ac.signal;
}

const sourceParam = Type.String({ pattern: '^[a-z][a-z0-9_]*$', maxLength: 64, description: 'Capa o conjunto de teselas (p. ej. manzanas, cartografia)' });

/** Vector tiles, TileJSON and PMTiles archives under /tiles. */
const tiles: FastifyPluginAsyncTypebox = async (app) => {
  const sourceOf = (id: string) => {
    const s = app.tiles.sources.get(id);
    if (!s) throw new HttpError(404, `No existe la capa o conjunto de teselas "${id}"`, 'layer');
    return s;
  };

  app.get(
    '/tiles/:layer/:z/:x/:y',
    {
      schema: {
        tags: ['teselas'],
        summary: 'Tesela vectorial (MVT) de una capa o conjunto de capas',
        params: Type.Object({
          layer: sourceParam,
          z: Type.String({ description: `Nivel de zoom 0–${MAX_ZOOM}` }),
          x: Type.String(),
          y: Type.String({ description: 'Fila, con extensión .mvt (o .pbf)' }),
        }),
      },
    },
    async (req, reply) => {
      const { layer, z: zs, x: xs, y: ys } = req.params;
      const source = sourceOf(layer);
      const m = /^(\d{1,8})\.(mvt|pbf)$/.exec(ys);
      if (!m) throw badRequest('y', 'y debe ser un entero seguido de .mvt, p. ej. 3301.mvt');
      const num = (s: string) => (/^\d{1,8}$/.test(s) ? Number(s) : NaN);
      const [z, x, y] = [num(zs), num(xs), Number(m[1])];
      const bad = checkTileAddress(z, x, y);
      if (bad) throw badRequest(bad.parameter, bad.message);

      const tile = await app.tiles.tile(source, z, x, y, clientGone(req, reply));
      reply.header('Cache-Control', TILE_CACHE_CONTROL).header('Vary', 'Accept-Encoding');
      if (notModified(req, reply, { etag: tile.etag })) return reply.code(304).send();
      if (tile.data.byteLength === 0) return reply.code(204).send();
      reply.type(MVT_TYPE);
      if (acceptsGzip(req)) return reply.header('Content-Encoding', 'gzip').send(await app.tiles.gzipOf(tile));
      return reply.send(tile.data);
    },
  );

  app.route({
    method: ['GET', 'HEAD'],
    url: '/tiles/:file',
    schema: {
      tags: ['teselas'],
      summary: 'TileJSON 3.0 de una capa ({capa}.json) o archivo PMTiles ({nombre}.pmtiles, con Range)',
      params: Type.Object({ file: Type.String({ pattern: '^[a-z0-9][a-z0-9_-]*\\.(json|pmtiles)$', maxLength: 80 }) }),
    },
    handler: async (req, reply) => {
      const { file } = req.params as { file: string };
      if (file.endsWith('.pmtiles')) return sendArchive(req, reply, app.config.tilesDir, file.slice(0, -'.pmtiles'.length));
      const source = sourceOf(file.slice(0, -'.json'.length));
      const version = await app.tiles.versionOf(source);
      const base = `${app.publicBase(req)}/tiles`;
      const tj = await source.tileJSON(base, version);
      return reply.header('Cache-Control', TILE_CACHE_CONTROL).type('application/json').send(tj);
    },
  });
};
export default tiles;
