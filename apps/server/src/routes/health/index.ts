import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { PoolClient } from 'pg';
import { readsFromReplica, type FallbackPool } from '@sigmun/db';
import { Health, Liveness, type HEALTH_PARTS } from '@sigmun/domain/health';

/** How long readiness waits for the database: a supervisor's probe must get an answer, not hang with the pool. */
const PROBE_TIMEOUT_MS = 2000;

/** A WAL position "X/Y" as a byte offset. */
const lsnBytes = (lsn: string): bigint => {
  const [hi, lo] = lsn.split('/');
  return (BigInt(`0x${hi}`) << 32n) + BigInt(`0x${lo}`);
};

/** The read replica's state: whether it answers as a standby, and how many WAL bytes it is behind the primary. */
async function replicaHealth(app: FastifyInstance, read: FallbackPool): Promise<NonNullable<Health['replica']>> {
  let client: PoolClient | undefined;
  try {
    // Through the fallback: when the replica is away this is a primary's connection, which says it is no standby.
    client = await read.connect();
    const [standby, primary] = await Promise.all([
      app.systemRepository.on(client).walPosition(),
      app.systemRepository.walPosition(),
    ]);
    if (!standby.recovery) {
      return { ok: false, lag_bytes: null, fallbacks: read.fallbacks, error: 'la réplica de lectura no respondió (se lee del primario) o DATABASE_READ_URL no es una réplica en espera' };
    }
    const lag = standby.lsn && primary.lsn ? lsnBytes(primary.lsn) - lsnBytes(standby.lsn) : null;
    return { ok: true, lag_bytes: lag === null ? null : Number(lag > 0n ? lag : 0n), fallbacks: read.fallbacks };
  } catch (err) {
    return { ok: false, lag_bytes: null, fallbacks: read.fallbacks, error: (err as Error).message.slice(0, 200) };
  } finally {
    client?.release();
  }
}

/** GET /api/health (readiness: 503 unless the database answers) and GET /api/health/live (liveness, no database). */
const health: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['sistema'],
        summary: 'Disponibilidad: 200 si la base de datos responde, 503 si no (el cuerpo dice qué parte falló)',
        response: { 200: Health, 503: Health },
      },
    },
    async (_req, reply) => {
      const started = Date.now();
      let database: Health['database'] = { ok: false, postgis: null, dataset: null, latency_ms: null };
      let timer: NodeJS.Timeout | undefined;
      try {
        const probe = app.systemRepository.databaseStatus();
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`sin respuesta en ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
        });
        probe.catch(() => undefined);
        const { postgis, dataset } = await Promise.race([probe, timeout]);
        database = { ok: true, postgis, dataset, latency_ms: Date.now() - started };
      } catch (err) {
        database.error = (err as Error).message.slice(0, 200);
      } finally {
        clearTimeout(timer);
      }
      const stats = app.tileCacheStats();
      const listener = { ok: stats.listening, reconnects: stats.reconnects };
      const replica = readsFromReplica(app.dbRead) ? await replicaHealth(app, app.dbRead) : undefined;
      const failed: Array<(typeof HEALTH_PARTS)[number]> = [];
      if (!database.ok) failed.push('database');
      if (!listener.ok) failed.push('listener');
      if (replica && !replica.ok) failed.push('replica');
      const status: Health['status'] = !database.ok ? 'unavailable' : failed.length ? 'degraded' : 'ok';
      reply.header('cache-control', 'no-store');
      if (status === 'unavailable') reply.status(503).header('retry-after', String(app.config.retryAfterSeconds));
      return { status, failed, database, listener, ...(replica ? { replica } : {}), cache: stats as unknown as Record<string, unknown> };
    },
  );

  app.get(
    '/api/health/live',
    {
      schema: {
        tags: ['sistema'],
        summary: 'Vida del proceso (para supervisores): no consulta la base de datos',
        response: { 200: Liveness },
      },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'no-store');
      return { status: 'alive' as const, uptime_s: Math.floor(process.uptime()) };
    },
  );
};
export default health;
