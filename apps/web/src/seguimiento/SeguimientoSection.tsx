import { useEffect, useState } from 'react';
import type { ProjectCard } from '@sigmun/domain/projects';
import { useLocale, useT } from '../i18n/index.ts';
import { useApp } from '../stores/index.ts';
import { getMapInstance } from '../map/instance.ts';
import { sourceId } from '../map/style.ts';
import { formatNumber } from '../lib/classes.ts';
import { fetchCard, fetchPermissions, type Me } from './api.ts';
import { AvanceForm } from './AvanceForm.tsx';
import { DocumentForm } from './DocumentForm.tsx';
import { ProjectEditor } from './ProjectEditor.tsx';

/** Tiles of the projects layer are revalidated (no-cache + ETag): reloading the source shows an edit at once. */
function refreshProjectTiles(): void {
  const src = getMapInstance()?.getSource(sourceId('proyectos')) as { setTiles?: (t: string[]) => void; tiles?: string[] } | undefined;
  if (src?.setTiles && src.tiles) src.setTiles([...src.tiles]);
}

/** The card's seguimiento: reports with author and photos, and for editors the edit and report forms. */
export function SeguimientoSection({ projectId, onChanged }: { projectId: number; onChanged?: () => void }) {
  const t = useT();
  const locale = useLocale();
  const [card, setCard] = useState<ProjectCard | null>(null);
  const [me, setMe] = useState<Me | null>(null);
  const [editar, setEditar] = useState(false);
  const [mode, setMode] = useState<'view' | 'edit' | 'report' | 'document'>('view');
  // Signing in or out changes what this user may do here: the permissions are asked again.
  const account = useApp((s) => s.me?.email ?? null);

  useEffect(() => {
    const ctrl = new AbortController();
    fetchCard(projectId, ctrl.signal).then(setCard, () => {});
    // The server decides who may edit; the page only hides what would be refused.
    fetchPermissions(projectId, ctrl.signal).then((p) => { setMe(p.me); setEditar(p.editar); }, () => {});
    return () => ctrl.abort();
  }, [projectId, account]);

  if (!card) return null;
  const date = (d: string) => new Date(`${d.slice(0, 10)}T12:00:00`).toLocaleDateString(locale, { year: 'numeric', month: 'short', day: 'numeric' });
  const changed = async () => {
    setMode('view');
    setCard(await fetchCard(projectId));
    refreshProjectTiles();
    onChanged?.();
  };
  const reports = [...card.progreso].reverse();
  return (
    <section className="seguimiento" data-testid="seguimiento">
      {card.presupuesto_ejercido > card.presupuesto_aprobado && (
        <p className="seg-flag" data-testid="overspent"><strong>{t('seg.overspent')}</strong>{card.justificacion_sobreejercicio ? ` — ${t('seg.justification')}: ${card.justificacion_sobreejercicio}` : ''}</p>
      )}
      {editar && me && mode === 'view' && (
        <p className="seg-actions">
          <button type="button" onClick={() => setMode('edit')} data-testid="edit-project">{t('seg.edit')}</button>
          <button type="button" onClick={() => setMode('report')} data-testid="report-avance">{t('seg.report')}</button>
          <button type="button" onClick={() => setMode('document')} data-testid="add-document">{t('seg.doc.add')}</button>
        </p>
      )}
      {me && mode === 'edit' && <ProjectEditor card={card} me={me} onSaved={changed} onCancel={() => setMode('view')} />}
      {me && mode === 'report' && <AvanceForm card={card} me={me} onSaved={changed} onCancel={() => setMode('view')} />}
      {me && mode === 'document' && <DocumentForm projectId={card.id} me={me} onSaved={changed} onCancel={() => setMode('view')} />}
      <h5>{t('seg.reports')}</h5>
      {reports.length === 0 ? <p className="muted small">{t('seg.noReports')}</p> : (
        <ol className="history-list seg-reports" data-testid="reports">
          {reports.map((r) => (
            <li key={r.id} data-testid="report">
              <span className="num">{date(r.fecha)}</span> <strong>{formatNumber(r.avance, 0, locale)} %</strong>
              {r.estatus ? <span className="muted small"> · {t(`status.${r.estatus}`)}</span> : null}
              <span className="muted small" data-testid="report-author"> · {r.autor ? t('seg.by', { autor: r.autor }) : t('seg.loaded')}</span>
              {r.nota ? <div className="small">{r.nota}</div> : null}
              {r.justificacion ? <div className="small">{t('seg.justification')}: {r.justificacion}</div> : null}
              {r.fotos.length > 0 && (
                <div className="seg-photos">
                  {r.fotos.map((f) => (
                    <a key={f.url} href={f.url} target="_blank" rel="noreferrer">
                      <img src={f.thumb_url} alt={t('seg.photo', { fecha: date(r.fecha) })} width={Math.round((f.ancho / Math.max(f.ancho, f.alto)) * 96)} height={Math.round((f.alto / Math.max(f.ancho, f.alto)) * 96)} loading="lazy" data-testid="report-photo" />
                    </a>
                  ))}
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
