// The section pages' bodies: the editors' text (sanitised Markdown) followed by the section's own data.
import type { DataOf, PageVersionT, Section } from '@sigmun/domain/portal';
import { mapUrl } from '@sigmun/domain/portal';
import type { DashboardSummary } from '@sigmun/domain/dashboard';
import type { EjeTree, ProjectSummary } from '@sigmun/domain/projects';
import type { Process, ZoneResult } from '@sigmun/domain/participation';
import type { LibraryDocument } from '../repositories/portal.ts';
import type { PageContext } from './layout.tsx';
import { renderMarkdown } from './markdown.ts';
import { EditLinks } from './editor.tsx';

/** Everything a section may show; each section reads its own part. */
export interface SectionData {
  page: PageVersionT | null;
  consejo?: DataOf['consejo'];
  organigrama?: DataOf['organigrama'];
  normativa?: DataOf['normativa'];
  ejes?: EjeTree['ejes'];
  projects?: ProjectSummary[];
  summary?: DashboardSummary | null;
  processes?: Array<Process & { zonas_resultados: ZoneResult[] }>;
  library?: {
    filters: { q: string; tipo: string; anio: string; dependencia: string; colonia: string; pagina: number };
    facets: { tipos: string[]; anios: number[]; dependencias: string[]; colonias: Array<{ clave: string; nombre: string }> };
    total: number; items: LibraryDocument[]; pageSize: number;
  };
}

/** The editors' Markdown of a page, sanitised. */
export function Prose({ page }: { page: PageVersionT | null }) {
  if (!page) return null;
  return <div className="prose" dangerouslySetInnerHTML={{ __html: renderMarkdown(page.markdown) }} />;
}

const mapHref = (ctx: PageContext, hash: string) => mapUrl('', ctx.lang === 'en' ? `${hash}&lang=en` : hash);

function Consejo({ ctx, d }: { ctx: PageContext; d: DataOf['consejo'] }) {
  const { t } = ctx;
  return (
    <>
      <h2>{t('consejo.miembros')}</h2>
      <div className="table-wrap"><table>
        <thead><tr><th scope="col">{t('consejo.nombre')}</th><th scope="col">{t('consejo.cargo')}</th><th scope="col">{t('consejo.sector')}</th></tr></thead>
        <tbody>{d.miembros.map((m, i) => <tr key={i}><td>{m.nombre}</td><td>{m.cargo}</td><td>{m.sector}</td></tr>)}</tbody>
      </table></div>
      <h2>{t('consejo.atribuciones')}</h2>
      <ol>{d.atribuciones.map((a, i) => <li key={i}>{a}</li>)}</ol>
      <h2>{t('consejo.sesiones')}</h2>
      <div className="table-wrap"><table>
        <thead><tr><th scope="col">{t('consejo.fecha')}</th><th scope="col">{t('consejo.sesion')}</th><th scope="col">{t('consejo.acta')}</th></tr></thead>
        <tbody>{[...d.sesiones].sort((a, b) => b.fecha.localeCompare(a.fecha)).map((s) => (
          <tr key={s.clave}>
            <td><time dateTime={s.fecha}>{s.fecha}</time></td>
            <td>{s.titulo} <span className="chip">{t(`consejo.${s.tipo}`)}</span></td>
            <td>{s.acta_url ? <a href={s.acta_url}>{t('consejo.verActa')}<span className="small muted"> · {s.titulo}</span></a> : '—'}</td>
          </tr>
        ))}</tbody>
      </table></div>
    </>
  );
}

type Unit = DataOf['organigrama']['unidades'][number];

function OrgBranch({ ctx, units, parent }: { ctx: PageContext; units: Unit[]; parent: string | null }) {
  const children = units.filter((u) => u.depende_de === parent);
  if (!children.length) return null;
  return (
    <ul>
      {children.map((u) => (
        <li key={u.clave}>
          <span className="unit"><strong>{u.nombre}</strong><span className="small">{ctx.t('estructura.titular', { nombre: u.titular })}</span></span>
          <OrgBranch ctx={ctx} units={units} parent={u.clave} />
        </li>
      ))}
    </ul>
  );
}

function Organigrama({ ctx, d }: { ctx: PageContext; d: DataOf['organigrama'] }) {
  const known = new Set(d.unidades.map((u) => u.clave));
  // A unit whose superior is not in the list is drawn at the top rather than lost.
  const units = d.unidades.map((u) => (u.depende_de && !known.has(u.depende_de) ? { ...u, depende_de: null } : u));
  return (
    <section aria-labelledby="org-h">
      <h2 id="org-h">{ctx.t('estructura.chart')}</h2>
      <div className="org"><OrgBranch ctx={ctx} units={units} parent={null} /></div>
    </section>
  );
}

function Normativa({ ctx, d }: { ctx: PageContext; d: DataOf['normativa'] }) {
  const { t } = ctx;
  return (
    <div className="table-wrap"><table>
      <thead><tr><th scope="col">{t('norma.nombre')}</th><th scope="col">{t('norma.tipo')}</th><th scope="col">{t('norma.ambito')}</th><th scope="col">{t('norma.fecha')}</th><th scope="col">{t('norma.documento')}</th></tr></thead>
      <tbody>{d.instrumentos.map((n, i) => (
        <tr key={i}><td>{n.nombre}</td><td>{t(`norma.t.${n.tipo}`)}</td><td>{t(`norma.a.${n.ambito}`)}</td><td><time dateTime={n.fecha}>{n.fecha}</time></td>
          <td><a href={n.url}>{t('norma.ver')}<span className="small muted"> · {n.nombre}</span></a></td></tr>
      ))}</tbody>
    </table></div>
  );
}

function Planeacion({ ctx, ejes, projects }: { ctx: PageContext; ejes: EjeTree['ejes']; projects: ProjectSummary[] }) {
  const { t } = ctx;
  return (
    <>
      <h2>{t('plan.ejes')}</h2>
      {ejes.map((e) => (
        <section className="card" key={e.id} aria-labelledby={`eje-${e.id}`} style={{ borderLeft: `6px solid ${e.color}`, marginBottom: 12 }}>
          <h3 id={`eje-${e.id}`}>{e.nombre}</h3>
          <p className="small">{e.descripcion} · {t('plan.nProyectos', { n: e.proyectos })}</p>
          <p><a className="button" href={mapHref(ctx, `eje=${e.id}&panel=proyectos`)} data-eje={e.id}>{t('plan.verEje')}<span className="small"> · {e.nombre}</span></a></p>
          {e.programas.map((pg) => {
            const list = projects.filter((p) => p.programa.id === pg.id);
            return (
              <details key={pg.id}>
                <summary>{t('plan.programa', { nombre: pg.nombre })} ({t('plan.nProyectos', { n: pg.proyectos })})</summary>
                <p><a href={mapHref(ctx, `prog=${pg.id}&panel=proyectos`)}>{t('plan.verPrograma')}<span className="small muted"> · {pg.nombre}</span></a></p>
                <ul>{list.map((p) => <li key={p.id}>{p.nombre} <span className="chip">{t(`estatus.${p.estatus}`)}</span> <span className="small muted">{p.avance} % · {p.dependencia}</span></li>)}</ul>
              </details>
            );
          })}
        </section>
      ))}
    </>
  );
}

/** Money in the page's locale, whole pesos. */
const money = (ctx: PageContext, v: number) => new Intl.NumberFormat(ctx.locale, { style: 'currency', currency: 'MXN', maximumFractionDigits: 0 }).format(v);

/** Project counts by status (the dashboard's own figures); used by the home and the follow-up page. */
export function StatusList({ ctx, summary }: { ctx: PageContext; summary: DashboardSummary }) {
  return (
    <ul>{summary.proyectos.por_estatus.map((s) => <li key={s.estatus}>{ctx.t(`estatus.${s.estatus}`)}: <strong>{s.proyectos}</strong></li>)}</ul>
  );
}

function Seguimiento({ ctx, s }: { ctx: PageContext; s: DashboardSummary }) {
  const { t } = ctx;
  return (
    <>
      <h2>{t('seg.resumen')}</h2>
      <ul className="cards">
        <li className="card"><h3>{t('home.projects')}</h3><p className="figure">{t('home.projectsTotal', { n: s.proyectos.total })}</p><StatusList ctx={ctx} summary={s} /></li>
        <li className="card"><h3>{t('seg.presupuesto')}</h3><p className="figure">{money(ctx, s.proyectos.presupuesto_aprobado)}</p>
          <p>{t('seg.ejercido')}: {money(ctx, s.proyectos.presupuesto_ejercido)}</p>
          <p>{t('seg.avance')}: {s.proyectos.avance_promedio ?? '—'} %</p></li>
        <li className="card"><h3>{t('seg.porEje')}</h3><ul>{s.graficas.eje.map((e) => <li key={e.clave}>{e.nombre}: {e.proyectos}</li>)}</ul></li>
      </ul>
      <p><a className="button" href={mapHref(ctx, 'panel=tablero')}>{t('seg.tablero')}</a></p>
    </>
  );
}

function Participacion({ ctx, processes }: { ctx: PageContext; processes: NonNullable<SectionData['processes']> }) {
  const { t } = ctx;
  return (
    <>
      <h2>{t('part.procesos')}</h2>
      {processes.map((p) => (
        <section className="card" key={p.id} aria-labelledby={`pp-${p.id}`} style={{ marginBottom: 12 }}>
          <h3 id={`pp-${p.id}`}>{p.nombre}</h3>
          <p className="small">{p.fecha_inicio && p.fecha_fin ? t('part.fechas', { inicio: p.fecha_inicio, fin: p.fecha_fin }) : p.anio} · {t('part.zonas', { n: p.zonas })} · {t('part.propuestas', { n: p.propuestas })}</p>
          {p.descripcion && <p>{p.descripcion}</p>}
          {p.zonas_resultados.some((z) => z.participantes !== null) ? (
            <details>
              <summary>{t('part.resultados')}</summary>
              <div className="table-wrap"><table>
                <thead><tr><th scope="col">{t('part.zona')}</th><th scope="col">{t('part.participacion')}</th><th scope="col">{t('part.ganadora')}</th></tr></thead>
                <tbody>{p.zonas_resultados.map((z) => (
                  <tr key={z.zone_id}><td>{z.nombre}</td><td>{z.participacion ?? '—'} %</td><td>{z.ganadora?.titulo ?? '—'}</td></tr>
                ))}</tbody>
              </table></div>
            </details>
          ) : <p className="muted">{t('part.sinResultados')}</p>}
          <p><a href={mapHref(ctx, `pp=${p.id}:participation&panel=participacion`)}>{t('part.verMapa')}<span className="small muted"> · {p.nombre}</span></a></p>
        </section>
      ))}
    </>
  );
}

function Documentos({ ctx, lib }: { ctx: PageContext; lib: NonNullable<SectionData['library']> }) {
  const { t } = ctx;
  const f = lib.filters;
  const select = (name: keyof typeof f, label: string, options: Array<{ value: string; label: string }>) => (
    <div>
      <label htmlFor={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} name={name} defaultValue={String(f[name])}>
        <option value="">{t('doc.todos')}</option>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </div>
  );
  const pages = Math.max(1, Math.ceil(lib.total / lib.pageSize));
  const query = { q: f.q, tipo: f.tipo, anio: f.anio, dependencia: f.dependencia, colonia: f.colonia };
  return (
    <>
      <form className="filters" method="get" action="/documentos" role="search">
        {ctx.lang === 'en' && <input type="hidden" name="lang" value="en" />}
        <div><label htmlFor="f-q">{t('doc.texto')}</label><input id="f-q" type="search" name="q" defaultValue={f.q} /></div>
        {select('tipo', t('doc.tipo'), lib.facets.tipos.map((v) => ({ value: v, label: v })))}
        {select('anio', t('doc.anio'), lib.facets.anios.map((v) => ({ value: String(v), label: String(v) })))}
        {select('dependencia', t('doc.dependencia'), lib.facets.dependencias.map((v) => ({ value: v, label: v })))}
        {select('colonia', t('doc.area'), lib.facets.colonias.map((c) => ({ value: c.clave, label: c.nombre })))}
        <div><button type="submit">{t('doc.buscar')}</button></div>
      </form>
      <p role="status">{t('doc.resultados', { n: lib.total })}</p>
      {lib.items.length === 0 ? <p>{t('doc.ninguno')}</p> : (
        <ul className="doc-list">{lib.items.map((d) => (
          <li key={d.id}>
            <a href={d.url}>{d.titulo}</a> <span className="chip">{d.tipo}</span>
            <span className="small muted"> {d.fecha ?? ''}{d.proyecto ? ` · ${t('doc.proyecto', { nombre: d.proyecto })}` : ''}{d.dependencia ? ` · ${d.dependencia}` : ''}{d.area ? ` · ${d.area}` : ''}</span>
          </li>
        ))}</ul>
      )}
      <nav aria-label={t('doc.resultados', { n: lib.total })}>
        {f.pagina > 1 && <a href={ctx.href('/documentos', { ...query, pagina: f.pagina - 1 })}>{t('doc.anterior')}</a>}
        {f.pagina < pages && <> · <a href={ctx.href('/documentos', { ...query, pagina: f.pagina + 1 })}>{t('doc.siguiente')}</a></>}
      </nav>
    </>
  );
}

/** Body of `/<section>`: heading, the editors' text, then the section's data. */
export function SectionPage({ ctx, section, data }: { ctx: PageContext; section: Section; data: SectionData }) {
  return (
    <>
      <h1>{data.page?.titulo ?? ctx.t(`nav.${section}`)}</h1>
      <EditLinks ctx={ctx} slug={section} />
      <Prose page={data.page} />
      {section === 'consejo' && data.consejo && <Consejo ctx={ctx} d={data.consejo} />}
      {section === 'estructura' && data.organigrama && <Organigrama ctx={ctx} d={data.organigrama} />}
      {section === 'marco-normativo' && data.normativa && <Normativa ctx={ctx} d={data.normativa} />}
      {section === 'planeacion' && data.ejes && <Planeacion ctx={ctx} ejes={data.ejes} projects={data.projects ?? []} />}
      {section === 'seguimiento' && data.summary && <Seguimiento ctx={ctx} s={data.summary} />}
      {section === 'participacion' && data.processes && <Participacion ctx={ctx} processes={data.processes} />}
      {section === 'documentos' && data.library && <Documentos ctx={ctx} lib={data.library} />}
    </>
  );
}
