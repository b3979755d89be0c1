// The home page: what the IMPLAN is, a way into each section and to the map.
import { MAP_PATH, SECTIONS } from '@sigmun/domain/portal';
import type { PageContext } from './layout.tsx';

/** Body of `/`. */
export function HomePage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <>
      <h1>{t('site.longName')}</h1>
      <p className="lead">{t('home.lead')}</p>
      <p><a className="button" href={ctx.lang === 'en' ? `${MAP_PATH}#lang=en` : MAP_PATH}>{t('home.openMap')}</a></p>
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
