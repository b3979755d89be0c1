// The home page: what the IMPLAN is, live figures (the dashboard's own queries), a way into each section and the map.
import { MAP_PATH, SECTIONS, type PageVersionT } from '@sigmun/domain/portal';
import type { DashboardSummary } from '@sigmun/domain/dashboard';
import type { PageContext } from './layout.tsx';
import { Prose, StatusList } from './section.tsx';

/** Body of `/`. */
export function HomePage({ ctx, page, summary, indicators }: { ctx: PageContext; page: PageVersionT | null; summary: DashboardSummary | null; indicators: number }) {
  const { t } = ctx;
  const pp = summary?.participacion ?? null;
  return (
    <>
      <h1>{page?.titulo ?? t('site.longName')}</h1>
      <p className="lead">{t('home.lead')}</p>
      <Prose page={page} />
      <p><a className="button" href={ctx.lang === 'en' ? `${MAP_PATH}#lang=en` : MAP_PATH}>{t('home.openMap')}</a></p>
      <h2>{t('home.figures')}</h2>
      <ul className="cards" data-testid="figures">
        {summary && (
          <li className="card"><h3>{t('home.projects')}</h3><p className="figure">{t('home.projectsTotal', { n: summary.proyectos.total })}</p><StatusList ctx={ctx} summary={summary} /></li>
        )}
        <li className="card"><h3>{t('home.latestProcess')}</h3>
          {pp ? <><p className="figure">{pp.proceso.nombre}</p>
            <p>{t('home.turnout', { pct: pp.participacion ?? '—', n: new Intl.NumberFormat(ctx.locale).format(pp.participantes) })}</p>
            <p><a href={ctx.href('/participacion')}>{t('nav.participacion')}</a></p></> : <p>{t('home.noProcess')}</p>}
        </li>
        <li className="card"><h3>{t('home.indicators')}</h3><p className="figure">{t('home.indicatorsN', { n: indicators })}</p><p><a href={ctx.href('/catalogo')}>{t('nav.estadisticas')}</a></p></li>
      </ul>
      <h2>{t('home.sections')}</h2>
      <ul className="cards">
        {SECTIONS.map((s) => (
          <li className="card" key={s}>
            <h3><a href={ctx.href(`/${s}`)}>{t(`nav.${s}`)}</a></h3>
            <p className="small">{t(`desc.${s}`)}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
