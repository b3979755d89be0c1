import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';

/** GET /api/health — database and cache state. */
const health: FastifyPluginAsync = async (app) => {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['sistema'],
        summary: 'Estado del servidor y de la base de datos',
        response: {
          200: Type.Object({
            status: Type.String(),
            database: Type.Object({ ok: Type.Boolean(), postgis: Type.Union([Type.String(), Type.Null()]), dataset: Type.Union([Type.String(), Type.Null()]) }),
            cache: Type.Record(Type.String(), Type.Unknown()),
          }),
        },
      },
    },
    async () => {
      let ok = true;
      let postgis: string | null = null;
      let dataset: string | null = null;
      try {
        ({ postgis, dataset } = await app.systemRepository.databaseStatus());
      } catch {
        ok = false;
      }
      const cache = (app as unknown as { tileCacheStats?: () => Record<string, unknown> }).tileCacheStats?.() ?? {};
      return { status: ok ? 'ok' : 'degraded', database: { ok, postgis, dataset }, cache };
    },
  );
};
export default health;
