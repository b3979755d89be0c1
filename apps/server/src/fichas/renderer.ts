// Server-side PDF rendering with Debian's headless Chromium through playwright-core: one shared browser, a bounded
// pool of pages, a timeout per document. The print page is our own (apps/web/ficha.html), served by this same app:
// every request the page makes is answered in-process through `inject`, so rendering needs no listening socket and
// no request ever leaves the process.
import { randomUUID } from 'node:crypto';
import { chromium, type Browser, type BrowserContext, type Page, type Route } from 'playwright-core';
import { lowerPriority } from './background-priority.ts';

/** Chromium flags shared with the browser test suites (tests/support/browser.ts): headless WebGL in software. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
];

/** Where Debian installs Chromium (CHROMIUM_PATH overrides it). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The origin the print page is loaded from inside the renderer; never resolved on any network. */
export const PRINT_ORIGIN = 'http://sigmun-print.internal';
/** Our print page (apps/web/ficha.html, served by the web route). */
export const PRINT_PAGE = '/ficha.html';

export interface InjectedResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}
/** Answers one request of the print page (path with query, request headers). */
export type InProcessFetch = (path: string, headers: Record<string, string>) => Promise<InjectedResponse>;

export interface RenderOptions {
  /** The ficha to lay out in the print page. */
  ficha?: { tipo: string; clave: string; papel: string; lang: string };
  format: 'A4' | 'Letter';
  /** Headers the page's requests carry (the Host of the original request, for permalinks and allowed hosts). */
  headers?: Record<string, string>;
  /** HTML to print instead of loading a page (the atlas index). */
  html?: string;
}

export class RenderTimeout extends Error {}
export class RenderFailed extends Error {}

interface PooledPage {
  context: BrowserContext;
  page: Page;
  /** Headers of the document being rendered, added to each in-process request. */
  headers: Record<string, string>;
  /** The print page is loaded and can lay out fichas. */
  ready: boolean;
}

/** Renders print pages to PDF; `pages` bounds how many documents render at once, the rest wait their turn. */
export class PdfRenderer {
  private browser: Promise<Browser> | null = null;
  private idle: PooledPage[] = [];
  private open = 0;
  private waiting: Array<(p: PooledPage) => void> = [];
  private closed = false;
  /** Documents rendered since start (for the health of the pool). */
  rendered = 0;

  /**
   * A switch of this renderer's own on its Chromium's command line: a background renderer finds its processes by it
   * to lower their priority (background-priority.ts).
   */
  readonly marker = `--sigmun-pdf-renderer=${randomUUID()}`;

  constructor(
    private readonly fetchInProcess: InProcessFetch,
    private readonly opts: { pages: number; timeoutMs: number; /** CPU priority of its Chromium (nice); unset: unchanged. */ nice?: number },
  ) {}

  private getBrowser(): Promise<Browser> {
    if (!this.browser) {
      this.browser = chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, this.marker] }).catch((e) => {
        this.browser = null;
        throw new RenderFailed(`No se pudo iniciar Chromium (${CHROMIUM_PATH}): ${(e as Error).message.split('\n')[0]}`);
      });
    }
    return this.browser;
  }

  private async newPage(): Promise<PooledPage> {
    const browser = await this.getBrowser();
    const context = await browser.newContext({ viewport: { width: 1000, height: 1400 }, deviceScaleFactor: 1 });
    const pooled: PooledPage = { context, page: null as unknown as Page, headers: {}, ready: false };
    await context.route('**/*', (route) => this.answer(route, pooled));
    pooled.page = await context.newPage();
    return pooled;
  }

  private async answer(route: Route, p: PooledPage): Promise<void> {
    const req = route.request();
    const url = new URL(req.url());
    if (url.origin !== PRINT_ORIGIN) return route.abort('blockedbyclient');
    try {
      // Every request carries the original request's Host (its permalink, the allowed hosts); the print page maps the
      // style's absolute URLs back onto its own origin.
      const headers = { ...(await req.allHeaders()), host: url.host, ...p.headers };
      const res = await this.fetchInProcess(url.pathname + url.search, headers);
      await route.fulfill({ status: res.status, headers: res.headers, body: res.body });
    } catch {
      await route.abort('failed').catch(() => {});
    }
  }

  private async acquire(): Promise<PooledPage> {
    const p = this.idle.pop();
    if (p) return p;
    if (this.open < this.opts.pages) {
      this.open++;
      try {
        return await this.newPage();
      } catch (e) {
        this.open--;
        throw e;
      }
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(p: PooledPage, healthy: boolean): void {
    if (!healthy || this.closed) {
      this.open--;
      void p.context.close().catch(() => {});
      // Someone waiting gets a fresh page instead.
      const next = this.waiting.shift();
      if (next && !this.closed) {
        this.open++;
        this.newPage().then(next, () => {
          this.open--;
        });
      }
      return;
    }
    const next = this.waiting.shift();
    if (next) next(p);
    else this.idle.push(p);
  }

  /** Renders one print page (or `html`) to PDF bytes; throws RenderTimeout or RenderFailed. */
  async render(o: RenderOptions): Promise<Buffer> {
    if (this.closed) throw new RenderFailed('El generador de PDF está cerrado.');
    const p = await this.acquire();
    // Renderers and helper processes Chromium started since the last document get the low priority too.
    if (this.opts.nice) lowerPriority(this.marker, this.opts.nice);
    let healthy = true;
    const timer = new Promise<never>((_, reject) => setTimeout(() => reject(new RenderTimeout('La ficha tardó demasiado en generarse.')), this.opts.timeoutMs).unref());
    try {
      const work = async () => {
        p.headers = o.headers ?? {};
        if (o.html !== undefined) {
          p.ready = false;
          await p.page.setContent(o.html, { waitUntil: 'load' });
        } else {
          if (!p.ready) {
            // Load the print page once; later fichas are laid out in it without reloading the bundle.
            await p.page.goto(PRINT_ORIGIN + PRINT_PAGE, { waitUntil: 'load' });
            await p.page.waitForFunction(() => typeof (window as unknown as { sigmunFicha?: unknown }).sigmunFicha === 'function', null, { timeout: this.opts.timeoutMs });
            p.ready = true;
          }
          const v = await p.page.evaluate((r) => (window as unknown as { sigmunFicha: (r: unknown) => Promise<string> }).sigmunFicha(r), o.ficha!);
          if (v !== 'ready') throw new RenderFailed(`La página de impresión falló: ${String(v)}`);
        }
        return p.page.pdf({ format: o.format, printBackground: true, preferCSSPageSize: false, margin: { top: '0', bottom: '0', left: '0', right: '0' } });
      };
      const pdf = await Promise.race([work(), timer]);
      this.rendered++;
      return pdf;
    } catch (e) {
      healthy = false;
      throw e instanceof RenderTimeout || e instanceof RenderFailed ? e : new RenderFailed((e as Error).message.split('\n')[0]);
    } finally {
      this.release(p, healthy);
    }
  }

  /** Closes the pages and the browser. */
  async close(): Promise<void> {
    this.closed = true;
    await this.stopBrowser();
  }

  /**
   * Closes the browser while nothing renders (the atlas's, between jobs: ~200 MB less); the next render starts it
   * again. A no-op while a document is being rendered.
   */
  async suspend(): Promise<void> {
    if (this.open > this.idle.length || this.waiting.length) return;
    this.open = 0;
    await this.stopBrowser();
  }

  private async stopBrowser(): Promise<void> {
    // Taken at once, so no render can pick up a page or the browser while they close.
    const pages = this.idle.splice(0);
    const b = this.browser;
    this.browser = null;
    await Promise.all(pages.map((p) => p.context.close().catch(() => {})));
    if (b) await (await b.catch(() => null))?.close().catch(() => {});
  }
}
