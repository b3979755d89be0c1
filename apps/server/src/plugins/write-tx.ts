import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import type pg from 'pg';
import { setContext } from '@sigmun/db/audit';
import type { AuthUser } from '@sigmun/domain/roles';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Runs `fn` in one transaction on a pooled client, with the audit context of `request` set (actor, request id,
     * IP) so that the audit triggers log who did it; COMMIT when `fn` returns, ROLLBACK when it throws.
     */
    writeTx: <T>(request: FastifyRequest, fn: (client: pg.PoolClient) => Promise<T>) => Promise<T>;
  }
}

/** The audit actor of a caller: token:<id> for API tokens, user:<id> for sessions, anon for public writes. */
export function actorOf(user: AuthUser | null): string {
  if (!user) return 'anon';
  return user.via === 'token' && user.tokenId !== undefined ? `token:${user.tokenId}` : `user:${user.id}`;
}

/** Sets the audit context of `request` on a client already inside a transaction (for code that owns its BEGIN, e.g. imports). */
export async function setAuditContext(client: pg.ClientBase, request: FastifyRequest): Promise<void> {
  await setContext(client, { actor: actorOf(request.user), requestId: request.id, ip: request.ip });
}

/** Decorates app.writeTx: every write of the API goes through it, so every write is transactional and audited. */
export default fp(
  async (app) => {
    app.decorate('writeTx', async <T>(request: FastifyRequest, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
      const client = await app.db.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        await setAuditContext(client, request);
        const out = await fn(client);
        await client.query('COMMIT');
        // Tiles answer versions from LISTEN/NOTIFY; re-reading them here makes the writer's next tile from this
        // server show the write even if its notification is still on the wire (other replicas: on the NOTIFY).
        if (app.hasDecorator('tiles')) await app.tiles.versions.read().catch(() => undefined);
        return out;
      } catch (e) {
        // A client whose ROLLBACK fails is in an unknown state: destroy it rather than return it to the pool.
        await client.query('ROLLBACK').catch((err: Error) => {
          broken = err;
        });
        throw e;
      } finally {
        client.release(broken);
      }
    });
  },
  { name: 'write-tx', dependencies: ['db'] },
);
