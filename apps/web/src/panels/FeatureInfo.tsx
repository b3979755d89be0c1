import { useEffect, useState } from 'react';
import { territoryKindOfLayer } from '@sigmun/domain/dashboard';
import { fichaUrl } from '../api/dashboard.ts';
import { useApp } from '../stores/index.ts';
import { hasMessage, useLocale, useT } from '../i18n/index.ts';
import { fetchIndicatorValues, fetchProject } from '../api/client.ts';
import type { ProjectCard as Card } from '../api/types.ts';
import { formatNumber } from '../lib/classes.ts';
import { ProjectCard } from './ProjectCard.tsx';
import { isShown, valueText } from '../lib/feature-values.ts';
import { LEVEL_LAYERS } from '../map/style.ts';

const LEVEL_OF: Record<string, string> = Object.fromEntries(Object.entries(LEVEL_LAYERS).map(([lvl, layer]) => [layer, lvl]));

/** Attributes of the selected feature with Spanish labels; a project's card; an area's indicators. */
export default function FeatureInfo() {
  const t = useT();
  const locale = useLocale();
  const lang = useApp((s) => s.lang);
  const sel = useApp((s) => s.selection);
  const catalog = useApp((s) => s.catalog);
  const indicators = useApp((s) => s.indicatorCatalog);
  const processes = useApp((s) => s.processes);
  const [card, setCard] = useState<Card | null>(null);
  // Bumped after an edit or a report, so the card is fetched again.
  const [revision, setRevision] = useState(0);
  const [areaValues, setAreaValues] = useState<Array<{ name: string; value: number | null; unit: string; decimals: number }>>([]);

  useEffect(() => {
    setCard(null);
    if (!sel || (sel.layer !== 'proyectos' && sel.layer !== 'propuestas')) return;
    const ctrl = new AbortController();
    const id = sel.layer === 'proyectos' ? sel.id : sel.properties?.project_id;
    if (id !== undefined && id !== null && id !== '') fetchProject(String(id), ctrl.signal).then(setCard, () => {});
    return () => ctrl.abort();
  }, [sel?.layer, sel?.id, sel?.properties?.project_id, revision]);

  useEffect(() => {
    setAreaValues([]);
    const level = sel ? LEVEL_OF[sel.layer] : undefined;
    if (!sel || !level || !indicators.length) return;
    const ctrl = new AbortController();
    // A few headline indicators of the unit (latest year each), fetched per indicator.
    const chosen = indicators.filter((i) => i.levels.includes(level)).slice(0, 6);
    Promise.all(
      chosen.map(async (i) => {
        const vals = await fetchIndicatorValues(i.code, level, Math.max(...i.years), ctrl.signal);
        const v = vals.find((x) => x.key === sel.id);
        return { name: lang === 'en' && i.nameEn ? i.nameEn : i.name, value: v?.value ?? null, unit: i.unit, decimals: i.decimals };
      }),
    ).then(setAreaValues, () => {});
    return () => ctrl.abort();
  }, [sel?.layer, sel?.id, indicators, lang]);

  if (!sel) return <p className="muted">{t('info.none')}</p>;
  const layer = catalog.find((l) => l.id === sel.layer);
  const props = sel.properties ?? {};
  const label = (k: string) => {
    const p = layer?.properties.find((x) => x.name === k);
    if (p) return lang === 'en' && p.labelEn ? p.labelEn : p.label;
    return hasMessage(`feature.${k}`) ? t(`feature.${k}`) : k;
  };
  const ctx = { lang, locale, processes, status: (v: string) => (hasMessage(`status.${v}`) ? t(`status.${v}`) : null) };
  const display = (k: string, v: unknown) => valueText(layer, k, v, ctx);
  const hidden = new Set(['eje_color', 'eje_id', 'programa_id', 'propuesta_ganadora']);
  return (
    <div className="feature-info" data-testid="feature-info">
      <h3>{layer ? (lang === 'en' ? layer.title : layer.titulo) : sel.layer}</h3>
      <UnitLinks layer={sel.layer} id={sel.id} clave={card?.clave ?? null} />
      {card ? (
        <ProjectCard card={card} version={revision} onChanged={() => setRevision((r) => r + 1)} />
      ) : (
        <dl className="attrs">
          {Object.entries(props)
            .filter(([k, v]) => v !== null && v !== '' && !hidden.has(k) && isShown(layer, k))
            .map(([k, v]) => (
              <div key={k}>
                <dt>{label(k)}</dt>
                <dd>{display(k, v)}</dd>
              </div>
            ))}
        </dl>
      )}
      {areaValues.length > 0 && (
        <>
          <h4>{t('info.indicators')}</h4>
          <dl className="attrs">
            {areaValues.map((a) => (
              <div key={a.name}>
                <dt>{a.name}</dt>
                <dd>{formatNumber(a.value, a.decimals, locale)} {a.value !== null ? a.unit : ''}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </div>
  );
}

/** Links from a selected unit or project to its tablero and its PDF ficha. */
function UnitLinks({ layer, id, clave }: { layer: string; id: string; clave: string | null }) {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const openPanel = useApp((s) => s.openPanel);
  const setTerritory = useApp((s) => s.setTerritory);
  const kind = territoryKindOfLayer(layer);
  const ficha = kind && kind !== 'municipio' ? fichaUrl(kind, id, lang) : layer === 'proyectos' && clave ? fichaUrl('proyecto', clave, lang) : null;
  if (!kind && !ficha) return null;
  return (
    <p className="dash-actions">
      {kind && (
        <button type="button" data-testid="open-tablero" onClick={() => { setTerritory({ tipo: kind, clave: id }); openPanel('tablero'); }}>{t('tablero.openDashboard')}</button>
      )}
      {ficha && <a className="button" href={ficha} target="_blank" rel="noopener" data-testid="open-ficha">{t('tablero.ficha')}</a>}
    </p>
  );
}
