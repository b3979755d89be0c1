import { useState } from 'react';
import { useApp } from '../stores/index.ts';
import { useT } from '../i18n/index.ts';
import { Search } from './Search.tsx';

/** Title, demo-data notice, search, language switch and the copy-link button. */
export function Header() {
  const t = useT();
  const dataset = useApp((s) => s.dataset);
  const lang = useApp((s) => s.lang);
  const setLang = useApp((s) => s.setLang);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
    } catch {
      // Clipboard denied (insecure context): the URL bar already holds the link.
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };
  return (
    <header className="header">
      <div className="brand">
        <h1>{t('app.title')}</h1>
        {dataset?.kind === 'demo' && (
          <span className="demo-badge" role="note" title={t('app.demoLong')} data-testid="demo-badge">{t('app.demo')}</span>
        )}
      </div>
      <Search />
      <div className="header-actions">
        <button type="button" onClick={copy} aria-live="polite" data-testid="copy-link">{copied ? t('app.linkCopied') : t('app.copyLink')}</button>
        <button type="button" onClick={() => setLang(lang === 'es' ? 'en' : 'es')} lang={lang === 'es' ? 'en' : 'es'} aria-label={t('app.language')}>{t('app.switchLang')}</button>
      </div>
    </header>
  );
}
