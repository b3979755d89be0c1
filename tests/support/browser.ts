// Headless Chromium (Debian's, never a downloaded one) and the real server on a cloned demo database, for the
// browser suites. Every page records console errors, page errors and any request that leaves this machine.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, expect } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../apps/server/src/app.ts';
import { loadConfig, type ServerConfig } from '../../apps/server/src/config.ts';
import { ensureBasemapArchive } from '@sigmun/tiles/build';
import { repoRoot } from '@sigmun/db';
import { MAP_PATH } from '@sigmun/domain/portal';
// The flags and the binary the server's PDF renderer uses: the suites run the same Chromium the same way.
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../apps/server/src/fichas/renderer.ts';
import { cloneTestDatabase, type TestDatabase } from './test-database.ts';


/** Launches the system Chromium headless. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export interface TestServer {
  url: string;
  app: FastifyInstance;
  db: TestDatabase;
  close: () => Promise<void>;
}

/**
 * The basemap archive of the demo template, kept in .data between runs: every clone holds the template's data, so
 * the archive's fingerprint (layer versions, dataset load time, tile SQL) is the same, and it is built once (~3 s
 * on two loaded cores) instead of once per browser file. Browser files run one at a time, so one builds it and the rest
 * find it up to date.
 */
const SHARED_TILES_DIR = join(repoRoot(), '.data', 'e2e-demo-tiles');

/** The real server (buildApp + listen on a free port) on its own copy of the demo database and basemap archive. */
export async function startTestServer(label: string, config: Partial<ServerConfig> = {}): Promise<TestServer> {
  const db = await cloneTestDatabase(label);
  const tilesDir = mkdtempSync(join(tmpdir(), 'sigmun-e2e-tiles-'));
  // The suite's own copy of the shared archive (an import in the suite rebuilds its copy only), then the same check
  // as before on its own database: a clone whose data differ from the template still gets its own archive.
  const shared = await ensureBasemapArchive(db.url, { outDir: SHARED_TILES_DIR, log: () => {} });
  copyFileSync(shared.path, join(tilesDir, 'basemap.pmtiles'));
  await ensureBasemapArchive(db.url, { outDir: tilesDir, log: () => {} });
  const app = await buildApp(loadConfig(process.env, { ...config, databaseUrl: db.url, tilesDir, host: '127.0.0.1', port: 0 }), { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  return {
    url: `http://localhost:${port}`,
    app,
    db,
    close: async () => {
      await app.close();
      await db.drop();
      rmSync(tilesDir, { recursive: true, force: true });
    },
  };
}

export interface WatchedPage {
  page: Page;
  consoleErrors: string[];
  foreignRequests: string[];
  /** Requests that failed other than by being cancelled, with Chromium's reason: printed beside a console error. */
  failedRequests: string[];
  close: () => Promise<void>;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** A new page in its own context that records console errors and requests to any host but this machine. */
export async function watchedPage(browser: Browser, opts: BrowserContextOptions = {}): Promise<WatchedPage> {
  const context = await browser.newContext(opts);
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];
  const failedRequests: string[] = [];
  // Each error names where it was logged and what its arguments hold (an Error's name, message and the URL a
  // MapLibre AJAXError carries): a bare "Error" in a report says nothing. The detail is read asynchronously and
  // written over the entry in place, so a suite that removes an expected error by its text still can.
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const loc = m.location();
    const entry = `${m.text()}${loc.url ? ` @ ${loc.url}:${loc.lineNumber}` : ''}`;
    consoleErrors.push(entry);
    void Promise.all(
      m.args().map((a) =>
        a
          .evaluate((v) => {
            if (v instanceof Error) {
              const x = v as Error & { url?: string; status?: number };
              return `${x.name}: ${x.message}${x.url ? ` url=${x.url}` : ''}${x.status !== undefined ? ` status=${x.status}` : ''} | ${(x.stack ?? '').split('\n').slice(1, 4).join(' ').trim()}`;
            }
            try {
              return JSON.stringify(v)?.slice(0, 300) ?? String(v);
            } catch {
              return String(v);
            }
          })
          .catch(() => '?'),
      ),
    ).then((details) => {
      const i = consoleErrors.indexOf(entry);
      if (i >= 0) consoleErrors[i] = `${entry} [${details.join(' ; ')}]`;
    });
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  // A failed request is no error by itself (MapLibre cancels tiles it no longer needs), but it explains one.
  page.on('requestfailed', (r) => {
    const why = r.failure()?.errorText ?? '';
    if (why !== 'net::ERR_ABORTED') failedRequests.push(`${r.method()} ${r.url()} ${why}`);
  });
  page.on('request', (r) => {
    const u = new URL(r.url());
    if ((u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'ws:' || u.protocol === 'wss:') && !LOCAL_HOSTS.has(u.hostname)) foreignRequests.push(r.url());
  });
  return { page, consoleErrors, foreignRequests, failedRequests, close: () => context.close() };
}

/** Waits until no request, tile or fly animation is pending (the page's loading bar says so). */
export async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(300);
  // A condition, not a sleep: on two cores shared by several suites a first page (JS, sprite, glyphs, tiles, label
  // placement in software WebGL) has been seen to take 30–40 s, so the bound is generous.
  await page.waitForFunction(() => document.querySelector('.loading-bar')?.getAttribute('aria-busy') === 'false', null, { timeout: 90_000 });
}

/** A grid of RGB values sampled from the page's main map canvas, and how many distinct colours it holds. */
export async function sampleMap(page: Page, selector = '.map canvas'): Promise<{ pixels: number[]; distinct: number }> {
  return page.evaluate((sel) => {
    const c = document.querySelector(sel) as HTMLCanvasElement;
    const t = document.createElement('canvas');
    t.width = c.width;
    t.height = c.height;
    const g = t.getContext('2d')!;
    g.drawImage(c, 0, 0);
    const d = g.getImageData(0, 0, t.width, t.height).data;
    const pixels: number[] = [];
    const seen = new Set<number>();
    for (let y = 2; y < t.height; y += 8) {
      for (let x = 2; x < t.width; x += 8) {
        const i = (y * t.width + x) * 4;
        const v = (d[i] << 16) | (d[i + 1] << 8) | d[i + 2];
        pixels.push(v);
        seen.add(v);
      }
    }
    return { pixels, distinct: seen.size };
  }, selector);
}

/** A browser suite's handles: the server, pages opened on it, and its JSON API. Valid inside tests. */
export interface BrowserSuite {
  readonly server: TestServer;
  /**
   * Opens `path` (the map page, MAP_PATH, by default) at `#hash` in a new watched context and waits as the suite
   * was told: until the map has settled, or only until its canvas exists.
   */
  open(hash?: string, opts?: BrowserContextOptions, path?: string): Promise<WatchedPage>;
  /** A new watched context on about:blank (for a walk that starts on another page of the server). */
  page(opts?: BrowserContextOptions): Promise<WatchedPage>;
  /** Opens any page of the server (`/quienes-somos`, `/editar`…) in a new watched context, without waiting for a map. */
  visit(path: string, opts?: BrowserContextOptions): Promise<WatchedPage>;
  /** GETs (or sends `init`) to the server's API and parses the JSON; throws on a non-2xx status. */
  api<T>(path: string, init?: RequestInit): Promise<T>;
}

export interface BrowserSuiteOptions {
  /**
   * What `open` waits for: 'settled' (the loading bar idle: every tile drawn) or 'canvas' (the map's canvas
   * exists), for suites that open pages whose map keeps loading (a follow-up page, the moderation queue) and wait
   * for what they assert instead.
   */
  ready?: 'settled' | 'canvas';
  /** Server settings of this suite's app (e.g. its own atlas folder). */
  config?: Partial<ServerConfig>;
}

/**
 * Registers beforeAll/afterAll for a browser suite: the real server on a copy of the demo database and one Chromium.
 * After the suite, both close and every page it opened must have requested no other host and logged no error.
 */
export function useBrowserSuite(label: string, defaultOpts: BrowserContextOptions, options: BrowserSuiteOptions = {}): BrowserSuite {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const pages: WatchedPage[] = [];
  beforeAll(async () => {
    server = await startTestServer(label, options.config);
    browser = await launchChromium();
  });
  afterAll(async () => {
    const foreign = pages.flatMap((p) => p.foreignRequests);
    const errors = pages.flatMap((p) => p.consoleErrors);
    const failed = pages.flatMap((p) => p.failedRequests);
    await browser?.close();
    await server?.close();
    expect(foreign).toEqual([]);
    expect({ errors, failedRequests: errors.length ? failed : [] }).toEqual({ errors: [], failedRequests: [] });
  });
  return {
    get server() {
      return server!;
    },
    async open(hash = '', opts = defaultOpts, path = MAP_PATH) {
      const w = await watchedPage(browser!, opts);
      pages.push(w);
      await w.page.goto(`${server!.url}${path}${hash ? `#${hash}` : ''}`);
      if (options.ready === 'canvas') await w.page.locator('.map canvas').waitFor({ timeout: 60_000 });
      else await settle(w.page);
      return w;
    },
    async page(opts = defaultOpts) {
      const w = await watchedPage(browser!, opts);
      pages.push(w);
      return w;
    },
    async visit(path: string, opts = defaultOpts) {
      const w = await watchedPage(browser!, opts);
      pages.push(w);
      await w.page.goto(`${server!.url}${path}`);
      return w;
    },
    async api<T>(path: string, init?: RequestInit) {
      const r = await fetch(server!.url + path, init);
      if (!r.ok) throw new Error(`${path}: ${r.status}`);
      return (await r.json()) as T;
    },
  };
}

/**
 * Decodes PNG bytes in the page and reports the number of distinct colours (every 37th pixel) and the share of
 * pure white pixels (all of them).
 */
export async function pngStats(page: Page, png: Buffer): Promise<{ distinct: number; white: number }> {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const g = c.getContext('2d')!;
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < d.length; i += 4 * 37) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    let white = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] === 255 && d[i + 1] === 255 && d[i + 2] === 255) white++;
    return { distinct: seen.size, white: white / (d.length / 4) };
  }, png.toString('base64'));
}
