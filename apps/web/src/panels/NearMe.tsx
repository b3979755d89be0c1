import { useApp } from '../stores/index.ts';
import { useLocale, useT } from '../i18n/index.ts';
import { formatDistance } from '../lib/geo.ts';

/** Cerca de mí: origin from geolocation, search or a click; radius or walking minutes; nearest projects first. */
export default function NearMe() {
  const t = useT();
  const locale = useLocale();
  const near = useApp((s) => s.near);
  const results = useApp((s) => s.nearResults);
  const status = useApp((s) => s.nearStatus);
  const error = useApp((s) => s.nearError);
  const hovered = useApp((s) => s.hoveredProject);
  const setNear = useApp((s) => s.setNear);
  const hover = useApp((s) => s.hoverProject);
  const fly = useApp((s) => s.requestFly);
  const startTool = useApp((s) => s.startTool);
  const tool = useApp((s) => s.tool);
  const notify = useApp((s) => s.notify);
  const select = useApp((s) => s.select);
  const openPanel = useApp((s) => s.openPanel);

  const locate = () => {
    if (!navigator.geolocation) return notify(t('near.geoDenied'));
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setNear({ lon: p.coords.longitude, lat: p.coords.latitude, source: 'geolocation' });
        fly({ center: [p.coords.longitude, p.coords.latitude], zoom: 15 });
      },
      () => notify(t('near.geoDenied')),
      { enableHighAccuracy: true, timeout: 10000 },
    );
  };
  const walking = !!near?.minutes;
  return (
    <div className="near-panel">
      <p className="muted">{t('near.hint')}</p>
      <div className="row">
        <button type="button" onClick={locate} data-testid="near-locate">{t('near.useLocation')}</button>
        <button type="button" onClick={() => startTool(tool?.kind === 'pick-near' ? null : 'pick-near')} aria-pressed={tool?.kind === 'pick-near'}>{t('near.pickOnMap')}</button>
        {near && <button type="button" onClick={() => setNear(null)}>{t('near.clear')}</button>}
      </div>
      {tool?.kind === 'pick-near' && <p role="status">{t('near.picking')}</p>}
      {near && (
        <>
          <fieldset className="segmented">
            <label><input type="radio" name="near-mode" checked={!walking} onChange={() => setNear({ minutes: null })} /> {t('near.byRadius')}</label>
            <label><input type="radio" name="near-mode" checked={walking} onChange={() => setNear({ minutes: 10 })} /> {t('near.byWalk')}</label>
          </fieldset>
          {walking ? (
            <label className="field">
              <span>{t('near.minutes', { n: near.minutes ?? 10 })}</span>
              <input type="range" min={5} max={30} step={5} value={near.minutes ?? 10} onChange={(e) => setNear({ minutes: Number(e.target.value) })} />
            </label>
          ) : (
            <label className="field">
              <span>{t('near.radius', { value: formatDistance(near.radiusM, locale) })}</span>
              <input type="range" min={100} max={5000} step={100} value={near.radiusM} onChange={(e) => setNear({ radiusM: Number(e.target.value) })} data-testid="near-radius" />
            </label>
          )}
          <h3>{t('near.results')}</h3>
          {status === 'loading' && <p className="muted" aria-live="polite">{t('app.loading')}</p>}
          {status === 'error' && <p className="error" role="alert">{walking ? t('near.walkUnavailable', { message: error ?? '' }) : t('app.error', { message: error ?? '' })}</p>}
          {status === 'ready' && results.length === 0 && <p className="muted">{t('near.none')}</p>}
          <ol className="near-list" data-testid="near-list">
            {results.map((r) => (
              <li key={r.id} className={r.id === hovered ? 'hovered' : ''} onMouseEnter={() => hover(r.id)} onMouseLeave={() => hover(null)} data-distance={r.distanceM} data-walk={r.walkMin ?? ''} data-id={r.id}>
                <button
                  type="button"
                  onFocus={() => hover(r.id)}
                  onClick={() => {
                    fly({ center: [r.lon, r.lat], zoom: 17 });
                    select({ layer: 'proyectos', id: String(r.id), properties: null });
                    openPanel('info');
                  }}
                >
                  <span className="near-name">{r.name}</span>
                  <span className="near-meta">{walking && r.walkMin !== null ? t('defects.walkMinutes', { n: Math.max(1, Math.round(r.walkMin)) }) : formatDistance(r.distanceM, locale)} · {t(`status.${r.status}`)}</span>
                </button>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
