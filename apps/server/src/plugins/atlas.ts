import { mkdirSync } from 'node:fs';
import fp from 'fastify-plugin';
import { AtlasJobs } from '../fichas/atlas.ts';
import { PdfRenderer } from '../fichas/renderer.ts';
import { TrafficGate } from '../fichas/traffic-gate.ts';
import { injectFetch } from './fichas.ts';

/** Header of the atlas renderer's in-process requests (never sent by a browser: it is added inside the process). */
const ATLAS_MARK = 'x-sigmun-atlas';

declare module 'fastify' {
  interface FastifyInstance {
    /** Background atlas jobs (every ficha of a kind in one PDF), cached by the data's version. */
    atlas: AtlasJobs;
    /** The atlas's own renderer: one page, its Chromium at a low CPU priority (ATLAS_NICE), closed between jobs. */
    atlasPdf: PdfRenderer;
    /** Holds each atlas ficha until the server has a quiet spell (ATLAS_QUIET_MS, at most ATLAS_MAX_WAIT_MS). */
    atlasGate: TrafficGate;
  }
}

/**
 * Decorates `app.atlas` over a renderer of its own and the dashboard repository; stops both with the app. The atlas
 * does not share the interactive fichas' renderer: its Chromium runs at ATLAS_NICE (10) so that an atlas of hundreds
 * of fichas takes mostly the CPU that the map's requests and interactive fichas leave.
 */
export default fp(
  async (app) => {
    mkdirSync(app.config.atlasDir, { recursive: true });
    // The atlas's own in-process requests carry a mark, so that they are not counted as somebody's traffic.
    const renderer = new PdfRenderer(injectFetch(app, { [ATLAS_MARK]: '1' }), { pages: 1, timeoutMs: app.config.atlasFichaTimeoutMs, nice: app.config.atlasNice });
    app.decorate('atlasPdf', renderer);
    const gate = new TrafficGate({ quietMs: app.config.atlasQuietMs, maxWaitMs: app.config.atlasMaxWaitMs });
    app.decorate('atlasGate', gate);
    // Everybody's requests but the atlas's own and the progress polls of an atlas (which would keep it waiting while
    // someone watches it) and health probes.
    app.addHook('onRequest', (request, _reply, done) => {
      if (!request.headers[ATLAS_MARK] && !request.url.startsWith('/api/atlas/') && !request.url.startsWith('/api/health')) gate.saw();
      done();
    });
    const atlas = new AtlasJobs({
      dir: app.config.atlasDir,
      render: (o) => renderer.render(o),
      pace: () => gate.pass().then(() => undefined),
      idle: () => renderer.suspend(),
      units: (tipo) => app.dashboardRepository.territoryKeys(tipo),
      version: async () => (await app.dashboardRepository.dataDates()).version,
    });
    app.decorate('atlas', atlas);
    // Waits for the ficha being rendered (at most one), so no scratch file is written after the app is closed.
    app.addHook('onClose', async () => {
      await atlas.close();
      await renderer.close();
    });
  },
  { name: 'atlas', dependencies: ['fichas-renderer', 'dashboard-repository'] },
);
