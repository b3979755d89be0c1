import { useEffect, useState, type FormEvent } from 'react';
import { fetchMe, signIn, signOut } from '../api/auth.ts';
import { useApp } from '../stores/index.ts';
import { useT } from '../i18n/index.ts';
import { useDialogFocus } from '../lib/dialog-focus.ts';

/** Header corner: who is signed in with a sign-out button (and the audit log for admin/planeacion), or "Iniciar sesión". */
export function AuthControls() {
  const t = useT();
  const me = useApp((s) => s.me);
  const setMe = useApp((s) => s.setMe);
  const setLoginOpen = useApp((s) => s.setLoginOpen);
  const setAuditOpen = useApp((s) => s.setAuditOpen);
  useEffect(() => {
    fetchMe().then(setMe, () => setMe(null));
  }, [setMe]);
  if (me === undefined) return null;
  if (!me) {
    return <button type="button" onClick={() => setLoginOpen(true)} data-testid="sign-in">{t('auth.signIn')}</button>;
  }
  const mayAudit = me.roles.includes('admin') || me.roles.includes('planeacion');
  return (
    <span className="auth-controls">
      <span className="small" data-testid="signed-in" title={me.email}>{t('auth.signedInAs', { name: me.nombre })}</span>
      {mayAudit && <button type="button" onClick={() => setAuditOpen(true)} data-testid="open-audit">{t('auth.audit')}</button>}
      <button type="button" data-testid="sign-out" onClick={() => signOut(me.csrf).then(() => setMe(null), () => fetchMe().then(setMe, () => setMe(null)))}>{t('auth.signOut')}</button>
    </span>
  );
}

/** The sign-in dialog (Spanish by default); the server's message is shown as is on failure (e.g. the 429). */
export function LoginDialog() {
  const t = useT();
  const open = useApp((s) => s.loginOpen);
  const setOpen = useApp((s) => s.setLoginOpen);
  const setMe = useApp((s) => s.setMe);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dialog = useDialogFocus<HTMLFormElement>(open, () => setOpen(false));
  if (!open) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setMe(await signIn(email, password));
      setPassword('');
      setOpen(false);
    } catch (err) {
      setError(t('auth.failed', { message: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="modal-backdrop" role="presentation">
      <form ref={dialog} className="modal login-dialog" role="dialog" aria-modal="true" aria-labelledby="login-title" onSubmit={submit} data-testid="login-dialog">
        <h2 id="login-title">{t('auth.title')}</h2>
        <p className="muted small">{t('auth.hint')}</p>
        <label>{t('auth.email')}<input type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} name="email" /></label>
        <label>{t('auth.password')}<input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} name="password" /></label>
        {error && <p className="error" role="alert" data-testid="login-error">{error}</p>}
        <div className="modal-actions">
          <button type="button" onClick={() => setOpen(false)}>{t('auth.cancel')}</button>
          <button type="submit" disabled={busy} data-testid="login-submit">{t('auth.submit')}</button>
        </div>
      </form>
    </div>
  );
}
