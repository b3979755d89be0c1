// The one table of the page (attribute tables, the project list, the indicator ranking, and the table alternative of
// every choropleth and list): TanStack Table sorts and filters the rows in the page, TanStack Virtual renders only
// the rows on screen, so 100,000 rows scroll like 100. It is an ARIA grid: headers sort, each column has a labelled
// filter, rows are reached with the arrow keys and chosen with Enter, and the selected row follows the map.
import { useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import {
  columnFilteringFeature, createFilteredRowModel, createSortedRowModel, rowSortingFeature, tableFeatures, useTable,
  type ColumnFiltersState, type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useT } from '../i18n/index.ts';
import { downloadCsv } from './csv.ts';
import { useVisibleBounds, type Bbox } from './visible-bounds.ts';
import { foldText } from './format.ts';

export type { Bbox };
export type CellValue = string | number | boolean | null;

/** One column: the value it sorts and filters by, what a person reads, and how it is filtered. */
export interface TableColumn<R> {
  id: string;
  /** The header: the catalog's label (never a raw property name). */
  header: string;
  value: (row: R) => CellValue;
  /** The text shown (and exported for text columns); defaults to the value as text. */
  text?: (row: R) => string;
  /** A richer cell (a status chip, a bar); `text` still serves filtering and export. */
  render?: (row: R) => ReactNode;
  /** The value written to the CSV (defaults: labels for closed sets, numbers as numbers, else `text`). */
  csv?: (row: R) => CellValue;
  filter?: 'text' | 'range' | 'select' | 'none';
  /** Choices of a 'select' filter: value is the cell value as text. */
  options?: ReadonlyArray<{ value: string; label: string }>;
  numeric?: boolean;
  /** Width in pixels (default 140). */
  width?: number;
}

export interface DataTableProps<R> {
  /** Accessible name of the grid. */
  label: string;
  rows: readonly R[];
  columns: ReadonlyArray<TableColumn<R>>;
  rowId: (row: R) => string;
  selectedId?: string | null;
  /** A click or Enter on a row; `null` when the selected row is chosen again (unselect). */
  onSelect?: (row: R | null) => void;
  /** The row's box on the map: offers "only what is visible on the map". */
  bbox?: (row: R) => Bbox | null;
  /** Base of the exported CSV's file name (offers the export). */
  exportName?: string;
  initialSort?: SortingState;
  testId?: string;
  /** Extra controls in the toolbar (e.g. other download formats). */
  toolbar?: (view: { rows: readonly R[]; visibleOnly: boolean; filters: ColumnFiltersState }) => ReactNode;
  /** CSS height of the scrolling body. */
  height?: string;
}

const ROW_HEIGHT = 32;
const HEADER_ROWS = 2;

const features = tableFeatures({
  columnFilteringFeature,
  rowSortingFeature,
  filteredRowModel: createFilteredRowModel(),
  sortedRowModel: createSortedRowModel(),
});

const collator = new Intl.Collator('es', { numeric: true, sensitivity: 'base' });

type Range = [number | null, number | null];

/** Whether `v` passes a column's filter value (text: folded substring; range: inclusive bounds; select: equality). */
function passes(kind: TableColumn<unknown>['filter'], v: CellValue, text: string, f: unknown): boolean {
  if (kind === 'range') {
    const [lo, hi] = f as Range;
    if (typeof v !== 'number') return false;
    return (lo === null || v >= lo) && (hi === null || v <= hi);
  }
  if (kind === 'select') return String(v) === f;
  return foldText(text).includes(foldText(String(f)));
}

/** The grid. Rows are the caller's objects (or indices into columns of values); nothing is copied per row. */
export function DataTable<R>(props: DataTableProps<R>) {
  const { rows, columns, rowId, selectedId = null, onSelect, bbox, exportName, testId, label } = props;
  const t = useT();
  const [sorting, setSorting] = useState<SortingState>(props.initialSort ?? []);
  const [filterInputs, setFilterInputs] = useState<Record<string, string>>({});
  const [visibleOnly, setVisibleOnly] = useState(false);
  const deferredInputs = useDeferredValue(filterInputs);
  const bounds = useVisibleBounds(visibleOnly && !!bbox);

  // Filter inputs become TanStack column filters (ranges are two inputs: "id:min", "id:max").
  const columnFilters = useMemo<ColumnFiltersState>(() => {
    const out: ColumnFiltersState = [];
    for (const c of columns) {
      if (c.filter === 'range') {
        const num = (s: string | undefined) => (s === undefined || s.trim() === '' || !Number.isFinite(Number(s)) ? null : Number(s));
        const r: Range = [num(deferredInputs[`${c.id}:min`]), num(deferredInputs[`${c.id}:max`])];
        if (r[0] !== null || r[1] !== null) out.push({ id: c.id, value: r });
      } else if (deferredInputs[c.id]) out.push({ id: c.id, value: deferredInputs[c.id] });
    }
    return out;
  }, [columns, deferredInputs]);

  // TanStack rows must be objects: each caller's row (an object or an index) is boxed once per rows array.
  const boxed = useMemo(() => rows.map((r) => ({ r })), [rows]);
  const data = useMemo(() => {
    if (!visibleOnly || !bbox || !bounds) return boxed;
    const [w, s, e, n] = bounds;
    return boxed.filter(({ r }) => {
      const b = bbox(r);
      return b !== null && b[0] <= e && b[2] >= w && b[1] <= n && b[3] >= s;
    });
  }, [boxed, visibleOnly, bbox, bounds]);

  const defs = useMemo(
    () =>
      columns.map((c) => ({
        id: c.id,
        header: c.header,
        accessorFn: (b: { r: R }) => c.value(b.r) ?? undefined,
        sortUndefined: 'last' as const,
        sortFn: (a: { original: { r: R } }, b: { original: { r: R } }) => {
          const x = c.value(a.original.r);
          const y = c.value(b.original.r);
          if (typeof x === 'number' && typeof y === 'number') return x - y;
          return collator.compare(String(x), String(y));
        },
        filterFn: (row: { original: { r: R } }, _id: string, f: unknown) => {
          const r = row.original.r;
          const v = c.value(r);
          return passes(c.filter, v, c.filter === 'text' || c.filter === undefined ? (c.text ? c.text(r) : String(v ?? '')) : '', f);
        },
      })),
    [columns],
  );

  const table = useTable({
    features,
    // The column objects carry plain functions; TanStack's generic column types would add nothing here.
    columns: defs as never,
    data,
    getRowId: (b: { r: R }) => rowId(b.r),
    state: { sorting, columnFilters },
    onSortingChange: setSorting,
    onColumnFiltersChange: () => {},
  });
  const model = useMemo(() => (table.getRowModel().rows as unknown as Array<{ id: string; original: { r: R } }>).map((x) => ({ id: x.id, original: x.original.r })),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [table.getRowModel().rows]);

  const scroller = useRef<HTMLDivElement>(null);
  const head = useRef<HTMLDivElement>(null);
  const [headHeight, setHeadHeight] = useState(ROW_HEIGHT * HEADER_ROWS);
  useLayoutEffect(() => {
    const el = head.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeadHeight(el.offsetHeight));
    ro.observe(el);
    setHeadHeight(el.offsetHeight);
    return () => ro.disconnect();
  }, []);
  const virtualizer = useVirtualizer({
    count: model.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // The rows start below the header rows, which stay stuck over them: a row scrolled to must clear them.
    scrollMargin: headHeight,
    scrollPaddingStart: headHeight,
  });

  const [active, setActive] = useState(0);
  const focusRow = useRef<number | null>(null);
  const selectedIndex = useMemo(() => (selectedId === null ? -1 : model.findIndex((r) => r.id === selectedId)), [model, selectedId]);

  // A selection made elsewhere (a click on the map) scrolls its row into view.
  useEffect(() => {
    if (selectedIndex < 0) return;
    setActive(selectedIndex);
    virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedIndex]);

  // Keyboard moves put focus on the row once the virtualiser has rendered it.
  useEffect(() => {
    const i = focusRow.current;
    if (i === null) return;
    const el = scroller.current?.querySelector<HTMLElement>(`[data-index="${i}"]`);
    if (el) {
      el.focus({ preventScroll: true });
      focusRow.current = null;
    }
  });

  const choose = (i: number) => {
    const r = model[i];
    if (!r || !onSelect) return;
    setActive(i);
    onSelect(r.id === selectedId ? null : r.original);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>, i: number) => {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 320) / ROW_HEIGHT) - HEADER_ROWS);
    const to = { ArrowDown: i + 1, ArrowUp: i - 1, PageDown: i + page, PageUp: i - page, Home: 0, End: model.length - 1 }[e.key];
    if (to !== undefined) {
      e.preventDefault();
      const j = Math.max(0, Math.min(model.length - 1, to));
      setActive(j);
      focusRow.current = j;
      virtualizer.scrollToIndex(j, { align: 'auto' });
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      choose(i);
    }
  };

  const template = columns.map((c) => `minmax(${c.width ?? 140}px, 1fr)`).join(' ');
  const setInput = (k: string, v: string) => setFilterInputs((s) => ({ ...s, [k]: v }));
  const csvValue = (c: TableColumn<R>, r: R): CellValue => {
    if (c.csv) return c.csv(r);
    const v = c.value(r);
    if (c.options) return c.options.find((o) => o.value === String(v))?.label ?? v;
    if (typeof v === 'number' || v === null) return v;
    return c.text ? c.text(r) : v;
  };
  const exportRows = () => {
    if (!exportName) return;
    downloadCsv(exportName, columns.map((c) => c.header), model.map((r) => columns.map((c) => csvValue(c, r.original))));
  };
  const activeIndex = Math.min(active, Math.max(0, model.length - 1));

  return (
    <div className="data-table" data-testid={testId}>
      <div className="dt-toolbar">
        {bbox && (
          <label className="dt-toggle">
            <input type="checkbox" checked={visibleOnly} onChange={(e) => setVisibleOnly(e.target.checked)} data-testid="table-visible-only" />
            {t('table.visibleOnly')}
          </label>
        )}
        {exportName && (
          <button type="button" onClick={exportRows} data-testid="table-export-csv" disabled={model.length === 0}>{t('table.exportCsv')}</button>
        )}
        {props.toolbar?.({ rows: model.map((r) => r.original), visibleOnly, filters: columnFilters })}
        <span className="muted small dt-count" aria-live="polite" data-testid="table-count" data-count={model.length}>
          {model.length === rows.length ? t('table.rows', { n: rows.length.toLocaleString() }) : t('table.rowsOf', { n: model.length.toLocaleString(), total: rows.length.toLocaleString() })}
        </span>
      </div>
      <div
        ref={scroller}
        className="dt-scroll"
        role="grid"
        aria-label={label}
        aria-rowcount={model.length + HEADER_ROWS}
        aria-colcount={columns.length}
        style={{ height: props.height }}
        data-testid={testId ? `${testId}-grid` : undefined}
      >
        <div role="rowgroup" className="dt-head" ref={head}>
          <div role="row" aria-rowindex={1} className="dt-row" style={{ gridTemplateColumns: template }}>
            {columns.map((c, k) => {
              const s = sorting.find((x) => x.id === c.id);
              const sort = s ? (s.desc ? 'descending' : 'ascending') : 'none';
              return (
                <div key={c.id} role="columnheader" aria-colindex={k + 1} aria-sort={sort} className={c.numeric ? 'dt-cell num' : 'dt-cell'}>
                  <button
                    type="button"
                    className="dt-sort"
                    onClick={() => setSorting(s ? (s.desc ? [] : [{ id: c.id, desc: true }]) : [{ id: c.id, desc: false }])}
                    title={t('table.sortBy', { column: c.header })}
                    data-testid={`table-sort-${c.id}`}
                  >
                    <span>{c.header}</span>
                    <span aria-hidden className="dt-arrow">{sort === 'ascending' ? '▲' : sort === 'descending' ? '▼' : '↕'}</span>
                  </button>
                </div>
              );
            })}
          </div>
          <div role="row" aria-rowindex={2} className="dt-row dt-filters" style={{ gridTemplateColumns: template }}>
            {columns.map((c, k) => (
              <div key={c.id} role="gridcell" aria-colindex={k + 1} className="dt-cell">
                {c.filter === 'range' ? (
                  <span className="dt-range">
                    <input type="number" inputMode="decimal" value={filterInputs[`${c.id}:min`] ?? ''} onChange={(e) => setInput(`${c.id}:min`, e.target.value)} aria-label={t('table.filterMin', { column: c.header })} placeholder={t('table.min')} data-testid={`table-filter-${c.id}-min`} />
                    <input type="number" inputMode="decimal" value={filterInputs[`${c.id}:max`] ?? ''} onChange={(e) => setInput(`${c.id}:max`, e.target.value)} aria-label={t('table.filterMax', { column: c.header })} placeholder={t('table.max')} data-testid={`table-filter-${c.id}-max`} />
                  </span>
                ) : c.filter === 'select' ? (
                  <select value={filterInputs[c.id] ?? ''} onChange={(e) => setInput(c.id, e.target.value)} aria-label={t('table.filterBy', { column: c.header })} data-testid={`table-filter-${c.id}`}>
                    <option value="">{t('table.all')}</option>
                    {(c.options ?? []).map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
                  </select>
                ) : c.filter === 'none' ? null : (
                  <input type="search" value={filterInputs[c.id] ?? ''} onChange={(e) => setInput(c.id, e.target.value)} aria-label={t('table.filterBy', { column: c.header })} placeholder={t('table.filter')} data-testid={`table-filter-${c.id}`} />
                )}
              </div>
            ))}
          </div>
        </div>
        <div role="rowgroup" className="dt-body" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((v) => {
            const r = model[v.index];
            const selected = r.id === selectedId;
            return (
              <div
                key={r.id}
                role="row"
                aria-rowindex={v.index + HEADER_ROWS + 1}
                aria-selected={selected}
                tabIndex={v.index === activeIndex ? 0 : -1}
                data-index={v.index}
                data-id={r.id}
                className={selected ? 'dt-row dt-data selected' : 'dt-row dt-data'}
                style={{ gridTemplateColumns: template, height: ROW_HEIGHT, transform: `translateY(${v.start - headHeight}px)` }}
                onClick={() => choose(v.index)}
                onKeyDown={(e) => onKeyDown(e, v.index)}
              >
                {columns.map((c, k) => (
                  <div key={c.id} role="gridcell" aria-colindex={k + 1} className={c.numeric ? 'dt-cell num' : 'dt-cell'}>
                    {c.render ? c.render(r.original) : c.text ? c.text(r.original) : String(c.value(r.original) ?? '—')}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
      {model.length === 0 && <p className="muted small" role="status">{t('table.empty')}</p>}
    </div>
  );
}
