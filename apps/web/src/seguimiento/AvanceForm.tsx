import { useState } from 'react';
import type { ProjectCard } from '@sigmun/domain/projects';
import { PROJECT_STATUSES } from '@sigmun/domain/projects';
import { AVANCE_MAX_FOTOS, PHOTO_MAX_BYTES, avanceProblems, type Avance } from '@sigmun/domain/seguimiento';
import { useT } from '../i18n/index.ts';
import { FormRefused, postAvance, type Me } from './api.ts';

const FIELDS = ['fecha', 'avance', 'presupuesto_ejercido', 'estatus', 'nota', 'justificacion'] as const;
type Field = (typeof FIELDS)[number] | 'foto';
const todayMx = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Mexico_City' }).format(new Date());

/** A progress report: date, % avance, ejercido, estatus, note, justification and photos; the rules from packages/domain. */
export function AvanceForm({ card, me, onSaved, onCancel }: { card: ProjectCard; me: Me; onSaved: (a: Avance) => void; onCancel: () => void }) {
  const t = useT();
  const [v, setV] = useState<Record<(typeof FIELDS)[number], string>>({
    fecha: todayMx(), avance: String(card.avance), presupuesto_ejercido: String(card.presupuesto_ejercido), estatus: card.estatus, nota: '', justificacion: '',
  });
  const [photos, setPhotos] = useState<File[]>([]);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [busy, setBusy] = useState(false);
  const set = (k: (typeof FIELDS)[number]) => (ev: { target: { value: string } }) => setV((x) => ({ ...x, [k]: ev.target.value }));

  const check = (): Partial<Record<Field, string>> => {
    const e: Partial<Record<Field, string>> = {};
    if (!v.fecha) e.fecha = t('seg.required');
    for (const k of ['avance', 'presupuesto_ejercido'] as const) {
      if (!v[k].trim()) e[k] = t('seg.required');
      else if (!Number.isFinite(Number(v[k]))) e[k] = t('seg.notNumber');
    }
    if (!e.avance && (Number(v.avance) < 0 || Number(v.avance) > 100)) e.avance = t('seg.range', { min: 0, max: 100 });
    if (photos.length > AVANCE_MAX_FOTOS) e.foto = t('seg.tooManyPhotos', { n: AVANCE_MAX_FOTOS });
    const big = photos.find((p) => p.size > PHOTO_MAX_BYTES);
    if (big) e.foto = t('seg.photoTooBig', { name: big.name, mb: PHOTO_MAX_BYTES / 1048576 });
    if (Object.keys(e).length) return e;
    const last = card.progreso.at(-1);
    for (const p of avanceProblems(
      { fecha: v.fecha, avance: Number(v.avance), presupuesto_ejercido: Number(v.presupuesto_ejercido), estatus: v.estatus as Avance['estatus'] & string, nota: v.nota, justificacion: v.justificacion },
      { presupuesto_aprobado: card.presupuesto_aprobado, fecha_inicio: card.fecha_inicio?.slice(0, 10) ?? null, justificacion_sobreejercicio: card.justificacion_sobreejercicio },
      last ? { fecha: last.fecha.slice(0, 10), avance: last.avance } : null,
      todayMx(),
    )) e[p.field as Field] ??= t(`seg.rule.${p.code}`, p.params);
    return e;
  };

  const submit = async (ev: { preventDefault: () => void }) => {
    ev.preventDefault();
    const e = check();
    setErrors(e);
    if (Object.keys(e).length) return;
    setBusy(true);
    try {
      onSaved(await postAvance(card.id, v, photos, me));
    } catch (err) {
      if (err instanceof FormRefused) {
        const byField: Partial<Record<Field, string>> = {};
        for (const p of err.errores) byField[p.field as Field] ??= t(`seg.rule.${p.code}`, p.params);
        if (!err.errores.length) byField[(err.parameter ?? 'nota') as Field] = err.message;
        setErrors(byField);
      } else setErrors({ nota: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const field = (k: Field, input: React.ReactElement, label = t(`seg.f.${k}`)) => (
    <label className={`seg-field${errors[k] ? ' invalid' : ''}`} key={k}>
      <span>{label}</span>
      {input}
      {errors[k] && <span className="field-error" role="alert" data-testid={`error-${k}`}>{errors[k]}</span>}
    </label>
  );
  const over = Number(v.presupuesto_ejercido) > card.presupuesto_aprobado;
  return (
    <form className="seg-editor" onSubmit={submit} noValidate data-testid="avance-form">
      {field('fecha', <input type="date" name="fecha" value={v.fecha} onChange={set('fecha')} />)}
      {field('avance', <input name="avance" inputMode="decimal" value={v.avance} onChange={set('avance')} />)}
      {field('presupuesto_ejercido', <input name="presupuesto_ejercido" inputMode="decimal" value={v.presupuesto_ejercido} onChange={set('presupuesto_ejercido')} />)}
      {field('estatus', <select name="estatus" value={v.estatus} onChange={set('estatus')}>{PROJECT_STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}</select>)}
      {field('nota', <textarea name="nota" rows={2} value={v.nota} onChange={set('nota')} />)}
      {(over || v.justificacion) && field('justificacion', <textarea name="justificacion" rows={2} value={v.justificacion} onChange={set('justificacion')} />)}
      {field('foto', <input type="file" name="foto" accept="image/jpeg,image/png,image/webp,image/heic,image/avif" multiple onChange={(ev) => setPhotos([...(ev.target.files ?? [])])} />,
        t('seg.f.foto', { n: AVANCE_MAX_FOTOS, mb: PHOTO_MAX_BYTES / 1048576 }))}
      <p className="seg-actions">
        <button type="submit" disabled={busy} data-testid="save-avance">{busy ? t('seg.saving') : t('seg.save')}</button>
        <button type="button" onClick={onCancel}>{t('seg.cancel')}</button>
      </p>
    </form>
  );
}
