// The proposals of the chosen process: the ranking per zone (approved proposals, their supports, status and the
// project each became, with its status and progress), "Apoyar" while the process receives supports (one per
// device; the server's refusal is shown as it says it) and "Proponer" while it receives proposals.
import { useCallback, useEffect, useState } from 'react';
import type { ProcessRanking } from '@sigmun/domain/participation-proposals';
import { useLocale, useT } from '../i18n/index.ts';
import { formatNumber } from '../lib/classes.ts';
import { fetchRanking, supportProposal } from '../api/participation-proposals.ts';
import { ApiError } from '../api/http.ts';
import ProposalForm from './ProposalForm.tsx';

const errorText = (e: unknown) => (e instanceof ApiError || e instanceof Error ? e.message : String(e));
type Ranked = ProcessRanking['zonas'][number]['propuestas'][number];

/** One ranked proposal with its supports and, when the process takes them, the Apoyar button. */
function RankedItem({ p, canSupport, onSupported }: { p: Ranked; canSupport: boolean; onSupported: (folio: string, apoyos: number) => void }) {
  const t = useT();
  const locale = useLocale();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const support = async () => {
    setBusy(true);
    try {
      const r = await supportProposal(p.folio);
      onSupported(p.folio, r.apoyos);
      setMessage({ ok: true, text: t('proposal.supported') });
    } catch (e) {
      setMessage({ ok: false, text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <li data-folio={p.folio} className={p.ganadora ? 'winner' : undefined}>
      <strong>{p.titulo}</strong> <span className="muted small">{p.folio}</span>
      <p className="small">
        {t(`status.${p.estatus}`)}
        {' · '}<span data-testid={`apoyos-${p.folio}`} data-value={p.apoyos}>{t('proposal.supports', { n: formatNumber(p.apoyos, 0, locale) })}</span>
        {p.votos > 0 && <> · {t('proposal.votes', { n: formatNumber(p.votos, 0, locale) })}</>}
        {p.ganadora && <> · <em>{t('proposal.winner')}</em></>}
      </p>
      {p.proyecto && (
        <p className="small" data-testid={`proyecto-${p.folio}`}>
          {t('proposal.project')} <a href={`#panel=proyectos&p=${p.proyecto.id}`}>{p.proyecto.nombre}</a>
          {' — '}{t(`status.${p.proyecto.estatus}`)}, {formatNumber(p.proyecto.avance, 0, locale)} %
        </p>
      )}
      {canSupport && (
        <button type="button" onClick={support} disabled={busy} data-testid={`support-${p.folio}`}>{t('proposal.support')}</button>
      )}
      {message && <p className={message.ok ? 'muted small' : 'error'} role={message.ok ? 'status' : 'alert'} data-testid={`support-msg-${p.folio}`}>{message.text}</p>}
    </li>
  );
}

/** Ranking per zone and the citizen actions of process `clave`. */
export default function ProcessProposals({ clave }: { clave: string }) {
  const t = useT();
  const [ranking, setRanking] = useState<ProcessRanking | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [proposing, setProposing] = useState(false);
  const load = useCallback((signal?: AbortSignal) => fetchRanking(clave, signal).then(setRanking, (e) => {
    if ((e as Error).name !== 'AbortError') setError(errorText(e));
  }), [clave]);
  useEffect(() => {
    const ac = new AbortController();
    setRanking(null);
    setError(null);
    setProposing(false);
    void load(ac.signal);
    return () => ac.abort();
  }, [load]);
  const supported = (folio: string, apoyos: number) => setRanking((r) => r && {
    ...r, zonas: r.zonas.map((z) => ({ ...z, propuestas: z.propuestas.map((p) => (p.folio === folio ? { ...p, apoyos } : p)) })),
  });
  if (error) return <p className="error" role="alert">{error}</p>;
  if (!ranking) return null;
  const zonas = ranking.zonas.filter((z) => z.propuestas.length > 0);
  return (
    <section className="process-proposals" aria-label={t('proposal.ranking')} data-testid="process-proposals">
      {ranking.proceso.recibe_propuestas && (
        proposing
          ? <ProposalForm clave={clave} />
          : <button type="button" onClick={() => setProposing(true)} data-testid="propose-open">{t('proposal.open')}</button>
      )}
      <h3>{t('proposal.ranking')}</h3>
      {ranking.proceso.recibe_apoyos && <p className="muted small">{t('proposal.supportHelp')}</p>}
      {zonas.length === 0 && <p className="muted">{t('proposal.none')}</p>}
      {zonas.map((z) => (
        <section key={z.zone_id} className="zone-ranking" data-zone={z.clave}>
          <h4>{z.nombre}</h4>
          <ol>
            {z.propuestas.map((p) => <RankedItem key={p.id} p={p} canSupport={ranking.proceso.recibe_apoyos} onSupported={supported} />)}
          </ol>
        </section>
      ))}
    </section>
  );
}
