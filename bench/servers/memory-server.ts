// The ceiling for serving cached tiles from Node: every file under the root held in a Map and written by bare
// node:http, no framework, no lookups. A diagnostic baseline beside @fastify/static.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, relative } from 'node:path';

const root = process.env.BENCH_STATIC_ROOT;
if (!root) throw new Error('BENCH_STATIC_ROOT is required');
const files = new Map<string, Buffer>();
const walk = (dir: string) => {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else files.set(`/${relative(root, p)}`, readFileSync(p));
  }
};
walk(root);
const server = createServer((req, res) => {
  const body = files.get(req.url ?? '');
  if (!body) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': 'application/vnd.mapbox-vector-tile', 'content-length': body.length });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
