// The IMPLAN's site as a visitor without JavaScript sees it: plain HTTP fetches of the home and every section page,
// their headings, sharing meta and content; the map at MAP_PATH; old `/#…` permalinks forwarded to the map.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAP_PATH, SECTIONS } from '@sigmun/domain/portal';
import { pageTranslate } from '../../apps/server/src/pages/i18n/index.ts';
import { useTestApp } from '../support/test-app.ts';
import { bearer, createUser } from '../support/auth.ts';

// The map page's HTML is the web client's index.html (its source: the build only adds script tags), so the sharing
// meta injected into it is tested without building the client.
const webDist = mkdtempSync(join(tmpdir(), 'sigmun-portal-web-'));
copyFileSync(join(import.meta.dirname, '..', '..', 'apps', 'web', 'index.html'), join(webDist, 'index.html'));
afterAll(() => rmSync(webDist, { recursive: true, force: true }));
const t = useTestApp('portal-pages', { webDist });
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

  it('gives the map page its own sharing meta, and an indicator\'s when the link carries ?i= (a #hash never reaches the server)', async () => {
    const res = await fetch(`${base}${MAP_PATH}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<div id="root"></div>');
    expect(html).toMatch(/<html lang="es-MX"/);
    expect(unescape(meta(html, 'og:title'))).toBe(`${pageTranslate('es', 'nav.mapa')} · IMPLAN`);
    expect(unescape(meta(html, 'og:description'))).toBe(pageTranslate('es', 'desc.mapa'));
    expect(meta(html, 'twitter:card')).toBe('summary_large_image');
    expect(unescape(meta(html, 'twitter:title'))).toBe(unescape(meta(html, 'og:title')));
    // The preview image is one the server draws (the section pages' preview mechanism): a real PNG at that URL.
    const image = meta(html, 'og:image')!;
    expect(image).toBe(`${base}/portal/og/mapa.png`);
    expect(meta(html, 'twitter:image')).toBe(image);
    const png = await fetch(image);
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await png.arrayBuffer());
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // Its size is the one the meta announces (IHDR width and height).
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([Number(meta(html, 'og:image:width')), Number(meta(html, 'og:image:height'))]);
    expect(html.match(/<meta name="description"/g)?.length).toBe(1);
    const { rows: [ind] } = await t.app.db.query<{ code: string; nombre: string; descripcion: string | null }>(
      `SELECT code, nombre, descripcion FROM stats.indicators i WHERE EXISTS (SELECT 1 FROM stats.indicator_values v WHERE v.indicator = i.code) ORDER BY code LIMIT 1`);
    const shared = await (await fetch(`${base}${MAP_PATH}?i=${ind.code}:colonia:2020:quantile:5:value&lang=en`)).text();
    expect(unescape(meta(shared, 'og:title'))).toBe(`${ind.nombre} · ${pageTranslate('en', 'nav.mapa')} · IMPLAN`);
    // The English link is an English page before the app runs.
    expect(shared).toMatch(/<html lang="en"/);
    expect(unescape(meta(shared, 'og:description'))).toBe(ind.descripcion || pageTranslate('en', 'desc.mapa'));
    expect(unescape(/<title>([^<]*)<\/title>/.exec(shared)?.[1])).toBe(`${ind.nombre} · ${pageTranslate('en', 'nav.mapa')} · IMPLAN`);
    expect(meta(shared, 'og:url')).toBe(`${base}${MAP_PATH}?i=${ind.code}:colonia:2020:quantile:5:value&amp;lang=en`);
    // Unknown or malformed ?i= is the plain map page, never an error.
    const odd = await fetch(`${base}${MAP_PATH}?i=%3Cscript%3E`);
    expect(odd.status).toBe(200);
    expect(unescape(meta(await odd.text(), 'og:title'))).toBe(`${pageTranslate('es', 'nav.mapa')} · IMPLAN`);
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

describe('section content', () => {
  it('shows each section\'s own data from the database', async () => {
    const get = async (path: string) => (await fetch(base + path)).text();
    const consejo = (await t.app.inject('/api/portal/datos/consejo')).json().data;
    const html = await get('/consejo');
    for (const m of consejo.miembros) expect(unescape(html)).toContain(m.nombre);
    for (const s of consejo.sesiones) expect(html).toContain(`href="${s.acta_url}"`);
    const acta = await fetch(base + consejo.sesiones[0].acta_url);
    expect(acta.headers.get('content-type')).toBe('application/pdf');
    const org = (await t.app.inject('/api/portal/datos/organigrama')).json().data;
    const orgHtml = unescape(await get('/estructura'))!;
    // Nested list: a unit's child appears inside the parent's <li>.
    const top = org.unidades.find((u: { depende_de: string | null }) => u.depende_de === null);
    const child = org.unidades.find((u: { depende_de: string | null }) => u.depende_de === top.clave);
    expect(orgHtml.indexOf(top.nombre)).toBeLessThan(orgHtml.indexOf(child.nombre));
    expect(orgHtml).toMatch(/<div class="org"><ul><li>/);
    const norma = (await t.app.inject('/api/portal/datos/normativa')).json().data;
    const normaHtml = unescape(await get('/marco-normativo'))!;
    for (const n of norma.instrumentos) { expect(normaHtml).toContain(n.nombre); expect(normaHtml).toContain(n.fecha); }
    const { rows: ejes } = await t.app.db.query<{ id: number; nombre: string }>('SELECT id, nombre FROM plan.ejes ORDER BY id');
    const plan = unescape(await get('/planeacion'))!;
    for (const e of ejes) { expect(plan).toContain(e.nombre); expect(plan).toContain(`href="${MAP_PATH}#eje=${e.id}&panel=proyectos"`); }
    const { rows: procs } = await t.app.db.query<{ nombre: string }>('SELECT nombre FROM partic.processes');
    const part = unescape(await get('/participacion'))!;
    for (const p of procs) expect(part).toContain(p.nombre);
    const seg = await get('/seguimiento');
    const { rows: [{ n }] } = await t.app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM plan.projects');
    expect(seg).toContain(pageTranslate('es', 'home.projectsTotal', { n }));
    expect(seg).toContain(`href="${MAP_PATH}#panel=tablero"`);
  });

  it('serves the council, org chart and legal framework in English from their English lists (?lang=en)', async () => {
    const get = async (path: string) => unescape(await (await fetch(base + path)).text())!;
    for (const [kind, path] of [['consejo', '/consejo'], ['organigrama', '/estructura'], ['normativa', '/marco-normativo']] as const) {
      const es = (await t.app.inject(`/api/portal/datos/${kind}`)).json();
      const en = (await t.app.inject(`/api/portal/datos/${kind}?lang=en`)).json();
      expect([es.lang, en.lang]).toEqual(['es', 'en']);
      expect(en.data).not.toEqual(es.data);
      const names = (d: Record<string, unknown>): string[] => Object.values(d).flatMap((rows) => (rows as unknown[]).map((r) =>
        typeof r === 'string' ? r : ((r as Record<string, string>).cargo ?? (r as Record<string, string>).titulo ?? (r as Record<string, string>).nombre)));
      const htmlEn = await get(`${path}?lang=en`);
      const htmlEs = await get(path);
      for (const n of names(en.data)) expect(htmlEn, n).toContain(n);
      // What differs from the Spanish list is not on the English page, and the reverse.
      for (const n of names(es.data).filter((x) => !names(en.data).includes(x))) { expect(htmlEn).not.toContain(n); expect(htmlEs).toContain(n); }
    }
    expect(await get('/marco-normativo?lang=en')).toContain('<td>Regulation</td>');
    expect(await get('/marco-normativo')).toContain('<td>Reglamento</td>');
  });

  it('the English pages show, row by row, the English cargo, unit and instrument text stored in the database', async () => {
    const get = async (path: string) => unescape(await (await fetch(base + path)).text())!;
    const { rows } = await t.app.db.query<{ kind: string; data: Record<string, Array<Record<string, string | null>>> }>(
      `SELECT DISTINCT ON (kind) kind, data FROM portal.data_versions WHERE lang = 'en' ORDER BY kind, version DESC`);
    const en = Object.fromEntries(rows.map((r) => [r.kind, r.data]));
    const es = Object.fromEntries((await t.app.db.query<{ kind: string; data: Record<string, Array<Record<string, string | null>>> }>(
      `SELECT DISTINCT ON (kind) kind, data FROM portal.data_versions WHERE lang = 'es' ORDER BY kind, version DESC`)).rows.map((r) => [r.kind, r.data]));
    // Each council member's row: the name as it is, the cargo and sector in English (and not the Spanish ones).
    const consejo = await get('/consejo?lang=en');
    expect(en.consejo.miembros.length).toBeGreaterThan(0);
    for (const [i, m] of en.consejo.miembros.entries()) {
      expect(consejo).toContain(`<tr><td>${m.nombre}</td><td>${m.cargo}</td><td>${m.sector}</td></tr>`);
      if (es.consejo.miembros[i].cargo !== m.cargo) expect(consejo).not.toContain(`<td>${es.consejo.miembros[i].cargo}</td>`);
    }
    // Each unit of the org chart with its English name and its holder.
    const org = await get('/estructura?lang=en');
    for (const u of en.organigrama.unidades) {
      expect(org).toContain(`<strong>${u.nombre}</strong><span class="small">${pageTranslate('en', 'estructura.titular', { nombre: u.titular! })}</span>`);
    }
    for (const u of es.organigrama.unidades.filter((x) => !en.organigrama.unidades.some((y) => y.nombre === x.nombre))) expect(org).not.toContain(`<strong>${u.nombre}</strong>`);
    // Each instrument's row: its English name, then its type and scope (codes in the data) named in English.
    const norma = await get('/marco-normativo?lang=en');
    for (const n of en.normativa.instrumentos) {
      expect(norma).toContain(`<tr><td>${n.nombre}</td><td>${pageTranslate('en', `norma.t.${n.tipo}`)}</td><td>${pageTranslate('en', `norma.a.${n.ambito}`)}</td>`);
    }
  });

  it('home figures are the dashboard\'s own numbers', async () => {
    const home = unescape(await (await fetch(`${base}/`)).text())!;
    const s = (await t.app.inject('/api/dashboard/summary')).json();
    expect(home).toContain(pageTranslate('es', 'home.projectsTotal', { n: s.proyectos.total }));
    for (const b of s.proyectos.por_estatus) expect(home).toContain(`${pageTranslate('es', `estatus.${b.estatus}`)}: <strong>${b.proyectos}</strong>`);
    if (s.participacion) expect(home).toContain(s.participacion.proceso.nombre);
    const n = (await t.app.inject('/api/indicators')).json().indicators.length;
    expect(home).toContain(pageTranslate('es', 'home.indicatorsN', { n }));
  });

  it('the document library filters by type and year with a plain GET form', async () => {
    const { rows: [d] } = await t.app.db.query<{ tipo: string; anio: number; n: number }>(
      `SELECT tipo, extract(year FROM fecha)::int AS anio, count(*)::int AS n FROM plan.documents WHERE fecha IS NOT NULL GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 1`);
    const html = await (await fetch(`${base}/documentos?tipo=${encodeURIComponent(d.tipo)}&anio=${d.anio}&q=&dependencia=&colonia=`)).text();
    expect(html).toContain(pageTranslate('es', 'doc.resultados', { n: d.n }));
    expect(html).toMatch(/<form class="filters"[^>]* action="\/documentos" method="get">/);
    const bad = await fetch(`${base}/documentos?anio=dos`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
  });

  it('sitemap lists every page and every published indicator\'s page, each answering 200; robots points at it', async () => {
    const sitemap = await fetch(`${base}/sitemap.xml`);
    expect(sitemap.headers.get('content-type')).toMatch(/^application\/xml/);
    const locs = [...(await sitemap.text()).matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => unescape(m[1])!);
    // Published = has values (what /catalogo lists); read from the database, not from the catalog code under test.
    const { rows } = await t.app.db.query<{ code: string }>(`SELECT DISTINCT indicator AS code FROM stats.indicator_values ORDER BY 1`);
    expect(rows.length).toBeGreaterThan(0);
    const listed = (english: boolean) => locs.map((u) => new URL(u))
      .filter((u) => u.pathname.startsWith('/estadisticas/') && u.search === (english ? '?lang=en' : ''))
      .map((u) => decodeURIComponent(u.pathname.slice('/estadisticas/'.length))).sort();
    expect(listed(false)).toEqual(rows.map((r) => r.code));
    expect(listed(true)).toEqual(rows.map((r) => r.code));
    for (const p of ['/', ...SECTIONS.map((s) => `/${s}`), '/catalogo', MAP_PATH]) expect(locs).toContain(`${base}${p}`);
    // Every listed URL is a page that exists (a few at a time: indicator pages render their values table).
    const failed: string[] = [];
    for (let k = 0; k < locs.length; k += 4) {
      await Promise.all(locs.slice(k, k + 4).map(async (u) => {
        const res = await fetch(u);
        await res.arrayBuffer();
        if (res.status !== 200) failed.push(`${u}: ${res.status}`);
      }));
    }
    expect(failed).toEqual([]);
    expect(await (await fetch(`${base}/robots.txt`)).text()).toContain(`Sitemap: ${base}/sitemap.xml`);
    const og = await fetch(`${base}/portal/og/consejo.png`);
    expect(og.headers.get('content-type')).toBe('image/png');
    expect((await og.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  }, 180_000);
});

describe('editing', () => {
  let planner = '';
  let dep = '';
  beforeAll(async () => {
    await createUser(t.db.url, { email: 'editora@implan.example', roles: ['planeacion'] });
    await createUser(t.db.url, { email: 'obras@implan.example', roles: ['dependencia'], dependencias: ['Secretaría de Obras Públicas'] });
    planner = await bearer(t.db.url, 'editora@implan.example');
    dep = await bearer(t.db.url, 'obras@implan.example');
  });
  const put = (token: string | null, markdown: string) => t.app.inject({
    method: 'PUT', url: '/api/portal/paginas/quienes-somos/es', payload: { titulo: '¿Quiénes somos?', markdown },
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

  it('renders an editor\'s Markdown without the <script> or the event handler, audited', async () => {
    const res = await put(planner, '## Misión nueva\n\nTexto con <script>alert("x")</script> y <img src=x onerror="alert(1)"> y [enlace](javascript:alert(1)).');
    expect(res.statusCode).toBe(200);
    const html = await (await fetch(`${base}/quienes-somos`)).text();
    expect(html).toContain('Misión nueva');
    expect(html).not.toContain('alert');
    expect(html).not.toMatch(/<script(?![^>]*src="\/portal\/)/);
    const { rows } = await t.app.db.query(`SELECT actor FROM audit.log WHERE tabla LIKE '%page_versions' AND (new_row->>'version')::int = $1 AND new_row->>'slug' = 'quienes-somos'`, [res.json().version]);
    expect(rows.length).toBe(1);
    const preview = await t.app.inject({ method: 'POST', url: '/api/portal/vista-previa', payload: { markdown: 'a <script>x()</script> **b**' }, headers: { authorization: `Bearer ${planner}` } });
    expect(preview.json().html).toBe('<p>a  <strong>b</strong></p>\n');
  });

  it('restoring a version brings back its text as a new version', async () => {
    const first = await put(planner, 'Texto A del restablecimiento');
    await put(planner, 'Texto B que sustituye');
    expect(await (await fetch(`${base}/quienes-somos`)).text()).toContain('Texto B');
    const r = await t.app.inject({ method: 'POST', url: `/api/portal/paginas/quienes-somos/es/versiones/${first.json().version}/restaurar`, headers: { authorization: `Bearer ${planner}` } });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ markdown: 'Texto A del restablecimiento', restored_from: first.json().version, version: first.json().version + 2 });
    const html = await (await fetch(`${base}/quienes-somos`)).text();
    expect(html).toContain('Texto A del restablecimiento');
    expect(html).not.toContain('Texto B');
    const hist = await t.app.inject({ url: '/api/portal/paginas/quienes-somos/es/versiones', headers: { authorization: `Bearer ${planner}` } });
    expect(hist.json().versions[0].version).toBe(first.json().version + 2);
  });

  it('refuses anonymous (401) and dependencia (403) edits and changes nothing', async () => {
    const before = (await t.app.inject('/api/portal/paginas/quienes-somos/es')).json();
    const anon = await put(null, 'intruso');
    expect(anon.statusCode).toBe(401);
    const d = await put(dep, 'intruso');
    expect(d.statusCode).toBe(403);
    const data = await t.app.inject({ method: 'PUT', url: '/api/portal/datos/normativa', payload: { instrumentos: [] }, headers: { authorization: `Bearer ${dep}` } });
    expect(data.statusCode).toBe(403);
    expect((await t.app.inject('/api/portal/paginas/quienes-somos/es')).json()).toEqual(before);
    expect((await t.app.inject('/api/portal/datos/normativa')).json().data.instrumentos.length).toBeGreaterThan(0);
  });

  it('editor pages: sign-in for anonymous, a refusal for dependencia, the editor and the section link for planeacion', async () => {
    const page = async (path: string, token: string | null) => {
      const res = await fetch(base + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      return unescape(await res.text())!;
    };
    const anon = await page('/editar/quienes-somos/es', null);
    expect(anon).toContain('<form id="editor-signin"');
    expect(anon).not.toContain('<textarea');
    expect(anon).toContain('<meta name="robots" content="noindex"/>');
    const refused = await page('/editar/quienes-somos/es', dep);
    expect(refused).toContain(pageTranslate('es', 'edit.notAllowed', { email: 'obras@implan.example' }));
    expect(refused).not.toContain('<textarea');
    const current = (await t.app.inject('/api/portal/paginas/quienes-somos/es')).json();
    const edit = await page('/editar/quienes-somos/es', planner);
    expect(edit).toContain(`>${current.markdown}</textarea>`);
    expect(edit).toContain(pageTranslate('es', 'edit.current', { version: current.version, fecha: '' }).split(',')[0]);
    const js = /<script src="(\/portal\/editor\.[0-9a-f]+\.js)"/.exec(edit)![1];
    expect((await fetch(base + js)).headers.get('content-type')).toContain('javascript');
    const data = await page('/editar/datos/consejo/en?lang=en', planner);
    const consejoEn = (await t.app.inject('/api/portal/datos/consejo?lang=en')).json().data;
    for (const m of consejoEn.miembros) expect(data).toContain(`value="${m.cargo}"`);
    expect(data).toContain(pageTranslate('en', 'edit.dataTitle', { lista: pageTranslate('en', 'edit.list.consejo'), idioma: pageTranslate('en', 'edit.lang.en') }));
    // The section page shows the edit link to editors only, and is then not for shared caches.
    const link = `href="/editar/consejo/es"`;
    expect(await (await fetch(`${base}/consejo`)).text()).not.toContain(link);
    expect(await (await fetch(`${base}/consejo`, { headers: { authorization: `Bearer ${dep}` } })).text()).not.toContain(link);
    const mine = await fetch(`${base}/consejo`, { headers: { authorization: `Bearer ${planner}` } });
    expect(mine.headers.get('cache-control')).toBe('private, no-store');
    const html = await mine.text();
    expect(html).toContain(link);
    expect(html).toContain('href="/editar/datos/consejo/es"');
  });

  it('saves a data list as a version, validated, and the page shows it', async () => {
    const bad = await t.app.inject({ method: 'PUT', url: '/api/portal/datos/normativa', payload: { instrumentos: [{ nombre: 'X', tipo: 'ley', ambito: 'municipal', fecha: '2024-01-01', url: 'javascript:alert(1)' }] }, headers: { authorization: `Bearer ${planner}` } });
    expect(bad.statusCode).toBe(400);
    const ok = await t.app.inject({ method: 'PUT', url: '/api/portal/datos/normativa', payload: { instrumentos: [{ nombre: 'Reglamento de prueba (ficticio)', tipo: 'reglamento', ambito: 'municipal', fecha: '2025-03-01', url: '/documentos/x.pdf' }] }, headers: { authorization: `Bearer ${planner}` } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().version).toBe(2);
    expect(await (await fetch(`${base}/marco-normativo`)).text()).toContain('Reglamento de prueba (ficticio)');
    // The English list is its own: saving it leaves the Spanish one as it was.
    const en = await t.app.inject({ method: 'PUT', url: '/api/portal/datos/normativa?lang=en', payload: { instrumentos: [{ nombre: 'Test regulation (fictional)', tipo: 'reglamento', ambito: 'municipal', fecha: '2025-03-01', url: '/documentos/x.pdf' }] }, headers: { authorization: `Bearer ${planner}` } });
    expect(en.json()).toMatchObject({ lang: 'en', version: 2 });
    expect(await (await fetch(`${base}/marco-normativo?lang=en`)).text()).toContain('Test regulation (fictional)');
    expect(await (await fetch(`${base}/marco-normativo`)).text()).not.toContain('Test regulation');
  });
});
