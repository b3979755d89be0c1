import { appStore } from '../stores/index.ts';
import { loadCatalogs } from '../stores/effects.ts';
import { useT } from '../i18n/index.ts';

/** Shown instead of a silent blank map when the server does not answer. */
export function ServerDown({ message }: { message: string }) {
  const t = useT();
  return (
    <div className="server-down" role="alert" data-testid="server-down">
      <h2>{t('app.serverDown')}</h2>
      <p>{t('app.serverDownHint')}</p>
      <p className="muted">{message}</p>
      <button type="button" onClick={() => void loadCatalogs(appStore)}>{t('app.retry')}</button>
    </div>
  );
}
