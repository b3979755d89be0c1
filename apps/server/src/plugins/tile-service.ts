import fp from 'fastify-plugin';
import pg from 'pg';
import { guardPool } from '@sigmun/db';
import { TileService } from '@sigmun/tiles/tile-service';
import type { TileCacheStats } from '@sigmun/tiles/tile-cache';

declare module 'fastify' {
  interface FastifyInstance {
    tiles: TileService;
    /** Tile cache counters for /api/health. */
    tileCacheStats: () => TileCacheStats & { listening: boolean; reconnects: number; queries: number };
  }
}

/**
 * The tile service: its own small pool whose sessions carry statement_timeout (so a runaway tile query dies on the
 * server, not just in the client), the LRU cache, and the LISTEN connection that drops stale tiles.
 */
export default fp(
  async (app) => {
    const { config } = app;
    const pool = guardPool(
      new pg.Pool({
        connectionString: config.databaseUrl,
        max: Math.max(2, Math.min(8, config.poolSize)),
        application_name: 'sigmun-tiles',
        statement_timeout: config.tileTimeoutMs,
        idleTimeoutMillis: 30_000,
        connectionTimeoutMillis: config.dbConnectTimeoutMs,
      }),
      (err) => app.log.warn({ err }, 'conexión del pool de teselas perdida'),
    );
    const service = new TileService(pool, config.tileCacheBytes);
    app.decorate('tiles', service);
    app.decorate('tileCacheStats', () => service.stats());
    // Without LISTEN tiles stay correct (each request reads the versions); the listener retries forever meanwhile.
    await service.versions.listen(config.databaseUrl, (err) => app.log.warn({ err }, 'LISTEN de versiones de capas interrumpido; reintentando'));
    app.addHook('onClose', async () => {
      await service.versions.close();
      await pool.end();
    });
  },
  { name: 'tile-service', dependencies: ['db'] },
);
