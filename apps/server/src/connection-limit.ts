import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Caps open sockets in all (`server.maxConnections`, refused at accept) and per client address, so one host holding
 * thousands of idle sockets cannot exhaust the process's file descriptors (which then fail database connects).
 * Behind a proxy every socket comes from the proxy: raise MAX_CONNECTIONS_PER_CLIENT and cap at the proxy instead.
 */
export function limitConnections(server: Server, opts: { max: number; perClient: number; onRefuse?: (address: string) => void }): void {
  server.maxConnections = opts.max;
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '?';
    const n = (open.get(address) ?? 0) + 1;
    if (n > opts.perClient) {
      opts.onRefuse?.(address);
      socket.destroy();
      return;
    }
    open.set(address, n);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
}
