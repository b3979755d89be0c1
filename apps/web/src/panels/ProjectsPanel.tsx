import { useMemo } from 'react';
import { useApp } from '../stores/index.ts';
import { useT } from '../i18n/index.ts';
import { PROJECT_STATUSES, type NearProject } from '../api/types.ts';
import { DataTable, type TableColumn } from '../table/DataTable.tsx';
import { StatusChip } from './StatusChip.tsx';
import { NewProject } from '../seguimiento/NewProject.tsx';

/** Projects by status with filters (eje, programa, status, dependency, year) shared with the map. */
export default function ProjectsPanel() {
  const t = useT();
  const filters = useApp((s) => s.filters);
  const options = useApp((s) => s.filterOptions);
  const list = useApp((s) => s.projectList);
  const setFilters = useApp((s) => s.setFilters);
  const toggleStatus = useApp((s) => s.toggleStatus);
  const reset = useApp((s) => s.resetFilters);
  const visible = useApp((s) => s.visible.proyectos);
  const toggleLayer = useApp((s) => s.toggleLayer);
  const select = useApp((s) => s.select);
  const open = useApp((s) => s.openPanel);
  const fly = useApp((s) => s.requestFly);
  const num = (v: string) => (v === '' ? null : Number(v));
  const selectedId = useApp((s) => (s.selection?.layer === 'proyectos' ? s.selection.id : null));
  const lang = useApp((s) => s.lang);
  const columns = useMemo<Array<TableColumn<NearProject>>>(() => [
    { id: 'name', header: t('projects.name'), value: (p) => p.name, width: 190 },
    {
      id: 'status', header: t('projects.status'), value: (p) => p.status, filter: 'select', width: 120,
      options: PROJECT_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
      text: (p) => t(`status.${p.status}`),
      render: (p) => <StatusChip status={p.status} />,
    },
    {
      id: 'programa', header: t('projects.programa'), value: (p) => p.programa ?? p.eje, width: 170,
      render: (p) => (
        <span className="project-owner">
          {p.eje && <span className="eje-dot" style={{ background: p.ejeColor ?? undefined }} aria-hidden />}
          {p.programa ?? p.eje ?? '—'}
        </span>
      ),
    },
    { id: 'dependency', header: t('projects.dependency'), value: (p) => p.dependency, text: (p) => p.dependency ?? t('projects.noDependency'), width: 170 },
    // eslint-disable-next-line react-hooks/exhaustive-deps
  ], [lang]);
  const programas = options?.programas.filter((p) => filters.eje === null || p.eje === filters.eje) ?? [];
  return (
    <div className="projects-panel">
      <NewProject />
      {!visible && <button type="button" onClick={() => toggleLayer('proyectos', true)}>{t('layers.toggle', { layer: t('panel.proyectos') })}</button>}
      <fieldset className="chips">
        <legend>{t('projects.status')}</legend>
        {PROJECT_STATUSES.map((s) => (
          <label key={s} className="chip">
            <input type="checkbox" checked={filters.status.includes(s)} onChange={() => toggleStatus(s)} /> {t(`status.${s}`)}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>{t('projects.eje')}</span>
        <select value={filters.eje ?? ''} onChange={(e) => setFilters({ eje: num(e.target.value), programa: null })}>
          <option value="">{t('projects.all')}</option>
          {options?.ejes.map((e) => <option key={e.id} value={e.id}>{e.name}</option>)}
        </select>
      </label>
      <label className="field">
        <span>{t('projects.programa')}</span>
        <select value={filters.programa ?? ''} onChange={(e) => setFilters({ programa: num(e.target.value) })}>
          <option value="">{t('projects.all')}</option>
          {programas.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
      </label>
      <div className="row">
        <label className="field">
          <span>{t('projects.dependency')}</span>
          <select value={filters.dependency ?? ''} onChange={(e) => setFilters({ dependency: e.target.value || null })}>
            <option value="">{t('projects.all')}</option>
            {options?.dependencies.map((d) => <option key={d} value={d}>{d}</option>)}
          </select>
        </label>
        <label className="field">
          <span>{t('projects.year')}</span>
          <select value={filters.year ?? ''} onChange={(e) => setFilters({ year: num(e.target.value) })}>
            <option value="">{t('projects.all')}</option>
            {options?.years.map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </label>
      </div>
      <button type="button" onClick={reset}>{t('projects.reset')}</button>
      <p className="muted" aria-live="polite">{t('projects.count', { n: list.length })}</p>
      <DataTable
        label={t('panel.proyectos')}
        rows={list}
        columns={columns}
        rowId={(p) => String(p.id)}
        selectedId={selectedId}
        bbox={(p) => [p.lon, p.lat, p.lon, p.lat]}
        exportName="proyectos"
        initialSort={[{ id: 'name', desc: false }]}
        testId="project-list"
        height="min(56vh, 520px)"
        onSelect={(p) => {
          if (!p) return select(null);
          fly({ center: [p.lon, p.lat], zoom: 16 });
          select({ layer: 'proyectos', id: String(p.id), properties: null });
          open('info');
        }}
      />
    </div>
  );
}
