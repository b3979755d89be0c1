import { mkdirSync } from 'node:fs';
import fp from 'fastify-plugin';
import { AtlasJobs } from '../fichas/atlas.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Background atlas jobs (every ficha of a kind in one PDF), cached by the data's version. */
    atlas: AtlasJobs;
  }
}

/** Decorates `app.atlas` over the shared PDF renderer and the dashboard repository; stops it with the app. */
export default fp(
  async (app) => {
    mkdirSync(app.config.atlasDir, { recursive: true });
    const atlas = new AtlasJobs({
      dir: app.config.atlasDir,
      render: (o) => app.pdf.render(o),
      units: (tipo) => app.dashboardRepository.territoryKeys(tipo),
      version: async () => (await app.dashboardRepository.dataDates()).version,
    });
    app.decorate('atlas', atlas);
    // Waits for the ficha being rendered (at most one), so no scratch file is written after the app is closed.
    app.addHook('onClose', async () => {
      await atlas.close();
    });
  },
  { name: 'atlas', dependencies: ['fichas-renderer', 'dashboard-repository'] },
);
