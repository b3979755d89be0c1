// Classes of the participation choropleth (participation % or votes per zone), shared by map and legend.
import { classify } from '@sigmun/domain/classify';
import type { ZoneResult } from '../api/types.ts';
import { rampColors } from './ramps.ts';

/** Quantile classes (up to 5) of the chosen metric over the zones, with their YlGnBu colours. */
export function zoneClasses(zones: readonly ZoneResult[], metric: 'participation' | 'votes'): { breaks: number[]; counts: number[]; colors: string[] } {
  const values = zones.map((z) => (metric === 'votes' ? z.votes : z.participation));
  const distinct = new Set(values.filter((v) => v !== null)).size;
  const c = classify(values, 'quantile', Math.max(1, Math.min(5, distinct)));
  return { breaks: c.breaks, counts: c.counts, colors: rampColors('YlGnBu', Math.max(1, c.breaks.length - 1)) };
}
