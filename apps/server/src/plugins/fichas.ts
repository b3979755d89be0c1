import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { PdfRenderer, type InProcessFetch, type InjectedResponse } from '../fichas/renderer.ts';

declare module 'fastify' {
  interface FastifyInstance {
    pdf: PdfRenderer;
  }
}

// Request headers the print page's requests keep when answered in-process (compression is left out: the page
// gets identity bodies, so nothing has to be decoded twice).
const KEEP = ['accept', 'range', 'if-none-match', 'host', 'accept-language'];

/** Answers the print page's requests through `app.inject`: no socket, and no request leaves the process. */
export function injectFetch(app: FastifyInstance, extra: Record<string, string> = {}): InProcessFetch {
  return async (path, headers): Promise<InjectedResponse> => {
    const kept = Object.fromEntries(Object.entries(headers).filter(([k]) => KEEP.includes(k.toLowerCase())));
    const res = await app.inject({ method: 'GET', url: path, headers: { ...kept, ...extra } });
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) {
      if (v === undefined || k === 'content-length' || k === 'transfer-encoding' || k === 'connection') continue;
      out[k] = Array.isArray(v) ? v.join(', ') : String(v);
    }
    return { status: res.statusCode, headers: out, body: res.rawPayload };
  };
}

/** The shared PDF renderer (one Chromium, a bounded page pool), started on first use and closed with the app. */
export default fp(
  async (app) => {
    const renderer = new PdfRenderer(injectFetch(app), { pages: app.config.fichaPages, timeoutMs: app.config.fichaTimeoutMs });
    app.decorate('pdf', renderer);
    app.addHook('onClose', async () => {
      await renderer.close();
    });
  },
  { name: 'fichas-renderer' },
);
