// The physical-limit side of the warm-tile and archive ratios: the same bytes served from files by Fastify and
// @fastify/static (ETag, Range, sendfile), in its own process like the app server.
import Fastify from 'fastify';
import fastifyStatic from '@fastify/static';

const root = process.env.BENCH_STATIC_ROOT;
if (!root) throw new Error('BENCH_STATIC_ROOT is required');
const app = Fastify({ logger: false });
await app.register(fastifyStatic, {
  root,
  // Same content type as the tile endpoint, so clients would treat both alike.
  setHeaders: (res, path) => {
    if (path.endsWith('.mvt')) res.header('content-type', 'application/vnd.mapbox-vector-tile');
  },
});
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.send?.({ port: Number(new URL(address).port) });
process.on('SIGTERM', () => {
  app.close().then(() => process.exit(0), () => process.exit(1));
});
