import fp from 'fastify-plugin';
import pg from 'pg';
import { FallbackPool, guardPool } from '@sigmun/db';
import { TileService } from '@sigmun/tiles/tile-service';
import type { TileCacheStats } from '@sigmun/tiles/tile-cache';

declare module 'fastify' {
  interface FastifyInstance {
    tiles: TileService;
    /** Tile cache counters for /api/health. */
    tileCacheStats: () => TileCacheStats & { listening: boolean; reconnects: number; queries: number };
  }
}

/** After the read replica comes back, the tile cache is emptied again this long later (it may still be replaying). */
const REPLICA_RECOVERY_CLEAR_MS = 5_000;

/**
 * The tile service: its own small pool whose sessions carry statement_timeout (so a runaway tile query dies on the
 * server, not just in the client), the LRU cache, and the LISTEN connection that drops stale tiles.
 */
export default fp(
  async (app) => {
    const { config } = app;
    const settings = (url: string, name: string): pg.PoolConfig => ({
      connectionString: url,
      max: Math.max(2, Math.min(8, config.poolSize)),
      application_name: name,
      statement_timeout: config.tileTimeoutMs,
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: config.dbConnectTimeoutMs,
    });
    const onError = (err: Error) => app.log.warn({ err }, 'conexión del pool de teselas perdida');
    const primary = guardPool(new pg.Pool(settings(config.databaseUrl, 'sigmun-tiles')), onError);
    // With a read replica, tiles and the layer versions that key them are read there, together: a version read
    // before a tile's data on the same server is never newer than that data, so a lagging replica serves older
    // tiles under older versions, never a stale tile under a new version. The listener stays on the primary
    // (a standby cannot LISTEN); its notifications only evict, they never vouch for what the replica holds.
    // While the replica is away both versions and data come from the primary; when it answers again (perhaps still
    // replaying), a tile keyed by a primary's version may be cut from the replica's older data: the cache is
    // emptied once more a few seconds after the replica is back, so such a tile lives at most that long.
    let recoveredTimer: NodeJS.Timeout | null = null;
    const onRecovered = () => {
      if (recoveredTimer) clearTimeout(recoveredTimer);
      recoveredTimer = setTimeout(() => service.cache.clear(), REPLICA_RECOVERY_CLEAR_MS);
      recoveredTimer.unref();
      service.cache.clear();
    };
    const pool = config.databaseReadUrl
      ? guardPool(new FallbackPool(settings(config.databaseReadUrl, 'sigmun-tiles-read'), primary, onRecovered), onError)
      : primary;
    // Versions from NOTIFY only when tiles are read on the primary the notifications come from.
    const service = new TileService(pool, config.tileCacheBytes, { trustNotifications: !config.databaseReadUrl });
    app.decorate('tiles', service);
    app.decorate('tileCacheStats', () => service.stats());
    // Without LISTEN tiles stay correct (each request reads the versions); the listener retries forever meanwhile.
    await service.versions.listen(config.databaseUrl, (err) => app.log.warn({ err }, 'LISTEN de versiones de capas interrumpido; reintentando'));
    app.addHook('onClose', async () => {
      if (recoveredTimer) clearTimeout(recoveredTimer);
      await service.versions.close();
      if (pool !== primary) await pool.end();
      await primary.end();
    });
  },
  { name: 'tile-service', dependencies: ['db'] },
);
