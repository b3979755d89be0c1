import type { ProjectCard as Card } from '../api/types.ts';
import { useLocale, useT } from '../i18n/index.ts';
import { formatNumber } from '../lib/classes.ts';

/** A project's card: status, progress bar, budget approved vs exercised, dates, history, documents, proposal. */
export function ProjectCard({ card }: { card: Card }) {
  const t = useT();
  const locale = useLocale();
  const money = (v: number) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'MXN', maximumFractionDigits: 0 }).format(v);
  const spentPct = card.budgetApproved > 0 ? Math.min(100, (card.budgetSpent / card.budgetApproved) * 100) : 0;
  return (
    <article className="project-card" data-testid="project-card">
      <h4>{card.name}</h4>
      <p className="muted small">{card.clave} · {card.eje}{card.programa ? ` · ${card.programa}` : ''}</p>
      <p><span className={`status status-${card.status}`}>{t(`status.${card.status}`)}</span> · {card.dependency}</p>
      {card.description && <p>{card.description}</p>}
      <label className="meter">
        <span>{t('projects.progress')}: {formatNumber(card.progress, 0, locale)} %</span>
        <progress max={100} value={card.progress} />
      </label>
      <div className="meter">
        <span>{t('projects.budget')}</span>
        <div className="budget" aria-hidden><span style={{ width: `${spentPct}%` }} /></div>
        <span className="small">{t('projects.approved')}: {money(card.budgetApproved)} · {t('projects.spent')}: {money(card.budgetSpent)}</span>
      </div>
      <p className="small">{t('projects.dates')}: {card.start ?? '—'} → {card.end ?? '—'}</p>
      {card.history.length > 0 && (
        <details>
          <summary>{t('projects.history')}</summary>
          <ol className="history">
            {card.history.map((h) => (
              <li key={h.date}>{h.date}: {formatNumber(h.progress, 0, locale)} %{h.note ? ` — ${h.note}` : ''}</li>
            ))}
          </ol>
        </details>
      )}
      <h5>{t('projects.documents')}</h5>
      {card.documents.length ? (
        <ul>{card.documents.map((d) => <li key={d.url}><a href={d.url} target="_blank" rel="noreferrer">{d.title}</a></li>)}</ul>
      ) : (
        <p className="muted small">{t('projects.noDocuments')}</p>
      )}
      {card.proposal && (
        <p className="small">{t('projects.proposal')}: {card.proposal.folio} — {card.proposal.title}{card.proposal.process ? ` (${card.proposal.process})` : ''}</p>
      )}
    </article>
  );
}
