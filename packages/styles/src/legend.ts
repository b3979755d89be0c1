// The legend of a catalog layer, read from the very layers catalogLayers draws: one swatch per category of the
// property that colours it (or gives its icons), else one swatch of its colour.
import type { LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import { catalogLayers, ICONS, type StyledLayer } from './cartography.ts';
import { propertyColors } from './palette.ts';

/** One row of a layer legend. */
export interface LegendEntry {
  /** Spanish label (the catalog's), or the layer's title for a single-colour layer. */
  label: string;
  /** The category value, when the row is one category of `property`. */
  value?: string;
  property?: string;
  color: string;
  /** Outline of a fill swatch (an area drawn with both a fill and a line). */
  stroke?: string;
  shape: 'fill' | 'line' | 'circle';
}

const paintOf = (s: LayerSpecification) => (('paint' in s ? s.paint : undefined) ?? {}) as Record<string, unknown>;

/** Legend rows of a catalog layer as the published style and the page draw it. */
export function catalogLegend(layer: StyledLayer & { titulo: string }): LegendEntry[] {
  const shape: LegendEntry['shape'] = layer.geometry === 'line' ? 'line' : layer.geometry === 'polygon' ? 'fill' : 'circle';
  const specs = catalogLayers(layer, 'leyenda');
  const icons = ICONS[layer.id];
  const property = icons && specs.some((s) => s.id === `${layer.id}-iconos`) ? icons.property : layer.style.colorBy;
  if (property) {
    const colors = propertyColors(layer, property);
    const values = layer.properties.find((p) => p.name === property)?.values ?? [];
    const rows = values.filter((v) => colors[String(v.value)]).map((v) => ({ label: v.label, value: String(v.value), property, color: colors[String(v.value)], shape }));
    if (rows.length) return rows;
  }
  const out: LegendEntry[] = [];
  for (const s of specs) {
    if (s.type !== 'fill' && s.type !== 'line' && s.type !== 'circle') continue;
    if (s.id.endsWith('-grupos')) continue;
    const color = paintOf(s)[`${s.type}-color`];
    if (typeof color !== 'string') continue;
    // An area's outline belongs to its fill's swatch, not to a second row with the same name.
    const area = s.type === 'line' ? out.find((e) => e.shape === 'fill' && !e.stroke) : undefined;
    if (area) area.stroke = color;
    else if (!out.some((e) => e.color === color)) out.push({ label: layer.titulo, color, shape: s.type });
  }
  return out;
}
