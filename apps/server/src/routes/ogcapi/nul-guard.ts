import type { FastifyInstance } from 'fastify';
import { badRequest } from '../../errors.ts';

/**
 * Rejects NUL characters in path and query values before they reach PostgreSQL, which cannot store them in text
 * and would answer with an error the client caused. Registered inside each route family (encapsulated).
 */
export function rejectNulCharacters(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    for (const [where, obj] of [['params', req.params], ['query', req.query]] as const) {
      for (const [k, v] of Object.entries((obj ?? {}) as Record<string, unknown>)) {
        if (typeof v === 'string' && v.includes('\u0000')) throw badRequest(k, `El parámetro "${k}" (${where}) contiene un carácter nulo`);
      }
    }
  });
}
