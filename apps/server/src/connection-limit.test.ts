import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { limitConnections } from './connection-limit.ts';

let server: Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

/** Opens a socket and resolves with whether the server closed it (true) or kept it open until `ms`. */
function closedByServer(port: number, sockets: Socket[]): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    sockets.push(s);
    s.once('close', () => resolve(true));
    s.once('error', () => resolve(true));
    // Kept open: the server answers a request on it.
    s.once('connect', () => s.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
    s.once('data', () => resolve(false));
  });
}

it('closes the sockets of one client beyond its cap and counts closed ones back', async () => {
  server = createServer((_req, res) => res.end('ok'));
  limitConnections(server, { max: 100, perClient: 3 });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  const sockets: Socket[] = [];
  const first = await Promise.all([0, 1, 2].map(() => closedByServer(port, sockets)));
  expect(first).toEqual([false, false, false]);
  expect(await closedByServer(port, sockets)).toBe(true);
  // Once one is closed, its slot is free again.
  sockets[0].destroy();
  const open = () => new Promise<number>((r) => server!.getConnections((_e, n) => r(n)));
  while ((await open()) > 2) await new Promise((r) => setImmediate(r));
  expect(await closedByServer(port, sockets)).toBe(false);
  for (const s of sockets) s.destroy();
});
