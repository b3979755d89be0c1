import { useEffect, useState, type FormEvent } from 'react';
import { PROJECT_STATUSES, type ProjectStatus } from '@sigmun/domain/projects';
import { canEditProject, fetchProjectHistory, patchProject, type ProjectHistory } from '../api/auth.ts';
import type { ProjectCard } from '../api/types.ts';
import { useApp } from '../stores/index.ts';
import { hasMessage, useLocale, useT } from '../i18n/index.ts';

/**
 * The small edit form of a project card (status, progress, budget spent, a note), shown only to users who may edit
 * this project. Hiding it is a courtesy: the server refuses the edit anyway (403) to anyone else.
 */
export function ProjectEdit({ card, onSaved }: { card: ProjectCard; onSaved: () => void }) {
  const t = useT();
  const me = useApp((s) => s.me);
  const notify = useApp((s) => s.notify);
  const [status, setStatus] = useState(card.status);
  const [progress, setProgress] = useState(String(card.progress));
  const [spent, setSpent] = useState(String(card.budgetSpent));
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setStatus(card.status);
    setProgress(String(card.progress));
    setSpent(String(card.budgetSpent));
  }, [card]);
  if (!me || !canEditProject(me, card.dependency)) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await patchProject(card.id, {
        estatus: status as ProjectStatus, avance: Number(progress), presupuesto_ejercido: Number(spent), ...(note.trim() ? { nota: note.trim() } : {}),
      }, me.csrf);
      setNote('');
      notify(t('edit.saved'));
      onSaved();
    } catch (err) {
      setError(t('edit.failed', { message: (err as Error).message }));
    }
  };
  return (
    <form className="project-edit" onSubmit={submit} data-testid="project-edit">
      <h5>{t('edit.title')}</h5>
      <label>{t('edit.status')}
        <select value={status} onChange={(e) => setStatus(e.target.value)} name="estatus">
          {PROJECT_STATUSES.map((s) => <option key={s} value={s}>{hasMessage(`status.${s}`) ? t(`status.${s}`) : s}</option>)}
        </select>
      </label>
      <label>{t('edit.progress')}<input type="number" min={0} max={100} step="0.01" required value={progress} onChange={(e) => setProgress(e.target.value)} name="avance" /></label>
      <label>{t('edit.spent')}<input type="number" min={0} step="0.01" required value={spent} onChange={(e) => setSpent(e.target.value)} name="presupuesto_ejercido" /></label>
      <label>{t('edit.note')}<textarea maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} name="nota" /></label>
      {error && <p className="error" role="alert">{error}</p>}
      <button type="submit" data-testid="project-save">{t('edit.save')}</button>
    </form>
  );
}

/** Who changed the project and what, from the audit trail (public: display names only). */
export function ProjectChanges({ id, version }: { id: number; version: number }) {
  const t = useT();
  const locale = useLocale();
  const [history, setHistory] = useState<ProjectHistory | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    fetchProjectHistory(id, ctrl.signal).then(setHistory, () => {});
    return () => ctrl.abort();
  }, [id, version]);
  const items = history?.items.filter((h) => h.accion !== 'INSERT' || h.cambios.length > 0) ?? [];
  if (!items.length) return null;
  const label = (campo: string) => (hasMessage(`feature.${campo}`) ? t(`feature.${campo}`) : campo);
  const value = (v: unknown) => (v === null || v === undefined ? '—' : hasMessage(`status.${String(v)}`) ? t(`status.${String(v)}`) : String(v));
  return (
    <section className="changes" data-testid="project-changes">
      <h5>{t('changes.title')}</h5>
      <ol className="history-list">
        {[...items].reverse().map((h, i) => (
          <li key={`${h.fecha}-${i}`}>
            <span className="num">{new Date(h.fecha).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' })}</span>{' '}
            <span data-testid="change-author">{t('changes.by', { author: h.autor ?? t('changes.unknown') })}</span>
            {h.accion === 'DELETE' ? ` — ${t('changes.deleted')}` : ''}
            {h.cambios.length > 0 && (
              <ul className="small">
                {h.cambios.map((c) => <li key={c.campo}>{label(c.campo)}: {value(c.antes)} → {value(c.despues)}</li>)}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
