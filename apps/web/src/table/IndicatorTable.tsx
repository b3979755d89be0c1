import { useMemo } from 'react';
import { LEVEL_LAYERS } from '@sigmun/styles/documents';
import { useApp } from '../stores/index.ts';
import { useLocale, useT } from '../i18n/index.ts';
import { formatNumber } from '../lib/classes.ts';
import { DataTable, type Bbox, type TableColumn } from './DataTable.tsx';
import { frameOf } from './frame.ts';

interface UnitRow {
  key: string;
  name: string | null;
  rank: number | null;
  value: number | null;
  from?: number | null;
  to?: number | null;
  relative?: number | null;
}

/**
 * Every unit of the active indicator (its ranking and the table alternative of its choropleth): rank, name, key and
 * value (or the 2010→2020 change), sorted by value; a row frames its unit on the map.
 */
export function IndicatorTable({ compact = false }: { compact?: boolean }) {
  const t = useT();
  const locale = useLocale();
  const lang = useApp((s) => s.lang);
  const ind = useApp((s) => s.indicator);
  const info = useApp((s) => s.indicatorCatalog.find((i) => i.code === s.indicator?.code));
  const values = useApp((s) => s.values);
  const changes = useApp((s) => s.changes);
  const layer = ind ? (LEVEL_LAYERS as Record<string, string>)[ind.level] : undefined;
  const boxes = useApp((s) => (layer ? s.layerTables[layer] : undefined));
  const keyColumn = useApp((s) => s.catalog.find((l) => l.id === layer)?.keyColumn);
  const selection = useApp((s) => s.selection);
  const visible = useApp((s) => (layer ? !!s.visible[layer] : false));
  const select = useApp((s) => s.select);
  const toggleLayer = useApp((s) => s.toggleLayer);
  const fly = useApp((s) => s.requestFly);
  const decimals = info?.decimals ?? 0;
  const change = ind?.mode === 'change';

  const rows = useMemo<UnitRow[]>(() => {
    const base: UnitRow[] = change
      ? changes.map((c) => ({ key: c.key, name: c.name, value: c.absolute, from: c.from, to: c.to, relative: c.relative, rank: null }))
      : values.map((v) => ({ key: v.key, name: v.name, value: v.value, rank: null }));
    // Rank 1 is the highest value; units without a value have no rank.
    const ranked = base.filter((r) => r.value !== null).sort((a, b) => (b.value as number) - (a.value as number));
    ranked.forEach((r, i) => { r.rank = i + 1; });
    return [...ranked, ...base.filter((r) => r.value === null)];
  }, [change, values, changes]);

  const boxOf = useMemo(() => {
    if (boxes?.status !== 'ready' || !keyColumn) return undefined;
    const d = boxes.data;
    const keys = d.values[d.columns.indexOf(keyColumn)] ?? [];
    const m = new Map<string, Bbox | null>(keys.map((k, i) => [String(k), d.bbox[i] as Bbox | null]));
    return (r: UnitRow) => m.get(r.key) ?? null;
  }, [boxes, keyColumn]);

  const max = useMemo(() => Math.max(1e-12, ...rows.map((r) => Math.abs(r.value ?? 0))), [rows]);
  const unit = info?.unit ? ` (${info.unit})` : '';
  const num = (v: number | null | undefined) => formatNumber(v, decimals, locale);

  const columns = useMemo<Array<TableColumn<UnitRow>>>(() => {
    const cols: Array<TableColumn<UnitRow>> = [
      { id: 'rank', header: t('table.rank'), value: (r) => r.rank, numeric: true, filter: 'none', width: 48 },
      { id: 'name', header: t(`level.${ind?.level ?? 'ageb'}`), value: (r) => r.name ?? r.key, width: 150 },
    ];
    if (!compact) cols.push({ id: 'key', header: t('table.key'), value: (r) => r.key, width: 140 });
    if (change && !compact) {
      cols.push(
        { id: 'from', header: `2010${unit}`, value: (r) => r.from ?? null, text: (r) => num(r.from), numeric: true, filter: 'range', width: 100 },
        { id: 'to', header: `2020${unit}`, value: (r) => r.to ?? null, text: (r) => num(r.to), numeric: true, filter: 'range', width: 100 },
      );
    }
    cols.push({
      id: 'value',
      header: change ? `${t('indicators.changeAbs')}${unit}` : `${ind?.year ?? ''}${unit}`,
      value: (r) => r.value,
      text: (r) => num(r.value),
      render: (r) => (
        <span className="dt-bar">
          <span className="bar" aria-hidden><span style={{ width: `${(Math.abs(r.value ?? 0) / max) * 100}%` }} /></span>
          <span className="num">{num(r.value)}</span>
        </span>
      ),
      numeric: true,
      filter: 'range',
      width: 130,
    });
    if (change && !compact) cols.push({ id: 'relative', header: t('table.relative'), value: (r) => r.relative ?? null, text: (r) => (r.relative === null || r.relative === undefined ? '—' : `${formatNumber(r.relative, 1, locale)} %`), numeric: true, filter: 'range', width: 100 });
    return cols;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [compact, change, ind?.level, ind?.year, unit, max, decimals, locale, lang]);

  if (!ind || !layer) return <p className="muted">{t('table.noIndicator')}</p>;
  const name = info ? (lang === 'en' && info.nameEn ? info.nameEn : info.name) : ind.code;
  return (
    <DataTable
      label={compact ? t('indicators.ranking') : t('table.of', { layer: `${name} — ${t(`level.${ind.level}`)}` })}
      rows={rows}
      columns={columns}
      rowId={(r) => r.key}
      selectedId={selection?.layer === layer ? selection.id : null}
      bbox={boxOf}
      exportName={`${ind.code}_${ind.level}`}
      initialSort={[{ id: 'rank', desc: false }]}
      testId={compact ? 'ranking' : 'indicator-table'}
      height={compact ? 'min(40vh, 360px)' : 'min(62vh, 560px)'}
      onSelect={(r) => {
        if (!r) return select(null);
        select({ layer, id: r.key, properties: null });
        if (!visible) toggleLayer(layer, true);
        const b = boxOf?.(r);
        if (b) fly(frameOf(b));
      }}
    />
  );
}
