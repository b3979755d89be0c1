// The moderation queue (role moderacion) of citizen reports and proposals: approve, reject with the reason the
// citizen sees, mark as duplicate of another folio, assign to a dependencia, and change the status (with an
// optional public note). Pending items by default; approved ones can be listed to follow their status.
import { useCallback, useEffect, useState } from 'react';
import type { ModerationAction, ModerationQueue, ModerationState, QueueItem } from '@sigmun/domain/participation-reports';
import { REPORT_STATUSES } from '@sigmun/domain/participation-reports';
import { PROPOSAL_STATUSES } from '@sigmun/domain/participation';
import { useT } from '../i18n/index.ts';
import { fetchModerationQueue, moderateItem } from '../api/participation-reports.ts';
import { ApiError } from '../api/http.ts';

const errorText = (e: unknown) => (e instanceof ApiError || e instanceof Error ? e.message : String(e));

/** One queue item with its actions; `onDone` reloads the queue after a change. */
function QueueEntry({ item, onDone }: { item: QueueItem; onDone: () => Promise<void> }) {
  const t = useT();
  const [motivo, setMotivo] = useState('');
  const [duplicadoDe, setDuplicadoDe] = useState('');
  const [dependencia, setDependencia] = useState(item.dependencia ?? '');
  const [estatus, setEstatus] = useState(item.estatus);
  const [nota, setNota] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const statuses: readonly string[] = item.objeto === 'reporte' ? REPORT_STATUSES : PROPOSAL_STATUSES;
  const statusLabel = (s: string) => t(item.objeto === 'reporte' ? `rstatus.${s}` : `status.${s}`);
  const act = async (a: ModerationAction) => {
    setMessage(null);
    try {
      const r = await moderateItem(item.objeto, item.id, a);
      setMessage({ ok: true, text: t('mod.done', { estatus: statusLabel(r.estatus), moderacion: t(`follow.mod.${r.moderacion}`) }) });
      await onDone();
    } catch (e) {
      setMessage({ ok: false, text: errorText(e) });
    }
  };
  const f = item.folio;
  return (
    <li data-folio={f} className="mod-item">
      <strong>{item.titulo}</strong> · <span>{f}</span>
      <p className="small muted" data-testid={`mod-state-${f}`}>{statusLabel(item.estatus)} · {t(`follow.mod.${item.moderacion}`)}{item.dependencia ? ` · ${item.dependencia}` : ''}</p>
      <p>{item.descripcion}</p>
      {item.foto && <img src={item.foto} alt={t('report.photo')} width={120} />}
      {(item.contacto.nombre || item.contacto.email) && <p className="muted">{[item.contacto.nombre, item.contacto.email, item.contacto.telefono].filter(Boolean).join(' · ')}</p>}
      {item.moderacion !== 'aprobado' && (
        <button type="button" onClick={() => act({ accion: 'aprobar' })} data-testid={`approve-${f}`}>{t('report.mod.approve')}</button>
      )}
      <details className="mod-actions">
        <summary data-testid={`more-${f}`}>{t('mod.more')}</summary>
        <form onSubmit={(e) => { e.preventDefault(); void act({ accion: 'rechazar', motivo: motivo.trim() }); }}>
          <label>{t('report.mod.reason')}<input value={motivo} onChange={(e) => setMotivo(e.target.value)} minLength={3} maxLength={1000} required data-testid={`motivo-${f}`} /></label>
          <button type="submit" data-testid={`reject-${f}`}>{t('report.mod.reject')}</button>
        </form>
        <form onSubmit={(e) => { e.preventDefault(); void act({ accion: 'duplicado', duplicado_de: duplicadoDe.trim() }); }}>
          <label>{t('mod.duplicateOf')}<input value={duplicadoDe} onChange={(e) => setDuplicadoDe(e.target.value)} maxLength={40} required data-testid={`dup-${f}`} /></label>
          <button type="submit" data-testid={`dup-send-${f}`}>{t('mod.duplicate')}</button>
        </form>
        <form onSubmit={(e) => { e.preventDefault(); void act({ accion: 'asignar', dependencia: dependencia.trim() }); }}>
          <label>{t('mod.dependencia')}<input value={dependencia} onChange={(e) => setDependencia(e.target.value)} minLength={2} maxLength={120} required data-testid={`dep-${f}`} /></label>
          <button type="submit" data-testid={`assign-${f}`}>{t('mod.assign')}</button>
        </form>
        <form onSubmit={(e) => { e.preventDefault(); void act({ accion: 'estatus', estatus, ...(nota.trim() ? { nota: nota.trim() } : {}) }); }}>
          <label>{t('mod.status')}
            <select value={estatus} onChange={(e) => setEstatus(e.target.value)} data-testid={`status-${f}`}>
              {statuses.map((s) => <option key={s} value={s}>{statusLabel(s)}</option>)}
            </select>
          </label>
          <label>{t('mod.note')}<input value={nota} onChange={(e) => setNota(e.target.value)} maxLength={1000} data-testid={`note-${f}`} /></label>
          <button type="submit" data-testid={`status-send-${f}`}>{t('mod.changeStatus')}</button>
        </form>
      </details>
      {message && <p className={message.ok ? 'muted small' : 'error'} role={message.ok ? 'status' : 'alert'} data-testid={`mod-msg-${f}`}>{message.text}</p>}
    </li>
  );
}

/** The moderation queue with a choice of moderation state (pending by default). */
export default function ModerationQueueView() {
  const t = useT();
  const [estado, setEstado] = useState<ModerationState>('pendiente');
  const [queue, setQueue] = useState<ModerationQueue | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => fetchModerationQueue(estado).then((q) => { setQueue(q); setError(null); }, (e) => setError(errorText(e))), [estado]);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <section className="report-mod" data-testid="moderation-queue">
      <h3>{t('report.mod.title')}</h3>
      <label>{t('mod.show')}
        <select value={estado} onChange={(e) => setEstado(e.target.value as ModerationState)} data-testid="mod-estado">
          <option value="pendiente">{t('mod.state.pendiente')}</option>
          <option value="aprobado">{t('mod.state.aprobado')}</option>
          <option value="duplicado">{t('mod.state.duplicado')}</option>
          <option value="rechazado">{t('mod.state.rechazado')}</option>
        </select>
      </label>
      {error && <p className="error" role="alert">{error}</p>}
      {queue && queue.items.length === 0 && <p>{t('report.mod.empty')}</p>}
      <ul>
        {queue?.items.map((i) => <QueueEntry key={`${i.objeto}-${i.id}-${i.moderacion}`} item={i} onDone={load} />)}
      </ul>
    </section>
  );
}
