// Fichas in PDF, read back with tools the project did not write: pdftotext, pdfinfo, pdftoppm + zbarimg.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DashboardSummary, FichaData } from '@sigmun/domain/dashboard';
import { ensureBasemapArchive } from '@sigmun/tiles/build';
import { buildApp } from '../../apps/server/src/app.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { decodePermalink } from '../../apps/web/src/lib/permalink.ts';
import { cloneTestDatabase, type TestDatabase } from '../support/test-database.ts';

const dir = mkdtempSync(join(tmpdir(), 'sigmun-fichas-'));
const t = {} as { db: TestDatabase; app: FastifyInstance };
// The ficha's map is drawn over our basemap archive, built for this suite's copy of the demo database.
beforeAll(async () => {
  t.db = await cloneTestDatabase('fichas');
  const tilesDir = join(dir, 'tiles');
  await ensureBasemapArchive(t.db.url, { outDir: tilesDir, log: () => {} });
  // A generous render timeout: the suite shares two cores with every other suite (the bench measures speed).
  t.app = await buildApp(loadConfig(process.env, { databaseUrl: t.db.url, tilesDir, atlasDir: join(dir, 'atlas'), fichaTimeoutMs: 120_000 }), { logger: false });
});
afterAll(async () => {
  await t.app?.close();
  await t.db?.drop();
  if (!process.env.KEEP_FICHAS) rmSync(dir, { recursive: true, force: true });
});

let n = 0;
/** GETs a ficha, checks it is a PDF and writes it to a file; returns the path. */
async function pdf(url: string): Promise<string> {
  const res = await t.app.inject(url);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  const file = join(dir, `f${n++}.pdf`);
  writeFileSync(file, res.rawPayload);
  return file;
}
const text = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
const info = (file: string) => {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return { pages: Number(/Pages:\s+(\d+)/.exec(out)![1]), size: /Page size:\s+([^\n]+)/.exec(out)![1] };
};
/** Decodes every QR code on the first page (rasterised by pdftoppm, read by zbarimg). */
function qrCodes(file: string): string[] {
  const prefix = join(dir, `qr${n++}`);
  execFileSync('pdftoppm', ['-r', '150', '-f', '1', '-l', '1', '-png', file, prefix]);
  const png = readdirSync(dir).filter((f) => f.startsWith(prefix.split('/').pop()!)).map((f) => join(dir, f))[0];
  return execFileSync('zbarimg', ['--raw', '-q', '-Sqrcode.enable', png], { encoding: 'utf8' }).trim().split('\n');
}
const es = (v: number, d: number) => v.toLocaleString('es-MX', { minimumFractionDigits: d, maximumFractionDigits: d });
const en = (v: number, d: number) => v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
// pdftotext breaks long cells across lines; compare on text with all whitespace squeezed.
const squeeze = (s: string) => s.replace(/\s+/g, ' ');

async function busiestColonia(): Promise<string> {
  const { rows } = await t.db.pool.query(
    `SELECT c.cve_col FROM carto.colonias c JOIN plan.projects p ON ST_Intersects(p.geom, c.geom)
     GROUP BY c.cve_col ORDER BY count(*) DESC, c.cve_col LIMIT 1`,
  );
  return rows[0].cve_col;
}

describe('fichas PDF', { timeout: 240_000 }, () => {
  it('colonia, A4, Spanish: name, the API\'s indicator values, "Fuente", the data date, one A4 page, a QR that opens the colonia', async () => {
    const clave = await busiestColonia();
    const s = (await t.app.inject(`/api/dashboard/summary?tipo=colonia&clave=${clave}`)).json() as DashboardSummary;
    const file = await pdf(`/api/fichas/colonia/${clave}.pdf`);
    const txt = squeeze(text(file));
    expect(txt).toContain(s.territorio.nombre);
    expect(txt).toContain('Fuente');
    for (const f of new Set(s.indicadores.map((i) => i.fuente))) expect(txt).toContain(squeeze(f));
    expect(txt).toContain(s.datos.fecha!);
    for (const i of s.indicadores) {
      if (i.valor === null) continue;
      const d = i.unidad === 'personas' || i.unidad === 'viviendas' ? 0 : i.decimales;
      expect(txt, i.code).toContain(es(i.valor, d));
    }
    expect(txt).toContain(es(s.poblacion.valor!, 0));
    const { pages, size } = info(file);
    expect(pages).toBe(1);
    expect(size).toMatch(/^59[56](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
    const [url] = qrCodes(file);
    const u = new URL(url);
    const state = decodePermalink(u.hash);
    expect(state.territory).toEqual({ tipo: 'colonia', clave });
    expect(state.selection).toEqual({ layer: 'colonias', id: clave });
    const [lon, lat] = [state.view!.lon, state.view!.lat];
    expect(lon).toBeGreaterThan(s.territorio.bbox[0]);
    expect(lon).toBeLessThan(s.territorio.bbox[2]);
    expect(lat).toBeGreaterThan(s.territorio.bbox[1]);
    expect(lat).toBeLessThan(s.territorio.bbox[3]);
    // The QR's URL opens the web map on this server.
    const page = await t.app.inject({ url: u.pathname, headers: { host: u.host } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<div id="root">');
  });

  it('Carta in English: letter page size, English headings, same figures', async () => {
    const { rows: [l] } = await t.db.pool.query(`SELECT cvegeo, nombre FROM carto.localidades ORDER BY pob DESC NULLS LAST LIMIT 1`);
    const file = await pdf(`/api/fichas/localidad/${l.cvegeo}.pdf?papel=carta&lang=en`);
    const { pages, size } = info(file);
    expect(pages).toBe(1);
    expect(size).toMatch(/^61[12](\.\d+)? x 79[12](\.\d+)? pts \(letter\)/);
    const txt = squeeze(text(file));
    expect(txt).toContain(l.nombre);
    expect(txt).toContain('Key indicators');
    const d = (await t.app.inject(`/api/fichas/localidad/${l.cvegeo}/datos?lang=en`)).json() as FichaData;
    const pob = d.resumen.indicadores.find((i) => i.code === 'pob_tot')!;
    expect(txt).toContain(en(pob.valor!, 0));
    expect(decodePermalink(new URL(qrCodes(file)[0]).hash)).toMatchObject({ territory: { tipo: 'localidad', clave: l.cvegeo }, lang: 'en' });
  });

  it('zona: estimated indicators are marked; participation results are printed', async () => {
    const { rows: [z] } = await t.db.pool.query(`SELECT z.id, z.nombre, r.participantes FROM partic.zones z JOIN partic.results r ON r.zone_id = z.id ORDER BY z.id DESC LIMIT 1`);
    const file = await pdf(`/api/fichas/zona/${z.id}.pdf`);
    const txt = squeeze(text(file));
    expect(txt).toContain(z.nombre);
    expect(txt).toContain('Estimado');
    expect(txt).toContain(es(z.participantes, 0));
  });

  it('proyecto: its card (programa, eje, dependencia, progress history) and a QR that selects it', async () => {
    const { rows: [p] } = await t.db.pool.query(
      `SELECT p.id, p.clave, p.dependencia, pr.nombre AS programa, e.nombre AS eje FROM plan.projects p
       JOIN plan.programas pr ON pr.id = p.programa_id JOIN plan.ejes e ON e.id = pr.eje_id
       WHERE EXISTS (SELECT 1 FROM plan.project_progress g WHERE g.project_id = p.id) ORDER BY p.id LIMIT 1`,
    );
    const file = await pdf(`/api/fichas/proyecto/${p.clave}.pdf`);
    const txt = squeeze(text(file));
    for (const s of [p.clave, p.programa, p.eje, p.dependencia, 'Historial de avance']) expect(txt).toContain(s);
    expect(info(file).pages).toBe(1);
    expect(decodePermalink(new URL(qrCodes(file)[0]).hash).selection).toEqual({ layer: 'proyectos', id: String(p.id) });
  });

  it('bad tipo, clave, papel or lang: 4xx problem+json naming the parameter', async () => {
    const cases: Array<[string, number, string]> = [
      ['/api/fichas/barrio/C0001.pdf', 400, 'tipo'],
      ['/api/fichas/colonia/NO-EXISTE.pdf', 404, 'clave'],
      ['/api/fichas/colonia/C0001.png', 400, 'clave'],
      ['/api/fichas/colonia/%27%3B--.pdf', 400, 'clave'],
      ['/api/fichas/colonia/C0001.pdf?papel=a3', 400, 'papel'],
      ['/api/fichas/colonia/C0001.pdf?lang=fr', 400, 'lang'],
      ['/api/fichas/colonia/C0001.pdf?otro=1', 400, 'otro'],
      ['/api/fichas/proyecto/NO-EXISTE.pdf', 404, 'clave'],
    ];
    for (const [url, status, parameter] of cases) {
      const res = await t.app.inject(url);
      expect(res.statusCode, url).toBe(status);
      expect(res.headers['content-type'], url).toContain('application/problem+json');
      expect(res.json().parameter, url).toBe(parameter);
    }
  });
});
