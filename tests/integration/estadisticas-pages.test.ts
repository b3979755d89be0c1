// The statistics bank as pages, fetched as a crawler or a phone without JavaScript would: /catalogo with its GET
// form filters, and an indicator's page whose table shows the same values as the indicator API for the same unit.
import { describe, expect, it } from 'vitest';
import { parseDocument, DomUtils } from 'htmlparser2';
import type { Catalog } from '@sigmun/domain/catalog';
import type { IndicatorValues } from '@sigmun/domain/indicators';
import { MAP_PATH } from '@sigmun/domain/portal';
import { useTestApp } from '../support/test-app.ts';

const t = useTestApp('estadisticas-pages');

async function page(url: string) {
  const res = await t.app.inject(url);
  expect(res.statusCode, `${url} ${res.body.slice(0, 200)}`).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/html/);
  const doc = parseDocument(res.body);
  const all = (pred: (e: ReturnType<typeof DomUtils.getElementsByTagName>[number]) => boolean) => DomUtils.findAll(pred, doc.children);
  const text = (e: Parameters<typeof DomUtils.textContent>[0]) => DomUtils.textContent(e).replace(/\s+/g, ' ').trim();
  return { doc, all, text, body: res.body, byTag: (tag: string) => DomUtils.getElementsByTagName(tag, doc) };
}
const cards = (p: Awaited<ReturnType<typeof page>>) => p.all((e) => e.attribs['data-code'] !== undefined).map((e) => e.attribs['data-code']).sort();

describe('/catalogo', () => {
  it('lists every published indicator and layer with its heading, without any script', async () => {
    const api: Catalog = (await t.app.inject('/api/catalog')).json();
    const p = await page('/catalogo');
    expect(p.byTag('script')).toHaveLength(0);
    expect(p.text(p.byTag('h1')[0])).toBe('Catálogo de datos');
    expect(cards(p)).toEqual(api.indicators.map((i) => i.code).sort());
    expect(p.all((e) => e.attribs['data-layer'] !== undefined)).toHaveLength(api.layers.length);
    const form = p.byTag('form')[0];
    expect(form.attribs.method).toBe('get');
    expect(DomUtils.getElementsByTagName('select', form).map((s) => s.attribs.name)).toEqual(['tema', 'nivel', 'anio']);
    const link = p.all((e) => e.name === 'a' && e.attribs.href === api.indicators[0].enlaces.pagina);
    expect(link.length).toBeGreaterThan(0);
  });

  it('narrows the listing with the form fields, blank fields being no filter', async () => {
    const api: Catalog = (await t.app.inject('/api/catalog')).json();
    const tema = api.opciones.temas[api.opciones.temas.length - 1];
    // What the browser sends for the form with only the tema chosen.
    const p = await page(`/catalogo?q=&tema=${encodeURIComponent(tema)}&nivel=&anio=`);
    const expected = api.indicators.filter((i) => i.tema === tema).map((i) => i.code).sort();
    expect(cards(p)).toEqual(expected);
    expect(expected.length).toBeLessThan(api.indicators.length);
    expect(p.body).toContain(`${expected.length} de ${api.total} indicadores`);
    const selected = p.all((e) => e.name === 'option' && e.attribs.selected !== undefined).map((e) => e.attribs.value);
    expect(selected).toContain(tema);
    const word = api.indicators[0].nombre.split(' ')[0];
    const searched = await page(`/catalogo?q=${encodeURIComponent(word)}&tema=&nivel=&anio=`);
    const expectSearch = api.indicators.filter((i) => [i.code, i.nombre, i.nombre_en, i.descripcion, i.tema, i.unidad, i.fuente].join(' ').toLowerCase().includes(word.toLowerCase()));
    expect(cards(searched)).toEqual(expectSearch.map((i) => i.code).sort());
    const y = api.opciones.anios[0];
    const byYear = await page(`/catalogo?nivel=municipio&anio=${y}`);
    expect(cards(byYear)).toEqual(api.indicators.filter((i) => i.cobertura.some((c) => c.nivel === 'municipio' && c.anio === y)).map((i) => i.code).sort());
  });
});

describe('/estadisticas/{code}', () => {
  it('shows the definition, a chart, downloads, the map link and the same values as the API for the same unit', async () => {
    const api: Catalog = (await t.app.inject('/api/catalog')).json();
    const ind = api.indicators.find((i) => i.decimales > 0 && i.niveles_publicados.includes('colonia'))!;
    const values: IndicatorValues = (await t.app.inject(`/api/indicators/${ind.code}`)).json();
    const p = await page(`/estadisticas/${ind.code}`);
    expect(p.byTag('script')).toHaveLength(0);
    expect(p.text(p.byTag('h1')[0])).toBe(ind.nombre);
    const dds = p.byTag('dd').map(p.text);
    expect(dds).toEqual(expect.arrayContaining([ind.unidad, ind.fuente, ind.anios_publicados.join(', ')]));
    expect(p.text(p.doc)).toContain('Regla de agregación');
    expect(p.byTag('h2').map(p.text)).toEqual(expect.arrayContaining(['Valor municipal por año', 'Valores por unidad', 'Descargas']));
    // The chart labels each year's municipal value as the series API gives it.
    const serie = (await t.app.inject(`/api/catalog/indicators/${ind.code}`)).json().serie as Array<{ anio: number; valor: number }>;
    const fmt = new Intl.NumberFormat('es-MX', { minimumFractionDigits: ind.decimales, maximumFractionDigits: ind.decimales });
    const svgText = DomUtils.getElementsByTagName('text', p.byTag('svg')[0]).map(p.text);
    for (const s of serie) expect(svgText).toEqual(expect.arrayContaining([fmt.format(s.valor), String(s.anio)]));
    // Every unit of the API's answer, with its value formatted with the indicator's decimals.
    const rows = p.byTag('tr').filter((r) => r.attribs.id?.startsWith('u-'));
    expect(rows).toHaveLength(Math.min(500, values.values.length));
    const v = values.values.find((x) => x.valor !== null)!;
    const row = rows.find((r) => r.attribs.id === `u-${v.clave}`)!;
    const cells = DomUtils.getChildren(row).filter((c) => 'name' in c).map((c) => p.text(c));
    expect(cells).toEqual([v.nombre, v.clave, fmt.format(v.valor!), String(v.rank)]);
    // The choropleth at the level and year the API defaults to, and the downloads.
    const hrefs = p.all((e) => e.name === 'a').map((e) => e.attribs.href);
    expect(hrefs).toContain(`${MAP_PATH}#i=${ind.code}:${values.level}:${values.year}:quantile:5:value&panel=indicadores`);
    expect(hrefs).toContain(`${MAP_PATH}#i=${ind.code}:${values.level}:${values.year}:quantile:5:value&panel=tabla`);
    for (const h of [ind.enlaces.csv, ind.enlaces.xlsx, `/api/catalog/indicators/${ind.code}/values.csv?nivel=${values.level}&anio=${values.year}`]) {
      expect(hrefs).toContain(h);
      expect((await t.app.inject(h)).statusCode).toBe(200);
    }
  });

  it('shows another level and year chosen in its form, equal to the API, and answers unknown or bad input with 4xx', async () => {
    const api: Catalog = (await t.app.inject('/api/catalog')).json();
    const ind = api.indicators.find((i) => i.niveles_publicados.includes('colonia') && i.anios_publicados.length > 1)!;
    const anio = ind.anios_publicados[0];
    const values: IndicatorValues = (await t.app.inject(`/api/indicators/${ind.code}?level=colonia&year=${anio}`)).json();
    const p = await page(`/estadisticas/${ind.code}?nivel=colonia&anio=${anio}`);
    const keys = p.byTag('tr').filter((r) => r.attribs.id?.startsWith('u-')).map((r) => r.attribs.id.slice(2));
    expect(keys).toEqual(values.values.map((x) => x.clave));
    const en = await page(`/estadisticas/${ind.code}?lang=en`);
    expect(p.text(en.byTag('h1')[0])).toBe(ind.nombre_en ?? ind.nombre);
    expect((await t.app.inject('/estadisticas/no_existe')).statusCode).toBe(404);
    expect((await t.app.inject(`/estadisticas/${ind.code}?anio=1901`)).statusCode).toBe(400);
    expect((await t.app.inject(`/estadisticas/${ind.code}?nivel=barrio`)).statusCode).toBe(400);
  });
});
