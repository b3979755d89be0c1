// The ficha's map: our basemap (PMTiles, offline) with the unit highlighted and its projects by status, a scale
// bar, a north arrow, and a legend read back from the layers actually drawn at the printed zoom.
import { Map as MlMap, ScaleControl, type LayerSpecification, type StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { FeatureCollection } from 'geojson';
import type { FichaData } from '@sigmun/domain/dashboard';
import { findLayer } from '@sigmun/domain/layers';
import { registerProtocols } from '../map/protocol.ts';
import { fallbackBasemap, localizeStyle } from '../map/style.ts';
import { el } from './dom.ts';

const UNIT_LINE = '#c2185b';
const UNIT_FILL = 'rgba(194, 24, 91, 0.12)';

/** Status → colour, from the catalog's one palette for projects. */
function statusColors(): Record<string, string> {
  const prop = findLayer('proyectos')?.properties.find((p) => p.name === 'estatus');
  return Object.fromEntries((prop?.values ?? []).map((v) => [String(v.value), v.color ?? '#fd8d3c']));
}

/**
 * The style's URLs point at the server's public address (PUBLIC_URL or the original Host); inside the renderer the
 * same files are on this page's origin, so each URL keeps its path from the file family on.
 */
function ontoThisOrigin(style: StyleSpecification): StyleSpecification {
  const here = (u: string) => {
    const pm = u.startsWith('pmtiles://');
    const raw = pm ? u.slice('pmtiles://'.length) : u;
    const m = /\/(tiles|fonts|sprites|styles)\/.*/.exec(raw);
    const local = m ? `${location.origin}${m[0]}` : raw;
    return pm ? `pmtiles://${local}` : local;
  };
  const json = JSON.stringify(style, (k, v) => (typeof v === 'string' && (k === 'url' || k === 'glyphs' || k === 'sprite') ? here(v) : v));
  const out = JSON.parse(json) as StyleSpecification;
  for (const s of Object.values(out.sources) as Array<{ tiles?: string[] }>) if (s.tiles) s.tiles = s.tiles.map(here);
  return out;
}

async function basemapStyle(): Promise<StyleSpecification> {
  try {
    const res = await fetch('/styles/basemap.json');
    if (res.ok) return localizeStyle(ontoThisOrigin((await res.json()) as StyleSpecification), location.origin);
  } catch {
    // No style route: the built-in basemap reads the same archive.
  }
  return fallbackBasemap(location.origin);
}

/** The paint colour of a layer when it is one colour (expressions are summarised by the first colour they name). */
function paintColor(l: LayerSpecification): string | null {
  const paint = (l as { paint?: Record<string, unknown> }).paint ?? {};
  const v = paint['fill-color'] ?? paint['line-color'] ?? paint['circle-color'];
  if (typeof v === 'string') return v;
  const first = JSON.stringify(v ?? '').match(/"(#[0-9a-fA-F]{3,8}|rgba?\([^)]*\))"/);
  return first ? first[1] : null;
}

function swatch(shape: 'fill' | 'line' | 'circle', color: string, stroke?: string): HTMLElement {
  const s = el('span', { class: `swatch ${shape}` });
  if (shape === 'line') s.style.borderTopColor = color;
  else s.style.background = color;
  if (stroke) s.style.borderColor = stroke;
  return s;
}

let styleOnce: Promise<StyleSpecification> | null = null;

/**
 * Draws the map into `box`, fills `legend` with what is drawn, and resolves once the map is a still picture;
 * returns what frees the map (its WebGL context) before the next ficha.
 */
export async function drawFichaMap(box: HTMLElement, legend: HTMLElement, d: FichaData, t: (k: string, p?: Record<string, string | number>) => string): Promise<() => void> {
  registerProtocols();
  // The basemap style is the same for every ficha a page lays out.
  styleOnce ??= basemapStyle();
  const style = await styleOnce;
  const b = d.tipo === 'proyecto' ? null : d.resumen.territorio.bbox;
  const bounds = b ?? boundsOfGeometry(d.geometria);
  const map = new MlMap({
    container: box,
    style,
    bounds: [[bounds[0], bounds[1]], [bounds[2], bounds[3]]],
    fitBoundsOptions: { padding: 28, maxZoom: 17 },
    interactive: false,
    attributionControl: false,
    canvasContextAttributes: { preserveDrawingBuffer: true },
    fadeDuration: 0,
  });
  map.addControl(new ScaleControl({ unit: 'metric', maxWidth: 140 }), 'bottom-left');
  box.append(el('div', { class: 'north', title: t('ficha.north') }, northArrow(), el('span', {}, 'N')));
  await new Promise<void>((resolve, reject) => {
    map.once('load', () => resolve());
    map.once('error', (e) => reject(new Error(`mapa: ${(e as unknown as { error?: Error }).error?.message ?? 'error'}`)));
  });
  const colors = statusColors();
  map.addSource('ficha-unidad', { type: 'geojson', data: { type: 'Feature', properties: {}, geometry: d.geometria as never } });
  const isPoint = /Point/.test(String((d.geometria as { type?: string })?.type));
  if (isPoint) {
    map.addLayer({ id: 'ficha-unidad-punto', type: 'circle', source: 'ficha-unidad', paint: { 'circle-radius': 9, 'circle-color': UNIT_LINE, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 } });
  } else {
    map.addLayer({ id: 'ficha-unidad-relleno', type: 'fill', source: 'ficha-unidad', paint: { 'fill-color': UNIT_FILL } });
    map.addLayer({ id: 'ficha-unidad-borde', type: 'line', source: 'ficha-unidad', paint: { 'line-color': UNIT_LINE, 'line-width': 3 } });
  }
  const projects: FeatureCollection = {
    type: 'FeatureCollection',
    features: d.proyectos.map((p) => ({ type: 'Feature', properties: { estatus: p.estatus }, geometry: { type: 'Point', coordinates: p.punto } })),
  };
  const present = [...new Set(d.proyectos.map((p) => p.estatus))];
  if (present.length) {
    map.addSource('ficha-proyectos', { type: 'geojson', data: projects });
    map.addLayer({
      id: 'ficha-proyectos', type: 'circle', source: 'ficha-proyectos',
      paint: {
        'circle-radius': 5,
        'circle-color': ['match', ['get', 'estatus'], ...present.flatMap((s) => [s, colors[s] ?? '#fd8d3c']), '#fd8d3c'] as never,
        'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.2,
      },
    });
  }
  await new Promise<void>((resolve) => map.once('idle', () => resolve()));

  // Legend: the unit, the projects by status, and each basemap theme drawn at this zoom.
  const rows: HTMLElement[] = [];
  rows.push(el('li', {}, isPoint ? swatch('circle', UNIT_LINE) : swatch('fill', UNIT_FILL, UNIT_LINE), t('ficha.unitOutline')));
  for (const s of present) rows.push(el('li', {}, swatch('circle', colors[s] ?? '#fd8d3c'), t('ficha.projectsLegend', { status: t(`status.${s}`) })));
  const z = map.getZoom();
  const seen = new Set<string>();
  for (const l of map.getStyle().layers) {
    const sl = (l as { 'source-layer'?: string })['source-layer'];
    if (!sl || seen.has(sl) || l.type === 'symbol' || l.id.startsWith('ficha-')) continue;
    if ((l.minzoom ?? 0) > z || (l.maxzoom ?? 24) <= z || l.layout?.visibility === 'none') continue;
    const base = sl.replace(/_etiquetas$|_limite$|_trazos$/, '');
    if (seen.has(base)) continue;
    if (map.queryRenderedFeatures({ layers: [l.id] }).length === 0) continue;
    const color = paintColor(l);
    if (!color) continue;
    seen.add(sl);
    seen.add(base);
    const key = `ficha.base.${base}`;
    const label = t(key);
    rows.push(el('li', {}, swatch(l.type === 'line' ? 'line' : l.type === 'circle' ? 'circle' : 'fill', color), label === key ? base : label));
  }
  legend.replaceChildren(el('ul', {}, ...rows));

  // The picture replaces the WebGL canvas, so printing needs no GPU surface.
  const canvas = map.getCanvas();
  const img = el('img', { class: 'map-image', alt: '' }) as HTMLImageElement;
  img.src = canvas.toDataURL('image/png');
  await img.decode();
  canvas.parentElement!.append(img);
  canvas.style.display = 'none';
  return () => map.remove();
}

function northArrow(): SVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 20 28');
  svg.setAttribute('width', '20');
  svg.setAttribute('height', '28');
  const p = document.createElementNS(ns, 'path');
  p.setAttribute('d', 'M10 0 L19 26 L10 20 L1 26 Z');
  p.setAttribute('fill', '#222');
  svg.append(p);
  return svg;
}

function boundsOfGeometry(g: unknown): [number, number, number, number] {
  const xs: number[] = [];
  const ys: number[] = [];
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      xs.push(c[0] as number);
      ys.push(c[1] as number);
    } else if (Array.isArray(c)) c.forEach(walk);
  };
  walk((g as { coordinates?: unknown })?.coordinates);
  const pad = 0.003;
  return [Math.min(...xs) - pad, Math.min(...ys) - pad, Math.max(...xs) + pad, Math.max(...ys) + pad];
}
