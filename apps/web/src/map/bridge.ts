// The one place where the store and the MapLibre map meet: store changes become map calls, map events become
// store actions. The Map instance is passed in and never stored in the store.
import { isDrawing } from '../seguimiento/draw.ts';
import type { GeoJSONSource, LayerSpecification, Map as MlMap, MapGeoJSONFeature, MapMouseEvent } from 'maplibre-gl';
import type { ExpressionSpecification, FilterSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { Feature, FeatureCollection } from 'geojson';
import type { AppState, AppStore } from '../stores/index.ts';
import type { LayerInfo } from '../api/types.ts';
import { baseOpacities, choroplethLayers, LEVEL_LAYERS, OVERLAY_PREFIX, overlayLayers, overlaySource, PROJECTS_LAYER, projectFilterExpression, sourceId, STATE_VALUE, ZONES_LAYER } from './style.ts';
import { choroplethColors, classColorExpression } from '@sigmun/styles/classes';
import { COMMON } from '@sigmun/styles/palette';
import { zoneClasses, ZONES_OPACITY } from '../lib/zones.ts';
import { BASEMAP_PART, isGround } from '@sigmun/styles/basemap';
import { underStreets } from '@sigmun/styles/cartography';
import { circleAround, closedPolygon } from '../lib/geo.ts';
import { translate } from '../i18n/index.ts';
import { followSheet } from './framing.ts';

const { highlight: HIGHLIGHT_COLOR, near: NEAR_COLOR, noData: NODATA_COLOR, tool: TOOL_COLOR, white: WHITE } = COMMON;

const ANCHOR = 'top:near-area';
const CHORO = 'choro';
const ZONES = 'zones';
// The thematic layers' ids: `choro-relleno`, `zones-borde`, … (the published choropleth's suffixes).
const CHORO_FILL = `${CHORO}-relleno`;
const ZONES_FILL = `${ZONES}-relleno`;
const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

function addTopLayers(map: MlMap): void {
  for (const id of ['near-area', 'near-points', 'tool']) map.addSource(id, { type: 'geojson', data: EMPTY });
  const layers: LayerSpecification[] = [
    { id: ANCHOR, type: 'fill', source: 'near-area', paint: { 'fill-color': NEAR_COLOR, 'fill-opacity': 0.12 } },
    { id: 'top:near-area-line', type: 'line', source: 'near-area', paint: { 'line-color': NEAR_COLOR, 'line-width': 2, 'line-dasharray': [2, 1] } },
    { id: 'top:tool-fill', type: 'fill', source: 'tool', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': TOOL_COLOR, 'fill-opacity': 0.15 } },
    { id: 'top:tool-line', type: 'line', source: 'tool', filter: ['!=', ['geometry-type'], 'Point'], paint: { 'line-color': TOOL_COLOR, 'line-width': 2.5 } },
    { id: 'top:tool-points', type: 'circle', source: 'tool', filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-color': WHITE, 'circle-radius': 4, 'circle-stroke-color': TOOL_COLOR, 'circle-stroke-width': 2 } },
    {
      id: 'top:near-results',
      type: 'circle',
      source: 'near-points',
      filter: ['==', ['get', 'kind'], 'result'],
      paint: {
        'circle-color': ['case', ['get', 'hovered'], HIGHLIGHT_COLOR, WHITE],
        'circle-radius': ['case', ['get', 'hovered'], 10, 7],
        'circle-stroke-color': HIGHLIGHT_COLOR,
        'circle-stroke-width': 2.5,
      },
    },
    { id: 'top:near-origin', type: 'circle', source: 'near-points', filter: ['==', ['get', 'kind'], 'origin'], paint: { 'circle-color': NEAR_COLOR, 'circle-radius': 8, 'circle-stroke-color': WHITE, 'circle-stroke-width': 3 } },
  ];
  for (const l of layers) map.addLayer(l);
}

/** Wires `map` to `store` both ways; returns the function that unwires it. */
export function connectMap(map: MlMap, store: AppStore, origin: string): () => void {
  const added = new Map<string, LayerSpecification[]>();
  let selected: { source: string; sourceLayer: string; id: string | number } | null = null;
  let choroKey = '';
  let choroLayer: string | null = null;
  let zonesKey = '';
  let lastFly = 0;
  const sheet = followSheet(map);

  addTopLayers(map);
  // Demo data are credited to the generator that made them up, never to the real sources named in the catalog.
  const credit = (s: AppState, l: LayerInfo) => (s.dataset?.kind === 'demo' ? translate(s.lang, 'map.demoAttribution') : l.attribution || null);
  const catalogEntry = (s: AppState, id: string) => s.catalog.find((l) => l.id === id);

  // Overlays go under the basemap's labels (street, colonia and locality names stay readable over any fill) and
  // under the top layers of Cerca de mí and the tools.
  function overlayAnchor(): string {
    const labels = map.getStyle().layers.find((x) => (x.metadata as Record<string, unknown> | undefined)?.[BASEMAP_PART] === 'labels');
    return labels?.id ?? ANCHOR;
  }

  // Fills of wide, overlapping areas (participation zones) go under the block outlines and streets too, right above
  // the basemap's ground: stacked, they would otherwise hide the streets at street zooms.
  function streetsAnchor(): string {
    const all = map.getStyle().layers;
    const ground = all.findLastIndex(isGround);
    return all.find((x, i) => i > ground && (x.metadata as Record<string, unknown> | undefined)?.[BASEMAP_PART] !== undefined)?.id ?? overlayAnchor();
  }

  const anchorFor = (spec: LayerSpecification) => (underStreets(spec) ? streetsAnchor() : overlayAnchor());

  function ensureOverlay(l: LayerInfo): LayerSpecification[] {
    let specs = added.get(l.id);
    if (specs) return specs;
    map.addSource(sourceId(l.id), overlaySource(l, origin, credit(store.getState(), l)));
    // Labels and icons need the glyphs and sprite of the published basemap style; the fallback basemap has none.
    const style = map.getStyle();
    specs = overlayLayers(l).filter((spec) => spec.type !== 'symbol' || (style.glyphs && style.sprite));
    added.set(l.id, specs);
    for (const spec of specs) map.addLayer(spec, anchorFor(spec));
    return specs;
  }

  function syncLayers(s: AppState): void {
    for (const id of s.order) {
      const l = catalogEntry(s, id);
      if (!l) continue;
      const on = !!s.visible[id];
      if (!on && !added.has(id)) continue;
      const specs = ensureOverlay(l);
      for (const spec of specs) {
        map.setLayoutProperty(spec.id, 'visibility', on ? 'visible' : 'none');
        // At full opacity the layer keeps exactly its published paint (an unset property stays unset).
        const user = s.opacity[id] ?? 1;
        const own = ((spec as { paint?: Record<string, unknown> }).paint ?? {}) as Record<string, number | undefined>;
        for (const [prop, base] of Object.entries(baseOpacities(spec))) map.setPaintProperty(spec.id, prop as 'fill-opacity', user === 1 ? own[prop] : base * user);
        map.moveLayer(spec.id, anchorFor(spec));
      }
    }
    const projects = added.get(PROJECTS_LAYER);
    if (projects) {
      const f = projectFilterExpression(s.filters);
      for (const spec of projects) {
        const geom = (spec as { filter?: FilterSpecification }).filter;
        const combined = geom && f ? (['all', geom, f] as FilterSpecification) : ((geom ?? f) as FilterSpecification | null);
        map.setFilter(spec.id, combined ?? null);
      }
    }
    placeChoropleths();
  }

  // Choropleths sit above the polygon fills of the overlays (which would wash them out) and below their
  // lines and points (which stay readable on top).
  // A thematic map must not be veiled by the reference layers' fills (manzanas, localidades): choropleths go right
  // above the last overlay fill, below the lines, points and labels drawn after it.
  function placeChoropleths(): void {
    const all = map.getStyle().layers;
    const isThematic = (id: string) => id.startsWith(`${CHORO}-`) || id.startsWith(`${ZONES}-`);
    const others = all.filter((x) => !isThematic(x.id));
    const lastFill = others.findLastIndex((x) => x.id.startsWith(OVERLAY_PREFIX) && x.type === 'fill');
    const before = lastFill >= 0 ? others[lastFill + 1]?.id : (others.find((x) => x.id.startsWith(OVERLAY_PREFIX))?.id ?? ANCHOR);
    for (const l of all) if (isThematic(l.id)) map.moveLayer(l.id, before);
    // The zones' choropleth is a fill of the same wide areas as the catalog's zones: under the streets too.
    if (map.getLayer(ZONES_FILL)) map.moveLayer(ZONES_FILL, streetsAnchor());
  }

  function removeLayers(prefix: string, source: string): void {
    for (const l of map.getStyle().layers) if (l.id.startsWith(prefix)) map.removeLayer(l.id);
    if (map.getSource(source)) map.removeSource(source);
  }

  function syncChoropleth(s: AppState): void {
    const ind = s.indicator;
    const key = JSON.stringify([ind, s.breaks, s.values.length, s.changes.length, s.indicatorStatus]);
    if (key === choroKey) return;
    choroKey = key;
    const layerId = ind ? (LEVEL_LAYERS as Record<string, string>)[ind.level] : null;
    const l = layerId ? catalogEntry(s, layerId) : undefined;
    if (!ind || !l || !s.breaks || s.indicatorStatus !== 'ready') {
      if (!ind && choroLayer) {
        removeLayers(`${CHORO}-`, CHORO);
        choroLayer = null;
      }
      return;
    }
    if (choroLayer !== l.id) {
      removeLayers(`${CHORO}-`, CHORO);
      map.addSource(CHORO, overlaySource(l, origin, credit(store.getState(), l)));
      const first = map.getStyle().layers.find((x) => x.id.startsWith(OVERLAY_PREFIX) || x.id.startsWith(`${ZONES}-`))?.id ?? ANCHOR;
      for (const spec of choroplethLayers(CHORO, CHORO, l.id, ['literal', NODATA_COLOR] as unknown as ExpressionSpecification)) map.addLayer(spec, first);
      choroLayer = l.id;
      placeChoropleths();
    }
    map.removeFeatureState({ source: CHORO, sourceLayer: l.id });
    const info = s.indicatorCatalog.find((i) => i.code === ind.code);
    const colors = choroplethColors(ind.mode, s.breaks.breaks, info?.higherIsBetter ?? null);
    if (ind.mode === 'change') for (const c of s.changes) map.setFeatureState({ source: CHORO, sourceLayer: l.id, id: c.key }, { v: c.absolute });
    else for (const v of s.values) map.setFeatureState({ source: CHORO, sourceLayer: l.id, id: v.key }, { v: v.value });
    map.setPaintProperty(CHORO_FILL, 'fill-color', classColorExpression(STATE_VALUE, s.breaks.breaks, colors, NODATA_COLOR));
  }

  function syncZones(s: AppState): void {
    const p = s.participation;
    const key = JSON.stringify([p, s.zoneResults.length]);
    if (key === zonesKey) return;
    zonesKey = key;
    const l = catalogEntry(s, ZONES_LAYER);
    removeLayers(`${ZONES}-`, ZONES);
    if (!p || !l || !s.zoneResults.length) return;
    map.addSource(ZONES, overlaySource(l, origin, credit(store.getState(), l)));
    const { breaks, colors } = zoneClasses(s.zoneResults, p.metric);
    const ids = s.zoneResults.map((z) => z.zoneId);
    const first = map.getStyle().layers.find((x) => x.id.startsWith(OVERLAY_PREFIX))?.id ?? ANCHOR;
    for (const spec of choroplethLayers(ZONES, ZONES, l.id, classColorExpression(STATE_VALUE, breaks, colors, NODATA_COLOR), ZONES_OPACITY)) {
      map.addLayer({ ...spec, filter: ['in', ['to-number', ['get', l.keyColumn]], ['literal', ids]] } as LayerSpecification, first);
    }
    placeChoropleths();
    for (const z of s.zoneResults) map.setFeatureState({ source: ZONES, sourceLayer: l.id, id: z.zoneId }, { v: p.metric === 'votes' ? z.votes : z.participation });
  }

  function syncSelection(s: AppState): void {
    const sel = s.selection;
    const want = sel && added.has(sel.layer) ? { source: sourceId(sel.layer), sourceLayer: sel.layer, id: idFor(s, sel.layer, sel.id) } : null;
    if (JSON.stringify(want) === JSON.stringify(selected)) return;
    if (selected) map.setFeatureState(selected, { selected: false });
    if (want) map.setFeatureState(want, { selected: true });
    selected = want;
  }

  function idFor(s: AppState, layer: string, id: string): string | number {
    const l = catalogEntry(s, layer);
    const keyType = l?.properties.find((p) => p.name === l.keyColumn)?.type;
    return keyType === 'integer' || keyType === 'number' ? Number(id) : id;
  }

  function syncNear(s: AppState): void {
    const n = s.near;
    const area = n ? (s.nearArea ?? (n.minutes ? null : circleAround([n.lon, n.lat], n.radiusM))) : null;
    (map.getSource('near-area') as GeoJSONSource).setData(area ? { type: 'FeatureCollection', features: [area as Feature] } : EMPTY);
    const pts: Feature[] = [];
    if (n) pts.push({ type: 'Feature', properties: { kind: 'origin' }, geometry: { type: 'Point', coordinates: [n.lon, n.lat] } });
    if (n) for (const r of s.nearResults) pts.push({ type: 'Feature', id: r.id, properties: { kind: 'result', id: r.id, hovered: r.id === s.hoveredProject }, geometry: { type: 'Point', coordinates: [r.lon, r.lat] } });
    (map.getSource('near-points') as GeoJSONSource).setData({ type: 'FeatureCollection', features: pts });
  }

  function syncTool(s: AppState): void {
    const t = s.tool;
    const feats: Feature[] = [];
    if (t && t.kind !== 'pick-near') {
      for (const p of t.points) feats.push({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: p } });
      if (t.kind === 'line' && t.points.length >= 2) feats.push({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: t.points } });
      if (t.kind !== 'line' && t.points.length >= 3) feats.push(closedPolygon(t.points));
      else if (t.kind !== 'line' && t.points.length === 2) feats.push({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: t.points } });
    }
    (map.getSource('tool') as GeoJSONSource).setData({ type: 'FeatureCollection', features: feats });
    map.getCanvas().style.cursor = t && !t.done ? 'crosshair' : '';
    if (t && !t.done) map.doubleClickZoom.disable();
    else map.doubleClickZoom.enable();
  }

  function syncFly(s: AppState): void {
    const f = s.flyTo;
    if (!f || f.seq === lastFly) return;
    lastFly = f.seq;
    // Framed in the part of the map the open panel leaves visible (a table row's feature must not land under it).
    sheet.frame({ center: f.center, zoom: f.zoom ?? Math.max(map.getZoom(), 16), bbox: f.bbox });
  }

  let prev: AppState | null = null;
  let syncing = false;
  let again = false;
  // Map calls can emit events that update the store synchronously (dataloading → mapBusy); a nested sync would
  // add the same source twice, so nested changes are replayed after the current pass.
  function sync(): void {
    if (syncing) {
      again = true;
      return;
    }
    syncing = true;
    try {
      do {
        again = false;
        syncOnce(store.getState());
      } while (again);
    } finally {
      syncing = false;
    }
  }
  function syncOnce(s: AppState): void {
    if (!prev || s.catalog !== prev.catalog || s.order !== prev.order || s.visible !== prev.visible || s.opacity !== prev.opacity || s.filters !== prev.filters) syncLayers(s);
    syncChoropleth(s);
    syncZones(s);
    if (!prev || s.selection !== prev.selection || s.visible !== prev.visible) syncSelection(s);
    if (!prev || s.near !== prev.near || s.nearResults !== prev.nearResults || s.nearArea !== prev.nearArea || s.hoveredProject !== prev.hoveredProject) syncNear(s);
    if (!prev || s.tool !== prev.tool) syncTool(s);
    syncFly(s);
    prev = s;
  }

  const queryable = () => map.getStyle().layers.filter((l) => l.id.startsWith(OVERLAY_PREFIX) || l.id === CHORO_FILL || l.id === ZONES_FILL).map((l) => l.id);

  function featureAt(e: MapMouseEvent): MapGeoJSONFeature | undefined {
    const box: [[number, number], [number, number]] = [[e.point.x - 4, e.point.y - 4], [e.point.x + 4, e.point.y + 4]];
    return map.queryRenderedFeatures(box, { layers: queryable() })[0];
  }

  const onClick = (e: MapMouseEvent) => {
    if (isDrawing()) return; // a project geometry is being drawn (seguimiento): the clicks are its vertices
    const s = store.getState();
    const ll: [number, number] = [e.lngLat.lng, e.lngLat.lat];
    if (s.tool && !s.tool.done) {
      if (s.tool.kind === 'pick-near') {
        s.setNear({ lon: ll[0], lat: ll[1], source: 'click' });
        s.startTool(null);
      } else s.addToolPoint(ll);
      return;
    }
    // Reporting (or proposing): a tap chooses the place, which is the centre of the map the form reads.
    if (s.panel === 'reportar' || (s.panel === 'participacion' && s.pickingPlace)) {
      s.requestFly({ center: ll, zoom: Math.max(map.getZoom(), 16) });
      return;
    }
    const near = map.queryRenderedFeatures(e.point, { layers: ['top:near-results'] })[0];
    if (near) {
      s.hoverProject(Number(near.properties.id));
      return;
    }
    const f = featureAt(e);
    if (f) {
      const layer = f.source === CHORO ? (choroLayer ?? '') : f.source === ZONES ? ZONES_LAYER : f.source.slice(OVERLAY_PREFIX.length);
      const l = catalogEntry(s, layer);
      const id = f.id ?? (l ? f.properties[l.keyColumn] : undefined);
      s.select({ layer, id: String(id ?? ''), properties: { ...f.properties } });
      // With the attribute table open the click selects its row there; otherwise the info panel shows the feature.
      if (s.panel !== 'tabla') s.openPanel('info');
    } else if (s.panel === 'cerca') {
      s.setNear({ lon: ll[0], lat: ll[1], source: 'click' });
    } else s.select(null);
  };
  const onDblClick = (e: MapMouseEvent) => {
    const s = store.getState();
    if (s.tool && !s.tool.done && s.tool.kind !== 'pick-near') {
      e.preventDefault();
      s.finishTool();
    }
  };
  const onMove = (e: MapMouseEvent) => {
    if (store.getState().tool) return;
    const hit = map.queryRenderedFeatures(e.point, { layers: [...queryable(), 'top:near-results'] })[0];
    map.getCanvas().style.cursor = hit ? 'pointer' : '';
    const s = store.getState();
    const hovered = hit?.layer.id === 'top:near-results' ? Number(hit.properties.id) : null;
    if (s.near && hovered !== s.hoveredProject && (hovered !== null || hit === undefined)) s.hoverProject(hovered);
  };
  const onMoveEnd = () => {
    const c = map.getCenter();
    store.getState().setView({ lon: c.lng, lat: c.lat, zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch() });
  };
  const onBusy = () => store.getState().mapBusy || store.getState().setMapBusy(true);
  const onIdle = () => {
    store.getState().setMapBusy(false);
    restoreSelection();
  };

  // A permalink names the selected feature; its attributes are read once its tiles are on screen.
  function restoreSelection(): void {
    const s = store.getState();
    const sel = s.selection;
    if (!sel || sel.properties || !added.has(sel.layer)) return;
    const l = catalogEntry(s, sel.layer);
    if (!l) return;
    const found = map.querySourceFeatures(sourceId(sel.layer), { sourceLayer: sel.layer, filter: ['==', ['to-string', ['get', l.keyColumn]], sel.id] })[0];
    if (found) s.select({ ...sel, properties: { ...found.properties } });
  }

  map.on('click', onClick);
  map.on('dblclick', onDblClick);
  map.on('mousemove', onMove);
  map.on('moveend', onMoveEnd);
  map.on('dataloading', onBusy);
  map.on('idle', onIdle);
  const unsub = store.subscribe(sync);
  sync();
  onMoveEnd();
  return () => {
    unsub();
    sheet.stop();
    map.off('click', onClick);
    map.off('dblclick', onDblClick);
    map.off('mousemove', onMove);
    map.off('moveend', onMoveEnd);
    map.off('dataloading', onBusy);
    map.off('idle', onIdle);
  };
}
