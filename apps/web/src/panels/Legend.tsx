import type { LegendClass } from '@sigmun/styles/classes';
import type { LegendEntry } from '@sigmun/styles/legend';
import { formatNumber } from '../lib/classes.ts';
import { hasMessage } from '../i18n/index.ts';
import { useLocale, useT } from '../i18n/index.ts';

/** The text of a legend row: a project or proposal status in the page's language, else the catalog's label. */
export function legendEntryLabel(e: LegendEntry, t: (k: string) => string): string {
  const key = e.property === 'estatus' ? `status.${e.value}` : null;
  return key && hasMessage(key) ? t(key) : e.label;
}

/** Swatches of a catalog layer (categories or its single colour). */
export function LayerLegend({ entries }: { entries: LegendEntry[] }) {
  const t = useT();
  return (
    <ul className="legend" aria-label={t('layers.legend')}>
      {entries.map((e) => (
        <li key={`${e.label}${e.color}`}>
          {e.shape === 'line' ? (
            // A cased stroke, like a street on the map: white and pale classes still read against the panel.
            <span className="swatch line" aria-hidden data-color={e.color}><span style={{ background: e.color }} /></span>
          ) : (
            <span className={`swatch ${e.shape}`} style={{ background: e.color, ...(e.stroke ? { borderColor: e.stroke, borderWidth: 2 } : {}) }} aria-hidden data-color={e.color} />
          )}
          {legendEntryLabel(e, t)}
        </li>
      ))}
    </ul>
  );
}

/** Class ranges with colour and count (choropleths), plus the no-data row when there are nulls. */
export function ClassLegend({ title, classes, decimals, nulls, nodata }: { title: string; classes: LegendClass[]; decimals: number; nulls?: number; nodata: string }) {
  const t = useT();
  const locale = useLocale();
  return (
    <figure className="class-legend" data-testid="class-legend">
      <figcaption>{title}</figcaption>
      <table>
        <tbody>
          {classes.map((c, i) => (
            <tr key={i} data-testid="legend-class" data-from={c.from} data-to={c.to} data-count={c.count}>
              <td><span className="swatch fill" style={{ background: c.color }} aria-hidden data-color={c.color} /></td>
              <td>{formatNumber(c.from, decimals, locale)} – {formatNumber(c.to, decimals, locale)}</td>
              <td className="num">{t('indicators.count', { n: c.count })}</td>
            </tr>
          ))}
          {nulls ? (
            <tr>
              <td><span className="swatch fill" style={{ background: nodata }} aria-hidden /></td>
              <td>{t('indicators.noData')}</td>
              <td className="num">{nulls}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </figure>
  );
}
