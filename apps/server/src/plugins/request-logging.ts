import fp from 'fastify-plugin';
import type { LogLevel } from 'fastify';

/**
 * URL families whose per-request lines ("incoming request", "request completed") are off by default: a map view
 * asks for dozens of tiles, glyph ranges, sprites and assets at once, and two JSON lines each cost ~40 % of a cached
 * tile's CPU. The web catch-all serves the built assets.
 */
const QUIET = /^\/(tiles|fonts|sprites)\/|^\/\*$/;

/**
 * The level of the quiet routes' loggers: warn, so their info lines are dropped while warnings and errors are
 * always written; LOG_LEVEL=debug or trace (someone debugging) brings their request lines back, and a stricter
 * LOG_LEVEL (error, fatal, silent) applies to them too.
 */
export function quietRouteLevel(logLevel: string): LogLevel {
  return (['debug', 'trace', 'error', 'fatal', 'silent'].includes(logLevel) ? logLevel : 'warn') as LogLevel;
}

/** Sets `logLevel` on the tile, font, sprite and asset routes as they are registered (a route's own setting wins). */
export default fp(
  async (app) => {
    const level = quietRouteLevel(app.config.logLevel);
    app.addHook('onRoute', (route) => {
      if (!route.logLevel && QUIET.test(route.url)) route.logLevel = level;
    });
  },
  { name: 'request-logging' },
);
