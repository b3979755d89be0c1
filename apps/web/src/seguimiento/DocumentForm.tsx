import { useState, type FormEvent } from 'react';
import { DOCUMENT_MAX_BYTES, DOCUMENT_TYPES } from '@sigmun/domain/seguimiento';
import { useT } from '../i18n/index.ts';
import { FormRefused, postDocument, type Me } from './api.ts';

/** Upload of a PDF to a project (title, type, date, file); the server checks the bytes and the size again. */
export function DocumentForm({ projectId, me, onSaved, onCancel }: { projectId: number; me: Me; onSaved: () => void; onCancel: () => void }) {
  const t = useT();
  const [titulo, setTitulo] = useState('');
  const [tipo, setTipo] = useState<string>('ficha');
  const [fecha, setFecha] = useState(new Date().toISOString().slice(0, 10));
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (titulo.trim().length < 3) return setError(t('seg.tooShort', { n: 3 }));
    if (!file) return setError(t('seg.doc.fileRequired'));
    if (file.size > DOCUMENT_MAX_BYTES) return setError(t('seg.doc.tooLarge', { mb: DOCUMENT_MAX_BYTES / 1048576 }));
    setBusy(true);
    try {
      await postDocument(projectId, { titulo: titulo.trim(), tipo, fecha }, file, me);
      onSaved();
    } catch (err) {
      setError(err instanceof FormRefused || err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="seg-editor" onSubmit={submit} noValidate data-testid="document-form">
      <label className="seg-field"><span>{t('seg.doc.title')}</span><input name="titulo" value={titulo} onChange={(e) => setTitulo(e.target.value)} /></label>
      <label className="seg-field"><span>{t('seg.doc.type')}</span>
        <select name="tipo" value={tipo} onChange={(e) => setTipo(e.target.value)}>
          {DOCUMENT_TYPES.map((d) => <option key={d} value={d}>{t(`seg.doc.t.${d}`)}</option>)}
        </select>
      </label>
      <label className="seg-field"><span>{t('seg.doc.date')}</span><input type="date" name="fecha" value={fecha} onChange={(e) => setFecha(e.target.value)} /></label>
      <label className="seg-field"><span>{t('seg.doc.file', { mb: DOCUMENT_MAX_BYTES / 1048576 })}</span>
        <input type="file" name="archivo" accept="application/pdf" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </label>
      {error && <p className="field-error" role="alert" data-testid="document-error">{error}</p>}
      <p className="seg-actions">
        <button type="submit" disabled={busy} data-testid="save-document">{busy ? t('seg.saving') : t('seg.doc.upload')}</button>
        <button type="button" onClick={onCancel}>{t('seg.cancel')}</button>
      </p>
    </form>
  );
}
