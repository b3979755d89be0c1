import fp from 'fastify-plugin';
import { createPool, type Pool } from '@sigmun/db';

declare module 'fastify' {
  interface FastifyInstance {
    db: Pool;
    /**
     * The pool for reads that tolerate a replica's lag (tiles, OGC items, search, statistics): the replica of
     * DATABASE_READ_URL, falling back to the primary while it is unreachable; `db` itself when there is none.
     */
    dbRead: Pool;
  }
}

/** The PostgreSQL pool, shared by every route; closed when the app closes. */
export default fp(
  async (app, opts: { url: string; readUrl?: string | null; max: number; connectTimeoutMs?: number }) => {
    // Many small concurrent requests on few cores: a parallel plan steals the cores other requests need, and for
    // the OGC items page it even beat the GiST index in the planner's eyes (13 ms against 3.4 ms at scale 10).
    // Every client carries an error listener: a connection that dies fails only its own request, never the process.
    const pool = createPool(opts.url, {
      max: opts.max,
      applicationName: 'sigmun-server',
      settings: { max_parallel_workers_per_gather: 0 },
      connectTimeoutMs: opts.connectTimeoutMs,
      onError: (err) => app.log.warn({ err }, 'conexión a la base de datos perdida'),
    });
    app.decorate('db', pool);
    const read = opts.readUrl
      ? createPool(opts.readUrl, {
          max: opts.max,
          applicationName: 'sigmun-server-read',
          settings: { max_parallel_workers_per_gather: 0 },
          connectTimeoutMs: opts.connectTimeoutMs,
          onError: (err) => app.log.warn({ err }, 'conexión a la réplica de lectura perdida'),
          fallback: pool,
        })
      : pool;
    app.decorate('dbRead', read);
    app.addHook('onClose', async () => {
      if (read !== pool) await read.end();
      await pool.end();
    });
  },
  { name: 'db' },
);
