import { useApp } from '../stores/index.ts';
import { useT } from '../i18n/index.ts';
import { sortCatalog } from '@sigmun/styles/cartography';
import { LayerTable } from '../table/LayerTable.tsx';
import { IndicatorTable } from '../table/IndicatorTable.tsx';

const INDICATOR = '__indicador__';

/** The attribute table of any catalog layer or of the active indicator, beside the map and in step with it. */
export default function AttributeTablePanel() {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const catalog = useApp((s) => s.catalog);
  const source = useApp((s) => s.tableSource);
  const hasIndicator = useApp((s) => s.indicator !== null);
  const setSource = useApp((s) => s.setTableSource);
  const value = source.kind === 'indicator' ? INDICATOR : source.layer;
  return (
    <div className="table-panel">
      <label className="field">
        <span>{t('table.source')}</span>
        <select
          value={value}
          onChange={(e) => setSource(e.target.value === INDICATOR ? { kind: 'indicator' } : { kind: 'layer', layer: e.target.value })}
          data-testid="table-source"
        >
          {(hasIndicator || source.kind === 'indicator') && <option value={INDICATOR}>{t('table.activeIndicator')}</option>}
          {sortCatalog(catalog).map((l) => <option key={l.id} value={l.id}>{lang === 'en' ? l.title : l.titulo}</option>)}
        </select>
      </label>
      {source.kind === 'indicator' ? <IndicatorTable /> : <LayerTable key={source.layer} layer={source.layer} />}
    </div>
  );
}
