// The rules the catalog's style layers keep, for the published styles and the page alike (both call catalogLayers).
import { describe, expect, it } from 'vitest';
import { LAYERS, publicLayer } from '@sigmun/domain/layers';
import { baseOpacities, catalogLayers, selectionLayers } from './cartography.ts';
import { catalogLegend } from './legend.ts';
import { COMMON, propertyColors } from './palette.ts';

const paint = (l: { paint?: unknown }) => (l.paint ?? {}) as Record<string, unknown>;

describe('catalog layers', () => {
  it('draw the same layers from the server definition and from the public copy the page receives', () => {
    for (const l of LAYERS) expect(catalogLayers(publicLayer(l), 'x'), l.id).toEqual(catalogLayers(l, 'x'));
  });

  it('draw groups of points in the neutral cluster colour, never a category colour, with their count on top', () => {
    for (const l of LAYERS.filter((x) => x.cluster)) {
      const specs = catalogLayers(l, 'x');
      const groups = specs.find((s) => s.id === `${l.id}-grupos`)!;
      expect(paint(groups)['circle-color'], l.id).toBe(COMMON.white);
      expect(paint(groups)['circle-stroke-color'], l.id).toBe(COMMON.cluster);
      for (const c of Object.values(propertyColors(l, l.style.colorBy ?? 'estatus'))) expect([COMMON.white, COMMON.cluster]).not.toContain(c);
      const count = specs.find((s) => s.id === `${l.id}-grupos-etiqueta`)!;
      expect(count.type).toBe('symbol');
      expect(JSON.stringify((count as { layout: Record<string, unknown> }).layout['text-field'])).toContain('point_count');
    }
  });

  it('give a legend row per category whose colour is the one the layer draws with', () => {
    const projects = LAYERS.find((l) => l.id === 'proyectos')!;
    const rows = catalogLegend(projects);
    const statuses = projects.properties.find((p) => p.name === 'estatus')!.values!;
    expect(rows.map((r) => r.value)).toEqual(statuses.map((v) => String(v.value)));
    expect(rows.map((r) => r.color)).toEqual(statuses.map((v) => v.color));
    for (const l of LAYERS) for (const r of catalogLegend(l)) expect(r.label, l.id).not.toMatch(/^status\./);
  });

  it('mark the selection in layers of their own, invisible until a feature is selected', () => {
    for (const l of LAYERS) {
      for (const s of selectionLayers(l, 'x')) {
        const p = paint(s);
        const opacity = p['line-opacity'] ?? p['circle-stroke-opacity'];
        expect(JSON.stringify(opacity), s.id).toContain('feature-state');
        expect(baseOpacities(s), s.id).not.toHaveProperty(s.type === 'line' ? 'line-opacity' : 'circle-stroke-opacity');
      }
    }
  });

  it('report the opacity they are published with, for a client slider to multiply', () => {
    const manzanas = catalogLayers(LAYERS.find((l) => l.id === 'manzanas')!, 'x');
    const fill = manzanas.find((s) => s.type === 'fill')!;
    expect(baseOpacities(fill)['fill-opacity']).toBe(paint(fill)['fill-opacity']);
  });
});
