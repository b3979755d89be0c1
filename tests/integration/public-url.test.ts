// Links written into styles, TileJSON and OGC API documents come from PUBLIC_URL when it is configured, or from a
// well-formed (and, with ALLOWED_HOSTS, listed) Host: an arbitrary Host header is never echoed back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../apps/server/src/app.ts';
import { ConfigError, loadConfig } from '../../apps/server/src/config.ts';
import { useTestApp } from '../support/test-app.ts';

const PUBLIC = 'https://mapas.implan.example/sig';
const EVIL = 'attacker.example';

const t = useTestApp('public-url', { publicUrl: PUBLIC });

/** Every absolute http(s) URL in a JSON text (pmtiles:// wrappers included), less OGC's CRS identifiers (names, not links). */
const urls = (text: string) => [...text.matchAll(/https?:\/\/[^"\s{}]+/g)].map((m) => m[0]).filter((u) => !u.startsWith('http://www.opengis.net/def/'));

describe('with PUBLIC_URL', () => {
  const docs = ['/styles/basemap.json', '/styles/cartografia.json', '/tiles/manzanas.json', '/tiles/cartografia.json', '/ogcapi', '/ogcapi/collections', '/ogcapi/collections/colonias/items?limit=2'];
  for (const url of docs) {
    it(`${url}: every link starts with the public URL whatever the Host says`, async () => {
      const res = await t.app.inject({ method: 'GET', url, headers: { host: EVIL } });
      expect(res.statusCode, res.body).toBe(200);
      const found = urls(res.body);
      expect(found.length).toBeGreaterThan(0);
      expect(res.body).not.toContain(EVIL);
      for (const u of found) expect(u.startsWith(`${PUBLIC}/`), u).toBe(true);
    });
  }

  it('the OGC next link keeps the public path prefix and the query', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/ogcapi/collections/colonias/items?limit=1', headers: { host: EVIL } });
    const next = (res.json() as { links: Array<{ rel: string; href: string }> }).links.find((l) => l.rel === 'next');
    expect(next?.href).toBe(`${PUBLIC}/ogcapi/collections/colonias/items?limit=1&offset=1`);
  });
});

describe('without PUBLIC_URL', () => {
  let open: FastifyInstance;
  let listed: FastifyInstance;
  beforeAll(async () => {
    open = await buildApp(loadConfig({}, { databaseUrl: t.db.url }), { logger: false });
    listed = await buildApp(loadConfig({ ALLOWED_HOSTS: 'mapas.implan.example, 127.0.0.1:8080' }, { databaseUrl: t.db.url }), { logger: false });
  });
  afterAll(async () => {
    await open?.close();
    await listed?.close();
  });

  it('follows a well-formed Host', async () => {
    const res = await open.inject({ method: 'GET', url: '/tiles/manzanas.json', headers: { host: 'mapas.implan.example:9443' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().tiles[0]).toMatch(/^http:\/\/mapas\.implan\.example:9443\/tiles\/manzanas\//);
  });

  for (const host of ['evil.example/x?', 'a b', 'x"><script>']) {
    it(`refuses the malformed Host ${JSON.stringify(host)} with a 400 naming it`, async () => {
      for (const url of ['/tiles/manzanas.json', '/styles/basemap.json', '/ogcapi']) {
        const res = await open.inject({ method: 'GET', url, headers: { host } });
        expect(res.statusCode, `${url} ${res.body}`).toBe(400);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(res.json().parameter).toBe('host');
      }
    });
  }

  it('with ALLOWED_HOSTS, only a listed Host builds links', async () => {
    const ok = await listed.inject({ method: 'GET', url: '/ogcapi', headers: { host: 'MAPAS.implan.example' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().links[0].href).toBe('http://MAPAS.implan.example/ogcapi');
    const bad = await listed.inject({ method: 'GET', url: '/ogcapi', headers: { host: EVIL } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().parameter).toBe('host');
    expect(bad.body).not.toContain('"href"');
  });
});

describe('PUBLIC_URL and ALLOWED_HOSTS are validated at start-up', () => {
  it('normalises a good PUBLIC_URL and rejects bad ones naming the variable', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://mapas.implan.example/sig/' }, { databaseUrl: 'postgres://x' }).publicUrl).toBe(PUBLIC);
    for (const bad of ['mapas.implan.example', 'ftp://mapas.implan.example', 'https://u:p@mapas.implan.example', 'https://mapas.implan.example/?a=1', 'https://mapas.implan.example/#x']) {
      expect(() => loadConfig({ PUBLIC_URL: bad }, { databaseUrl: 'postgres://x' }), bad).toThrow(ConfigError);
      expect(() => loadConfig({ PUBLIC_URL: bad }, { databaseUrl: 'postgres://x' }), bad).toThrow(/PUBLIC_URL/);
    }
    expect(() => loadConfig({ ALLOWED_HOSTS: 'ok.example,bad host' }, { databaseUrl: 'postgres://x' })).toThrow(/ALLOWED_HOSTS/);
  });
});
