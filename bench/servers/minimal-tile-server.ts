// A tile server reduced to the request → prepared statement → bytes path, with the production server's extra
// steps switchable one by one (BENCH_MINIMAL=versions,gzip): bisects where cold-tile overhead goes.
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip as gzipCb } from 'node:zlib';
import Fastify from 'fastify';
import { createPool } from '@sigmun/db';
import { catalogSources } from '@sigmun/tiles';

const gzip = promisify(gzipCb);
const steps = new Set((process.env.BENCH_MINIMAL ?? '').split(',').filter(Boolean));
const pool = createPool(process.env.BENCH_DATABASE_URL!, { max: 16, applicationName: 'sigmun-bench-minimal' });
const sources = catalogSources(pool);
const app = Fastify({ logger: false });
app.get<{ Params: { id: string; z: string; x: string; y: string } }>('/tiles/:id/:z/:x/:y.mvt', async (req, reply) => {
  const source = sources.get(req.params.id);
  if (!source) return reply.code(404).send();
  const [z, x, y] = [Number(req.params.z), Number(req.params.x), Number(req.params.y)];
  if (steps.has('versions')) await pool.query({ name: 'v', text: 'SELECT layer, version FROM meta.layer_versions' });
  const st = source.statementFor(z);
  if (!st) return reply.code(204).send();
  const { rows } = await pool.query<{ mvt: Buffer }>({ name: st.name, text: st.text, values: [z, x, y] });
  const mvt = rows[0]?.mvt ?? Buffer.alloc(0);
  if (steps.has('gzip')) {
    await gzip(mvt, { level: 6 });
    reply.header('etag', `"${createHash('sha1').update(mvt).digest('base64url').slice(0, 22)}"`);
  }
  if (mvt.length === 0) return reply.code(204).send();
  return reply.type('application/vnd.mapbox-vector-tile').send(mvt);
});
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.send?.({ port: Number(new URL(address).port) });
process.on('SIGTERM', () => {
  app.close().then(() => pool.end()).then(() => process.exit(0), () => process.exit(1));
});
