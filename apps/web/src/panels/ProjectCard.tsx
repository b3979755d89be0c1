import type { ProjectCard as Card } from '../api/types.ts';
import { useApp } from '../stores/index.ts';
import { fichaUrl } from '../api/dashboard.ts';
import { useLocale, useT } from '../i18n/index.ts';
import { formatNumber } from '../lib/classes.ts';
import { StatusChip } from './StatusChip.tsx';
import { SeguimientoSection } from '../seguimiento/SeguimientoSection.tsx';
import { ProjectChanges } from './ProjectChanges.tsx';

/** Physical progress over time as a small step chart (dates on x, 0–100 % on y). */
function HistoryChart({ history, start, title }: { history: Card['history']; start: string | null; title: string }) {
  const w = 300;
  const h = 90;
  const pad = { l: 28, r: 8, t: 8, b: 18 };
  const pts = [...(start ? [{ date: start, progress: 0 }] : []), ...history].map((p) => ({ x: Date.parse(p.date), y: p.progress })).filter((p) => Number.isFinite(p.x));
  if (pts.length < 2) return null;
  const x0 = Math.min(...pts.map((p) => p.x));
  const x1 = Math.max(...pts.map((p) => p.x));
  const sx = (x: number) => pad.l + ((x - x0) / Math.max(1, x1 - x0)) * (w - pad.l - pad.r);
  const sy = (y: number) => pad.t + (1 - y / 100) * (h - pad.t - pad.b);
  const line = pts.map((p, i) => `${i ? 'L' : 'M'}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ');
  return (
    <svg className="history-chart" viewBox={`0 0 ${w} ${h}`} role="img" aria-label={title}>
      {[0, 50, 100].map((y) => (
        <g key={y}>
          <line x1={pad.l} x2={w - pad.r} y1={sy(y)} y2={sy(y)} className="grid" />
          <text x={pad.l - 4} y={sy(y) + 3} textAnchor="end">{y}</text>
        </g>
      ))}
      <path d={`${line} L${sx(pts[pts.length - 1].x)},${sy(0)} L${sx(pts[0].x)},${sy(0)} Z`} className="area" />
      <path d={line} className="line" />
      {pts.map((p, i) => <circle key={i} cx={sx(p.x)} cy={sy(p.y)} r={3} />)}
    </svg>
  );
}

/** A project's card: status, progress bar, budget approved vs exercised, dates, history, documents, proposal. */
export function ProjectCard({ card, onChanged, version = 0 }: { card: Card; onChanged?: () => void; version?: number }) {
  const t = useT();
  const locale = useLocale();
  const lang = useApp((s) => s.lang);
  const openPanel = useApp((s) => s.openPanel);
  const setTerritory = useApp((s) => s.setTerritory);
  // The project's tablero is its colonia's (the territory the project is counted in), not the whole municipio.
  const openTablero = () => {
    setTerritory(card.colonia ? { tipo: 'colonia', clave: card.colonia.clave } : null);
    openPanel('tablero');
  };
  const money = (v: number) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'MXN', maximumFractionDigits: 0 }).format(v);
  const date = (d: string | null) => (d ? new Date(`${d.slice(0, 10)}T12:00:00`).toLocaleDateString(locale, { year: 'numeric', month: 'short', day: 'numeric' }) : '—');
  const spentPct = card.budgetApproved > 0 ? (card.budgetSpent / card.budgetApproved) * 100 : 0;
  return (
    <article className="project-card" data-testid="project-card" data-id={card.id}>
      <h4>{card.name}</h4>
      <p className="muted small">{card.clave}{card.eje ? ` · ${card.eje}` : ''}{card.programa ? ` · ${card.programa}` : ''}</p>
      <p className="card-status"><StatusChip status={card.status} /> <span className="small">{card.dependency ?? t('projects.noDependency')}</span></p>
      {card.description && <p className="small">{card.description}</p>}
      <p className="dash-actions">
        <a className="button" href={fichaUrl('proyecto', card.clave, lang)} target="_blank" rel="noopener" data-testid="project-ficha">{t('tablero.ficha')}</a>
        <button type="button" onClick={openTablero} data-testid="project-tablero" title={card.colonia?.nombre ?? undefined}>{t('tablero.openDashboard')}</button>
      </p>

      <div className="meter">
        <span className="meter-head"><span>{t('projects.progress')}</span><strong data-testid="card-progress" data-value={card.progress}>{formatNumber(card.progress, 0, locale)} %</strong></span>
        <div className="bar-track" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={card.progress} aria-label={t('projects.progress')}>
          <span className="bar-fill progress" style={{ width: `${Math.min(100, card.progress)}%` }} />
        </div>
      </div>

      <div className="meter budget-meter">
        <span className="meter-head"><span>{t('projects.budget')}</span><span className="small">{t('projects.spentShare', { pct: formatNumber(spentPct, 0, locale) })}</span></span>
        <span className="budget-row"><span className="small">{t('projects.approved')}</span><span className="bar-track"><span className="bar-fill approved" style={{ width: '100%' }} /></span><span className="num small" data-testid="card-approved" data-value={card.budgetApproved}>{money(card.budgetApproved)}</span></span>
        <span className="budget-row"><span className="small">{t('projects.spent')}</span><span className="bar-track"><span className="bar-fill spent" style={{ width: `${Math.min(100, spentPct)}%` }} /></span><span className="num small" data-testid="card-spent" data-value={card.budgetSpent}>{money(card.budgetSpent)}</span></span>
      </div>

      <dl className="attrs dates">
        <div><dt>{t('projects.start')}</dt><dd>{date(card.start)}</dd></div>
        <div><dt>{t('projects.end')}</dt><dd>{date(card.end)}</dd></div>
      </dl>

      {card.history.length > 0 && (
        <section className="history">
          <h5>{t('projects.history')}</h5>
          <HistoryChart history={card.history} start={card.start} title={t('projects.historyChart')} />
        </section>
      )}
      <SeguimientoSection key={`${card.id}:${card.history.length}`} projectId={card.id} onChanged={onChanged} />

      {/* Who changed what, from the audit trail (editing is the seguimiento section's, above). */}
      <ProjectChanges id={card.id} version={version} />

      <h5>{t('projects.documents')}</h5>
      {card.documents.length ? (
        <ul className="documents">{card.documents.map((d) => <li key={d.url}><a href={d.url} target="_blank" rel="noreferrer">{d.title}</a>{d.date ? <span className="muted small"> · {date(d.date)}</span> : null}</li>)}</ul>
      ) : (
        <p className="muted small">{t('projects.noDocuments')}</p>
      )}

      <h5>{t('projects.proposal')}</h5>
      {card.proposal ? (
        <p className="small proposal" data-testid="card-proposal">
          <strong>{card.proposal.folio}</strong> — {card.proposal.title}
          {card.proposal.process ? <span className="muted"> ({card.proposal.process})</span> : null}
          <br />
          {card.proposal.status && <StatusChip status={card.proposal.status} layer="propuestas" />}
          {card.proposal.votes !== null && <span className="muted"> {t('projects.votes', { n: formatNumber(card.proposal.votes, 0, locale) })}</span>}
        </p>
      ) : (
        <p className="muted small">{t('projects.noProposal')}</p>
      )}
    </article>
  );
}
