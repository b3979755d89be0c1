import fp from 'fastify-plugin';
import { createPool, type Pool } from '@sigmun/db';

declare module 'fastify' {
  interface FastifyInstance {
    db: Pool;
  }
}

/** The PostgreSQL pool, shared by every route; closed when the app closes. */
export default fp(
  async (app, opts: { url: string; max: number }) => {
    const pool = createPool(opts.url, { max: opts.max, applicationName: 'sigmun-server' });
    pool.on('error', (err) => app.log.error({ err }, 'error en una conexión inactiva del pool'));
    app.decorate('db', pool);
    app.addHook('onClose', async () => {
      await pool.end();
    });
  },
  { name: 'db' },
);
