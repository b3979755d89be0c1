import { useEffect, useState } from 'react';
import { fetchProjectHistory, type ProjectHistory } from '../api/auth.ts';
import { hasMessage, useLocale, useT } from '../i18n/index.ts';

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
