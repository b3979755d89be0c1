// Classes of the participation choropleth (participation % or votes per zone), shared by map and legend.
import type { ExpressionSpecification } from '@maplibre/maplibre-gl-style-spec';
import { classify } from '@sigmun/domain/classify';
import { classColors } from '@sigmun/styles/classes';
import { byZoomLinear } from '@sigmun/styles/expressions';
import type { ZoneResult } from '../api/types.ts';

/** Quantile classes (up to 5) of the chosen metric over the zones, with their YlGnBu colours. */
export function zoneClasses(zones: readonly ZoneResult[], metric: 'participation' | 'votes'): { breaks: number[]; counts: number[]; colors: string[] } {
  const values = zones.map((z) => (metric === 'votes' ? z.votes : z.participation));
  const distinct = new Set(values.filter((v) => v !== null)).size;
  const c = classify(values, 'quantile', Math.max(1, Math.min(5, distinct)));
  return { breaks: c.breaks, counts: c.counts, colors: classColors('ylgnbu', Math.max(1, c.breaks.length - 1)) };
}

/** Zones are wide: solid at city zooms, see-through at street zooms so blocks, streets and names show under them. */
export const ZONES_OPACITY: ExpressionSpecification = byZoomLinear([[11, 0.75], [14, 0.5], [16, 0.35]]);
