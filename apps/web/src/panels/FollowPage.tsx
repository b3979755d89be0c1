// The public follow-up of a folio, where the receipt's link leads (/seguimiento/{folio}, /propuesta/{folio}):
// a report's status, public note, rejection reason and history; a proposal's status, supports and the project it
// became with that project's status and progress. Never personal data. The author can erase their personal data
// here with the folio and the private code of the receipt (derecho de cancelación).
import { useEffect, useState, type FormEvent } from 'react';
import type { PublicReport } from '@sigmun/domain/participation-reports';
import type { PublicProposal } from '@sigmun/domain/participation-proposals';
import { useLocale, useT } from '../i18n/index.ts';
import { formatNumber } from '../lib/classes.ts';
import { fetchReport, removePersonalData } from '../api/participation-reports.ts';
import { fetchProposal } from '../api/participation-proposals.ts';
import { ApiError } from '../api/http.ts';
import type { FollowTarget } from '../lib/follow-path.ts';
import { mapUrl } from '@sigmun/domain/portal';

const errorText = (e: unknown) => (e instanceof ApiError || e instanceof Error ? e.message : String(e));

/** Erase-my-data form: the private code of the receipt proves authorship; the server keeps no copy. */
function DataRemoval({ kind, folio }: FollowTarget) {
  const t = useT();
  const [clave, setClave] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const r = await removePersonalData(kind, folio, clave.trim());
      setDone(r.datos_borrados);
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <details className="follow-removal">
      <summary>{t('follow.removeTitle')}</summary>
      {done ? (
        <p role="status" data-testid="follow-removed">{t('follow.removed')}</p>
      ) : (
        <form onSubmit={submit}>
          <p className="muted small">{t('follow.removeHelp')}</p>
          <label>{t('follow.code')}
            <input value={clave} onChange={(e) => setClave(e.target.value)} minLength={8} maxLength={64} required autoComplete="off" data-testid="follow-code" />
          </label>
          <button type="submit" data-testid="follow-remove">{t('follow.remove')}</button>
          {error && <p className="error" role="alert">{error}</p>}
        </form>
      )}
    </details>
  );
}

/** A report's public follow-up. */
export function ReportFollow({ folio }: { folio: string }) {
  const t = useT();
  const [r, setR] = useState<PublicReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setR(null);
    fetchReport(folio).then(setR, (e) => setError(errorText(e)));
  }, [folio]);
  if (error) return <p className="error" role="alert">{error}</p>;
  if (!r) return <p className="muted">{t('app.loading')}</p>;
  return (
    <section className="follow-page" aria-label={t('follow.reportTitle', { folio })} data-testid="follow-page">
      <h3>{t('follow.reportTitle', { folio })}</h3>
      <p><strong>{r.categoria_nombre}</strong></p>
      {r.descripcion && <p>{r.descripcion}</p>}
      <dl className="attrs">
        <div><dt>{t('follow.status')}</dt><dd data-testid="follow-status">{t(`rstatus.${r.estatus}`)}</dd></div>
        <div><dt>{t('follow.moderation')}</dt><dd data-testid="follow-moderation">{t(`follow.mod.${r.moderacion}`)}</dd></div>
        {r.dependencia && <div><dt>{t('mod.dependencia')}</dt><dd>{r.dependencia}</dd></div>}
      </dl>
      {r.nota_publica && <p data-testid="follow-note">{r.nota_publica}</p>}
      {r.motivo_rechazo && <p data-testid="follow-reason">{t('report.rejected', { motivo: r.motivo_rechazo })}</p>}
      {r.duplicado_de && <p>{t('follow.duplicateOf', { folio: r.duplicado_de })} <a href={`/seguimiento/${encodeURIComponent(r.duplicado_de)}`}>{r.duplicado_de}</a></p>}
      {r.foto && <img src={r.foto} alt={t('report.photo')} width={200} />}
      <h4>{t('follow.history')}</h4>
      <ol className="follow-history">
        {r.historial.map((h, i) => (
          <li key={i}>{h.fecha.slice(0, 10)} · {t(`follow.action.${h.accion}`)}{h.estatus ? ` · ${t(`rstatus.${h.estatus}`)}` : ''}{h.nota ? ` — ${h.nota}` : ''}</li>
        ))}
      </ol>
      <DataRemoval kind="reporte" folio={folio} />
    </section>
  );
}

/** A proposal's public page: status, supports, and the project it became with its status and progress. */
export function ProposalFollow({ folio }: { folio: string }) {
  const t = useT();
  const locale = useLocale();
  const [p, setP] = useState<PublicProposal | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setP(null);
    fetchProposal(folio).then(setP, (e) => setError(errorText(e)));
  }, [folio]);
  if (error) return <p className="error" role="alert">{error}</p>;
  if (!p) return <p className="muted">{t('app.loading')}</p>;
  return (
    <section className="follow-page" aria-label={p.titulo} data-testid="follow-page">
      <h3>{p.titulo}</h3>
      <p className="muted small">{p.folio} · {p.proceso.nombre}{p.zona ? ` · ${p.zona.nombre}` : ''}</p>
      {p.descripcion && <p>{p.descripcion}</p>}
      <dl className="attrs">
        <div><dt>{t('follow.status')}</dt><dd data-testid="follow-status">{t(`status.${p.estatus}`)}</dd></div>
        <div><dt>{t('follow.moderation')}</dt><dd data-testid="follow-moderation">{t(`follow.mod.${p.moderacion}`)}</dd></div>
        <div><dt>{t('follow.supports')}</dt><dd className="num" data-value={p.apoyos}>{formatNumber(p.apoyos, 0, locale)}</dd></div>
      </dl>
      {p.motivo_rechazo && <p data-testid="follow-reason">{t('report.rejected', { motivo: p.motivo_rechazo })}</p>}
      {p.foto && <img src={p.foto} alt={t('report.photo')} width={200} />}
      <h4>{t('proposal.project')}</h4>
      {p.proyecto ? (
        <p data-testid="follow-project">
          <a href={mapUrl('', `panel=info&sel=proyectos:${p.proyecto.id}`)}>{p.proyecto.nombre}</a>
          {' · '}{t(`status.${p.proyecto.estatus}`)}
          {' · '}<span data-testid="follow-progress" data-value={p.proyecto.avance}>{t('follow.progress', { n: formatNumber(p.proyecto.avance, 0, locale) })}</span>
        </p>
      ) : (
        <p className="muted small">{t('follow.noProject')}</p>
      )}
      <DataRemoval kind="propuesta" folio={folio} />
    </section>
  );
}
