// The IMPLAN's site as a visitor without JavaScript sees it: plain HTTP fetches of the home and every section page,
// their headings, sharing meta and content; the map at MAP_PATH; old `/#…` permalinks forwarded to the map.
import { beforeAll, describe, expect, it } from 'vitest';
import { MAP_PATH, SECTIONS } from '@sigmun/domain/portal';
import { pageTranslate } from '../../apps/server/src/pages/i18n/index.ts';
import { useTestApp } from '../support/test-app.ts';

const t = useTestApp('portal-pages');
let base = '';
beforeAll(async () => {
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});

/** Text of the first element matching a tag (naive on purpose: the page is server-rendered static HTML). */
const heading = (html: string) => /<h1[^>]*>(.*?)<\/h1>/s.exec(html)?.[1];
const meta = (html: string, prop: string) => new RegExp(`<meta (?:property|name)="${prop}" content="([^"]*)"`).exec(html)?.[1];
const unescape = (s: string | undefined) => s?.replace(/&amp;/g, '&').replace(/&#x27;/g, "'").replace(/&quot;/g, '"');

describe('site pages without JavaScript', () => {
  it('serves every section as HTML with its heading, sharing meta and the site menu, in Spanish and English', async () => {
    for (const lang of ['es', 'en'] as const) {
      for (const s of SECTIONS) {
        const res = await fetch(`${base}/${s}${lang === 'en' ? '?lang=en' : ''}`);
        expect(res.status, s).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^text\/html/);
        const html = await res.text();
        expect(unescape(heading(html)), s).toBe(pageTranslate(lang, `nav.${s}`));
        expect(html).toContain(`<html lang="${lang === 'es' ? 'es-MX' : 'en'}"`);
        expect(unescape(meta(html, 'og:title'))).toContain(pageTranslate(lang, `nav.${s}`));
        expect(unescape(meta(html, 'og:description'))).toBe(pageTranslate(lang, `desc.${s}`));
        expect(meta(html, 'og:image')).toBe(`${base}/portal/og/${s}.png`);
        expect(html).not.toMatch(/<script(?![^>]*src="\/portal\/)/);
        for (const other of SECTIONS) expect(html).toContain(`href="/${other}${lang === 'en' ? '?lang=en' : ''}"`);
      }
    }
  });

  it('serves the home at / and the map application at MAP_PATH', async () => {
    const home = await (await fetch(`${base}/`)).text();
    expect(unescape(heading(home))).toBe(pageTranslate('es', 'site.longName'));
    expect(home).toContain(`href="${MAP_PATH}"`);
    const css = /<link rel="stylesheet" href="([^"]+)"/.exec(home)![1];
    const sheet = await fetch(base + css);
    expect(sheet.status).toBe(200);
    expect(sheet.headers.get('cache-control')).toContain('immutable');
    expect(await sheet.text()).toContain('--brand:');
  });

  it('forwards an old map permalink (/#…) from the home page to the map, and nothing else', async () => {
    const src = /<script src="([^"]+)"/.exec(await (await fetch(`${base}/`)).text())![1];
    const code = await (await fetch(base + src)).text();
    const forward = (hash: string) => {
      let to: string | null = null;
      new Function('location', code)({ hash, replace: (u: string) => { to = u; } });
      return to;
    };
    expect(forward('#v=12/29.1/-110.9&l=colonias')).toBe(`${MAP_PATH}#v=12/29.1/-110.9&l=colonias`);
    expect(forward('#panel=info&sel=proyectos:3')).toBe(`${MAP_PATH}#panel=info&sel=proyectos:3`);
    expect(forward('#contenido')).toBeNull();
    expect(forward('')).toBeNull();
  });
});
