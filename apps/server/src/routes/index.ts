import type { FastifyPluginAsync } from 'fastify';

/**
 * Every URL family of the API, one plugin per folder. Adding a family is one line here;
 * adding a layer touches none (see packages/domain layer catalog).
 */
export const routeFamilies: Array<{ plugin: () => Promise<{ default: FastifyPluginAsync }>; prefix?: string }> = [
  { plugin: () => import('./health/index.ts') },
  { plugin: () => import('./auth/index.ts') },
  { plugin: () => import('./users/index.ts') },
  { plugin: () => import('./audit/index.ts') },
  { plugin: () => import('./layers/index.ts') },
  { plugin: () => import('./tiles/index.ts') },
  { plugin: () => import('./fonts/index.ts') },
  { plugin: () => import('./sprites/index.ts') },
  { plugin: () => import('./styles/index.ts') },
  { plugin: () => import('./ogcapi/index.ts') },
  { plugin: () => import('./indicators/index.ts') },
  { plugin: () => import('./catalog/index.ts') },
  { plugin: () => import('./estadisticas/index.tsx') },
  { plugin: () => import('./search/index.ts') },
  { plugin: () => import('./projects/index.ts') },
  { plugin: () => import('./stats/index.ts') },
  { plugin: () => import('./participation/index.ts') },
  { plugin: () => import('./open311/index.ts'), prefix: '/open311/v2' },
  { plugin: () => import('./moderation/index.ts') },
  { plugin: () => import('./import/index.ts') },
  { plugin: () => import('./documents/index.ts') },
  { plugin: () => import('./templates/index.ts') },
  { plugin: () => import('./seguimiento/index.ts') },
  { plugin: () => import('./dashboard/index.ts') },
  { plugin: () => import('./fichas/index.ts') },
  { plugin: () => import('./pages/index.tsx') },
  { plugin: () => import('./atlas/index.ts') },
  // Last: the web client's catch-all must not shadow any API route.
  { plugin: () => import('./web/index.ts') },
];
