// The Tablero's atlas control (planeacion and admin): pick a kind of unit, start the atlas, follow its progress bar,
// download the PDF. The job runs on the server; its id is kept in sessionStorage, so a reload or a dropped
// connection picks the same job up again instead of starting another.
import { useEffect, useState } from 'react';
import { ATLAS_KINDS, type AtlasJob, type AtlasKind } from '@sigmun/domain/dashboard';
import { fetchAtlasJob, startAtlas } from '../api/atlas.ts';
import { useApp } from '../stores/index.ts';
import { useT } from '../i18n/index.ts';

const STORE_KEY = 'sigmun.atlas.job';
// How often the progress bar asks the server; the job itself does not depend on it.
const POLL_MS = 1000;

/** Atlas button, progress bar and download link; nothing for visitors and roles that may not start one. */
export function AtlasControl() {
  const t = useT();
  const me = useApp((s) => s.me);
  const lang = useApp((s) => s.lang);
  const [tipo, setTipo] = useState<AtlasKind>('colonia');
  const [job, setJob] = useState<AtlasJob | null>(null);
  const [error, setError] = useState<string | null>(null);
  const allowed = !!me && (me.roles.includes('planeacion') || me.roles.includes('admin'));

  // A job started before a reload is followed again.
  useEffect(() => {
    if (!allowed || job) return;
    const id = sessionStorage.getItem(STORE_KEY);
    if (id) fetchAtlasJob(id).then(setJob, () => sessionStorage.removeItem(STORE_KEY));
  }, [allowed]);

  const running = job?.estado === 'en_cola' || job?.estado === 'generando';
  // While the job runs, ask again POLL_MS after each answer (also when nothing changed: a ficha can take seconds).
  useEffect(() => {
    if (!job || !running) return;
    const ctrl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () => {
      timer = setTimeout(() => {
        fetchAtlasJob(job.id, ctrl.signal).then(
          (j) => {
            setJob(j);
            if (j.estado === 'en_cola' || j.estado === 'generando') poll();
          },
          (e: Error) => {
            if (e.name !== 'AbortError') setError(e.message);
          },
        );
      }, POLL_MS);
    };
    poll();
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [job?.id, running]);

  if (!allowed) return null;
  const start = () => {
    setError(null);
    startAtlas(tipo, 'a4', lang === 'en' ? 'en' : 'es', me!.csrf).then((j) => {
      sessionStorage.setItem(STORE_KEY, j.id);
      setJob(j);
    }, (e: Error) => setError(e.message));
  };
  return (
    <fieldset className="dash-atlas" data-testid="atlas">
      <legend>{t('tablero.atlas')}</legend>
      <label>
        {t('atlas.kind')}{' '}
        <select value={tipo} onChange={(e) => setTipo(e.target.value as AtlasKind)} disabled={running} data-testid="atlas-kind">
          {ATLAS_KINDS.map((k) => <option key={k} value={k}>{t(`tablero.kind.${k}`)}</option>)}
        </select>
      </label>{' '}
      <button type="button" onClick={start} disabled={running} data-testid="atlas-start">
        {t('tablero.atlasStart', { kind: t(`tablero.kind.${tipo}`) })}
      </button>
      {job && running && (
        <p role="status" data-testid="atlas-progress">
          <progress max={Math.max(job.total, 1)} value={job.hechas} aria-label={t('atlas.progressLabel')} />{' '}
          {t('tablero.atlasProgress', { done: job.hechas, total: job.total || '…' })}
        </p>
      )}
      {job?.estado === 'listo' && job.url && (
        <p role="status">
          <a className="button" href={job.url} download data-testid="atlas-download">{t('tablero.atlasReady')}</a>{' '}
          <span className="muted">{t(`tablero.kind.${job.tipo}`)}{job.cache ? ` · ${t('atlas.cached')}` : ''}</span>
        </p>
      )}
      {(error || job?.estado === 'error') && (
        <p className="error" role="alert">{t('tablero.atlasError', { error: error ?? job?.error ?? '' })}</p>
      )}
    </fieldset>
  );
}
