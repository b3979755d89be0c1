// Tablero: the territory summary the server computes (the same figures the fichas print), as cards, charts and
// rankings. The territory follows the map's selection, a search or a ranking row; bars and rows filter the map.
import { useCallback, useEffect, useRef, useState } from 'react';
import { territoryKindOfLayer, TERRITORY_LAYERS, type ChartBucket, type ChartDimension, type DashboardSummary } from '@sigmun/domain/dashboard';
import { findLayer } from '@sigmun/domain/layers';
import { useApp } from '../stores/index.ts';
import { useLocale, useT } from '../i18n/index.ts';
import { fetchSummary, fichaUrl } from '../api/dashboard.ts';
import { formatNumber } from '../lib/classes.ts';
import { BarChart } from './BarChart.tsx';
import { AtlasControl } from './AtlasControl.tsx';

const STATUS_COLORS: Record<string, string> = Object.fromEntries(
  (findLayer('proyectos')?.properties.find((p) => p.name === 'estatus')?.values ?? []).map((v) => [String(v.value), v.color ?? '#fd8d3c']),
);
const PLAIN = '#0b7285';

/** The territory summary panel. */
export default function Dashboard() {
  const t = useT();
  const locale = useLocale();
  const lang = useApp((s) => s.lang);
  const territory = useApp((s) => s.territory);
  const period = useApp((s) => s.period);
  const selection = useApp((s) => s.selection);
  const filters = useApp((s) => s.filters);
  const setTerritory = useApp((s) => s.setTerritory);
  const setPeriod = useApp((s) => s.setPeriod);
  const setFilters = useApp((s) => s.setFilters);
  const resetFilters = useApp((s) => s.resetFilters);
  const select = useApp((s) => s.select);
  const requestFly = useApp((s) => s.requestFly);
  const [summary, setSummary] = useState<DashboardSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const flyOnLoad = useRef(false);

  // A territory picked on the map (or found by search and clicked) becomes the tablero's.
  useEffect(() => {
    if (!selection) return;
    const tipo = territoryKindOfLayer(selection.layer);
    if (tipo && (territory?.tipo !== tipo || territory.clave !== selection.id)) setTerritory({ tipo, clave: selection.id });
  }, [selection?.layer, selection?.id]);

  useEffect(() => {
    const ctrl = new AbortController();
    setError(null);
    fetchSummary(territory, period, ctrl.signal).then(
      (s) => {
        setSummary(s);
        if (flyOnLoad.current) {
          flyOnLoad.current = false;
          const b = s.territorio.bbox;
          requestFly({ center: [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2], bbox: b });
        }
      },
      (e: Error) => {
        if (e.name !== 'AbortError') setError(e.message);
      },
    );
    return () => ctrl.abort();
  }, [territory?.tipo, territory?.clave, period.desde, period.hasta]);

  const num = (v: number | null | undefined, d = 0) => (v === null || v === undefined ? '—' : formatNumber(v, d, locale));
  const money = (v: number) => `$${num(Math.round(v))}`;
  const statusLabel = useCallback((b: ChartBucket) => t(`status.${b.clave}`), [lang]);
  const plainLabel = useCallback((b: ChartBucket) => b.nombre, []);
  const statusColor = useCallback((b: ChartBucket) => STATUS_COLORS[b.clave] ?? PLAIN, []);
  const ejeColor = useCallback((b: ChartBucket) => b.color ?? PLAIN, []);
  const plainColor = useCallback(() => PLAIN, []);

  if (error) return <p className="error" role="alert">{error}</p>;
  if (!summary) return <p className="muted">{t('app.loading')}</p>;
  const s = summary;
  const ter = s.territorio;

  // Which chart bucket is filtering the map now, per dimension.
  const active: Record<ChartDimension, string | null> = {
    estatus: filters.status.length === 1 ? filters.status[0] : null,
    eje: filters.eje === null ? null : String(filters.eje),
    programa: filters.programa === null ? null : String(filters.programa),
    dependencia: filters.dependency,
    anio: filters.year === null ? null : String(filters.year),
  };
  const pick = (dim: ChartDimension) => (b: ChartBucket) => {
    const off = active[dim] === b.clave;
    if (dim === 'estatus') setFilters({ status: off ? [] : [b.clave] });
    if (dim === 'eje') setFilters({ eje: off ? null : Number(b.clave) });
    if (dim === 'programa') setFilters({ programa: off ? null : Number(b.clave) });
    if (dim === 'dependencia') setFilters({ dependency: off ? null : b.clave });
    if (dim === 'anio') setFilters({ year: off ? null : Number(b.clave) });
  };
  const census = (c: DashboardSummary['poblacion']) =>
    [c.anio ? t('tablero.census', { year: c.anio }) : null, c.estimado ? t('tablero.estimate') : null].filter(Boolean).join(' · ');
  const filtered = Object.values(active).some((v) => v !== null);
  const fichaTipo = ter.tipo === 'municipio' ? null : ter.tipo;
  const year = (v: string) => (v.trim() === '' ? null : Number(v));

  return (
    <div className="dashboard" data-testid="dashboard">
      <div className="dash-head">
        <p className="muted">{t('tablero.territory')}: {t(`tablero.kind.${ter.tipo}`)}</p>
        <h3 data-testid="dash-territory">{ter.nombre}</h3>
        {ter.proceso && <p className="muted">{ter.proceso.nombre}</p>}
        <div className="dash-actions">
          {territory && (
            <button type="button" onClick={() => { flyOnLoad.current = true; setTerritory(null); }}>{t('tablero.municipio')}</button>
          )}
          {fichaTipo && (
            <a className="button" href={fichaUrl(fichaTipo, ter.clave, lang)} target="_blank" rel="noopener" data-testid="dash-ficha">{t('tablero.ficha')}</a>
          )}
        </div>
        {!territory && <p className="muted">{t('tablero.hint')}</p>}
        <fieldset className="dash-period">
          <legend>{t('tablero.period')}</legend>
          <label>{t('tablero.from')} <input type="number" min={1900} max={2100} value={period.desde ?? ''} placeholder={t('tablero.allYears')} onChange={(e) => setPeriod({ ...period, desde: year(e.target.value) })} /></label>
          <label>{t('tablero.to')} <input type="number" min={1900} max={2100} value={period.hasta ?? ''} placeholder={t('tablero.allYears')} onChange={(e) => setPeriod({ ...period, hasta: year(e.target.value) })} /></label>
        </fieldset>
      </div>

      <div className="dash-cards">
        <Card id="poblacion" label={t('tablero.population')} value={num(s.poblacion.valor)} sub={census(s.poblacion)} />
        <Card id="hogares" label={t('tablero.homes')} value={num(s.hogares.valor)} sub={census(s.hogares)} />
        <Card id="proyectos" label={t('tablero.projects')} value={num(s.proyectos.total)} sub={s.proyectos.por_estatus.map((x) => `${t(`status.${x.estatus}`)} ${x.proyectos}`).join(' · ')} />
        <Card id="presupuesto" label={t('tablero.budget')} value={money(s.proyectos.presupuesto_aprobado)} sub={money(s.proyectos.presupuesto_ejercido)} />
        <Card id="avance" label={t('tablero.progress')} value={s.proyectos.avance_promedio === null ? '—' : `${num(s.proyectos.avance_promedio, 1)} %`} />
        <Card id="participacion" label={t('tablero.turnout')} value={s.participacion?.participacion == null ? t('tablero.noData') : `${num(s.participacion.participacion, 2)} %`} sub={s.participacion?.proceso.nombre} />
        <Card id="reportes" label={t('tablero.reports')} value={s.reportes ? `${num(s.reportes.abiertos)} / ${num(s.reportes.atendidos)}` : t('tablero.noData')} />
      </div>
      <p className="muted">{t('tablero.dataDate', { date: s.datos.fecha ?? s.datos.actualizado ?? '—' })}</p>

      {filtered && (
        <p className="dash-filter" role="status">
          <button type="button" onClick={resetFilters} data-testid="dash-clear-filter">{t('tablero.clearFilter')}</button>
        </p>
      )}
      <p className="muted">{t('tablero.chartHint')}</p>
      <BarChart testId="chart-estatus" title={t('tablero.byStatus')} buckets={s.graficas.estatus} label={statusLabel} color={statusColor} active={active.estatus} onPick={pick('estatus')} />
      <BarChart testId="chart-eje" title={t('tablero.byEje')} buckets={s.graficas.eje} label={plainLabel} color={ejeColor} active={active.eje} onPick={pick('eje')} />
      <BarChart testId="chart-programa" title={t('tablero.byPrograma')} buckets={s.graficas.programa.slice(0, 12)} label={plainLabel} color={plainColor} active={active.programa} onPick={pick('programa')} />
      <BarChart testId="chart-dependencia" title={t('tablero.byDependencia')} buckets={s.graficas.dependencia} label={plainLabel} color={plainColor} active={active.dependencia} onPick={pick('dependencia')} />
      <BarChart testId="chart-anio" title={t('tablero.byYear')} buckets={s.graficas.anio} label={plainLabel} color={plainColor} active={active.anio} onPick={pick('anio')} />

      <h4>{t('tablero.topProjects')}</h4>
      <table className="dash-table" data-testid="rank-proyectos">
        <thead><tr><th>{t('tablero.col.project')}</th><th>{t('tablero.col.status')}</th><th>{t('tablero.col.progress')}</th><th>{t('tablero.col.budget')}</th></tr></thead>
        <tbody>
          {s.ranking.proyectos.map((p) => (
            <tr key={p.id} tabIndex={0} onClick={() => select({ layer: 'proyectos', id: String(p.id), properties: null })} onKeyDown={(e) => e.key === 'Enter' && select({ layer: 'proyectos', id: String(p.id), properties: null })}>
              <td>{p.nombre}</td><td>{t(`status.${p.estatus}`)}</td><td className="num">{num(p.avance)} %</td><td className="num">{money(p.presupuesto_aprobado)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>{t('tablero.topColonias')}</h4>
      <table className="dash-table" data-testid="rank-colonias">
        <thead><tr><th>{t('tablero.col.colonia')}</th><th>{t('tablero.col.projects')}</th><th>{t('tablero.col.spent')}</th></tr></thead>
        <tbody>
          {s.ranking.colonias.map((c) => {
            const open = () => {
              flyOnLoad.current = true;
              setTerritory({ tipo: 'colonia', clave: c.clave });
              select({ layer: TERRITORY_LAYERS.colonia, id: c.clave, properties: null });
            };
            return (
              <tr key={c.clave} tabIndex={0} onClick={open} onKeyDown={(e) => e.key === 'Enter' && open()}>
                <td>{c.nombre}</td><td className="num">{num(c.proyectos)}</td><td className="num">{money(c.presupuesto_ejercido)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <AtlasControl />
    </div>
  );
}

function Card({ id, label, value, sub }: { id: string; label: string; value: string; sub?: string }) {
  return (
    <div className="dash-card" data-testid={`card-${id}`}>
      <div className="dash-card-label">{label}</div>
      <div className="dash-card-value">{value}</div>
      {sub ? <div className="dash-card-sub">{sub}</div> : null}
    </div>
  );
}
