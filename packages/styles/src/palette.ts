// Every colour our map styles draw with, in one place: the basemap themes, the categorical colours of the
// layer catalog (so the legends the client draws from /api/layers match the map), and the colour-blind-safe
// ramps for choropleths. Style tests check that no layer uses a colour outside `paletteColors()`.
import { LAYERS } from '@sigmun/domain/layers';

/** Colours of one basemap theme. */
export interface Theme {
  name: 'claro' | 'gris';
  background: string;
  land: string;
  urban: string;
  rural: string;
  block: string;
  blockOutline: string;
  coloniaLine: string;
  boundary: string;
  boundaryHalo: string;
  roadCasing: string;
  roads: Record<'carretera' | 'primaria' | 'secundaria' | 'local' | 'peatonal', string>;
  text: string;
  textMuted: string;
  textHalo: string;
  coloniaText: string;
}

/** The everyday basemap: warm land, white streets, amber main roads (protomaps "light" in spirit). */
export const THEME_CLARO: Theme = {
  name: 'claro',
  background: '#e6e2d8',
  land: '#f6f4ef',
  urban: '#ede7da',
  rural: '#f1eee5',
  block: '#e3dccd',
  blockOutline: '#d2c8b4',
  coloniaLine: '#9a86b3',
  boundary: '#5b5b5b',
  boundaryHalo: '#ffffff',
  roadCasing: '#c7bfae',
  roads: { carretera: '#f2b14c', primaria: '#f8d58b', secundaria: '#ffffff', local: '#ffffff', peatonal: '#e9e2d3' },
  text: '#333333',
  textMuted: '#6b6257',
  textHalo: '#ffffff',
  coloniaText: '#5e4a78',
};

/** A quiet grey basemap under choropleths, so the ramp carries all the colour. */
export const THEME_GRIS: Theme = {
  name: 'gris',
  background: '#dcdcdc',
  land: '#f2f2f2',
  urban: '#e8e8e8',
  rural: '#eeeeee',
  block: '#e0e0e0',
  blockOutline: '#cfcfcf',
  coloniaLine: '#a6a6a6',
  boundary: '#4d4d4d',
  boundaryHalo: '#ffffff',
  roadCasing: '#c8c8c8',
  roads: { carretera: '#ffffff', primaria: '#ffffff', secundaria: '#fafafa', local: '#fafafa', peatonal: '#eeeeee' },
  text: '#404040',
  textMuted: '#707070',
  textHalo: '#ffffff',
  coloniaText: '#595959',
};

export const THEMES = { claro: THEME_CLARO, gris: THEME_GRIS } as const;
export type ThemeName = keyof typeof THEMES;

/** Colours that are not tied to a theme. */
export const COMMON = {
  white: '#ffffff',
  /** Units without a value (confidential, not available) in choropleths. */
  noData: '#bdbdbd',
  /** Outline of choropleth units. */
  unitOutline: '#ffffff',
  /** Highlight of the selected feature. */
  selection: '#00e5ff',
  /** Grouped points (clusters) of any layer: a neutral slate, never one of the categories' colours. */
  cluster: '#3f4a5a',
  clusterText: '#ffffff',
  /** Outline of a selected feature on the page. */
  selectionStroke: '#000000',
  /** The page's own overlays: a hovered result, «Cerca de mí», the drawing tools (Okabe–Ito, colour-blind safe). */
  highlight: '#d55e00',
  near: '#0072b2',
  tool: '#cc3311',
} as const;

/** Categorical colours of a property of a layer entry (`values[].color`), in the entry's order. */
export function propertyColors(layer: { properties: ReadonlyArray<{ name: string; values?: ReadonlyArray<{ value: string | number; color?: string }> }> }, property: string): Record<string, string> {
  const prop = layer.properties.find((p) => p.name === property);
  const out: Record<string, string> = {};
  for (const v of prop?.values ?? []) if (v.color) out[String(v.value)] = v.color;
  return out;
}

/** Categorical colours of a catalog property, e.g. categoryColors('equipamiento', 'tipo'). */
export function categoryColors(layerId: string, property: string): Record<string, string> {
  const layer = LAYERS.find((l) => l.id === layerId);
  return layer ? propertyColors(layer, property) : {};
}

/** Relative luminance (WCAG 2.1) of a hex colour, to pick a readable text colour over a swatch. */
export function luminance(hex: string): number {
  const lin = hexToRgb(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
}

/** Ramp names: sequential viridis / cividis / YlGnBu, diverging RdBu (for change, red = loss, blue = gain). */
export type RampName = 'viridis' | 'cividis' | 'ylgnbu' | 'rdbu';
export const RAMP_NAMES: readonly RampName[] = ['viridis', 'cividis', 'ylgnbu', 'rdbu'];
export const DIVERGING_RAMPS: readonly RampName[] = ['rdbu'];

// ColorBrewer (Cynthia Brewer, Penn State) schemes as published per number of classes, 3–9.
const COLORBREWER: Record<'ylgnbu' | 'rdbu', Record<number, readonly string[]>> = {
  ylgnbu: {
    3: ['#edf8b1', '#7fcdbb', '#2c7fb8'],
    4: ['#ffffcc', '#a1dab4', '#41b6c4', '#225ea8'],
    5: ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'],
    6: ['#ffffcc', '#c7e9b4', '#7fcdbb', '#41b6c4', '#2c7fb8', '#253494'],
    7: ['#ffffcc', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#0c2c84'],
    8: ['#ffffd9', '#edf8b1', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#0c2c84'],
    9: ['#ffffd9', '#edf8b1', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#253494', '#081d58'],
  },
  rdbu: {
    3: ['#ef8a62', '#f7f7f7', '#67a9cf'],
    4: ['#ca0020', '#f4a582', '#92c5de', '#0571b0'],
    5: ['#ca0020', '#f4a582', '#f7f7f7', '#92c5de', '#0571b0'],
    6: ['#b2182b', '#ef8a62', '#fddbc7', '#d1e5f0', '#67a9cf', '#2166ac'],
    7: ['#b2182b', '#ef8a62', '#fddbc7', '#f7f7f7', '#d1e5f0', '#67a9cf', '#2166ac'],
    8: ['#b2182b', '#d6604d', '#f4a582', '#fddbc7', '#d1e5f0', '#92c5de', '#4393c3', '#2166ac'],
    9: ['#b2182b', '#d6604d', '#f4a582', '#fddbc7', '#f7f7f7', '#d1e5f0', '#92c5de', '#4393c3', '#2166ac'],
  },
};

// Perceptually uniform ramps (matplotlib's viridis; cividis, Nuñez et al. 2018, tuned for colour-vision
// deficiency), as evenly spaced anchors; n classes sample them at equal steps.
const CONTINUOUS: Record<'viridis' | 'cividis', readonly string[]> = {
  viridis: ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'],
  cividis: ['#00224e', '#123570', '#3b496c', '#575d6d', '#707173', '#8a8779', '#a69d75', '#c4b56c', '#e4cf5b', '#fee838'],
};

export const MIN_RAMP_CLASSES = 3;
export const MAX_RAMP_CLASSES = 9;

function hexToRgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function rgbToHex([r, g, b]: [number, number, number]): string {
  return '#' + [r, g, b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');
}

function sample(anchors: readonly string[], t: number): string {
  const x = t * (anchors.length - 1);
  const i = Math.min(anchors.length - 2, Math.floor(x));
  const f = x - i;
  const a = hexToRgb(anchors[i]);
  const b = hexToRgb(anchors[i + 1]);
  return rgbToHex([a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f]);
}

/** The n colours (3 ≤ n ≤ 9) of a ramp, light/low to dark/high (for rdbu: red/negative to blue/positive). */
export function rampColors(name: RampName, n: number): string[] {
  if (!Number.isInteger(n) || n < MIN_RAMP_CLASSES || n > MAX_RAMP_CLASSES) {
    throw new RangeError(`número de clases fuera de rango (${MIN_RAMP_CLASSES}–${MAX_RAMP_CLASSES}): ${n}`);
  }
  if (name === 'ylgnbu' || name === 'rdbu') return [...COLORBREWER[name][n]];
  // Viridis runs dark→light; reversed so that, like the ColorBrewer ramps, more reads as darker.
  const anchors = [...CONTINUOUS[name]].reverse();
  return Array.from({ length: n }, (_, i) => sample(anchors, i / (n - 1)));
}

/** True when `name` is one of our ramps. */
export function isRampName(name: string): name is RampName {
  return (RAMP_NAMES as readonly string[]).includes(name);
}

/** Every colour a style may use, lower-case hex: the rule the style tests enforce. */
export function paletteColors(): Set<string> {
  const out = new Set<string>();
  const add = (c: string) => out.add(c.toLowerCase());
  for (const t of Object.values(THEMES)) {
    for (const [k, v] of Object.entries(t)) {
      if (k === 'name') continue;
      if (typeof v === 'string') add(v);
      else for (const c of Object.values(v as Record<string, string>)) add(c);
    }
  }
  for (const c of Object.values(COMMON)) add(c);
  for (const l of LAYERS) {
    for (const c of [l.style.fill, l.style.line, l.style.circle]) if (c) add(c);
    for (const p of l.properties) for (const v of p.values ?? []) if (v.color) add(v.color);
  }
  for (const r of RAMP_NAMES) for (let n = MIN_RAMP_CLASSES; n <= MAX_RAMP_CLASSES; n++) rampColors(r, n).forEach(add);
  return out;
}
