import fp from 'fastify-plugin';
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import cors from '@fastify/cors';
import type { FastifyRequest } from 'fastify';

/**
 * The Content-Security-Policy of every response. The page loads only its own files; MapLibre starts its workers
 * from blob: URLs and decodes images through blob:/data:, so those are allowed for workers and images only.
 * No upgrade-insecure-requests: an intranet install served over plain http would break its own subresources.
 */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  workerSrc: ["'self'", 'blob:'],
  childSrc: ["'self'", 'blob:'],
  imgSrc: ["'self'", 'data:', 'blob:'],
  // Inline style attributes (MapLibre's markers and popups, Swagger UI) carry no script.
  styleSrc: ["'self'", "'unsafe-inline'"],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'", 'blob:', 'data:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
} as const;

const HELMET: FastifyHelmetOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES as unknown as Record<string, string[]> },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  // Cross-origin readers of the public API are governed by CORS below; see publicRead() for CORP.
  crossOriginResourcePolicy: { policy: 'same-origin' },
  crossOriginEmbedderPolicy: false,
};

/**
 * Route option for a page that other sites may embed in an <iframe> (EMBED_PATH, routes/web):
 * `app.get('/embed', { helmet: FRAMEABLE }, …)` drops X-Frame-Options and allows any frame ancestor; every other
 * header stays as for the rest of the app.
 */
export const FRAMEABLE = {
  frameguard: false,
  contentSecurityPolicy: { useDefaults: false, directives: { ...CSP_DIRECTIVES, frameAncestors: ['*'] } as unknown as Record<string, string[]> },
} as const;

// The read APIs other sites and QGIS web clients may call from a browser: tiles, styles, fonts, sprites, OGC API,
// the JSON reads under /api and the plan's documents. Writes (and every non-GET) stay same-origin.
const PUBLIC_READ = /^\/(tiles|styles|fonts|sprites|ogcapi|api|documentos)(\/|$|\?)/;
const READ_METHODS = new Set(['GET', 'HEAD']);

/** Whether a request (or, for a preflight, the request it announces) is a cross-origin-readable public read. */
export function publicRead(req: FastifyRequest): boolean {
  const method = req.method === 'OPTIONS' ? String(req.headers['access-control-request-method'] ?? '').toUpperCase() : req.method;
  return READ_METHODS.has(method) && PUBLIC_READ.test(req.url);
}

/**
 * Security headers on every response (@fastify/helmet) and CORS (@fastify/cors) for the public reads only,
 * without credentials: another origin can draw our tiles and read OGC collections, never act as a signed-in user.
 */
export default fp(
  async (app) => {
    await app.register(helmet, HELMET);
    await app.register(cors, {
      delegator: (req, cb) => {
        if (!publicRead(req as FastifyRequest)) return cb(null, { origin: false });
        cb(null, {
          origin: '*',
          methods: ['GET', 'HEAD'],
          credentials: false,
          // PMTiles archives are read with Range requests; revalidation reads the entity tag.
          exposedHeaders: ['ETag', 'Content-Length', 'Content-Range', 'Accept-Ranges', 'Link', 'Retry-After'],
          maxAge: 86400,
        });
      },
    });
    app.addHook('onSend', async (req, reply) => {
      if (publicRead(req)) reply.header('cross-origin-resource-policy', 'cross-origin');
    });
  },
  { name: 'security' },
);
