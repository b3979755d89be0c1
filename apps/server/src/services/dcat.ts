// The catalog of published data sets in DCAT-AP (DCAT 2) as JSON-LD, the form CKAN's DCAT harvester and national
// open-data portals read: one dcat:Dataset per layer (distributions: OGC API – Features items as GeoJSON, CSV and,
// when the server writes it, GeoPackage) and per published indicator (CSV, XLSX and the JSON API).
import { MEDIA_TYPES, type CatalogIndicator, type CatalogLayer } from '@sigmun/domain/catalog';
import { LAYER_GROUPS, type LayerGroup } from '@sigmun/domain/layers';
import type { FastifyInstance } from 'fastify';
import type { DcatDocument } from '@sigmun/domain/catalog';
import { catalogLayers, publishedCatalog } from './catalog.ts';
import { aggregationText } from './indicator-downloads.ts';

export const DCAT_CONTEXT = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

const IANA = 'http://www.iana.org/assignments/media-types/';
const EU = 'http://publications.europa.eu/resource/authority/';
const OGC_API_FEATURES = 'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core';

/** EU file-type authority code of each media type the catalog announces. */
const FILE_TYPE: Record<string, string> = {
  [MEDIA_TYPES.csv]: 'CSV', [MEDIA_TYPES.xlsx]: 'XLSX', [MEDIA_TYPES.json]: 'JSON', [MEDIA_TYPES.geojson]: 'GEOJSON', [MEDIA_TYPES.gpkg]: 'GPKG',
};

// EU data themes (DCAT-AP's recommended vocabulary) for the bank's temas and the layer groups; keywords carry the rest.
const TEMA_THEME: Record<string, string> = { Población: 'SOCI', Salud: 'HEAL', Educación: 'EDUC', Vivienda: 'SOCI', Economía: 'ECON', Participación: 'GOVE' };
const GROUP_THEME: Record<LayerGroup, string> = { cartografia: 'REGI', estadisticas: 'SOCI', planeacion: 'GOVE', participacion: 'GOVE' };

const es = (s: string) => ({ '@value': s, '@language': 'es' });
const en = (s: string) => ({ '@value': s, '@language': 'en' });
const iri = (s: string) => ({ '@id': s });
const date = (s: string) => ({ '@value': s, '@type': 'xsd:date' });
const theme = (code: string | undefined) => (code ? [iri(`${EU}data-theme/${code}`)] : []);

/** The media type of a distribution, as its IANA IRI (DCAT-AP's `dcat:mediaType` range). */
export const mediaTypeIri = (type: string) => `${IANA}${type}`;

/** One downloadable distribution: `url` is both its access and download URL. */
function distribution(id: string, title: string, url: string, type: string, extra: Record<string, unknown> = {}) {
  return {
    '@id': id,
    '@type': 'dcat:Distribution',
    'dct:title': es(title),
    'dcat:accessURL': iri(url),
    'dcat:downloadURL': iri(url),
    'dcat:mediaType': iri(mediaTypeIri(type)),
    ...(FILE_TYPE[type] ? { 'dct:format': iri(`${EU}file-type/${FILE_TYPE[type]}`) } : {}),
    ...extra,
  };
}

function layerDataset(base: string, l: CatalogLayer) {
  const id = `${base}/catalogo.jsonld#capa-${l.id}`;
  const items = `${base}${l.enlaces.geojson}`;
  const service = { 'dcat:accessService': iri(`${base}/catalogo.jsonld#servicio-ogcapi`), 'dct:conformsTo': iri(OGC_API_FEATURES) };
  return {
    '@id': id,
    '@type': 'dcat:Dataset',
    'dct:identifier': `capa:${l.id}`,
    'dct:title': [es(l.titulo), en(l.title)],
    'dct:description': es(`${l.descripcion}${l.demo ? ' Datos ficticios de demostración.' : ''}`),
    'dct:source': l.fuente,
    'dcat:keyword': [es(LAYER_GROUPS[l.grupo as LayerGroup]?.titulo ?? l.grupo), es(l.titulo)],
    'dcat:theme': theme(GROUP_THEME[l.grupo as LayerGroup]),
    ...(l.fecha ? { 'dct:modified': date(l.fecha) } : {}),
    'dcat:landingPage': iri(`${base}${l.enlaces.mapa}`),
    'dcat:distribution': [
      distribution(`${id}-ogcapi`, `${l.titulo}: OGC API – Features (GeoJSON)`, items, MEDIA_TYPES.geojson, service),
      distribution(`${id}-csv`, `${l.titulo} (CSV)`, `${base}${l.enlaces.csv}`, MEDIA_TYPES.csv),
      ...(l.enlaces.gpkg ? [distribution(`${id}-gpkg`, `${l.titulo} (GeoPackage)`, `${base}${l.enlaces.gpkg}`, MEDIA_TYPES.gpkg)] : []),
    ],
    'dcat:contactPoint': iri(`${base}/catalogo.jsonld#contacto`),
  };
}

function indicatorDataset(base: string, i: CatalogIndicator, modified: string | null) {
  const id = `${base}${i.enlaces.pagina}`;
  const first = i.anios_publicados[0];
  const last = i.anios_publicados[i.anios_publicados.length - 1];
  const description = [
    i.descripcion ?? i.nombre,
    `Unidad: ${i.unidad}.`,
    `Niveles: ${i.niveles_publicados.join(', ')}.`,
    `Agregación: ${aggregationText(i.agregacion)}.`,
  ].join(' ');
  return {
    '@id': id,
    '@type': 'dcat:Dataset',
    'dct:identifier': `indicador:${i.code}`,
    'dct:title': [es(i.nombre), ...(i.nombre_en ? [en(i.nombre_en)] : [])],
    'dct:description': es(description),
    'dct:source': i.fuente,
    'dcat:keyword': [es(i.tema), es('indicador'), ...i.niveles_publicados.map(es)],
    'dcat:theme': theme(TEMA_THEME[i.tema]),
    ...(first !== undefined ? {
      'dct:temporal': { '@type': 'dct:PeriodOfTime', 'dcat:startDate': date(`${first}-01-01`), 'dcat:endDate': date(`${last}-12-31`) },
    } : {}),
    ...(modified ? { 'dct:modified': date(modified) } : {}),
    'dcat:landingPage': iri(id),
    'dcat:distribution': [
      distribution(`${id}#csv`, `${i.nombre}: valores por unidad (CSV)`, `${base}${i.enlaces.csv}`, MEDIA_TYPES.csv),
      distribution(`${id}#xlsx`, `${i.nombre}: valores por unidad (XLSX)`, `${base}${i.enlaces.xlsx}`, MEDIA_TYPES.xlsx),
      distribution(`${id}#json`, `${i.nombre}: API JSON`, `${base}${i.enlaces.api}`, MEDIA_TYPES.json),
    ],
    'dcat:contactPoint': iri(`${base}/catalogo.jsonld#contacto`),
  };
}

/** The DCAT catalog of everything published, with absolute URLs under `base` (app.publicBase). */
export async function dcatCatalog(app: FastifyInstance, base: string): Promise<DcatDocument> {
  const [listing, layers, datasets, municipio] = await Promise.all([
    publishedCatalog(app, { q: null, tema: null, nivel: null, anio: null }),
    catalogLayers(app),
    app.layersRepository.datasets(),
    app.catalogRepository.municipality(),
  ]);
  const publisher = `Instituto Municipal de Planeación${municipio ? ` de ${municipio}` : ''}`;
  const ogc = `${base}/ogcapi`;
  const modified = datasets[0]?.fecha ?? null;
  const demo = datasets[0]?.kind === 'demo';
  return {
    '@context': DCAT_CONTEXT,
    '@id': `${base}/catalogo.jsonld`,
    '@type': 'dcat:Catalog',
    'dct:title': es(`Datos abiertos del ${publisher}`),
    'dct:description': es(
      `Indicadores del banco municipal de información estadística y capas del sistema de información geográfica${demo ? ' (datos ficticios de demostración)' : ''}.`,
    ),
    'dct:publisher': { '@id': `${base}/catalogo.jsonld#publicador`, '@type': 'foaf:Agent', 'foaf:name': publisher },
    'dct:language': iri(`${EU}language/SPA`),
    'foaf:homepage': iri(`${base}/catalogo`),
    ...(modified ? { 'dct:modified': date(modified) } : {}),
    'dcat:service': [{
      '@id': `${base}/catalogo.jsonld#servicio-ogcapi`,
      '@type': 'dcat:DataService',
      'dct:title': es('OGC API – Features'),
      'dcat:endpointURL': iri(ogc),
      'dcat:endpointDescription': iri(`${base}/docs/json`),
      'dct:conformsTo': iri(OGC_API_FEATURES),
      'dcat:servesDataset': layers.map((l) => iri(`${base}/catalogo.jsonld#capa-${l.id}`)),
    }],
    'dcat:dataset': [
      ...layers.map((l) => layerDataset(base, l)),
      ...listing.indicators.map((i) => indicatorDataset(base, i, modified)),
    ],
    'dcat:contactPoint': { '@id': `${base}/catalogo.jsonld#contacto`, '@type': 'vcard:Organization', 'vcard:fn': publisher, 'vcard:hasURL': iri(`${base}/`) },
  } as DcatDocument;
}
