// Citizen report form (phone first): the place is the centre of the map (GPS, search or a tap move it there),
// a category, a description, an optional photo and contact, and the aviso de privacidad. The folio comes back
// with a follow-up link (/seguimiento/{folio}, shown here). Signed-in moderators also see the moderation queue here.
import { useEffect, useState, type FormEvent } from 'react';
import type { PublicReport, ReportCategory, SubmissionReceipt } from '@sigmun/domain/participation-reports';
import { SUBMISSION_LIMITS } from '@sigmun/domain/participation-reports';
import { useApp } from '../stores/index.ts';
import { useT } from '../i18n/index.ts';
import { fetchReport, fetchReportCategories, fileAsDataUrl, submitReport } from '../api/participation-reports.ts';
import { ApiError } from '../api/http.ts';
import { useLocate } from './useLocate.ts';
import ModerationQueueView from './ModerationQueue.tsx';
import { ReportFollow } from './FollowPage.tsx';
import { followTarget } from '../lib/follow-path.ts';

const errorText = (e: unknown) => (e instanceof ApiError || e instanceof Error ? e.message : String(e));

/** Follow-up of a report by folio: status, public note and history; never personal data. */
function FollowUp({ folio }: { folio: string }) {
  const t = useT();
  const [r, setR] = useState<PublicReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    fetchReport(folio).then(setR, (e) => setError(errorText(e)));
  }, [folio]);
  if (error) return <p className="error" role="alert">{error}</p>;
  if (!r) return null;
  return (
    <div className="report-follow" data-testid="report-follow">
      <p><strong>{r.categoria_nombre}</strong> — {t(`rstatus.${r.estatus}`)}{r.moderacion === 'pendiente' ? ` (${t('report.pending')})` : ''}</p>
      {r.nota_publica && <p>{r.nota_publica}</p>}
      {r.motivo_rechazo && <p>{t('report.rejected', { motivo: r.motivo_rechazo })}</p>}
    </div>
  );
}

/** The "Reportar" panel. */
export default function ReportPanel() {
  const t = useT();
  const view = useApp((s) => s.view);
  const [categories, setCategories] = useState<ReportCategory[]>([]);
  const [categoria, setCategoria] = useState('');
  const [descripcion, setDescripcion] = useState('');
  const [foto, setFoto] = useState<File | null>(null);
  const [nombre, setNombre] = useState('');
  const [email, setEmail] = useState('');
  const [aviso, setAviso] = useState(false);
  const [honeypot, setHoneypot] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<SubmissionReceipt | null>(null);
  const me = useApp((s) => s.me);
  const moderator = !!me && (me.roles.includes('moderacion') || me.roles.includes('admin'));
  // Opened from a receipt's follow-up link (/seguimiento/{folio}): that report's public page comes first.
  const [follow] = useState(() => {
    const f = followTarget(window.location.pathname);
    return f?.kind === 'reporte' ? f.folio : null;
  });

  useEffect(() => {
    fetchReportCategories().then((c) => {
      setCategories(c);
      setCategoria((cur) => cur || c[0]?.clave || '');
    }, (e) => setError(errorText(e)));
  }, []);

  const locate = useLocate();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!view) return;
    setSending(true);
    setError(null);
    try {
      const r = await submitReport({
        categoria, descripcion, lon: view.lon, lat: view.lat, acepta_aviso: aviso as true,
        ...(foto ? { foto: await fileAsDataUrl(foto) } : {}),
        ...(nombre.trim() ? { nombre: nombre.trim() } : {}),
        ...(email.trim() ? { email: email.trim() } : {}),
        ...(honeypot ? { sitio_web: honeypot } : {}),
      });
      setReceipt(r);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="panel-body report-panel">
      {moderator && <ModerationQueueView />}
      {!moderator && window.location.pathname.startsWith('/moderacion') && <p className="muted" data-testid="mod-sign-in">{t('mod.signIn')}</p>}
      {follow && <ReportFollow folio={follow} />}
      {receipt ? (
        <section className="report-receipt" data-testid="report-receipt">
          <h3>{t('report.thanks')}</h3>
          <p>{t('report.folio')} <strong data-testid="report-folio">{receipt.folio}</strong></p>
          <p>{t('report.code')} <code>{receipt.clave}</code></p>
          <p className="muted">{t('report.codeHelp')}</p>
          <a href={receipt.seguimiento} target="_blank" rel="noreferrer" data-testid="report-follow-link">{t('report.followLink')}</a>
          <FollowUp folio={receipt.folio} />
          <button type="button" onClick={() => { setReceipt(null); setDescripcion(''); setFoto(null); }}>{t('report.another')}</button>
        </section>
      ) : (
        <form onSubmit={submit} data-testid="report-form">
          <h3>{t('report.title')}</h3>
          <p className="muted">{t('report.placeHelp')}</p>
          <button type="button" onClick={locate} data-testid="report-locate">{t('report.gps')}</button>
          <label>{t('report.category')}
            <select value={categoria} onChange={(e) => setCategoria(e.target.value)} data-testid="report-category" required>
              {categories.map((c) => <option key={c.clave} value={c.clave}>{c.nombre}</option>)}
            </select>
          </label>
          <label>{t('report.description')}
            <textarea value={descripcion} onChange={(e) => setDescripcion(e.target.value)} minLength={SUBMISSION_LIMITS.descripcionMin}
              maxLength={SUBMISSION_LIMITS.descripcionMax} required rows={3} data-testid="report-description" />
          </label>
          <label>{t('report.photo')}
            <input type="file" accept="image/*" capture="environment" onChange={(e) => setFoto(e.target.files?.[0] ?? null)} data-testid="report-photo" />
          </label>
          <fieldset>
            <legend>{t('report.contact')}</legend>
            <label>{t('report.name')}<input value={nombre} onChange={(e) => setNombre(e.target.value)} maxLength={200} autoComplete="name" /></label>
            <label>{t('report.email')}<input type="email" value={email} onChange={(e) => setEmail(e.target.value)} maxLength={254} autoComplete="email" /></label>
          </fieldset>
          {/* Honeypot: invisible to people, filled by bots. */}
          <label className="hp" aria-hidden="true">Sitio web<input tabIndex={-1} autoComplete="off" value={honeypot} onChange={(e) => setHoneypot(e.target.value)} /></label>
          <details className="aviso" open>
            <summary>{t('report.avisoTitle')}</summary>
            <p>{t('report.avisoText')}</p>
          </details>
          <label className="check">
            <input type="checkbox" checked={aviso} onChange={(e) => setAviso(e.target.checked)} required data-testid="report-aviso" />
            {t('report.avisoAccept')}
          </label>
          {error && <p className="error" role="alert" data-testid="report-error">{error}</p>}
          <button type="submit" disabled={sending || !aviso || !view} data-testid="report-submit">{sending ? t('report.sending') : t('report.send')}</button>
        </form>
      )}
    </div>
  );
}
