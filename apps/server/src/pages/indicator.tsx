// /estadisticas/{code}: one indicator's definition, unit, source, years, levels and aggregation rule, its municipal
// series as a small SVG chart, a table of its values by unit (the same values as GET /api/indicators/{code}), the
// links to its choropleth and attribute table on the map, and its downloads.
import { indicatorDownloadPath, type CatalogIndicatorDetail } from '@sigmun/domain/catalog';
import type { IndicatorValues, MapLevel } from '@sigmun/domain/indicators';
import { indicatorMapHref } from '@sigmun/domain/map-link';
import type { PageContext } from './layout.tsx';
import { SeriesChart } from './series-chart.tsx';

/** Rows of the values table per page (a manzana level has thousands). */
export const VALUES_PAGE_SIZE = 500;

/** Formats a value with the indicator's decimals in the page's locale. */
export const valueFormatter = (locale: string, decimales: number) => {
  const nf = new Intl.NumberFormat(locale, { minimumFractionDigits: decimales, maximumFractionDigits: decimales });
  return (v: number) => nf.format(v);
};

export interface IndicatorPageProps {
  ctx: PageContext;
  detail: CatalogIndicatorDetail;
  values: IndicatorValues;
  /** Map levels with values (the table's level choices). */
  levels: MapLevel[];
  /** Years with values at the shown level. */
  years: number[];
  page: number;
}

/** Body of `/estadisticas/{code}`. */
export function IndicatorPage({ ctx, detail, values, levels, years, page }: IndicatorPageProps) {
  const { t } = ctx;
  const ind = detail.indicator;
  const fmt = valueFormatter(ctx.locale, ind.decimales);
  const level = (l: string) => t(`nivel.${l}`);
  const name = ctx.lang === 'en' && ind.nombre_en ? ind.nombre_en : ind.nombre;
  const pages = Math.max(1, Math.ceil(values.values.length / VALUES_PAGE_SIZE));
  const rows = values.values.slice((page - 1) * VALUES_PAGE_SIZE, page * VALUES_PAGE_SIZE);
  const choice = { code: ind.code, level: values.level, year: values.year };
  const sel = { nivel: values.level, anio: values.year };
  const calc = detail.serie.find((p) => p.calculado);
  const aggregation = t(`agg.${ind.agregacion}`, { num: ind.numerador ?? '', den: ind.denominador ?? '' });
  return (
    <>
      <p className="small"><a href={ctx.href('/catalogo')}>{t('ind.back')}</a></p>
      <h1>{name}</h1>
      {ind.descripcion && <p className="lead">{ind.descripcion}</p>}
      {/* With the indicator panel open: its legend (classes, colours, counts) is what says what the colours mean. */}
      <p><a className="button" href={indicatorMapHref(choice, { panel: 'indicadores' })}>{t('ind.map')}</a></p>
      <dl className="facts">
        <dt>{t('ind.code')}</dt><dd>{ind.code}</dd>
        <dt>{t('cat.tema')}</dt><dd>{ind.tema}</dd>
        <dt>{t('ind.definition')}</dt><dd>{ind.descripcion ?? ind.nombre}</dd>
        <dt>{t('cat.unit')}</dt><dd>{ind.unidad}</dd>
        <dt>{t('cat.source')}</dt><dd>{ind.fuente}</dd>
        <dt>{t('cat.years')}</dt><dd>{ind.anios_publicados.join(', ')}</dd>
        <dt>{t('cat.levels')}</dt><dd>{ind.niveles_publicados.map(level).join(', ')}</dd>
        <dt>{t('ind.aggregation')}</dt><dd>{aggregation}</dd>
      </dl>

      <h2>{t('ind.series')}</h2>
      <SeriesChart serie={detail.serie} label={t('ind.chartLabel', { nombre: name })} fmt={fmt} />
      <div className="table-wrap">
        <table className="series">
          <thead><tr><th scope="col">{t('cat.anio')}</th><th scope="col">{t('ind.valueCol', { unidad: ind.unidad })}</th></tr></thead>
          <tbody>
            {detail.serie.map((p) => <tr key={p.anio}><td>{p.anio}</td><td>{p.valor === null ? '—' : fmt(p.valor)}</td></tr>)}
          </tbody>
        </table>
      </div>
      {calc && <p className="small muted">{t('ind.seriesCalc', { nivel: level(calc.nivel) })}</p>}

      <h2>{t('ind.downloads')}</h2>
      <ul>
        <li><a href={ind.enlaces.csv} download>{t('ind.csvAll')}</a></li>
        <li><a href={ind.enlaces.xlsx} download>{t('ind.xlsxAll')}</a></li>
        <li><a href={indicatorDownloadPath(ind.code, 'csv', sel)} download>{t('ind.csvThis', { nivel: level(values.level), anio: values.year })}</a></li>
        <li><a href={indicatorDownloadPath(ind.code, 'xlsx', sel)} download>{t('ind.xlsxThis', { nivel: level(values.level), anio: values.year })}</a></li>
        <li><a href={`${ind.enlaces.api}?level=${values.level}&year=${values.year}`}>{t('ind.api')}</a></li>
      </ul>

      <h2 id="valores">{t('ind.values')}</h2>
      <form className="filters" method="get" action={ctx.path}>
        {ctx.lang === 'en' && <input type="hidden" name="lang" value="en" />}
        <div>
          <label htmlFor="v-nivel">{t('cat.nivel')}</label>
          <select id="v-nivel" name="nivel" defaultValue={values.level}>
            {levels.map((l) => <option key={l} value={l}>{level(l)}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="v-anio">{t('cat.anio')}</label>
          <select id="v-anio" name="anio" defaultValue={String(values.year)}>
            {years.map((y) => <option key={y} value={String(y)}>{y}</option>)}
          </select>
        </div>
        <div><button type="submit">{t('ind.show')}</button></div>
      </form>
      <p className="muted">
        {t('ind.rows', { n: values.total, nulls: values.nulls, nivel: level(values.level), anio: values.year })} ·{' '}
        <a href={indicatorMapHref(choice, { panel: 'tabla' })}>{t('ind.table')}</a>
      </p>
      <div className="table-wrap">
        <table className="values">
          <thead>
            <tr>
              <th scope="col">{t('ind.unitCol')}</th>
              <th scope="col">{t('ind.keyCol')}</th>
              <th scope="col">{t('ind.valueCol', { unidad: ind.unidad })}</th>
              <th scope="col">{t('ind.rankCol')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((v) => (
              <tr key={v.clave} id={`u-${v.clave}`}>
                <th scope="row">{v.nombre ?? v.clave}</th>
                <td>{v.clave}</td>
                <td>{v.valor === null ? t(`flag.${v.flag}`) : fmt(v.valor)}</td>
                <td>{v.rank ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <nav aria-label={t('ind.values')}>
          <p>
            {page > 1 && <><a href={ctx.href(ctx.path, { ...sel, pagina: page - 1 })}>{t('ind.prev')}</a> · </>}
            {t('ind.page', { p: page, pages })}
            {page < pages && <> · <a href={ctx.href(ctx.path, { ...sel, pagina: page + 1 })}>{t('ind.next')}</a></>}
          </p>
        </nav>
      )}
    </>
  );
}
