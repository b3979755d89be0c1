// How a feature's attributes read to people: labels, category names and formats come from the layer catalog
// (packages/domain), so a popup, a list or a table never shows `unidad_habitacional`, `pp2024`, "2,024" or an id.
import type { LayerInfo, ParticipationProcess } from '../api/types.ts';
import { formatNumber } from './classes.ts';

type Property = LayerInfo['properties'][number];

/** What the catalog lookups need besides the layer: the page's language, its locale and the processes' names. */
export interface ValueContext {
  lang: 'es' | 'en';
  locale: string;
  processes: readonly ParticipationProcess[];
  /** A translation for a status value when the catalog has one (`status.<value>`), else null. */
  status: (value: string) => string | null;
}

/** The property of `layer` called `name`, if the catalog lists it. */
export function findProperty(layer: LayerInfo | undefined, name: string): Property | undefined {
  return layer?.properties.find((p) => p.name === name);
}

/** Whether `name` is shown to people (surrogate keys are not; unknown properties are, with their own label). */
export function isShown(layer: LayerInfo | undefined, name: string): boolean {
  return findProperty(layer, name)?.display !== 'internal';
}

/** A raw code made readable when no catalog knows it: `en_revision` → "En revision". */
function humanise(code: string): string {
  const s = code.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The text of `value` of property `name` of `layer` in the page's language. */
export function valueText(layer: LayerInfo | undefined, name: string, value: unknown, ctx: ValueContext): string {
  const p = findProperty(layer, name);
  if (p?.lookup === 'participation-process') {
    const proc = ctx.processes.find((x) => x.clave === String(value));
    if (proc) return proc.name;
  }
  const cat = p?.values?.find((x) => String(x.value) === String(value));
  if (cat) return ctx.status(String(cat.value)) ?? (ctx.lang === 'en' && cat.labelEn ? cat.labelEn : cat.label);
  if (typeof value === 'number') {
    if (p?.display === 'year') return String(value);
    return `${formatNumber(value, Number.isInteger(value) ? 0 : 2, ctx.locale)}${p?.unit ? ` ${p.unit}` : ''}`;
  }
  const s = String(value);
  // A code-looking value (lower case with underscores) is never shown raw.
  return /^[a-z]+(_[a-z0-9]+)+$/.test(s) ? humanise(s) : s;
}
