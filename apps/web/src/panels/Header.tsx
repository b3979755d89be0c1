import { useState } from 'react';
import { useApp } from '../stores/index.ts';
import { useT } from '../i18n/index.ts';
import { Search } from './Search.tsx';
import { AuthControls } from './AuthControls.tsx';
import { EmbedButton } from './EmbedDialog.tsx';

/** Title, demo-data notice, search, language switch, the copy-link button and Insertar (the <iframe> code). */
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
        {/* The IMPLAN's site home (the map lives at /mapa). */}
        <h1><a className="home-link" href={lang === 'en' ? '/?lang=en' : '/'} title={t('app.home')}>{t('app.title')}</a></h1>
        {dataset?.kind === 'demo' && (
          <span className="demo-badge" role="note" title={t('app.demoLong')} data-testid="demo-badge">
            <span className="wide-only">{t('app.demo')}</span>
            <span className="narrow-only">{t('app.demoShort')}</span>
          </span>
        )}
      </div>
      <Search />
      <div className="header-actions">
        <AuthControls />
        <button type="button" onClick={copy} aria-live="polite" aria-label={copied ? t('app.linkCopied') : t('app.copyLink')} title={t('app.copyLink')} data-testid="copy-link">
          <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden focusable="false" className="narrow-only">
            <path d="M10 14a5 5 0 0 0 7 0l3-3a5 5 0 0 0-7-7l-1 1m2 5a5 5 0 0 0-7 0l-3 3a5 5 0 0 0 7 7l1-1" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
          </svg>
          <span className="wide-only">{copied ? t('app.linkCopied') : t('app.copyLink')}</span>
        </button>
        <EmbedButton />
        <button type="button" onClick={() => setLang(lang === 'es' ? 'en' : 'es')} lang={lang === 'es' ? 'en' : 'es'} title={t('app.language')} data-testid="switch-lang">
          <span className="wide-only">{t('app.switchLang')}</span>
          <span className="narrow-only">{t('app.switchLangShort')}</span>
        </button>
      </div>
    </header>
  );
}
