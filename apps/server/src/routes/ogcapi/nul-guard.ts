import type { FastifyInstance } from 'fastify';

/**
 * @deprecated NUL characters are refused for every route, path, query and body, by the validation plugin
 * (apps/server/src/plugins/validation.ts); this no-op stays only so that route families still calling it compile.
 */
export function rejectNulCharacters(_app: FastifyInstance): void {}
