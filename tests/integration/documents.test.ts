// The plan's documents: the listing API, files from DOCUMENTS_DIR, and the stand-in PDFs of the fictional demo.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { useTestApp } from '../support/test-app.ts';

const documentsDir = mkdtempSync(join(tmpdir(), 'sigmun-docs-'));
const t = useTestApp('documents', { documentsDir });
afterAll(() => rmSync(documentsDir, { recursive: true, force: true }));

it('lists the documents of a project as the table holds them', async () => {
  const { rows } = await t.db.pool.query(`SELECT project_id, count(*)::int AS n FROM plan.documents WHERE project_id IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`);
  const res = await t.app.inject(`/api/documents?project=${rows[0].project_id}`);
  expect(res.statusCode).toBe(200);
  const body = res.json();
  expect(body.total).toBe(rows[0].n);
  expect(body.items.every((d: { project_id: number }) => d.project_id === rows[0].project_id)).toBe(true);
  const area = await t.db.pool.query(`SELECT area_nivel, area_clave, count(*)::int AS n FROM plan.documents WHERE area_nivel IS NOT NULL GROUP BY 1, 2 LIMIT 1`);
  if (area.rowCount) {
    const a = area.rows[0];
    expect((await t.app.inject(`/api/documents?nivel=${a.area_nivel}&clave=${encodeURIComponent(a.area_clave)}`)).json().total).toBe(a.n);
  }
});

it('serves a demo document as a stand-in PDF that names it and says it is fictional', async () => {
  const { rows } = await t.db.pool.query(`SELECT titulo, url FROM plan.documents WHERE url LIKE '/documentos/%.pdf' AND titulo ~ '[áéíóúñ]' LIMIT 1`);
  const res = await t.app.inject(rows[0].url);
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  const text = res.rawPayload.toString('latin1');
  expect(text.startsWith('%PDF-')).toBe(true);
  expect(text).toContain('ficticio');
  // The title's first words, WinAnsi-encoded as the PDF holds them.
  expect(text).toContain(rows[0].titulo.split(' ').slice(0, 3).join(' '));
});

it('serves the real file from DOCUMENTS_DIR when there is one, byte for byte', async () => {
  const { rows } = await t.db.pool.query(`SELECT url FROM plan.documents ORDER BY id LIMIT 1`);
  const file = rows[0].url.replace('/documentos/', '');
  const bytes = Buffer.from(`%PDF-1.4 real ${Date.now()}`);
  writeFileSync(join(documentsDir, file), bytes);
  const res = await t.app.inject(rows[0].url);
  expect(res.statusCode).toBe(200);
  expect(res.rawPayload.equals(bytes)).toBe(true);
});

it('answers 404 for an unknown document and 400 naming the parameter for a bad name', async () => {
  const missing = await t.app.inject('/documentos/no-existe-ninguno.pdf');
  expect(missing.statusCode).toBe(404);
  expect(missing.headers['content-type']).toMatch(/problem\+json/);
  const bad = await t.app.inject('/documentos/..%2F..%2Fetc%2Fpasswd');
  expect(bad.statusCode).toBe(400);
  expect(bad.json().parameter).toBe('file');
});

it('says the file is missing, not fictional, once real data are loaded', async () => {
  const { rows } = await t.db.pool.query(`SELECT url FROM plan.documents ORDER BY id DESC LIMIT 1`);
  await t.db.pool.query(`UPDATE meta.datasets SET kind = 'real'`);
  const res = await t.app.inject(rows[0].url);
  expect(res.statusCode).toBe(404);
  expect(res.json().detail).toMatch(/DOCUMENTS_DIR/);
});
