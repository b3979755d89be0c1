// "Proponer" in an open participation process (phone first): title, description, category, the place (the map's
// centre, moved by GPS, search or a tap), an optional photo and contact, the aviso de privacidad and a honeypot.
// The folio comes back with a link to the proposal's public page.
import { useEffect, useState, type FormEvent } from 'react';
import { PROPOSAL_CATEGORIES, PROPOSAL_LIMITS } from '@sigmun/domain/participation-proposals';
import type { SubmissionReceipt } from '@sigmun/domain/participation-reports';
import { useApp } from '../stores/index.ts';
import { useT } from '../i18n/index.ts';
import { submitProposal } from '../api/participation-proposals.ts';
import { fileAsDataUrl } from '../api/participation-reports.ts';
import { ApiError } from '../api/http.ts';
import { useLocate } from './useLocate.ts';

const errorText = (e: unknown) => (e instanceof ApiError || e instanceof Error ? e.message : String(e));

/** The proposal form of process `clave`; `onSent` lets the ranking reload. */
export default function ProposalForm({ clave, onSent }: { clave: string; onSent?: (r: SubmissionReceipt) => void }) {
  const t = useT();
  const view = useApp((s) => s.view);
  const setPicking = useApp((s) => s.setPickingPlace);
  const locate = useLocate();
  const [titulo, setTitulo] = useState('');
  const [descripcion, setDescripcion] = useState('');
  const [categoria, setCategoria] = useState<string>(PROPOSAL_CATEGORIES[0]);
  const [foto, setFoto] = useState<File | null>(null);
  const [nombre, setNombre] = useState('');
  const [email, setEmail] = useState('');
  const [aviso, setAviso] = useState(false);
  const [honeypot, setHoneypot] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<SubmissionReceipt | null>(null);

  // While the form is open, a tap on the map places the proposal (as in the Reportar panel).
  useEffect(() => {
    setPicking(!receipt);
    return () => setPicking(false);
  }, [receipt, setPicking]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!view) return;
    setSending(true);
    setError(null);
    try {
      const r = await submitProposal(clave, {
        titulo, descripcion, categoria, lon: view.lon, lat: view.lat, acepta_aviso: aviso as true,
        ...(foto ? { foto: await fileAsDataUrl(foto) } : {}),
        ...(nombre.trim() ? { nombre: nombre.trim() } : {}),
        ...(email.trim() ? { email: email.trim() } : {}),
        ...(honeypot ? { sitio_web: honeypot } : {}),
      });
      setReceipt(r);
      onSent?.(r);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setSending(false);
    }
  };

  if (receipt) {
    return (
      <section className="report-receipt" data-testid="proposal-receipt">
        <h4>{t('proposal.thanks')}</h4>
        <p>{t('report.folio')} <strong data-testid="proposal-folio">{receipt.folio}</strong></p>
        <p>{t('report.code')} <code>{receipt.clave}</code></p>
        <p className="muted">{t('proposal.pendingHelp')}</p>
        <a href={receipt.seguimiento} target="_blank" rel="noreferrer" data-testid="proposal-follow">{t('proposal.followLink')}</a>
        <button type="button" onClick={() => { setReceipt(null); setTitulo(''); setDescripcion(''); setFoto(null); }}>{t('proposal.another')}</button>
      </section>
    );
  }
  return (
    <form onSubmit={submit} data-testid="proposal-form" className="report-panel">
      <h4>{t('proposal.title')}</h4>
      <p className="muted">{t('proposal.placeHelp')}</p>
      <button type="button" onClick={locate}>{t('report.gps')}</button>
      <label>{t('proposal.name')}
        <input value={titulo} onChange={(e) => setTitulo(e.target.value)} minLength={PROPOSAL_LIMITS.tituloMin} maxLength={PROPOSAL_LIMITS.tituloMax} required data-testid="proposal-title" />
      </label>
      <label>{t('report.description')}
        <textarea value={descripcion} onChange={(e) => setDescripcion(e.target.value)} minLength={PROPOSAL_LIMITS.descripcionMin}
          maxLength={PROPOSAL_LIMITS.descripcionMax} required rows={3} data-testid="proposal-description" />
      </label>
      <label>{t('proposal.category')}
        <select value={categoria} onChange={(e) => setCategoria(e.target.value)} data-testid="proposal-category">
          {PROPOSAL_CATEGORIES.map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
      </label>
      <label>{t('report.photo')}
        <input type="file" accept="image/*" capture="environment" onChange={(e) => setFoto(e.target.files?.[0] ?? null)} />
      </label>
      <fieldset>
        <legend>{t('proposal.contact')}</legend>
        <label>{t('report.name')}<input value={nombre} onChange={(e) => setNombre(e.target.value)} maxLength={200} autoComplete="name" /></label>
        <label>{t('report.email')}<input type="email" value={email} onChange={(e) => setEmail(e.target.value)} maxLength={254} autoComplete="email" /></label>
      </fieldset>
      {/* Honeypot: invisible to people, filled by bots. */}
      <label className="hp" aria-hidden="true">Sitio web<input tabIndex={-1} autoComplete="off" value={honeypot} onChange={(e) => setHoneypot(e.target.value)} /></label>
      <details className="aviso">
        <summary>{t('report.avisoTitle')}</summary>
        <p>{t('proposal.avisoText')}</p>
      </details>
      <label className="check">
        <input type="checkbox" checked={aviso} onChange={(e) => setAviso(e.target.checked)} required data-testid="proposal-aviso" />
        {t('report.avisoAccept')}
      </label>
      {error && <p className="error" role="alert" data-testid="proposal-error">{error}</p>}
      <button type="submit" disabled={sending || !aviso || !view} data-testid="proposal-submit">{sending ? t('report.sending') : t('proposal.send')}</button>
    </form>
  );
}
