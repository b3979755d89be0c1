// The print page of a ficha (served at /ficha.html?tipo=&clave=&papel=&lang=): one sheet laid out from
// /api/fichas/{tipo}/{clave}/datos, with the map drawn by MapLibre over our own basemap. The server's renderer
// waits for `window.__ficha` to say 'ready' (or the reason it failed) and prints the page to PDF.
import './ficha.css';
import type { FichaData, KeyIndicator } from '@sigmun/domain/dashboard';
import { translate, LOCALES } from '../i18n/index.ts';
import { el } from './dom.ts';
import { drawFichaMap } from './map.ts';

/** What one ficha is: the print page's query, or the renderer's call. */
export interface FichaRequest {
  tipo: string;
  clave: string;
  papel: string;
  lang: string;
}

declare global {
  interface Window {
    __ficha?: string;
    /** Lays out another ficha in this same page (the server's renderer keeps pages loaded between documents). */
    sigmunFicha?: (r: FichaRequest) => Promise<string>;
  }
}

// The language of the ficha being laid out (one at a time per page).
let lang: 'es' | 'en' = 'es';
let locale = LOCALES.es;
const t = (k: string, p?: Record<string, string | number>) => translate(lang, k, p);
let disposeMap: (() => void) | null = null;

/** A number in the page's locale with a fixed number of decimals ('—' for null). */
export function fmt(v: number | null | undefined, decimals = 0): string {
  if (v === null || v === undefined) return '—';
  return v.toLocaleString(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}
const money = (v: number) => `$${fmt(Math.round(v))}`;
const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '—');

function indicatorRows(list: KeyIndicator[]): HTMLElement {
  const estimated = list.some((i) => i.estimado);
  // Each source is printed once, under the table; the column cites it by number.
  const sources = [...new Set(list.map((i) => i.fuente))];
  return el('section', { class: 'block indicators' },
    el('h2', {}, t('ficha.indicators')),
    el('table', {},
      el('thead', {}, el('tr', {}, ...[t('ficha.indicator'), t('ficha.value'), t('ficha.municipal'), t('ficha.unit'), t('ficha.year'), t('ficha.source')].map((h) => el('th', {}, h)))),
      el('tbody', {}, ...list.map((i) => {
        const dec = i.unidad === 'personas' || i.unidad === 'viviendas' || i.unidad === 'hab' ? 0 : i.decimales;
        return el('tr', { 'data-code': i.code },
          el('td', { class: 'name' }, lang === 'en' && i.nombre_en ? i.nombre_en : i.nombre),
          el('td', { class: 'num' }, i.valor === null ? (i.flag ?? '—') : `${fmt(i.valor, dec)}${i.estimado ? ' *' : ''}`),
          el('td', { class: 'num' }, fmt(i.municipal, dec)),
          el('td', { class: 'unit' }, i.unidad),
          el('td', { class: 'num' }, String(i.anio)),
          el('td', { class: 'num' }, `[${sources.indexOf(i.fuente) + 1}]`));
      })),
    ),
    ...sources.map((f, k) => el('p', { class: 'note' }, `${t('ficha.source')} [${k + 1}]: ${f}`)),
    estimated ? el('p', { class: 'note' }, `* ${t('ficha.estimate')}`) : null,
  );
}

function cards(d: FichaData): HTMLElement {
  const r = d.resumen;
  const card = (label: string, value: string, sub?: string) => el('div', { class: 'card' }, el('div', { class: 'label' }, label), el('div', { class: 'value' }, value), sub ? el('div', { class: 'sub' }, sub) : null);
  const census = (c: typeof r.poblacion) => [c.anio ? t('tablero.census', { year: c.anio }) : '', c.estimado ? t('tablero.estimate') : ''].filter(Boolean).join(' · ');
  const p = r.participacion;
  return el('section', { class: 'cards' },
    card(t('tablero.population'), fmt(r.poblacion.valor), census(r.poblacion)),
    card(t('tablero.homes'), fmt(r.hogares.valor), census(r.hogares)),
    card(t('tablero.projects'), fmt(r.proyectos.total), r.proyectos.por_estatus.map((s) => `${t(`status.${s.estatus}`)} ${s.proyectos}`).join(' · ')),
    card(t('tablero.budget'), money(r.proyectos.presupuesto_aprobado), money(r.proyectos.presupuesto_ejercido)),
    card(t('tablero.progress'), r.proyectos.avance_promedio === null ? '—' : `${fmt(r.proyectos.avance_promedio, 1)} %`),
    card(t('tablero.turnout'), p?.participacion == null ? t('tablero.noData') : `${fmt(p.participacion, 2)} %`, p ? `${p.proceso.nombre}` : undefined),
    card(t('tablero.reports'), r.reportes ? `${fmt(r.reportes.abiertos)} / ${fmt(r.reportes.atendidos)}` : t('tablero.noData')),
  );
}

function projectsTable(d: FichaData): HTMLElement {
  const more = d.resumen.proyectos.total - d.proyectos.length;
  return el('section', { class: 'block projects' },
    el('h2', {}, t('ficha.projectsIn')),
    d.proyectos.length === 0 ? el('p', { class: 'muted' }, t('ficha.noProjects')) : el('table', {},
      el('thead', {}, el('tr', {}, ...[t('ficha.key'), t('tablero.col.project'), t('tablero.col.status'), t('tablero.col.progress'), t('tablero.col.budget')].map((h) => el('th', {}, h)))),
      el('tbody', {}, ...d.proyectos.map((p) => el('tr', {},
        el('td', {}, p.clave), el('td', { class: 'name' }, p.nombre), el('td', {}, t(`status.${p.estatus}`)),
        el('td', { class: 'num' }, `${fmt(p.avance, 0)} %`), el('td', { class: 'num' }, money(p.presupuesto_aprobado))))),
    ),
    more > 0 ? el('p', { class: 'note' }, t('ficha.more', { n: more })) : null,
  );
}

function participation(d: FichaData): HTMLElement | null {
  const p = d.resumen.participacion;
  if (!p) return null;
  const zones = p.zonas.slice(0, 4);
  return el('section', { class: 'block participation' },
    el('h2', {}, `${t('ficha.participation')}: ${p.proceso.nombre}`),
    el('table', {},
      el('thead', {}, el('tr', {}, ...[t('ficha.zone'), t('ficha.roll'), t('ficha.participants'), t('tablero.turnout'), t('ficha.winner')].map((h) => el('th', {}, h)))),
      el('tbody', {}, ...zones.map((z) => el('tr', {},
        el('td', {}, z.nombre), el('td', { class: 'num' }, fmt(z.lista_nominal)), el('td', { class: 'num' }, fmt(z.participantes)),
        el('td', { class: 'num' }, z.participacion === null ? '—' : `${fmt(z.participacion, 2)} %`), el('td', { class: 'name' }, z.ganadora ?? '—')))),
    ),
  );
}

function projectCard(d: FichaData): HTMLElement | null {
  const c = d.proyecto;
  if (!c) return null;
  const row = (k: string, v: string) => el('div', {}, el('dt', {}, k), el('dd', {}, v));
  return el('section', { class: 'block project-card' },
    el('h2', {}, t('ficha.project')),
    el('dl', {},
      row(t('ficha.programa'), c.programa), row(t('ficha.eje'), c.eje), row(t('ficha.dependencia'), c.dependencia),
      row(t('tablero.col.status'), `${t(`status.${c.estatus}`)} · ${fmt(c.avance, 0)} %`),
      row(t('tablero.budget'), `${money(c.presupuesto_aprobado)} / ${money(c.presupuesto_ejercido)}`),
      row(t('ficha.dates'), `${day(c.fecha_inicio)} – ${day(c.fecha_fin)}`),
      c.colonia ? row(t('tablero.col.colonia'), c.colonia) : null),
    c.descripcion ? el('p', { class: 'desc' }, c.descripcion) : null,
    el('h3', {}, t('ficha.history')),
    el('table', {},
      el('thead', {}, el('tr', {}, ...[t('ficha.date'), t('tablero.col.progress'), t('tablero.col.spent'), t('ficha.note')].map((h) => el('th', {}, h)))),
      el('tbody', {}, ...c.progreso.slice(-8).map((g) => el('tr', {},
        el('td', {}, day(g.fecha)), el('td', { class: 'num' }, `${fmt(g.avance, 0)} %`), el('td', { class: 'num' }, money(g.presupuesto_ejercido)), el('td', { class: 'name' }, g.nota ?? '')))),
    ),
    c.fotos.length ? el('div', { class: 'photos' }, el('h3', {}, t('ficha.photos')), ...c.fotos.slice(0, 3).map((f) => el('img', { src: f.url, alt: f.descripcion ?? '' }))) : null,
  );
}

async function render(req: FichaRequest): Promise<void> {
  disposeMap?.();
  disposeMap = null;
  lang = req.lang === 'en' ? 'en' : 'es';
  locale = LOCALES[lang];
  const { tipo, clave } = req;
  const papel = req.papel === 'carta' ? 'carta' : 'a4';
  document.documentElement.lang = lang === 'en' ? 'en' : 'es-MX';
  document.documentElement.dataset.papel = papel;
  const res = await fetch(`/api/fichas/${encodeURIComponent(tipo)}/${encodeURIComponent(clave)}/datos?${new URLSearchParams({ papel, lang })}`);
  if (!res.ok) throw new Error(`datos ${res.status}`);
  const d = (await res.json()) as FichaData;
  document.title = `${t(`ficha.title.${d.tipo}`)} · ${d.titulo}`;
  const r = d.resumen;
  const qr = el('img', { class: 'qr', alt: t('ficha.qr'), src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(d.qr_svg)}` });
  const mapBox = el('div', { class: 'map', id: 'map' });
  const legend = el('div', { class: 'legend' });
  const sheet = el('article', { class: 'sheet' },
    el('div', { class: 'body' },
      el('header', {},
        el('div', { class: 'head-text' },
          el('p', { class: 'kind' }, t(`ficha.title.${d.tipo}`)),
          el('h1', {}, d.titulo),
          el('p', { class: 'meta' }, `${t('ficha.key')}: ${d.clave}`, r.territorio.proceso ? ` · ${r.territorio.proceso.nombre}` : '', d.tipo === 'proyecto' ? ` · ${r.territorio.nombre}` : ''),
          el('p', { class: 'meta' }, t('ficha.generated', { date: day(d.generado) }), ' · ', t('ficha.dataDate', { date: day(r.datos.fecha ?? r.datos.actualizado) }))),
        el('figure', { class: 'qr-box' }, qr, el('figcaption', {}, t('ficha.qr')))),
      el('div', { class: 'map-row' }, mapBox, el('aside', { class: 'legend-box' }, el('h2', {}, t('ficha.legend')), legend)),
      d.tipo === 'proyecto' ? null : cards(d),
      projectCard(d),
      indicatorRows(r.indicadores),
      participation(d),
      d.tipo === 'proyecto' ? null : projectsTable(d)),
    // The footer sits outside the clipped body: date, attribution and permalink always print.
    el('footer', {},
      el('p', {}, `${t('ficha.attribution')}: ${d.atribucion}. © SIG Municipal.`),
      el('p', { class: 'permalink' }, d.permalink)),
  );
  document.getElementById('ficha')!.replaceChildren(sheet);
  disposeMap = await drawFichaMap(mapBox, legend, d, t);
  // Pictures (QR, photos) decoded before printing.
  await Promise.all([...document.images].map((i) => i.decode().catch(() => {})));
}

/** Renders a ficha and reports 'ready' or the reason it failed (never throws: the renderer reads the answer). */
async function renderReporting(r: FichaRequest): Promise<string> {
  window.__ficha = undefined;
  try {
    await render(r);
    window.__ficha = 'ready';
  } catch (e) {
    window.__ficha = `error: ${(e as Error).message}`;
  }
  return window.__ficha;
}

window.sigmunFicha = renderReporting;
const q = new URLSearchParams(location.search);
// Opened by hand (or by a link) with a query: lay that ficha out at once.
if (q.has('tipo')) void renderReporting({ tipo: q.get('tipo') ?? '', clave: q.get('clave') ?? '', papel: q.get('papel') ?? 'a4', lang: q.get('lang') ?? 'es' });
