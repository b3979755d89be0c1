import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/index.ts';
import { embedSnippet } from '../lib/embed.ts';

/** "Insertar": the <iframe> code of the current view to copy into another page; Escape or Cerrar returns focus. */
export function EmbedButton() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const code = useRef<HTMLTextAreaElement>(null);
  // Read when opened: the hash is the permalink of what the map shows now.
  const [snippet, setSnippet] = useState('');
  const show = () => {
    setSnippet(embedSnippet(window.location.origin, window.location.hash, t('desk.embed.frameTitle')));
    setCopied(false);
    setOpen(true);
  };
  const close = () => {
    setOpen(false);
    opener.current?.focus();
  };
  useEffect(() => {
    if (open) code.current?.select();
  }, [open]);
  const copy = async () => {
    code.current?.select();
    try {
      await navigator.clipboard.writeText(snippet);
    } catch {
      // Clipboard denied (insecure context): the code stays selected for Ctrl+C.
    }
    setCopied(true);
  };
  return (
    <>
      <button type="button" ref={opener} onClick={() => (open ? close() : show())} aria-expanded={open} aria-label={t('desk.embed.button')} title={t('desk.embed.title')} data-testid="embed-open">
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden focusable="false" className="narrow-only">
          <path d="M8 7l-5 5 5 5M16 7l5 5-5 5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
        <span className="wide-only">{t('desk.embed.button')}</span>
      </button>
      {open && (
        <div className="embed-dialog" role="dialog" aria-label={t('desk.embed.title')} onKeyDown={(e) => e.key === 'Escape' && close()} data-testid="embed-dialog">
          <h2>{t('desk.embed.title')}</h2>
          <p className="small">{t('desk.embed.hint')}</p>
          <label className="field">
            <span>{t('desk.embed.code')}</span>
            <textarea ref={code} readOnly rows={4} value={snippet} data-testid="embed-code" />
          </label>
          <div className="row">
            <button type="button" onClick={copy} data-testid="embed-copy">{copied ? t('desk.embed.copied') : t('desk.embed.copy')}</button>
            <button type="button" onClick={close}>{t('app.close')}</button>
          </div>
        </div>
      )}
    </>
  );
}
