// Atlas of fichas: every localidad in one PDF with an index, read back with poppler (pdfinfo, pdftotext); only
// planeacion may start one; unchanged data gives back the cached file without rendering; an edit makes a new one.
// This suite's copy of the demo keeps two localidades, so the suite renders few fichas on two shared cores (the
// atlas of every colonia is measured by the bench, bench/suites/fichas.ts).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { AtlasJob } from '@sigmun/domain/dashboard';
import { ensureBasemapArchive } from '@sigmun/tiles/build';
import { buildApp } from '../../apps/server/src/app.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { INDEX_ROWS_PER_PAGE } from '../../apps/server/src/fichas/atlas.ts';
import { getPriority } from 'node:os';
import { processTree } from '../../apps/server/src/fichas/background-priority.ts';
import { bearer, createUser } from '../support/auth.ts';
import { cloneTestDatabase, type TestDatabase } from '../support/test-database.ts';

const dir = mkdtempSync(join(tmpdir(), 'sigmun-atlas-'));
const t = {} as { db: TestDatabase; app: FastifyInstance; planner: string; dep: string };
beforeAll(async () => {
  t.db = await cloneTestDatabase('atlas');
  await t.db.pool.query('DELETE FROM carto.localidades WHERE cvegeo NOT IN (SELECT cvegeo FROM carto.localidades ORDER BY nombre, cvegeo LIMIT 2)');
  const tilesDir = join(dir, 'tiles');
  await ensureBasemapArchive(t.db.url, { outDir: tilesDir, log: () => {} });
  t.app = await buildApp(loadConfig(process.env, { databaseUrl: t.db.url, tilesDir, atlasDir: join(dir, 'atlas'), fichaTimeoutMs: 120_000 }), { logger: false });
  await createUser(t.db.url, { email: 'planner@atlas.test', roles: ['planeacion'] });
  await createUser(t.db.url, { email: 'dep@atlas.test', roles: ['dependencia'], dependencias: ['Obras Públicas'] });
  t.planner = `Bearer ${await bearer(t.db.url, 'planner@atlas.test')}`;
  t.dep = `Bearer ${await bearer(t.db.url, 'dep@atlas.test')}`;
});
afterAll(async () => {
  await t.app?.close();
  await t.db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const start = (auth: string | null, body: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/atlas/localidad', headers: auth ? { authorization: auth } : {}, payload: body });

/**
 * Starts the localidad atlas as the planner (the POST returns at once) and polls its progress, as the Tablero does,
 * until it is finished; progress only ever goes up.
 */
async function atlas(body: Record<string, string> = {}): Promise<{ job: AtlasJob; file: string; priorities: number[] }> {
  const res = await start(t.planner, body);
  expect(res.statusCode, res.body).toBe(202);
  const started = res.json() as AtlasJob;
  expect(res.headers.location).toBe(`/api/atlas/jobs/${started.id}`);
  const seen: number[] = [];
  // The nice value of the atlas's browser process while it renders (after its first ficha).
  const priorities: number[] = [];
  const job = await vi.waitFor(async () => {
    const r = await t.app.inject({ url: `/api/atlas/jobs/${started.id}`, headers: { authorization: t.planner } });
    expect(r.statusCode).toBe(200);
    const j = r.json() as AtlasJob;
    seen.push(j.hechas);
    if (j.estado === 'generando' && j.hechas >= 1) {
      const [browser] = processTree(t.app.atlasPdf.marker);
      if (browser) priorities.push(getPriority(browser));
    }
    // Waits while the job is queued or rendering; a failed job ends the wait too (and the assertion below fails).
    expect(['listo', 'error']).toContain(j.estado);
    return j;
  }, { timeout: 580_000, interval: 250 });
  expect(job.estado, job.error ?? '').toBe('listo');
  expect(seen).toEqual([...seen].sort((a, b) => a - b));
  const pdf = await t.app.inject({ url: job.url!, headers: { authorization: t.planner } });
  expect(pdf.statusCode).toBe(200);
  expect(pdf.headers['content-type']).toBe('application/pdf');
  const file = join(dir, `${job.id}.pdf`);
  writeFileSync(file, pdf.rawPayload);
  return { job, file, priorities };
}
const pages = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
const pageText = (file: string, p: number) => execFileSync('pdftotext', ['-f', String(p), '-l', String(p), '-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');

describe('atlas', { timeout: 900_000 }, () => {
  it('anonymous 401, dependencia 403, bad kind 400, nothing started', async () => {
    expect((await start(null)).statusCode).toBe(401);
    expect((await start(t.dep)).statusCode).toBe(403);
    const bad = await t.app.inject({ method: 'POST', url: '/api/atlas/barrio', headers: { authorization: t.planner }, payload: {} });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body).toContain('tipo');
    expect((await t.app.inject({ url: '/api/atlas/jobs/no-existe', headers: { authorization: t.planner } })).statusCode).toBe(404);
    expect(t.app.atlas.rendered).toBe(0);
  });

  it('every localidad: an index with names and page numbers, then one ficha page per unit; cached until an edit bumps the layer version', async () => {
    const { rows: units } = await t.db.pool.query<{ cvegeo: string; nombre: string }>('SELECT cvegeo, nombre FROM carto.localidades ORDER BY nombre, cvegeo');
    expect(units.length).toBeGreaterThan(1);
    const indexPages = Math.ceil(units.length / INDEX_ROWS_PER_PAGE);

    const first = await atlas();
    // The atlas ran in the background: its own browser at the configured low priority (ATLAS_NICE), closed once the
    // job ended; no request but its own came meanwhile, so it never had to force its way.
    expect(t.app.config.atlasNice).toBeGreaterThan(0);
    expect(first.priorities.length).toBeGreaterThan(0);
    expect(new Set(first.priorities)).toEqual(new Set([t.app.config.atlasNice]));
    expect(t.app.atlasGate.forced).toBe(0);
    await vi.waitFor(() => expect(processTree(t.app.atlasPdf.marker)).toEqual([]), { timeout: 10_000 });
    expect(first.job).toMatchObject({ tipo: 'localidad', papel: 'a4', lang: 'es', cache: false, hechas: units.length, total: units.length });
    expect(pages(first.file)).toBe(indexPages + units.length);
    const index = Array.from({ length: indexPages }, (_, i) => pageText(first.file, i + 1)).join(' ');
    expect(index).toContain('Índice');
    units.forEach((u, i) => {
      const page = indexPages + 1 + i;
      // The index lists the unit with the page its ficha is on, and that page is the unit's ficha.
      expect(index).toMatch(new RegExp(`${u.nombre.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} ${u.cvegeo} ${page}\\b`));
      expect(pageText(first.file, page)).toContain(u.nombre);
    });
    const audited = await t.db.pool.query(`SELECT count(*)::int AS n FROM audit.log WHERE action = 'atlas' AND detail->>'job' = $1`, [first.job.id]);
    expect(audited.rows[0].n).toBe(1);

    // Same data: the cached file, at once, without rendering anything.
    const renders = t.app.atlas.rendered;
    const again = await start(t.planner);
    expect(again.json()).toMatchObject({ estado: 'listo', cache: true, version: first.job.version });
    const cached = await atlas();
    expect(t.app.atlas.rendered).toBe(renders);
    expect(execFileSync('cmp', [first.file, cached.file]).length).toBe(0);

    // An edit of a localidad bumps its layer's version: a new atlas with the new name.
    await t.db.pool.query(`UPDATE carto.localidades SET nombre = 'Localidad Renombrada' WHERE cvegeo = $1`, [units[0].cvegeo]);
    const fresh = await atlas();
    expect(fresh.job.cache).toBe(false);
    expect(fresh.job.version).not.toBe(first.job.version);
    expect(t.app.atlas.rendered).toBe(renders + units.length + 1);
    const all = Array.from({ length: pages(fresh.file) }, (_, i) => pageText(fresh.file, i + 1)).join(' ');
    expect(all).toContain('Localidad Renombrada');
  });

  it('English on letter paper: English index heading, letter pages', async () => {
    const { file } = await atlas({ papel: 'carta', lang: 'en' });
    expect(pageText(file, 1)).toContain('Index');
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Page size:\s+61[12](\.\d+)? x 79[12]/);
  });
});
