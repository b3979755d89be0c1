import { useMemo } from 'react';
import { useApp } from '../stores/index.ts';
import { useLocale, useT } from '../i18n/index.ts';
import { DataTable, type Bbox } from './DataTable.tsx';
import { layerColumns } from './format.ts';
import { frameOf } from './frame.ts';

/** The attribute table of one catalog layer, every row, in sync with the map's selection. */
export function LayerTable({ layer }: { layer: string }) {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const locale = useLocale();
  const info = useApp((s) => s.catalog.find((l) => l.id === layer));
  const loaded = useApp((s) => s.layerTables[layer]);
  const selection = useApp((s) => s.selection);
  const visible = useApp((s) => !!s.visible[layer]);
  const select = useApp((s) => s.select);
  const toggleLayer = useApp((s) => s.toggleLayer);
  const fly = useApp((s) => s.requestFly);
  const data = loaded?.status === 'ready' ? loaded.data : null;

  const columns = useMemo(() => (info && data ? layerColumns(info, data, lang, locale) : []), [info, data, lang, locale]);
  const rows = useMemo(() => (data ? Array.from({ length: data.count }, (_, i) => i) : []), [data]);
  const keys = useMemo(() => (data && info ? (data.values[data.columns.indexOf(info.keyColumn)] ?? []).map((k) => String(k)) : []), [data, info]);
  const bbox = useMemo(() => (data ? (i: number) => (data.bbox[i] as Bbox | null) : undefined), [data]);

  if (!info) return null;
  if (!loaded || loaded.status === 'loading') return <p className="muted" aria-live="polite">{t('app.loading')}</p>;
  if (loaded.status === 'error') return <p className="error" role="alert">{t('app.error', { message: loaded.error })}</p>;
  const title = lang === 'en' ? info.title : info.titulo;
  const selectedId = selection?.layer === layer ? selection.id : null;

  return (
    <DataTable
      label={t('table.of', { layer: title })}
      rows={rows}
      columns={columns}
      rowId={(i) => keys[i]}
      selectedId={selectedId}
      bbox={bbox}
      exportName={layer}
      testId="attribute-table"
      height="min(62vh, 560px)"
      onSelect={(i) => {
        if (i === null) return select(null);
        const properties = Object.fromEntries(data!.columns.map((c, k) => [c, data!.values[k][i]]));
        select({ layer, id: keys[i], properties });
        // The selection outline is drawn by the layer's own overlay.
        if (!visible) toggleLayer(layer, true);
        const b = data!.bbox[i];
        if (b) fly(frameOf(b as Bbox));
      }}
    />
  );
}
