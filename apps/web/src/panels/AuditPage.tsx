import { useEffect, useState } from 'react';
import { auditUrl, fetchAudit, type AuditPage as Page, type AuditQuery } from '../api/auth.ts';
import { useApp } from '../stores/index.ts';
import { useLocale, useT } from '../i18n/index.ts';
import { useDialogFocus } from '../lib/dialog-focus.ts';

/** What changed between two row images, as "field: before → after" (short, for the table). */
function diff(before: unknown, after: unknown): string {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  if (!before || !after) return '';
  return Object.keys(a).filter((k) => k !== 'geom' && k !== 'updated_at' && JSON.stringify(a[k]) !== JSON.stringify(b[k]))
    .map((k) => `${k}: ${JSON.stringify(b[k])} → ${JSON.stringify(a[k])}`).join('; ');
}

/** The audit log for admin and planeacion: filters, pages, CSV download. */
export function AuditPage() {
  const t = useT();
  const locale = useLocale();
  const open = useApp((s) => s.auditOpen);
  const setOpen = useApp((s) => s.setAuditOpen);
  const [form, setForm] = useState<AuditQuery>({});
  const [query, setQuery] = useState<AuditQuery>({});
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    const ctrl = new AbortController();
    fetchAudit(query, ctrl.signal).then(setPage, (e: Error) => e.name !== 'AbortError' && setError(e.message));
    return () => ctrl.abort();
  }, [open, query]);
  const dialog = useDialogFocus<HTMLElement>(open, () => setOpen(false));
  if (!open) return null;
  const field = (k: keyof AuditQuery, label: string, type = 'text') => (
    <label>{label}<input type={type} value={String(form[k] ?? '')} onChange={(e) => setForm({ ...form, [k]: e.target.value || undefined })} name={k} /></label>
  );
  const offset = query.offset ?? 0;
  return (
    <div className="modal-backdrop" role="presentation">
      <section ref={dialog} className="modal audit-page" role="dialog" aria-modal="true" aria-labelledby="audit-title" data-testid="audit-page">
        <h2 id="audit-title">{t('audit.title')}</h2>
        <form className="audit-filters" onSubmit={(e) => { e.preventDefault(); setQuery({ ...form, offset: 0 }); }}>
          {field('tabla', t('audit.table'))}
          {field('clave', t('audit.key'))}
          {field('desde', t('audit.from'), 'date')}
          {field('hasta', t('audit.to'), 'date')}
          <button type="submit">{t('audit.search')}</button>
          <a href={auditUrl(query, true)} download>{t('audit.csv')}</a>
        </form>
        {error && <p className="error" role="alert">{error}</p>}
        {page && (
          <>
            <p className="muted small">{t('audit.total', { n: page.total })}</p>
            {page.items.length === 0 ? <p>{t('audit.empty')}</p> : (
              <div className="audit-table-wrap">
                <table className="audit-table">
                  <thead><tr><th>{t('audit.when')}</th><th>{t('audit.who')}</th><th>{t('audit.action')}</th><th>{t('audit.what')}</th><th>{t('audit.change')}</th></tr></thead>
                  <tbody>
                    {page.items.map((e) => (
                      <tr key={e.id}>
                        <td className="num">{new Date(e.fecha).toLocaleString(locale)}</td>
                        <td>{e.usuario ?? e.actor}</td>
                        <td>{e.accion}</td>
                        <td>{e.tabla ?? ''}{e.clave ? ` #${e.clave}` : ''}</td>
                        <td className="small">{diff(e.antes, e.despues)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <div className="modal-actions">
              <button type="button" disabled={offset === 0} onClick={() => setQuery({ ...query, offset: Math.max(0, offset - 50) })}>{t('audit.prev')}</button>
              <button type="button" disabled={offset + page.items.length >= page.total} onClick={() => setQuery({ ...query, offset: offset + 50 })}>{t('audit.next')}</button>
              <button type="button" onClick={() => setOpen(false)}>{t('app.close')}</button>
            </div>
          </>
        )}
      </section>
    </div>
  );
}
