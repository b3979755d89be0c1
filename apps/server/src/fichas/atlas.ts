// Atlas: every ficha of one kind as one PDF, with an index page. Jobs run in the background one at a time, and each
// job renders one ficha at a time, so the renderer's page pool always keeps pages for interactive fichas. Pages are
// merged by poppler's pdfunite; the finished file is cached on disk under the data's version (meta.layer_versions),
// so the same kind, paper, language and data give back the same file without rendering anything.
import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PAPER_FORMAT, type AtlasJob, type AtlasKind, type FichaLang, type Paper } from '@sigmun/domain/dashboard';
import { esMX } from '../../../web/src/i18n/es-MX.ts';
import { en } from '../../../web/src/i18n/en.ts';
import type { RenderOptions } from './renderer.ts';

const run = promisify(execFile);

/** Index rows per printed page (fixed, so the page numbers in the index are known before it is printed). */
export const INDEX_ROWS_PER_PAGE = 30;

export interface AtlasDeps {
  /** Folder of the cached atlases (and of each job's scratch files). */
  dir: string;
  /** Renders one ficha or HTML page to PDF (the shared renderer). */
  render: (o: RenderOptions) => Promise<Buffer>;
  /** Claves and names of every unit of a kind, in index order. */
  units: (tipo: AtlasKind) => Promise<Array<{ clave: string; nombre: string }>>;
  /** The data's version (a digest of meta.layer_versions). */
  version: () => Promise<string>;
  /** Waits before each ficha (for a quiet spell of the server's traffic). */
  pace?: () => Promise<void>;
  /** Called when the last queued job has ended (the atlas's renderer closes its browser). */
  idle?: () => Promise<void>;
}

export interface AtlasStart {
  tipo: AtlasKind;
  papel: Paper;
  lang: FichaLang;
  /** Host the fichas' permalinks and QR codes point to. */
  host: string;
}

interface Job extends AtlasJob {
  file: string | null;
  host: string;
  key: string;
}

// The atlas index is printed in the atlas's language from the web client's catalogs (one catalog per language).
const CATALOGS = { es: esMX as Record<string, string>, en: en as Record<string, string> };
const msg = (lang: FichaLang, key: string, params: Record<string, string | number> = {}) =>
  (CATALOGS[lang][key] ?? CATALOGS.es[key] ?? key).replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The HTML of the index pages: one row per unit with the page its ficha starts on, INDEX_ROWS_PER_PAGE per page. */
export function indexHtml(o: { tipo: AtlasKind; lang: FichaLang; version: string }, rows: Array<{ nombre: string; clave: string; pagina: number }>): string {
  const kind = msg(o.lang, `tablero.kind.${o.tipo}`);
  const pages: string[] = [];
  for (let i = 0; i < Math.max(rows.length, 1); i += INDEX_ROWS_PER_PAGE) {
    const chunk = rows.slice(i, i + INDEX_ROWS_PER_PAGE);
    pages.push(`<section>
      <h1>${escapeHtml(msg(o.lang, 'ficha.atlasTitle', { kind }))}</h1>
      <h2>${escapeHtml(msg(o.lang, 'ficha.atlasIndex'))}</h2>
      <table>${chunk.map((r) => `<tr><td class="n">${escapeHtml(r.nombre)}</td><td class="c">${escapeHtml(r.clave)}</td><td class="p">${r.pagina}</td></tr>`).join('')}</table>
    </section>`);
  }
  return `<!doctype html><html lang="${o.lang === 'en' ? 'en' : 'es-MX'}"><head><meta charset="utf-8"><style>
    @page { margin: 0 }
    body { margin: 0; font: 11pt/1.3 'DejaVu Sans', sans-serif; color: #222 }
    section { padding: 18mm 16mm; page-break-after: always; break-after: page }
    section:last-child { page-break-after: auto; break-after: auto }
    h1 { font-size: 17pt; margin: 0 0 2mm } h2 { font-size: 13pt; margin: 0 0 5mm; color: #555 }
    table { width: 100%; border-collapse: collapse } td { height: 6.6mm; border-bottom: 0.2mm solid #ddd; padding: 0 2mm }
    td.c { color: #666; font-size: 9pt; white-space: nowrap } td.p { text-align: right; width: 14mm }
  </style></head><body>${pages.join('')}</body></html>`;
}

/** Pages of a PDF, by pdfinfo. */
async function pageCount(file: string): Promise<number> {
  const { stdout } = await run('pdfinfo', [file]);
  const m = /^Pages:\s+(\d+)/m.exec(stdout);
  if (!m) throw new Error(`pdfinfo no dio el número de páginas de ${file}`);
  return Number(m[1]);
}

const publicJob = ({ file: _f, host: _h, key: _k, ...j }: Job): AtlasJob => ({ ...j });

/** Background atlas jobs: start (or find in the cache), progress, finished file. */
export class AtlasJobs {
  private jobs = new Map<string, Job>();
  private queue: Job[] = [];
  private current: Promise<void> | null = null;
  private closed = false;
  /** Documents (fichas and index pages) rendered by atlas jobs since start (a cached atlas renders none). */
  rendered = 0;

  constructor(private readonly deps: AtlasDeps) {}

  private fileName(tipo: AtlasKind, papel: Paper, lang: FichaLang, host: string, version: string): string {
    const h = createHash('sha256').update(host).digest('hex').slice(0, 8);
    return `atlas-${tipo}-${papel}-${lang}-${h}-${version}.pdf`;
  }

  /** Starts an atlas, or answers the cached one (same kind, paper, language, host and data version) or the one underway. */
  async start(s: AtlasStart): Promise<AtlasJob> {
    if (this.closed) throw new Error('El generador de atlas está cerrado.');
    const version = await this.deps.version();
    const key = this.fileName(s.tipo, s.papel, s.lang, s.host, version);
    const underway = [...this.jobs.values()].find((j) => j.key === key && (j.estado === 'en_cola' || j.estado === 'generando'));
    if (underway) return publicJob(underway);
    const id = randomUUID();
    const job: Job = {
      id, tipo: s.tipo, papel: s.papel, lang: s.lang, estado: 'en_cola', hechas: 0, total: 0, url: null, cache: false,
      error: null, version, file: null, host: s.host, key,
    };
    const cached = join(this.deps.dir, key);
    if (existsSync(cached)) {
      const total = (await this.deps.units(s.tipo)).length;
      Object.assign(job, { estado: 'listo', hechas: total, total, cache: true, file: cached, url: `/api/atlas/jobs/${id}.pdf` });
    } else {
      this.queue.push(job);
    }
    this.remember(job);
    this.pump();
    return publicJob(job);
  }

  /** A job's state, or null for an unknown id. */
  get(id: string): AtlasJob | null {
    const j = this.jobs.get(id);
    return j ? publicJob(j) : null;
  }

  /** The finished PDF of a job, or null while it is not done (or unknown). */
  file(id: string): { path: string; name: string } | null {
    const j = this.jobs.get(id);
    return j?.estado === 'listo' && j.file ? { path: j.file, name: `atlas-${j.tipo}-${j.papel}-${j.lang}.pdf` } : null;
  }

  /** Resolves once no job is queued or running (for the CLI and tests). */
  async idle(): Promise<void> {
    while (this.current) await this.current;
  }

  /** Stops after the ficha being rendered; queued jobs end in error. */
  async close(): Promise<void> {
    this.closed = true;
    for (const j of this.queue.splice(0)) Object.assign(j, { estado: 'error', error: 'El servidor se detuvo.' });
    await this.current?.catch(() => {});
  }

  // Finished jobs are forgotten oldest first beyond this many (their files stay in the cache).
  private remember(job: Job): void {
    this.jobs.set(job.id, job);
    for (const [id, j] of this.jobs) {
      if (this.jobs.size <= 200) break;
      if (j.estado === 'listo' || j.estado === 'error') this.jobs.delete(id);
    }
  }

  private pump(): void {
    if (this.current || this.closed) return;
    const job = this.queue.shift();
    if (!job) {
      void this.deps.idle?.().catch(() => {});
      return;
    }
    this.current = this.build(job)
      .catch((e: Error) => {
        Object.assign(job, { estado: 'error', error: e.message.split('\n')[0] });
      })
      .finally(() => {
        this.current = null;
        this.pump();
      });
  }

  private async build(job: Job): Promise<void> {
    job.estado = 'generando';
    const units = await this.deps.units(job.tipo);
    job.total = units.length;
    const work = join(this.deps.dir, `tmp-${job.id}`);
    await mkdir(work, { recursive: true });
    try {
      const format = PAPER_FORMAT[job.papel];
      const files: string[] = [];
      const pages: number[] = [];
      // One ficha at a time: the atlas holds at most one page of the renderer's pool.
      for (const [i, u] of units.entries()) {
        if (this.closed) throw new Error('El servidor se detuvo.');
        await this.deps.pace?.();
        if (this.closed) throw new Error('El servidor se detuvo.');
        const pdf = await this.deps.render({ ficha: { tipo: job.tipo, clave: u.clave, papel: job.papel, lang: job.lang }, format, headers: { host: job.host } });
        this.rendered++;
        const f = join(work, `${String(i).padStart(5, '0')}.pdf`);
        await writeFile(f, pdf);
        files.push(f);
        pages.push(await pageCount(f));
        job.hechas = i + 1;
      }
      const indexPages = Math.max(1, Math.ceil(units.length / INDEX_ROWS_PER_PAGE));
      let next = indexPages + 1;
      const rows = units.map((u, i) => {
        const r = { nombre: u.nombre, clave: u.clave, pagina: next };
        next += pages[i];
        return r;
      });
      const index = join(work, 'index.pdf');
      await writeFile(index, await this.deps.render({ html: indexHtml({ tipo: job.tipo, lang: job.lang, version: job.version }, rows), format }));
      this.rendered++;
      const got = await pageCount(index);
      if (got !== indexPages) throw new Error(`El índice ocupó ${got} páginas en lugar de ${indexPages}.`);
      const merged = join(work, 'atlas.pdf');
      // pdfunite needs at least two inputs: a kind without units is its index alone.
      if (files.length) await run('pdfunite', [index, ...files, merged], { maxBuffer: 1 << 20 });
      else await rename(index, merged);
      const final = join(this.deps.dir, job.key);
      await rename(merged, final);
      // Atlases of older data for the same kind, paper, language and host are not served again.
      const prefix = job.key.slice(0, job.key.lastIndexOf('-') + 1);
      for (const f of await readdir(this.deps.dir)) {
        if (f.startsWith(prefix) && f !== job.key) await rm(join(this.deps.dir, f), { force: true });
      }
      Object.assign(job, { estado: 'listo', file: final, url: `/api/atlas/jobs/${job.id}.pdf` });
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
}
