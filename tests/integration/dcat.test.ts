// The DCAT-AP catalog as a harvester reads it: it parses as JSON-LD (the maintained `jsonld` library expands and
// flattens it), it lists every published layer and indicator, and every distribution URL it announces answers 200
// with the announced media type (each one fetched here).
import { expect, it } from 'vitest';
import jsonld from 'jsonld';
import { LAYERS } from '@sigmun/domain/layers';
import { useTestApp } from '../support/test-app.ts';

const t = useTestApp('dcat');

const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const RDF_TYPE = '@type';
const IANA = 'http://www.iana.org/assignments/media-types/';

type Node = Record<string, unknown> & { '@id': string };
const ids = (n: Node, p: string) => ((n[p] ?? []) as Array<{ '@id'?: string }>).map((v) => v['@id']!).filter(Boolean);
const values = (n: Node, p: string) => ((n[p] ?? []) as Array<{ '@value'?: unknown }>).map((v) => v['@value']);

it('parses as JSON-LD, lists every layer and published indicator, and every distribution answers with its media type', async () => {
  // Every distribution is downloaded below: without the manzana rows (700 k of the demo's 750 k values) each
  // indicator file is small, and the catalog still lists what is published (the catalog suite downloads manzanas).
  await t.db.pool.query(`DELETE FROM stats.indicator_values WHERE nivel = 'manzana'`);
  const res = await t.app.inject({ url: '/catalogo.jsonld', headers: { host: 'datos.example.mx' } });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/ld\+json/);
  const doc = res.json();

  // The library resolves the context into full IRIs; nothing is dropped for an unknown term.
  const expanded = await jsonld.expand(doc);
  // Flattened without a context: one expanded node per subject, every IRI full.
  const flat = (await jsonld.flatten(doc)) as unknown as Node[] | { '@graph': Node[] };
  const graph = Array.isArray(flat) ? flat : flat['@graph'];
  const byId = new Map(graph.map((n) => [n['@id'], n]));
  const ofType = (type: string) => graph.filter((n) => ((n[RDF_TYPE] ?? []) as string[]).includes(type));
  expect(expanded.length).toBe(1);

  const catalogs = ofType(`${DCAT}Catalog`);
  expect(catalogs).toHaveLength(1);
  const datasets = ofType(`${DCAT}Dataset`);
  expect(ids(catalogs[0], `${DCAT}dataset`).sort()).toEqual(datasets.map((d) => d['@id']).sort());

  // Every layer and every indicator with values, by identifier; the indicator set comes from the values table.
  const identifiers = datasets.map((d) => values(d, `${DCT}identifier`)[0] as string);
  const { rows } = await t.db.pool.query<{ code: string }>(
    'SELECT code FROM stats.indicators i WHERE EXISTS (SELECT 1 FROM stats.indicator_values v WHERE v.indicator = i.code)',
  );
  expect(identifiers.sort()).toEqual([...LAYERS.map((l) => `capa:${l.id}`), ...rows.map((r) => `indicador:${r.code}`)].sort());
  for (const d of datasets) {
    expect(values(d, `${DCT}title`).length, d['@id']).toBeGreaterThan(0);
    expect(values(d, `${DCT}description`).length, d['@id']).toBeGreaterThan(0);
  }

  // Each layer offers OGC API items, CSV and GeoPackage; each indicator CSV and XLSX.
  const distributions: Array<{ url: string; type: string; dataset: string }> = [];
  for (const d of datasets) {
    const types: string[] = [];
    for (const id of ids(d, `${DCAT}distribution`)) {
      const dist = byId.get(id)!;
      expect(((dist[RDF_TYPE] ?? []) as string[])).toContain(`${DCAT}Distribution`);
      const type = ids(dist, `${DCAT}mediaType`)[0].slice(IANA.length);
      const access = ids(dist, `${DCAT}accessURL`);
      const download = ids(dist, `${DCAT}downloadURL`);
      expect(access).toHaveLength(1);
      for (const url of new Set([...access, ...download])) distributions.push({ url, type, dataset: d['@id'] });
      types.push(type);
    }
    const isLayer = (values(d, `${DCT}identifier`)[0] as string).startsWith('capa:');
    expect(types, d['@id']).toEqual(expect.arrayContaining(isLayer
      ? ['application/geo+json', 'text/csv', 'application/geopackage+sqlite3']
      : ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']));
  }
  const service = ofType(`${DCAT}DataService`)[0];
  const endpoint = ids(service, `${DCAT}endpointURL`)[0];

  // Fetch each one on the same app: absolute URLs carry the Host the catalog was asked with.
  const failures: string[] = [];
  const fetchOne = async ({ url, type, dataset }: (typeof distributions)[number]) => {
    const u = new URL(url);
    expect(u.host).toBe('datos.example.mx');
    const r = await t.app.inject({ url: u.pathname + u.search, headers: { host: u.host } });
    const got = String(r.headers['content-type'] ?? '').split(';')[0];
    if (r.statusCode !== 200 || got !== type || r.rawPayload.length === 0) failures.push(`${dataset} ${url}: ${r.statusCode} ${got} (esperado ${type})`);
  };
  // A few at a time: GeoPackages are written by ogr2ogr in a child process while the server writes the others.
  for (let k = 0; k < distributions.length; k += 4) await Promise.all(distributions.slice(k, k + 4).map(fetchOne));
  expect(failures).toEqual([]);
  expect(distributions.length).toBeGreaterThanOrEqual(3 * LAYERS.length + 2 * rows.length);
  const e = await t.app.inject({ url: new URL(endpoint).pathname, headers: { host: 'datos.example.mx' } });
  expect(e.statusCode).toBe(200);
}, 240_000);
