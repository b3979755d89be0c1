// Typed client: one function per server endpoint. Every answer is typed with the schema the server serialises it
// with (`@sigmun/domain`, `Static<>`), so a renamed or retyped field fails `tsc` here instead of hiding in a page.
// The functions only reshape answers into the forms the panels and stores read (./types.ts).
import type { Feature, FeatureCollection, Polygon, MultiPolygon } from 'geojson';
import type { DownloadFormat } from '@sigmun/domain/downloads';
import type { Health } from '@sigmun/domain/health';
import type { IndicatorBreaks, IndicatorChange, IndicatorList, IndicatorValues, AreaStats } from '@sigmun/domain/indicators';
import type { LayerCatalog, LayerDataset } from '@sigmun/domain/layers';
import type { ProcessList, ProcessResults } from '@sigmun/domain/participation';
import type { Isochrone, NearProjects, ProjectCard as ServerProjectCard, ProjectList, ProjectSummary } from '@sigmun/domain/projects';
import type { SearchResponse } from '@sigmun/domain/search';
import { getJson, qs } from './http.ts';
import type {
  ChangeValue, DatasetInfo, FilterOptions, IndicatorInfo, IndicatorValue, LayerInfo, NearProject, ParticipationProcess,
  ProcessTotals, ProjectCard, ProjectFilters, SearchHit, ZoneResult,
} from './types.ts';
import type { ClassBreaks } from '../lib/classes.ts';

/** The dataset note of a catalog entry ('demo' data must be labelled as fictional). */
export function datasetInfo(d: LayerDataset | null | undefined): DatasetInfo | null {
  return d ? { kind: d.demo ? 'demo' : 'real', name: d.nombre, source: d.fuente, date: d.fecha } : null;
}

/** The dataset named by /api/health ("kind:id"), or null. */
function healthDataset(v: string | null): DatasetInfo | null {
  const [kind, ...rest] = (v ?? '').split(':');
  return kind === 'demo' || kind === 'real' ? { kind, name: rest.join(':') || null, source: null, date: null } : null;
}

/** GET /api/layers — the layer catalog and which dataset is loaded. */
export async function fetchLayers(signal?: AbortSignal): Promise<{ layers: LayerInfo[]; dataset: DatasetInfo | null }> {
  const r = await getJson<LayerCatalog>('/api/layers', { signal });
  // The dataset note travels with each layer.
  return { layers: r.layers, dataset: datasetInfo(r.layers[0]?.dataset) };
}

/** GET /api/health — database state and the loaded dataset. */
export async function fetchHealth(signal?: AbortSignal): Promise<{ ok: boolean; dataset: DatasetInfo | null }> {
  const r = await getJson<Health>('/api/health', { signal });
  return { ok: r.status === 'ok', dataset: healthDataset(r.database.dataset) };
}

/** GET /api/indicators — the indicator catalog. */
export async function fetchIndicators(signal?: AbortSignal): Promise<IndicatorInfo[]> {
  const r = await getJson<IndicatorList>('/api/indicators', { signal });
  return r.indicators.map((i) => ({
    code: i.code,
    name: i.nombre,
    nameEn: i.nombre_en,
    unit: i.unidad,
    source: i.fuente,
    levels: i.niveles,
    years: i.anios,
    decimals: i.decimales,
    higherIsBetter: i.mayor_es_mejor,
  }));
}

/** GET /api/indicators/{code}?level=&year= — one value per unit. */
export async function fetchIndicatorValues(code: string, level: string, year: number, signal?: AbortSignal): Promise<IndicatorValue[]> {
  const r = await getJson<IndicatorValues>(`/api/indicators/${encodeURIComponent(code)}${qs({ level, year })}`, { signal });
  return r.values.map((v) => ({ key: v.clave, name: v.nombre, value: v.valor, flag: v.flag }));
}

/** GET /api/indicators/{code}/breaks — server-computed classes. */
export async function fetchBreaks(
  code: string,
  q: { level: string; year: number; method: string; classes: number },
  signal?: AbortSignal,
): Promise<ClassBreaks> {
  const r = await getJson<IndicatorBreaks>(`/api/indicators/${encodeURIComponent(code)}/breaks${qs(q)}`, { signal });
  return { breaks: r.breaks, counts: r.counts };
}

/** GET /api/indicators/{code}/change?from=&to=&level= — absolute and relative change per unit. */
export async function fetchChange(code: string, q: { level: string; from: number; to: number }, signal?: AbortSignal): Promise<ChangeValue[]> {
  const r = await getJson<IndicatorChange>(`/api/indicators/${encodeURIComponent(code)}/change${qs(q)}`, { signal });
  return r.values.map((v) => ({ key: v.clave, name: v.nombre, from: v.desde, to: v.hasta, absolute: v.absoluta, relative: v.relativa }));
}

/** GET /api/search?q= — ranked hits with a centre and bbox each. */
export async function search(q: string, signal?: AbortSignal): Promise<SearchHit[]> {
  const r = await getJson<SearchResponse>(`/api/search${qs({ q })}`, { signal });
  return r.hits.map((h) => ({ type: h.type, id: h.id, label: h.name, detail: h.context, center: h.centroid, bbox: h.bbox }));
}

/** A project of a list (or of the proximity search, with its distance) as the panels read it. */
function listedProject(p: ProjectSummary & { distance_m?: number; walk_min?: number | null }): NearProject {
  return {
    id: p.id,
    name: p.nombre,
    status: p.estatus,
    distanceM: p.distance_m ?? 0,
    walkMin: p.walk_min ?? null,
    lon: p.centroid[0],
    lat: p.centroid[1],
    eje: p.eje.nombre,
    ejeColor: p.eje.color,
    programa: p.programa.nombre,
    dependency: p.dependencia,
  };
}

/** GET /api/projects/near — projects nearest first with their distance in metres (radius or walking minutes). */
export async function fetchNearProjects(
  q: { lon: number; lat: number; radiusM: number; minutes: number | null; status?: string[] },
  signal?: AbortSignal,
): Promise<NearProject[]> {
  const query = q.minutes
    ? { lon: q.lon, lat: q.lat, walk_minutes: q.minutes, status: q.status, limit: 50 }
    : { lon: q.lon, lat: q.lat, radius_m: q.radiusM, status: q.status, limit: 50 };
  const r = await getJson<NearProjects>(`/api/projects/near${qs(query)}`, { signal });
  return r.items.map(listedProject);
}

/** GET /api/isochrone — the area reachable on foot in `minutes`. */
export async function fetchIsochrone(q: { lon: number; lat: number; minutes: number }, signal?: AbortSignal): Promise<Feature<Polygon | MultiPolygon>> {
  const r = await getJson<Isochrone>(`/api/isochrone${qs(q)}`, { signal });
  // The schema leaves the geometry open (GeoJSON); the server builds it with ST_AsGeoJSON of a polygon.
  return { type: 'Feature', geometry: r.geometry as Polygon | MultiPolygon, properties: r.properties };
}

function projectFilterQuery(f: ProjectFilters) {
  return { estatus: f.status, eje: f.eje, programa: f.programa, dependencia: f.dependency, anio: f.year };
}

/** GET /api/projects?status=&eje=&programa=&dependencia=&anio= — the projects list for the panel. */
export async function fetchProjects(f: ProjectFilters, signal?: AbortSignal): Promise<NearProject[]> {
  const r = await getJson<ProjectList>(`/api/projects${qs({ ...projectFilterQuery(f), limit: 1000 })}`, { signal });
  return r.items.map(listedProject);
}

/** Values offered by the project filters, gathered from the project list (GET /api/projects). */
export async function fetchProjectFilterOptions(signal?: AbortSignal): Promise<FilterOptions> {
  const r = await getJson<ProjectList>(`/api/projects${qs({ limit: 1000 })}`, { signal });
  const ejes = new Map<number, string>();
  const programas = new Map<number, { name: string; eje: number | null }>();
  const deps = new Set<string>();
  const years = new Set<number>();
  for (const p of r.items) {
    ejes.set(p.eje.id, p.eje.nombre);
    programas.set(p.programa.id, { name: p.programa.nombre, eje: p.eje.id });
    if (p.dependencia) deps.add(p.dependencia);
    years.add(p.anio);
  }
  const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name, 'es');
  return {
    ejes: [...ejes].map(([id, name]) => ({ id, name })).sort((a, b) => a.id - b.id),
    programas: [...programas].map(([id, v]) => ({ id, ...v })).sort(byName),
    dependencies: [...deps].sort((a, b) => a.localeCompare(b, 'es')),
    years: [...years].sort(),
  };
}

/** GET /api/projects/{id} — the project card. */
export async function fetchProject(id: number | string, signal?: AbortSignal): Promise<ProjectCard> {
  const p = await getJson<ServerProjectCard>(`/api/projects/${encodeURIComponent(String(id))}`, { signal });
  const prop = p.propuestas[0];
  return {
    id: p.id,
    clave: p.clave,
    name: p.nombre,
    description: p.descripcion,
    status: p.estatus,
    progress: p.avance,
    budgetApproved: p.presupuesto_aprobado,
    budgetSpent: p.presupuesto_ejercido,
    start: p.fecha_inicio,
    end: p.fecha_fin,
    year: p.anio,
    eje: p.eje.nombre,
    programa: p.programa.nombre,
    dependency: p.dependencia,
    history: p.progreso.map((h) => ({ date: h.fecha, progress: h.avance, spent: h.presupuesto_ejercido, note: h.nota })),
    documents: p.documentos.map((d) => ({ title: d.titulo, url: d.url, date: d.fecha })),
    proposal: prop
      ? { id: prop.id, folio: prop.folio, title: prop.titulo, process: prop.proceso.nombre, status: prop.estatus, votes: prop.votos }
      : null,
    center: p.centroid,
    colonia: p.cve_col ? { clave: p.cve_col, nombre: p.colonia } : null,
  };
}

/** POST /api/stats/area — every indicator summarised over a drawn polygon. */
export async function fetchAreaStats(geometry: Polygon, signal?: AbortSignal): Promise<Array<{ code: string; name: string; value: number | null; unit: string; coverage: number | null; decimals: number; estimate: boolean }>> {
  const r = await getJson<AreaStats>('/api/stats/area', { body: geometry, signal });
  return r.indicators.map((s) => ({ code: s.code, name: s.nombre, value: s.valor, unit: s.unidad, coverage: s.cobertura, decimals: s.decimales, estimate: s.estimado }));
}

/** GET /api/participation/processes — the participation processes. */
export async function fetchProcesses(signal?: AbortSignal): Promise<ParticipationProcess[]> {
  const r = await getJson<ProcessList>('/api/participation/processes', { signal });
  return r.processes.map((p) => ({ id: p.id, clave: p.clave, name: p.nombre, year: p.anio, type: p.tipo }));
}

/** GET /api/participation/processes/{clave}/results — participation and votes per zone, and the totals. */
export async function fetchZoneResults(clave: string, signal?: AbortSignal): Promise<{ zones: ZoneResult[]; totals: ProcessTotals | null }> {
  const r = await getJson<ProcessResults>(`/api/participation/processes/${encodeURIComponent(clave)}/results`, { signal });
  const t = r.totales;
  return {
    zones: r.zones.map((z) => ({ zoneId: z.zone_id, name: z.nombre, participation: z.participacion, votes: z.votos_validos })),
    totals: { roll: t.lista_nominal, participants: t.participantes, participation: t.participacion, validVotes: t.votos_validos },
  };
}

/** GET /ogcapi/collections/{id}/items — features of a collection (GeoJSON), optionally in a bbox. */
export async function fetchItems(collection: string, q: { bbox?: [number, number, number, number]; limit?: number; [k: string]: unknown }, signal?: AbortSignal): Promise<FeatureCollection> {
  const { bbox, ...rest } = q;
  return getJson<FeatureCollection>(`/ogcapi/collections/${encodeURIComponent(collection)}/items${qs({ ...(rest as Record<string, string>), bbox: bbox?.join(',') })}`, { signal });
}

/** How many features a collection holds (OGC `numberMatched`), or null when the server does not say. */
export async function fetchItemCount(collection: string, signal?: AbortSignal): Promise<number | null> {
  const fc = await getJson<FeatureCollection & { numberMatched?: number }>(`/ogcapi/collections/${encodeURIComponent(collection)}/items${qs({ limit: 1 })}`, { signal });
  return typeof fc.numberMatched === 'number' ? fc.numberMatched : fc.features.length === 0 ? 0 : null;
}

/**
 * Bounds of the urban seat: the most populous locality (GET /ogcapi/collections/localidades/items), so the map
 * opens on the city rather than on the whole, mostly rural, municipality.
 */
export async function fetchSeatBounds(signal?: AbortSignal): Promise<[number, number, number, number] | null> {
  const fc = await fetchItems('localidades', { limit: 500 }, signal);
  // `pob` is the localidades layer's population property in the catalog (packages/domain/src/layers.ts).
  const pop = (f: Feature) => Number(f.properties?.pob ?? 0);
  const seat = [...fc.features].filter((f) => f.geometry).sort((a, b) => pop(b) - pop(a))[0];
  if (!seat) return null;
  // A plain walk over the coordinates: pulling Turf into the entry chunk for one bbox is not worth it.
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      b[0] = Math.min(b[0], c[0]);
      b[1] = Math.min(b[1], c[1] as number);
      b[2] = Math.max(b[2], c[0]);
      b[3] = Math.max(b[3], c[1] as number);
    } else if (Array.isArray(c)) c.forEach(walk);
  };
  walk((seat.geometry as { coordinates?: unknown }).coordinates);
  return Number.isFinite(b[0]) ? b : null;
}

/** URL of a collection's file download (`f=gpkg|shp|kml|csv|geojson`), of the whole layer or of a CRS84 bbox. */
export function itemsDownloadUrl(collection: string, format: DownloadFormat, bbox: [number, number, number, number] | null): string {
  return `/ogcapi/collections/${encodeURIComponent(collection)}/items${qs({ bbox: bbox?.map((v) => v.toFixed(6)).join(','), f: format })}`;
}

