// After an import through the API, the running server rebuilds the basemap archive from the new data.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { repoRoot } from '@sigmun/db';
import { ensureBasemapArchive } from '@sigmun/tiles/build';
import { buildApp } from '../../apps/server/src/app.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { cloneTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { bearer, createUser } from '../support/auth.ts';

const colonias = join(repoRoot(), '..', 'shared', 'data', 'real', 'hermosillo', 'colonias', 'colonias_ine_hermosillo.geojson');
let db: TestDatabase;
const tilesDir = mkdtempSync(join(tmpdir(), 'sigmun-basemap-'));

beforeAll(async () => {
  db = await cloneTestDatabase('import_basemap');
});
afterAll(async () => {
  await db?.drop();
  rmSync(tilesDir, { recursive: true, force: true });
});

it('rebuilds tiles/basemap.pmtiles after an API import, before the app finishes closing', async () => {
  const first = await ensureBasemapArchive(db.url, { outDir: tilesDir, log: () => {} });
  const before = statSync(first.path).mtimeMs;
  const bytesBefore = readFileSync(first.path);

  const app = await buildApp(loadConfig({}, { databaseUrl: db.url, tilesDir, rebuildBasemapAfterImport: true }), { logger: false });
  await createUser(db.url, { email: 'planeacion@basemap.example', roles: ['planeacion'] });
  const token = await bearer(db.url, 'planeacion@basemap.example');
  const boundary = 'sigmunboundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="layer"\r\n\r\ncolonias\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="archivo"; filename="colonias.geojson"\r\nContent-Type: application/geo+json\r\n\r\n`),
    readFileSync(colonias),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await app.inject({
    method: 'POST', url: '/api/import', payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, authorization: `Bearer ${token}` },
  });
  expect(res.statusCode, res.body).toBe(200);
  await app.close();

  const after = statSync(first.path).mtimeMs;
  expect(after).toBeGreaterThan(before);
  expect(readFileSync(first.path).equals(bytesBefore)).toBe(false);
  // The rebuilt archive matches the data now: asking again builds nothing.
  expect((await ensureBasemapArchive(db.url, { outDir: tilesDir, log: () => {} })).built).toBe(false);
}, 120_000);
