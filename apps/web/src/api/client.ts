// Typed client: one function per server endpoint (URLs as documented in issue 3 and /docs).
import type { Feature, FeatureCollection, Polygon, MultiPolygon } from 'geojson';
import { getJson, qs } from './http.ts';
import { bbox4, isObj, listOf, lonLat, normalizeDataset, normalizeHit, normalizeLayer, numOr, pick, str } from './normalize.ts';
import type {
  ChangeValue, DatasetInfo, FilterOptions, IndicatorInfo, IndicatorValue, LayerInfo, NearProject, ParticipationProcess,
  ProcessTotals, ProjectCard, ProjectFilters, SearchHit, ZoneResult,
} from './types.ts';
import type { ClassBreaks } from '../lib/classes.ts';

/** GET /api/layers — the layer catalog and which dataset is loaded. */
export async function fetchLayers(signal?: AbortSignal): Promise<{ layers: LayerInfo[]; dataset: DatasetInfo | null }> {
  const r = await getJson<unknown>('/api/layers', { signal });
  const raw = listOf(r, 'layers', 'capas');
  // The dataset note travels with each layer (and at the top level in some versions).
  const dataset = normalizeDataset(pick(r, 'dataset', 'datos')) ?? normalizeDataset(pick(raw[0], 'dataset'));
  return { layers: raw.map(normalizeLayer).filter((l): l is LayerInfo => l !== null), dataset };
}

/** GET /api/health — database state and the loaded dataset. */
export async function fetchHealth(signal?: AbortSignal): Promise<{ ok: boolean; dataset: DatasetInfo | null }> {
  const r = await getJson<unknown>('/api/health', { signal });
  return { ok: pick(r, 'status') === 'ok', dataset: normalizeDataset(pick(pick(r, 'database'), 'dataset') ?? pick(r, 'dataset')) };
}

/** GET /api/indicators — the indicator catalog. */
export async function fetchIndicators(signal?: AbortSignal): Promise<IndicatorInfo[]> {
  const r = await getJson<unknown>('/api/indicators', { signal });
  return listOf(r, 'indicators', 'indicadores').map((i) => ({
    code: str(pick(i, 'code', 'codigo', 'clave')),
    name: str(pick(i, 'nombre', 'name', 'title')),
    nameEn: str(pick(i, 'nombre_en', 'nameEn', 'name_en')) || null,
    unit: str(pick(i, 'unidad', 'unit')),
    source: str(pick(i, 'fuente', 'source')),
    levels: (pick(i, 'niveles', 'levels') as string[] | undefined) ?? [],
    years: ((pick(i, 'anios', 'years') as number[] | undefined) ?? []).map(Number),
    decimals: numOr(pick(i, 'decimales', 'decimals'), 0),
    higherIsBetter: (pick(i, 'mayor_es_mejor', 'mayorEsMejor', 'higherIsBetter') as boolean | undefined) ?? null,
  }));
}

/** GET /api/indicators/{code}?level=&year= — one value per unit. */
export async function fetchIndicatorValues(code: string, level: string, year: number, signal?: AbortSignal): Promise<IndicatorValue[]> {
  const r = await getJson<unknown>(`/api/indicators/${encodeURIComponent(code)}${qs({ level, year })}`, { signal });
  return listOf(r, 'values', 'valores').map((v) => ({
    key: str(pick(v, 'clave', 'key', 'cvegeo', 'id')),
    name: str(pick(v, 'nombre', 'name')) || null,
    value: numOr(pick(v, 'valor', 'value'), null),
    flag: str(pick(v, 'flag')) || null,
  }));
}

/** GET /api/indicators/{code}/breaks — server-computed classes. */
export async function fetchBreaks(
  code: string,
  q: { level: string; year: number; method: string; classes: number },
  signal?: AbortSignal,
): Promise<ClassBreaks> {
  const r = await getJson<unknown>(`/api/indicators/${encodeURIComponent(code)}/breaks${qs(q)}`, { signal });
  const breaks = ((pick(r, 'breaks', 'cortes') as unknown[]) ?? []).map(Number);
  const counts = ((pick(r, 'counts', 'conteos') as unknown[]) ?? []).map(Number);
  return { breaks, counts };
}

/** GET /api/indicators/{code}/change?from=&to=&level= — absolute and relative change per unit. */
export async function fetchChange(code: string, q: { level: string; from: number; to: number }, signal?: AbortSignal): Promise<ChangeValue[]> {
  const r = await getJson<unknown>(`/api/indicators/${encodeURIComponent(code)}/change${qs(q)}`, { signal });
  return listOf(r, 'values', 'valores', 'changes').map((v) => ({
    key: str(pick(v, 'clave', 'key', 'cvegeo', 'id')),
    name: str(pick(v, 'nombre', 'name')) || null,
    from: numOr(pick(v, 'desde', 'from', 'valor_desde', 'from_value'), null),
    to: numOr(pick(v, 'hasta', 'to', 'valor_hasta', 'to_value'), null),
    absolute: numOr(pick(v, 'absoluta', 'absolute', 'cambio'), null),
    relative: numOr(pick(v, 'relativa', 'relative', 'cambio_pct'), null),
  }));
}

/** GET /api/search?q= — ranked hits with a centre and bbox each. */
export async function search(q: string, signal?: AbortSignal): Promise<SearchHit[]> {
  const r = await getJson<unknown>(`/api/search${qs({ q })}`, { signal });
  return listOf(r, 'hits', 'results', 'resultados').map(normalizeHit).filter((h): h is SearchHit => h !== null);
}

function nearProject(p: unknown): NearProject | null {
  const props = pick(p, 'properties') ?? p;
  const ll = lonLat(pick(p, 'geometry')) ?? lonLat(pick(props, 'center', 'centroid', 'punto')) ?? lonLat(props);
  if (!ll) return null;
  return {
    id: numOr(pick(props, 'id') ?? pick(p, 'id'), 0),
    name: str(pick(props, 'nombre', 'name', 'title')),
    status: str(pick(props, 'estatus', 'status')),
    distanceM: numOr(pick(props, 'distance_m', 'distancia_m', 'distanceM', 'distance'), 0),
    lon: ll[0],
    lat: ll[1],
    eje: str(isObj(pick(props, 'eje')) ? pick(pick(props, 'eje'), 'nombre') : pick(props, 'eje')) || null,
    ejeColor: str(pick(pick(props, 'eje'), 'color') ?? pick(props, 'eje_color')) || null,
    programa: str(isObj(pick(props, 'programa')) ? pick(pick(props, 'programa'), 'nombre') : pick(props, 'programa')) || null,
    dependency: str(pick(props, 'dependencia', 'dependency')) || null,
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
  const r = await getJson<unknown>(`/api/projects/near${qs(query)}`, { signal });
  return listOf(r, 'projects', 'proyectos').map(nearProject).filter((p): p is NearProject => p !== null);
}

/** GET /api/isochrone — the area reachable on foot in `minutes`. */
export async function fetchIsochrone(q: { lon: number; lat: number; minutes: number }, signal?: AbortSignal): Promise<Feature<Polygon | MultiPolygon>> {
  const r = await getJson<Feature<Polygon | MultiPolygon> | FeatureCollection<Polygon | MultiPolygon>>(`/api/isochrone${qs(q)}`, { signal });
  if (r.type === 'FeatureCollection') return r.features[0];
  return r;
}

function projectFilterQuery(f: ProjectFilters) {
  return { estatus: f.status, eje: f.eje, programa: f.programa, dependencia: f.dependency, anio: f.year };
}

/** GET /api/projects?status=&eje=&programa=&dependencia=&anio= — the projects list for the panel. */
export async function fetchProjects(f: ProjectFilters, signal?: AbortSignal): Promise<NearProject[]> {
  const r = await getJson<unknown>(`/api/projects${qs({ ...projectFilterQuery(f), limit: 1000 })}`, { signal });
  return listOf(r, 'projects', 'proyectos').map(nearProject).filter((p): p is NearProject => p !== null);
}

/** Values offered by the project filters, gathered from the project list (GET /api/projects). */
export async function fetchProjectFilterOptions(signal?: AbortSignal): Promise<FilterOptions> {
  const r = await getJson<unknown>(`/api/projects${qs({ limit: 1000 })}`, { signal });
  const ejes = new Map<number, string>();
  const programas = new Map<number, { name: string; eje: number | null }>();
  const deps = new Set<string>();
  const years = new Set<number>();
  for (const p of listOf(r, 'items', 'projects')) {
    const eje = pick(p, 'eje');
    const prog = pick(p, 'programa');
    const ejeId = numOr(pick(eje, 'id'), null);
    if (ejeId !== null) ejes.set(ejeId, str(pick(eje, 'nombre')));
    const progId = numOr(pick(prog, 'id'), null);
    if (progId !== null) programas.set(progId, { name: str(pick(prog, 'nombre')), eje: ejeId });
    const dep = str(pick(p, 'dependencia'));
    if (dep) deps.add(dep);
    const y = numOr(pick(p, 'anio'), null);
    if (y !== null) years.add(y);
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
  const r = await getJson<unknown>(`/api/projects/${encodeURIComponent(String(id))}`, { signal });
  const p = pick(r, 'project', 'proyecto') ?? r;
  const props = pick(p, 'propuestas', 'proposals');
  const prop = Array.isArray(props) ? props[0] : pick(p, 'propuesta', 'proposal');
  return {
    id: numOr(pick(p, 'id'), 0),
    clave: str(pick(p, 'clave')),
    name: str(pick(p, 'nombre', 'name')),
    description: str(pick(p, 'descripcion', 'description')) || null,
    status: str(pick(p, 'estatus', 'status')),
    progress: numOr(pick(p, 'avance', 'progress'), 0),
    budgetApproved: numOr(pick(p, 'presupuesto_aprobado', 'presupuestoAprobado'), 0),
    budgetSpent: numOr(pick(p, 'presupuesto_ejercido', 'presupuestoEjercido'), 0),
    start: str(pick(p, 'fecha_inicio', 'fechaInicio')) || null,
    end: str(pick(p, 'fecha_fin', 'fechaFin')) || null,
    year: numOr(pick(p, 'anio', 'year'), null),
    eje: str(isObj(pick(p, 'eje')) ? pick(pick(p, 'eje'), 'nombre') : pick(p, 'eje')) || null,
    programa: str(isObj(pick(p, 'programa')) ? pick(pick(p, 'programa'), 'nombre') : pick(p, 'programa')) || null,
    dependency: str(pick(p, 'dependencia', 'dependency')) || null,
    history: listOf(pick(p, 'progreso', 'avances', 'history')).map((h) => ({
      date: str(pick(h, 'fecha', 'date')),
      progress: numOr(pick(h, 'avance', 'progress'), 0),
      spent: numOr(pick(h, 'presupuesto_ejercido', 'spent'), 0),
      note: str(pick(h, 'nota', 'note')) || null,
    })),
    documents: listOf(pick(p, 'documentos', 'documents')).map((d) => ({
      title: str(pick(d, 'titulo', 'title')),
      url: str(pick(d, 'url')),
      date: str(pick(d, 'fecha', 'date')) || null,
    })),
    proposal: isObj(prop)
      ? {
          id: numOr(pick(prop, 'id'), 0),
          folio: str(pick(prop, 'folio')),
          title: str(pick(prop, 'titulo', 'title')),
          process: str(isObj(pick(prop, 'proceso')) ? pick(pick(prop, 'proceso'), 'nombre') : pick(prop, 'proceso', 'process')) || null,
          status: str(pick(prop, 'estatus', 'status')) || null,
          votes: numOr(pick(prop, 'votos', 'votes'), null),
        }
      : null,
    center: lonLat(pick(p, 'centroid', 'center', 'centroide')) ?? null,
  };
}

/** POST /api/stats/area — every indicator summarised over a drawn polygon. */
export async function fetchAreaStats(geometry: Polygon, signal?: AbortSignal): Promise<Array<{ code: string; name: string; value: number | null; unit: string; coverage: number | null }>> {
  const r = await getJson<unknown>('/api/stats/area', { body: geometry, signal });
  return listOf(r, 'indicators', 'indicadores', 'stats').map((s) => ({
    code: str(pick(s, 'code', 'codigo')),
    name: str(pick(s, 'nombre', 'name')),
    value: numOr(pick(s, 'valor', 'value'), null),
    unit: str(pick(s, 'unidad', 'unit')),
    coverage: numOr(pick(s, 'cobertura', 'coverage'), null),
  }));
}

/** GET /api/participation/processes — the participation processes. */
export async function fetchProcesses(signal?: AbortSignal): Promise<ParticipationProcess[]> {
  const r = await getJson<unknown>('/api/participation/processes', { signal });
  return listOf(r, 'processes', 'procesos').map((p) => ({
    id: numOr(pick(p, 'id'), 0),
    clave: str(pick(p, 'clave')),
    name: str(pick(p, 'nombre', 'name')),
    year: numOr(pick(p, 'anio', 'year'), 0),
    type: str(pick(p, 'tipo', 'type')),
  }));
}

/** GET /api/participation/processes/{clave}/results — participation and votes per zone, and the totals. */
export async function fetchZoneResults(clave: string, signal?: AbortSignal): Promise<{ zones: ZoneResult[]; totals: ProcessTotals | null }> {
  const r = await getJson<unknown>(`/api/participation/processes/${encodeURIComponent(clave)}/results`, { signal });
  const tot = pick(r, 'totales', 'totals');
  const totals = isObj(tot)
    ? {
        roll: numOr(pick(tot, 'lista_nominal'), null),
        participants: numOr(pick(tot, 'participantes', 'participants'), null),
        participation: numOr(pick(tot, 'participacion', 'participation'), null),
        validVotes: numOr(pick(tot, 'votos_validos', 'votes'), null),
      }
    : null;
  const zones = listOf(r, 'zones', 'zonas', 'results', 'resultados').map((z) => ({
    zoneId: numOr(pick(z, 'zone_id', 'zoneId', 'id'), 0),
    name: str(pick(z, 'nombre', 'name', 'zona')),
    participation: numOr(pick(z, 'participacion', 'participation', 'participacion_pct'), null),
    votes: numOr(pick(z, 'votos_validos', 'votos', 'votes'), null),
  }));
  return { zones, totals };
}

/** GET /ogcapi/collections/{id}/items — features of a collection (GeoJSON), optionally in a bbox. */
export async function fetchItems(collection: string, q: { bbox?: [number, number, number, number]; limit?: number; [k: string]: unknown }, signal?: AbortSignal): Promise<FeatureCollection> {
  const { bbox, ...rest } = q;
  return getJson<FeatureCollection>(`/ogcapi/collections/${encodeURIComponent(collection)}/items${qs({ ...(rest as Record<string, string>), bbox: bbox?.join(',') })}`, { signal });
}

/**
 * Bounds of the urban seat: the most populous locality (GET /ogcapi/collections/localidades/items), so the map
 * opens on the city rather than on the whole, mostly rural, municipality.
 */
export async function fetchSeatBounds(signal?: AbortSignal): Promise<[number, number, number, number] | null> {
  const fc = await fetchItems('localidades', { limit: 500 }, signal);
  const pop = (f: Feature) => numOr(pick(f.properties, 'pob', 'poblacion'), 0);
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

/** URL of a collection's download in the visible bbox, as GeoJSON or CSV. */
export function itemsDownloadUrl(collection: string, format: 'geojson' | 'csv', bbox: [number, number, number, number]): string {
  return `/ogcapi/collections/${encodeURIComponent(collection)}/items${qs({ bbox: bbox.map((v) => v.toFixed(6)).join(','), limit: 10000, f: format === 'csv' ? 'csv' : 'json' })}`;
}

export { bbox4 };
