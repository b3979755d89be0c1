// Security headers on every response (page, API, tiles, documents), CORS for the public reads only, and files
// served from their folders never through a symlink that leads outside.
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../support/test-app.ts';

const scratch = mkdtempSync(join(tmpdir(), 'sigmun-security-'));
const documentsDir = join(scratch, 'documentos');
const webDist = join(scratch, 'web');
const tilesDir = join(scratch, 'tiles');
const outside = join(scratch, 'secreto.pdf');
for (const d of [documentsDir, webDist, tilesDir]) mkdirSync(d);
writeFileSync(outside, '%PDF-1.4 secreto fuera de la carpeta');
writeFileSync(join(documentsDir, 'plan-parcial.pdf'), '%PDF-1.4 plan parcial');
writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>SIG Municipal</title>');
symlinkSync(outside, join(documentsDir, 'enlace.pdf'));
symlinkSync(outside, join(webDist, 'enlace.txt'));
symlinkSync(outside, join(tilesDir, 'enlace.pmtiles'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const t = useTestApp('security', { documentsDir, webDist, tilesDir });

/** The headers every response must carry, whatever route answered. */
function expectSecurityHeaders(h: Record<string, unknown>, what: string): void {
  expect(h['x-content-type-options'], what).toBe('nosniff');
  expect(h['x-frame-options'], what).toBe('DENY');
  expect(h['referrer-policy'], what).toBe('strict-origin-when-cross-origin');
  const csp = String(h['content-security-policy']);
  expect(csp, what).toContain("default-src 'self'");
  expect(csp, what).toContain("frame-ancestors 'none'");
  // MapLibre's workers start from blob: URLs.
  expect(csp, what).toMatch(/worker-src 'self' blob:/);
  expect(csp, what).not.toContain('upgrade-insecure-requests');
}

describe('security headers', () => {
  it('are on the page, an API read, a tile, a document and an error', async () => {
    const tile = (await t.app.inject('/tiles/colonias.json')).json().tiles[0].replace(/^https?:\/\/[^/]+/, '').replace('{z}/{x}/{y}', '12/1000/1700');
    for (const url of ['/', '/api/layers', tile, '/documentos/plan-parcial.pdf', '/api/no-existe']) {
      const res = await t.app.inject(url);
      expect(res.statusCode, url).toBeLessThan(url === '/api/no-existe' ? 500 : 400);
      expectSecurityHeaders(res.headers, url);
    }
  });

  it('let any site frame the embeddable map (/embed) and no site frame any other page', async () => {
    const embed = await t.app.inject('/embed');
    expect(embed.statusCode).toBe(200);
    expect(embed.headers['content-type']).toMatch(/^text\/html/);
    expect(embed.headers['x-frame-options']).toBeUndefined();
    const csp = String(embed.headers['content-security-policy']);
    expect(csp).toMatch(/(^|;)\s*frame-ancestors \*\s*(;|$)/);
    // Everything else about the page's policy is as strict as the map page's.
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(embed.headers['x-content-type-options']).toBe('nosniff');
    for (const url of ['/mapa', '/', '/embed/otra', '/embedder', '/api/layers']) {
      const res = await t.app.inject(url);
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(String(res.headers['content-security-policy']), url).toContain("frame-ancestors 'none'");
    }
  });

  it('let other origins read the public APIs (no credentials) but not write', async () => {
    const origin = { origin: 'https://visor.example.org' };
    for (const url of ['/api/layers', '/tiles/colonias.json', '/styles', '/ogcapi/collections', '/documentos/plan-parcial.pdf']) {
      const res = await t.app.inject({ url, headers: origin });
      expect(res.headers['access-control-allow-origin'], url).toBe('*');
      expect(res.headers['access-control-allow-credentials'], url).toBeUndefined();
      expect(res.headers['cross-origin-resource-policy'], url).toBe('cross-origin');
    }
    const preflightRead = await t.app.inject({ method: 'OPTIONS', url: '/tiles/colonias/12/1000/1700.mvt', headers: { ...origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' } });
    expect(preflightRead.statusCode).toBe(204);
    expect(preflightRead.headers['access-control-allow-origin']).toBe('*');
    const preflightWrite = await t.app.inject({ method: 'OPTIONS', url: '/api/projects/3', headers: { ...origin, 'access-control-request-method': 'PATCH' } });
    expect(preflightWrite.headers['access-control-allow-origin']).toBeUndefined();
    const post = await t.app.inject({ method: 'POST', url: '/api/stats/area', headers: { ...origin, 'content-type': 'application/json' }, payload: '{}' });
    expect(post.headers['access-control-allow-origin']).toBeUndefined();
    const page = await t.app.inject({ url: '/', headers: origin });
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
    expect(page.headers['cross-origin-resource-policy']).toBe('same-origin');
  });
});

describe('files in their folders', () => {
  it('serve a real document but never follow a symlink that leads outside the folder', async () => {
    const ok = await t.app.inject('/documentos/plan-parcial.pdf');
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('plan parcial');
    for (const url of ['/documentos/enlace.pdf', '/enlace.txt', '/tiles/enlace.pmtiles']) {
      const res = await t.app.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body, url).not.toContain('secreto');
    }
  });
});
