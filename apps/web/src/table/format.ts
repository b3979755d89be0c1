// Cells as people read them: catalog labels for closed sets (never a raw enum value), numbers in the locale's
// format, dates as dates, yes/no for booleans; and headers from the catalog's labels, never property names.
import type { LayerProperty } from '@sigmun/domain/layers';
import type { AttributeTable } from '../api/table.ts';
import type { LayerInfo } from '../api/types.ts';
import { hasMessage, translate } from '../i18n/index.ts';
import type { Lang } from '../stores/ui-slice.ts';
import type { CellValue, TableColumn } from './DataTable.tsx';

/** Text folded for matching: lower case, accents removed ("Hidalgo" matches "hidálgo"). */
export function foldText(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** Properties that repeat another column as an id or a colour code: the table shows the named column instead. */
const REDUNDANT = new Set(['eje_color', 'eje_id', 'programa_id', 'propuesta_ganadora']);

/** The label of a catalog property in `lang`, with its unit. */
export function propertyHeader(p: LayerProperty, lang: Lang): string {
  const label = lang === 'en' && p.labelEn ? p.labelEn : p.label;
  return p.unit ? `${label} (${p.unit})` : label;
}

/** The label of a closed-set value (translated statuses first, then the catalog's label). */
function valueLabel(p: LayerProperty, v: string | number, lang: Lang): string {
  const entry = p.values?.find((x) => String(x.value) === String(v));
  if (!entry) return String(v);
  return hasMessage(`status.${entry.value}`) ? translate(lang, `status.${entry.value}`) : entry.label;
}

/**
 * The columns of a layer's attribute table: rows are indices into the table's column arrays (no object per row),
 * every column from the catalog, in its order.
 */
export function layerColumns(layer: LayerInfo, data: AttributeTable, lang: Lang, locale: string): Array<TableColumn<number>> {
  const out: Array<TableColumn<number>> = [];
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  for (const p of layer.properties as ReadonlyArray<LayerProperty>) {
    const c = data.columns.indexOf(p.name);
    if (c < 0 || (REDUNDANT.has(p.name) && p.name !== layer.keyColumn)) continue;
    const values = data.values[c] as CellValue[];
    const value = (i: number) => values[i] ?? null;
    const base = { id: p.name, header: propertyHeader(p, lang), value };
    if (p.values?.length) {
      const options = p.values.map((v) => ({ value: String(v.value), label: valueLabel(p, v.value, lang) }));
      const labels = new Map(options.map((o) => [o.value, o.label]));
      out.push({ ...base, filter: 'select', options, text: (i) => { const v = value(i); return v === null ? '—' : labels.get(String(v)) ?? String(v); } });
    } else if (p.type === 'boolean') {
      const options = [{ value: 'true', label: translate(lang, 'table.yes') }, { value: 'false', label: translate(lang, 'table.no') }];
      out.push({ ...base, filter: 'select', options, width: 90, text: (i) => { const v = value(i); return v === null ? '—' : translate(lang, v ? 'table.yes' : 'table.no'); } });
    } else if (p.type === 'integer' || p.type === 'number') {
      // Identifiers are numbers people read as codes: no thousands separator.
      const isId = p.name === layer.keyColumn || p.name.endsWith('_id');
      const nf = new Intl.NumberFormat(locale, { maximumFractionDigits: p.type === 'integer' ? 0 : 2, useGrouping: !isId });
      out.push({ ...base, numeric: true, filter: 'range', width: 110, text: (i) => { const v = value(i); return typeof v === 'number' ? nf.format(v) : '—'; } });
    } else if (p.type === 'date') {
      out.push({ ...base, width: 120, text: (i) => { const v = value(i); return typeof v === 'string' ? dateFormat.format(new Date(`${v.slice(0, 10)}T00:00:00Z`)) : '—'; }, csv: (i) => value(i) });
    } else {
      out.push({ ...base, width: p.name === layer.keyColumn ? 150 : 170, text: (i) => { const v = value(i); return v === null || v === '' ? '—' : String(v); } });
    }
  }
  return out;
}
