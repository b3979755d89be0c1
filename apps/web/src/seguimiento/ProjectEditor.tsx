import { useEffect, useRef, useState, type ReactElement } from 'react';
import type { EjeTree, ProjectCard } from '@sigmun/domain/projects';
import { PROJECT_STATUSES } from '@sigmun/domain/projects';
import { projectProblems, type ProjectInput } from '@sigmun/domain/seguimiento';
import { useT } from '../i18n/index.ts';
import { getMapInstance } from '../map/instance.ts';
import { fetchEjes, FormRefused, saveProject, type Me } from './api.ts';
import { startDrawing, type DrawKind, type DrawSession, type Geometry } from './draw.ts';

type Form = Record<Exclude<keyof ProjectInput, 'geometry' | 'version'>, string>;
const FIELDS: Array<keyof Form> = ['clave', 'nombre', 'descripcion', 'programa_id', 'dependencia', 'estatus', 'avance', 'presupuesto_aprobado',
  'presupuesto_ejercido', 'justificacion_sobreejercicio', 'fecha_inicio', 'fecha_fin', 'anio', 'cve_col'];
const NUMERIC = new Set<keyof Form>(['programa_id', 'avance', 'presupuesto_aprobado', 'presupuesto_ejercido', 'anio']);

/** The form's text values of a card. */
function formOf(c: ProjectCard): Form {
  const s = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  return {
    clave: c.clave, nombre: c.nombre, descripcion: s(c.descripcion), programa_id: String(c.programa.id), dependencia: c.dependencia, estatus: c.estatus,
    avance: String(c.avance), presupuesto_aprobado: String(c.presupuesto_aprobado), presupuesto_ejercido: String(c.presupuesto_ejercido),
    justificacion_sobreejercicio: s(c.justificacion_sobreejercicio), fecha_inicio: s(c.fecha_inicio).slice(0, 10), fecha_fin: s(c.fecha_fin).slice(0, 10),
    anio: String(c.anio), cve_col: s(c.cve_col),
  };
}

/** The form of a new project: planned, no progress, this year, the user's first dependencia. */
function blankForm(me: Me): Form {
  return {
    clave: '', nombre: '', descripcion: '', programa_id: '', dependencia: me.dependencias[0] ?? '', estatus: 'planeado', avance: '0',
    presupuesto_aprobado: '', presupuesto_ejercido: '0', justificacion_sobreejercicio: '', fecha_inicio: '', fecha_fin: '',
    anio: String(new Date().getFullYear()), cve_col: '',
  };
}

type Errors = Partial<Record<keyof Form | 'geometry', string>>;

/** Field checks of the form, worded by the catalog (the same rules the server applies, from packages/domain). */
function check(f: Form, t: ReturnType<typeof useT>): Errors {
  const e: Errors = {};
  for (const k of ['clave', 'nombre', 'programa_id', 'dependencia', 'estatus', 'avance', 'presupuesto_aprobado', 'presupuesto_ejercido', 'anio'] as const) {
    if (!f[k].trim()) e[k] = t('seg.required');
  }
  for (const k of NUMERIC) if (f[k].trim() && !Number.isFinite(Number(f[k]))) e[k] = t('seg.notNumber');
  if (!e.nombre && f.nombre.trim().length < 3) e.nombre = t('seg.tooShort', { n: 3 });
  if (!e.avance && (Number(f.avance) < 0 || Number(f.avance) > 100)) e.avance = t('seg.range', { min: 0, max: 100 });
  if (Object.keys(e).length) return e;
  for (const p of projectProblems({
    estatus: f.estatus as ProjectInput['estatus'], avance: Number(f.avance), presupuesto_aprobado: Number(f.presupuesto_aprobado),
    presupuesto_ejercido: Number(f.presupuesto_ejercido), justificacion_sobreejercicio: f.justificacion_sobreejercicio || null,
    fecha_inicio: f.fecha_inicio || null, fecha_fin: f.fecha_fin || null,
  })) e[p.field as keyof Form] ??= t(`seg.rule.${p.code}`, p.params);
  return e;
}

/** The body the server expects, from the form's text. */
function inputOf(f: Form, geometry: Geometry, version: number | null): ProjectInput {
  const n = (s: string) => Number(s);
  const o = (s: string) => (s.trim() ? s.trim() : null);
  return {
    clave: f.clave.trim(), nombre: f.nombre.trim(), descripcion: o(f.descripcion), programa_id: n(f.programa_id), dependencia: f.dependencia.trim(),
    estatus: f.estatus as ProjectInput['estatus'], avance: n(f.avance), presupuesto_aprobado: n(f.presupuesto_aprobado), presupuesto_ejercido: n(f.presupuesto_ejercido),
    justificacion_sobreejercicio: o(f.justificacion_sobreejercicio), fecha_inicio: o(f.fecha_inicio), fecha_fin: o(f.fecha_fin), anio: n(f.anio),
    cve_col: o(f.cve_col), geometry, ...(version !== null ? { version } : {}),
  };
}

/**
 * Edit form of a project (or, with `card` null, of a new one): fields with their messages, drawing on the map, save
 * with the version (409 → current values).
 */
export function ProjectEditor({ card, me, onSaved, onCancel }: { card: ProjectCard | null; me: Me; onSaved: (c: ProjectCard) => void; onCancel: () => void }) {
  const t = useT();
  const [form, setForm] = useState<Form>(() => (card ? formOf(card) : blankForm(me)));
  const [geometry, setGeometry] = useState<Geometry | null>(card ? (card.geometry as Geometry) : null);
  const [drawn, setDrawn] = useState<string | null>(null);
  const [version, setVersion] = useState(card?.version ?? null);
  const [errors, setErrors] = useState<Errors>({});
  const [conflict, setConflict] = useState<ProjectCard | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [ejes, setEjes] = useState<EjeTree['ejes']>([]);
  const session = useRef<DrawSession | null>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    fetchEjes(ctrl.signal).then((r) => setEjes(r.ejes), () => {});
    return () => {
      ctrl.abort();
      session.current?.stop();
    };
  }, []);

  const set = (k: keyof Form) => (ev: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: ev.target.value }));
  const draw = (kind: DrawKind) => {
    const map = getMapInstance();
    if (!map) return;
    session.current?.stop();
    setDrawn(null);
    session.current = startDrawing(map, kind, (g) => {
      setGeometry(g);
      setDrawn(g.type);
    });
  };

  const submit = async (ev: { preventDefault: () => void }) => {
    ev.preventDefault();
    setMessage(null);
    const e: Errors = check(form, t);
    if (!geometry) e.geometry = t('seg.geometryRequired');
    setErrors(e);
    if (Object.keys(e).length || !geometry) return;
    setBusy(true);
    try {
      const r = await saveProject(card?.id ?? null, inputOf(form, geometry, null), version, me);
      if (!r.ok) {
        setConflict(r.actual);
        return;
      }
      session.current?.stop();
      session.current = null;
      setConflict(null);
      setMessage(t('seg.saved'));
      onSaved(r.card);
    } catch (err) {
      if (err instanceof FormRefused) {
        const byField: Errors = {};
        for (const p of err.errores) byField[p.field as keyof Form] ??= t(`seg.rule.${p.code}`, p.params);
        if (!err.errores.length) byField[(err.parameter ?? 'nombre') as keyof Form] = err.message;
        setErrors(byField);
      } else setMessage((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const current = conflict ? formOf(conflict) : null;
  const field = (k: keyof Form, input: ReactElement) => (
    <label className={`seg-field${errors[k] ? ' invalid' : ''}`} key={k}>
      <span>{t(`seg.f.${k}`)}</span>
      {input}
      {errors[k] && <span className="field-error" role="alert" data-testid={`error-${k}`}>{errors[k]}</span>}
      {current && current[k] !== form[k] && <span className="field-current" data-testid={`current-${k}`}>{t('seg.current', { v: current[k] || '—' })}</span>}
    </label>
  );
  const over = Number(form.presupuesto_ejercido) > Number(form.presupuesto_aprobado);
  return (
    <form className="seg-editor" onSubmit={submit} noValidate data-testid="project-editor">
      {conflict && (
        <div className="seg-conflict" role="alert" data-testid="conflict">
          <p>{t('seg.conflict')}</p>
          <button type="button" onClick={() => { setForm(formOf(conflict)); setGeometry(conflict.geometry as Geometry); setVersion(conflict.version); setConflict(null); }}>{t('seg.useCurrent')}</button>
        </div>
      )}
      {field('clave', <input value={form.clave} onChange={set('clave')} name="clave" />)}
      {field('nombre', <input value={form.nombre} onChange={set('nombre')} name="nombre" />)}
      {field('descripcion', <textarea value={form.descripcion} onChange={set('descripcion')} name="descripcion" rows={2} />)}
      {field('programa_id', (
        <select value={form.programa_id} onChange={set('programa_id')} name="programa_id">
          {ejes.length === 0 && card && <option value={form.programa_id}>{card.programa.clave} — {card.programa.nombre}</option>}
          {!form.programa_id && <option value="">{t('seg.choose')}</option>}
          {ejes.map((e) => (
            <optgroup key={e.id} label={e.nombre}>
              {e.programas.map((p) => <option key={p.id} value={p.id}>{p.clave} — {p.nombre}</option>)}
            </optgroup>
          ))}
        </select>
      ))}
      {field('dependencia', me.roles.some((r) => r === 'admin' || r === 'planeacion')
        ? <input value={form.dependencia} onChange={set('dependencia')} name="dependencia" />
        : <select value={form.dependencia} onChange={set('dependencia')} name="dependencia">{[...new Set([...(card ? [card.dependencia] : []), ...me.dependencias])].map((d) => <option key={d}>{d}</option>)}</select>)}
      {field('estatus', <select value={form.estatus} onChange={set('estatus')} name="estatus">{PROJECT_STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}</select>)}
      {field('avance', <input value={form.avance} onChange={set('avance')} name="avance" inputMode="decimal" />)}
      {field('presupuesto_aprobado', <input value={form.presupuesto_aprobado} onChange={set('presupuesto_aprobado')} name="presupuesto_aprobado" inputMode="decimal" />)}
      {field('presupuesto_ejercido', <input value={form.presupuesto_ejercido} onChange={set('presupuesto_ejercido')} name="presupuesto_ejercido" inputMode="decimal" />)}
      {(over || form.justificacion_sobreejercicio) && field('justificacion_sobreejercicio', <textarea value={form.justificacion_sobreejercicio} onChange={set('justificacion_sobreejercicio')} name="justificacion_sobreejercicio" rows={2} />)}
      {field('fecha_inicio', <input type="date" value={form.fecha_inicio} onChange={set('fecha_inicio')} name="fecha_inicio" />)}
      {field('fecha_fin', <input type="date" value={form.fecha_fin} onChange={set('fecha_fin')} name="fecha_fin" />)}
      {field('anio', <input value={form.anio} onChange={set('anio')} name="anio" inputMode="numeric" />)}
      {field('cve_col', <input value={form.cve_col} onChange={set('cve_col')} name="cve_col" />)}
      <fieldset className={`seg-field${errors.geometry ? ' invalid' : ''}`}>
        <legend>{t('seg.f.geometry')}</legend>
        <button type="button" onClick={() => draw('polygon')} data-testid="draw-polygon">{t('seg.draw.polygon')}</button>
        <button type="button" onClick={() => draw('linestring')}>{t('seg.draw.line')}</button>
        <button type="button" onClick={() => draw('point')}>{t('seg.draw.point')}</button>
        <p className="muted small">{drawn ? t('seg.draw.done', { tipo: drawn }) : t('seg.draw.hint')}</p>
        {errors.geometry && <span className="field-error" role="alert" data-testid="error-geometry">{errors.geometry}</span>}
      </fieldset>
      <p className="seg-actions">
        <button type="submit" disabled={busy} data-testid="save-project">{busy ? t('seg.saving') : t('seg.save')}</button>
        <button type="button" onClick={() => { session.current?.stop(); onCancel(); }}>{t('seg.cancel')}</button>
      </p>
      {message && <p className="small" role="status">{message}</p>}
    </form>
  );
}
