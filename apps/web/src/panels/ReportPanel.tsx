// Citizen report form (phone first): the place is the centre of the map (GPS, search or a tap move it there),
// a category, a description, an optional photo and contact, and the aviso de privacidad. The folio comes back
// with a follow-up link. At /moderacion, people with the moderacion role also see the moderation queue here.
import { useEffect, useState, type FormEvent } from 'react';
import type { ModerationQueue, PublicReport, ReportCategory, SubmissionReceipt } from '@sigmun/domain/participation-reports';
import { REPORT_STATUS_LABELS, SUBMISSION_LIMITS } from '@sigmun/domain/participation-reports';
import { useApp } from '../stores/index.ts';
import { useT } from '../i18n/index.ts';
import {
  fetchMe, fetchModerationQueue, fetchReport, fetchReportCategories, fileAsDataUrl, moderateItem, submitReport,
} from '../api/participation-reports.ts';
import { ApiError } from '../api/http.ts';
import { useLocate } from './useLocate.ts';

const errorText = (e: unknown) => (e instanceof ApiError || e instanceof Error ? e.message : String(e));

/** The moderation queue of pending reports and proposals, with approve / reject (moderacion only). */
function ModerationQueueView() {
  const t = useT();
  const [queue, setQueue] = useState<ModerationQueue | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => fetchModerationQueue().then(setQueue, (e) => setError(errorText(e)));
  useEffect(() => {
    void load();
  }, []);
  const act = async (kind: 'reporte' | 'propuesta', id: number, approve: boolean) => {
    try {
      if (approve) await moderateItem(kind, id, { accion: 'aprobar' });
      else {
        const motivo = window.prompt(t('report.mod.reason')) ?? '';
        if (motivo.trim().length < 3) return;
        await moderateItem(kind, id, { accion: 'rechazar', motivo });
      }
      await load();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <section className="report-mod" data-testid="moderation-queue">
      <h3>{t('report.mod.title')}</h3>
      {error && <p className="error" role="alert">{error}</p>}
      {queue && queue.items.length === 0 && <p>{t('report.mod.empty')}</p>}
      <ul>
        {queue?.items.map((i) => (
          <li key={`${i.objeto}-${i.id}`} data-folio={i.folio}>
            <strong>{i.titulo}</strong> · <span>{i.folio}</span>
            <p>{i.descripcion}</p>
            {i.foto && <img src={i.foto} alt={t('report.photo')} width={120} />}
            {(i.contacto.nombre || i.contacto.email) && <p className="muted">{[i.contacto.nombre, i.contacto.email, i.contacto.telefono].filter(Boolean).join(' · ')}</p>}
            <button type="button" onClick={() => act(i.objeto, i.id, true)} data-testid={`approve-${i.folio}`}>{t('report.mod.approve')}</button>
            <button type="button" onClick={() => act(i.objeto, i.id, false)}>{t('report.mod.reject')}</button>
          </li>
        ))}
      </ul>
    </section>
  );
}

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
      <p><strong>{r.categoria_nombre}</strong> — {REPORT_STATUS_LABELS[r.estatus]}{r.moderacion === 'pendiente' ? ` (${t('report.pending')})` : ''}</p>
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
  const [moderator, setModerator] = useState(false);

  useEffect(() => {
    fetchReportCategories().then((c) => {
      setCategories(c);
      setCategoria((cur) => cur || c[0]?.clave || '');
    }, (e) => setError(errorText(e)));
    // Only the moderators' address asks who is signed in (an anonymous 401 would be noise on every citizen's page).
    if (window.location.pathname.startsWith('/moderacion')) {
      fetchMe().then((me) => setModerator(!!me && (me.roles.includes('moderacion') || me.roles.includes('admin'))), () => setModerator(false));
    }
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
      {receipt ? (
        <section className="report-receipt" data-testid="report-receipt">
          <h3>{t('report.thanks')}</h3>
          <p>{t('report.folio')} <strong data-testid="report-folio">{receipt.folio}</strong></p>
          <p>{t('report.code')} <code>{receipt.clave}</code></p>
          <p className="muted">{t('report.codeHelp')}</p>
          <a href={`/api/participation/reports/${receipt.folio}`} target="_blank" rel="noreferrer">{t('report.followLink')}</a>
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
