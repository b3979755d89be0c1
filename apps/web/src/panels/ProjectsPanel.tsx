import { useApp } from '../stores/index.ts';
import { useT } from '../i18n/index.ts';
import { PROJECT_STATUSES } from '../api/types.ts';
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
      <ul className="project-list" data-testid="project-list">
        {list.slice(0, 200).map((p) => (
          <li key={p.id} data-id={p.id}>
            <button
              type="button"
              onClick={() => {
                fly({ center: [p.lon, p.lat], zoom: 16 });
                select({ layer: 'proyectos', id: String(p.id), properties: null });
                open('info');
              }}
            >
              <span className="project-name">{p.name}</span>
              <span className="project-meta">
                <StatusChip status={p.status} />
                <span className="muted small project-owner">
                  {p.eje && <span className="eje-dot" style={{ background: p.ejeColor ?? undefined }} aria-hidden />}
                  {[p.programa ?? p.eje, p.dependency].filter(Boolean).join(' · ') || t('projects.noDependency')}
                </span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
