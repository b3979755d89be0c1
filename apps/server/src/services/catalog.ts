// The published-data catalog as functions: the JSON routes, the HTML pages and the DCAT document all read these,
// so a page, its API and the harvested catalog never disagree about what is published.
import {
  indicatorDownloadPath, indicatorPagePath, sortLevels,
  type Catalog, type CatalogFilters, type CatalogIndicator, type CatalogIndicatorDetail, type CatalogLayer,
} from '@sigmun/domain/catalog';
import { MAP_LEVELS, type IndicatorLevel, type MapLevel } from '@sigmun/domain/indicators';
import { LAYERS } from '@sigmun/domain/layers';
import { indicatorMapHref, layersMapHref } from '@sigmun/domain/map-link';
import { MAP_PATH } from '@sigmun/domain/portal';
import type { FastifyInstance } from 'fastify';
import { notFound } from '../errors.ts';
import type { CoverageRow, IndicatorMatch } from '../repositories/catalog.ts';
import { datasetForLayer } from './layer-datasets.ts';

/** The layer version key that every write to stats.indicator_values bumps (migration 0003's track_layer). */
const VALUES_VERSION_KEY = 'indicadores';

// Coverage changes only when values are written, and every such write bumps the version: cache it per version.
const coverageCache = new WeakMap<FastifyInstance, { version: number; byIndicator: Map<string, CoverageRow[]> }>();

/** Levels and years with values per indicator, read once per data version of the statistics bank. */
export async function coverageByIndicator(app: FastifyInstance): Promise<Map<string, CoverageRow[]>> {
  const version = (await app.tiles.versions.read()).get(VALUES_VERSION_KEY) ?? 0;
  const cached = coverageCache.get(app);
  if (cached && cached.version === version) return cached.byIndicator;
  const byIndicator = new Map<string, CoverageRow[]>();
  for (const r of await app.catalogRepository.coverage()) {
    const list = byIndicator.get(r.indicator) ?? [];
    list.push(r);
    byIndicator.set(r.indicator, list);
  }
  coverageCache.set(app, { version, byIndicator });
  return byIndicator;
}

/** The map level and year a choropleth opens with: AGEB when it has values, else the finest map level; its newest year. */
export function defaultMapChoice(cov: readonly CoverageRow[]): { level: MapLevel; year: number } | null {
  const levels = MAP_LEVELS.filter((l) => cov.some((c) => c.nivel === l));
  const level = levels.includes('ageb') ? 'ageb' : levels[0];
  if (!level) return null;
  const year = Math.max(...cov.filter((c) => c.nivel === level).map((c) => c.anio));
  return { level, year };
}

/** An indicator's catalog entry from its metadata and coverage (which must not be empty). */
function catalogIndicator(ind: IndicatorMatch | Omit<IndicatorMatch, 'coincide'>, cov: readonly CoverageRow[]): CatalogIndicator {
  const { coincide: _c, ...meta } = ind as IndicatorMatch;
  const choice = defaultMapChoice(cov);
  return {
    ...meta,
    niveles_publicados: sortLevels(cov.map((c) => c.nivel)),
    anios_publicados: [...new Set(cov.map((c) => c.anio))].sort((a, b) => a - b),
    cobertura: cov.map((c) => ({ nivel: c.nivel, anio: c.anio })),
    enlaces: {
      pagina: indicatorPagePath(ind.code),
      api: `/api/indicators/${encodeURIComponent(ind.code)}`,
      csv: indicatorDownloadPath(ind.code, 'csv'),
      xlsx: indicatorDownloadPath(ind.code, 'xlsx'),
      mapa: choice ? indicatorMapHref({ code: ind.code, level: choice.level, year: choice.year }) : MAP_PATH,
    },
  };
}

/** Every published indicator (one with values), with whether it matches the filters. */
async function publishedIndicators(app: FastifyInstance, f: CatalogFilters): Promise<Array<{ entry: CatalogIndicator; match: boolean }>> {
  const [rows, coverage] = await Promise.all([app.catalogRepository.indicators(f), coverageByIndicator(app)]);
  return rows.flatMap((ind) => {
    const cov = coverage.get(ind.code);
    if (!cov?.length) return [];
    const atLevel = f.nivel === null ? cov : cov.filter((c) => c.nivel === f.nivel);
    const match = ind.coincide && atLevel.some((c) => f.anio === null || c.anio === f.anio);
    return [{ entry: catalogIndicator(ind, cov), match }];
  });
}

/** Every layer of the catalog as a published data set (its OGC API collection and downloads). */
export async function catalogLayers(app: FastifyInstance): Promise<CatalogLayer[]> {
  const datasets = await app.layersRepository.datasets();
  return LAYERS.map((l) => {
    const d = datasetForLayer(datasets, l.id);
    const coleccion = `/ogcapi/collections/${l.id}`;
    return {
      id: l.id,
      titulo: l.titulo,
      title: l.title,
      descripcion: l.descripcion,
      grupo: l.group,
      geometria: l.geometry,
      atribucion: l.attribution,
      fuente: l.sourceNote,
      fecha: d?.fecha ?? null,
      demo: d?.demo ?? false,
      enlaces: {
        coleccion,
        geojson: `${coleccion}/items`,
        csv: `${coleccion}/items?f=csv`,
        gpkg: `${coleccion}/items?f=gpkg`,
        mapa: layersMapHref(LAYERS.filter((o) => o.style.visible || o.id === l.id).sort((a, b) => a.style.order - b.style.order).map((o) => o.id)),
      },
    };
  });
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** The catalog listing: indicators matching every filter, layers matching the words (when no indicator-only filter is set). */
export async function publishedCatalog(app: FastifyInstance, f: CatalogFilters): Promise<Catalog> {
  const [all, layers] = await Promise.all([publishedIndicators(app, f), catalogLayers(app)]);
  const words = f.q ? fold(f.q).split(/\s+/).filter(Boolean) : [];
  const layerText = (l: CatalogLayer) => fold([l.id, l.titulo, l.title, l.descripcion, l.fuente].join(' '));
  const indicatorOnly = f.tema !== null || f.nivel !== null || f.anio !== null;
  return {
    filtros: f,
    opciones: {
      temas: [...new Set(all.map((i) => i.entry.tema))].sort((a, b) => a.localeCompare(b, 'es')),
      niveles: sortLevels(all.flatMap((i) => i.entry.niveles_publicados)),
      anios: [...new Set(all.flatMap((i) => i.entry.anios_publicados))].sort((a, b) => a - b),
    },
    total: all.length,
    indicators: all.filter((i) => i.match).map((i) => i.entry),
    layers: indicatorOnly ? [] : layers.filter((l) => words.every((w) => layerText(l).includes(w))),
  };
}

/** The level a municipal series is aggregated from when the source has no municipio figure: the coarsest that covers the territory. */
const SERIES_FALLBACK: readonly IndicatorLevel[] = ['ageb', 'localidad', 'colonia', 'manzana'];

/** One published indicator with its municipal series; 404 when it does not exist or has no values. */
export async function publishedIndicator(app: FastifyInstance, code: string): Promise<CatalogIndicatorDetail> {
  const [ind, coverage] = await Promise.all([app.indicatorsRepository.get(code), coverageByIndicator(app)]);
  const cov = coverage.get(code);
  if (!ind || !cov?.length) throw notFound(`No existe el indicador publicado "${code}"`);
  const levels = new Set(cov.map((c) => c.nivel));
  const fallback = SERIES_FALLBACK.find((l) => levels.has(l)) ?? null;
  return { indicator: catalogIndicator(ind, cov), serie: await app.catalogRepository.series(code, fallback) };
}
