// Style documents, glyphs and sprites through the real server on the demo database: every document validates and
// keeps our rules on whatever host it is served from, its sources and fonts and icons exist on this server, and
// the indicator choropleth colours each unit by the server's own class breaks.
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { validateStyleMin, type StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { LAYERS } from '@sigmun/domain/layers';
import { decodeGlyphs } from '@sigmun/styles/glyphs/pbf';
import { pngSize } from '@sigmun/styles/sprites/png';
import { styleRuleViolations } from '@sigmun/styles/rules';
import { rampColors } from '@sigmun/styles/palette';
import { useTestApp } from '../support/test-app.ts';

const HOST = 'mapas.implan.example:9443';
const ORIGIN = `http://${HOST}`;

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers: { host: HOST, ...headers } });

async function style(url: string): Promise<StyleSpecification> {
  const res = await get(url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as StyleSpecification;
}

/** Every font stack the style's symbol layers ask for. */
function fontStacks(s: StyleSpecification): Set<string> {
  const out = new Set<string>();
  for (const l of s.layers) {
    const f = ('layout' in l ? (l.layout as Record<string, unknown> | undefined) : undefined)?.['text-font'];
    if (Array.isArray(f)) out.add(f.join(','));
  }
  return out;
}

const t = useTestApp('styles');

describe('GET /styles/{name}.json', () => {
  it('lists the styles', async () => {
    expect((await get('/styles')).json()).toEqual(['basemap', 'cartografia', 'indicador']);
  });

  for (const url of ['/styles/basemap.json', '/styles/basemap.json?theme=gris', '/styles/cartografia.json']) {
    it(`${url} validates and points only at the request's origin`, async () => {
      const s = await style(url);
      expect(validateStyleMin(s).map((e) => e.message)).toEqual([]);
      expect(styleRuleViolations(s, ORIGIN)).toEqual([]);
      expect(JSON.stringify(s)).toContain(`pmtiles://${ORIGIN}/tiles/basemap.pmtiles`);
    });
  }

  it('opens on the municipality: the initial centre lies inside it', async () => {
    const s = await style('/styles/basemap.json');
    expect(s.center).toHaveLength(2);
    const { rows } = await t.db.pool.query<{ inside: boolean }>(
      `SELECT bool_or(ST_Contains(ST_Transform(geom, 4326), ST_SetSRID(ST_Point($1, $2), 4326))) AS inside FROM carto.municipio`,
      s.center as [number, number],
    );
    expect(rows[0].inside).toBe(true);
  });

  it('builds URLs from whatever Host the request came with', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/styles/basemap.json', headers: { host: '127.0.0.1:8081' } });
    const s = res.json() as StyleSpecification;
    expect(s.glyphs).toBe('http://127.0.0.1:8081/fonts/{fontstack}/{range}.pbf');
    expect(styleRuleViolations(s, 'http://127.0.0.1:8081')).toEqual([]);
  });

  it('cartografia: every source is a TileJSON this server answers, naming the source layers the style draws', async () => {
    const s = await style('/styles/cartografia.json');
    for (const [id, src] of Object.entries(s.sources)) {
      const url = (src as { url?: string }).url!;
      if (url.startsWith('pmtiles://')) continue;
      const tj = await get(url.slice(ORIGIN.length));
      expect(tj.statusCode, url).toBe(200);
      const names = new Set((tj.json() as { vector_layers: Array<{ id: string }> }).vector_layers.map((v) => v.id));
      for (const l of s.layers) if ('source' in l && l.source === id) expect(names.has(l['source-layer']!), `${l.id} → ${url}`).toBe(true);
    }
    expect(Object.keys(s.sources).length).toBe(LAYERS.length + 1);
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await get('/styles/cartografia.json');
    const again = await get('/styles/cartografia.json', { 'if-none-match': String(first.headers.etag) });
    expect(again.statusCode).toBe(304);
  });

  it('rejects unknown styles and misplaced or bad parameters with problem+json naming them', async () => {
    const cases: Array<[string, number, string | undefined]> = [
      ['/styles/satelite.json', 404, undefined],
      ['/styles/indicador.json', 400, 'code'],
      ['/styles/indicador.json?code=no_existe_xyz', 404, undefined],
      ['/styles/indicador.json?code=pob_total&classes=12', 400, 'classes'],
      ['/styles/indicador.json?code=pob_total&ramp=jet', 400, 'ramp'],
      ['/styles/basemap.json?code=pob_total', 400, 'code'],
      ['/styles/basemap.json?theme=neon', 400, 'theme'],
    ];
    for (const [url, status, parameter] of cases) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(status);
      expect(res.headers['content-type'], url).toMatch(/application\/problem\+json/);
      if (parameter) expect(res.json().parameter, url).toBe(parameter);
    }
  });
});

describe('GET /styles/indicador.json', () => {
  it('colours every unit by the class of its value under the server’s breaks', async () => {
    const { rows } = await t.db.pool.query<{ indicator: string; anio: number }>(
      `SELECT indicator, max(anio) AS anio FROM stats.indicator_values WHERE nivel = 'ageb' AND valor IS NOT NULL
       GROUP BY indicator ORDER BY count(DISTINCT valor) DESC, indicator LIMIT 1`,
    );
    expect(rows.length, 'la base de demostración no tiene indicadores por AGEB').toBe(1);
    const { indicator, anio } = rows[0];
    const q = `code=${indicator}&level=ageb&year=${anio}&method=quantile&classes=5&ramp=cividis`;
    const s = await style(`/styles/indicador.json?${q}`);
    expect(validateStyleMin(s).map((e) => e.message)).toEqual([]);
    expect(styleRuleViolations(s, ORIGIN)).toEqual([]);

    const breaks = (await get(`/api/indicators/${indicator}/breaks?level=ageb&year=${anio}&method=quantile&classes=5`)).json() as { breaks: number[]; counts: number[] };
    const fill = s.layers.find((l) => l.id === `indicador-${indicator}-relleno`)!;
    const legend = (fill.metadata as Record<string, Array<{ from: number; to: number; color: string; count: number }>>)['sigmun:legend'];
    const colors = rampColors('cividis', breaks.breaks.length - 1);
    expect(legend.map((c) => [c.from, c.to, c.color, c.count])).toEqual(colors.map((c, i) => [breaks.breaks[i], breaks.breaks[i + 1], c, breaks.counts[i]]));

    const expr = (fill as { paint: { 'fill-color': unknown[] } }).paint['fill-color'];
    const colourOf = new Map<string, unknown>();
    for (let i = 2; i < expr.length - 1; i += 2) for (const k of expr[i] as string[]) colourOf.set(k, expr[i + 1]);
    const values = await t.db.pool.query<{ clave: string; valor: number | null }>(
      'SELECT clave, valor FROM stats.indicator_values WHERE indicator = $1 AND nivel = $2 AND anio = $3',
      [indicator, 'ageb', anio],
    );
    expect(values.rows.length).toBeGreaterThan(0);
    for (const v of values.rows) {
      if (v.valor === null) {
        expect(colourOf.has(v.clave)).toBe(false);
        continue;
      }
      // Class i holds breaks[i] < v ≤ breaks[i+1]; the first class also holds the minimum.
      let cls = 0;
      while (cls < colors.length - 1 && Number(v.valor) > breaks.breaks[cls + 1]) cls++;
      expect(colourOf.get(v.clave), v.clave).toBe(colors[cls]);
    }
  });
});

describe('glyphs and sprites', () => {
  it('serves every font stack the styles name, with Spanish letters in 0-255', async () => {
    const stacks = new Set<string>();
    for (const url of ['/styles/basemap.json', '/styles/cartografia.json']) for (const f of fontStacks(await style(url))) stacks.add(f);
    expect(stacks.size).toBeGreaterThan(0);
    for (const stack of stacks) {
      const res = await get(`/fonts/${encodeURIComponent(stack)}/0-255.pbf`, { 'accept-encoding': 'gzip' });
      expect(res.statusCode, stack).toBe(200);
      const body = res.headers['content-encoding'] === 'gzip' ? gunzipSync(res.rawPayload) : res.rawPayload;
      const [decoded] = decodeGlyphs(body);
      const ids = new Set(decoded.glyphs.map((g) => g.id));
      for (const ch of ['á', 'ñ', 'Ñ', '¿', '¡', 'é']) expect(ids.has(ch.codePointAt(0)!), `${stack} ${ch}`).toBe(true);
    }
  });

  it('rejects bad glyph ranges (400) and unknown fonts (404)', async () => {
    expect((await get('/fonts/DejaVu%20Sans%20Book/0-300.pbf')).statusCode).toBe(400);
    expect((await get('/fonts/DejaVu%20Sans%20Book/65536-65791.pbf')).statusCode).toBe(400);
    expect((await get('/fonts/Open%20Sans%20Regular/0-255.pbf')).statusCode).toBe(404);
  });

  it('sprite entries fit in their PNG and cover every category the styles ask icons for', async () => {
    for (const suffix of ['', '@2x']) {
      const json = (await get(`/sprites/sigmun${suffix}.json`)).json() as Record<string, { x: number; y: number; width: number; height: number; pixelRatio: number }>;
      const png = await get(`/sprites/sigmun${suffix}.png`);
      expect(png.headers['content-type']).toBe('image/png');
      const { width, height } = pngSize(png.rawPayload);
      for (const [name, e] of Object.entries(json)) {
        expect(e.x + e.width, name).toBeLessThanOrEqual(width);
        expect(e.y + e.height, name).toBeLessThanOrEqual(height);
        expect(e.pixelRatio).toBe(suffix ? 2 : 1);
      }
      const icons: Array<[string, string, string]> = [['equipamiento', 'tipo', 'equipamiento'], ['proyectos', 'estatus', 'proyecto'], ['propuestas', 'estatus', 'propuesta']];
      for (const [layer, prop, prefix] of icons) {
        const values = LAYERS.find((l) => l.id === layer)!.properties.find((p) => p.name === prop)!.values!;
        for (const v of values) expect(json[`${prefix}-${v.value}`], `${prefix}-${v.value}`).toBeDefined();
      }
    }
  });
});
