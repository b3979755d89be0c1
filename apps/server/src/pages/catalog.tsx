// /catalogo: every published indicator and layer, with a search and filters by tema, level and year that work as a
// plain GET form (no script), and the link to the machine-readable DCAT catalog.
import type { Catalog } from '@sigmun/domain/catalog';
import type { PageContext } from './layout.tsx';

/** Body of `/catalogo` for a listing already filtered. */
export function CatalogPage({ ctx, catalog }: { ctx: PageContext; catalog: Catalog }) {
  const { t } = ctx;
  const f = catalog.filtros;
  const level = (l: string) => t(`nivel.${l}`);
  return (
    <>
      <h1>{t('cat.title')}</h1>
      <p className="lead">{t('cat.desc')}</p>
      <form className="filters" method="get" action="/catalogo" role="search">
        {ctx.lang === 'en' && <input type="hidden" name="lang" value="en" />}
        <div>
          <label htmlFor="f-q">{t('cat.search')}</label>
          <input id="f-q" type="search" name="q" defaultValue={f.q ?? ''} maxLength={100} />
        </div>
        <div>
          <label htmlFor="f-tema">{t('cat.tema')}</label>
          <select id="f-tema" name="tema" defaultValue={f.tema ?? ''}>
            <option value="">{t('cat.any')}</option>
            {catalog.opciones.temas.map((x) => <option key={x} value={x}>{x}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="f-nivel">{t('cat.nivel')}</label>
          <select id="f-nivel" name="nivel" defaultValue={f.nivel ?? ''}>
            <option value="">{t('cat.any')}</option>
            {catalog.opciones.niveles.map((x) => <option key={x} value={x}>{level(x)}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="f-anio">{t('cat.anio')}</label>
          <select id="f-anio" name="anio" defaultValue={f.anio === null ? '' : String(f.anio)}>
            <option value="">{t('cat.any')}</option>
            {catalog.opciones.anios.map((x) => <option key={x} value={String(x)}>{x}</option>)}
          </select>
        </div>
        <div>
          <button type="submit">{t('cat.apply')}</button> <a href={ctx.href('/catalogo')}>{t('cat.clear')}</a>
        </div>
      </form>

      <h2 id="indicadores">{t('cat.indicators')}</h2>
      <p className="muted" role="status">{t('cat.count', { n: catalog.indicators.length, total: catalog.total })}</p>
      {catalog.indicators.length === 0 ? <p>{t('cat.none')}</p> : (
        <ul className="cards catalog-indicators">
          {catalog.indicators.map((i) => (
            <li className="card" key={i.code} data-code={i.code}>
              <h3><a href={ctx.href(i.enlaces.pagina)}>{ctx.lang === 'en' && i.nombre_en ? i.nombre_en : i.nombre}</a></h3>
              <p className="small">{i.descripcion}</p>
              <p className="small">
                <span className="chip">{i.tema}</span>{' '}
                {t('cat.unit')}: {i.unidad} · {t('cat.levels')}: {i.niveles_publicados.map(level).join(', ')} · {t('cat.years')}: {i.anios_publicados.join(', ')}
              </p>
            </li>
          ))}
        </ul>
      )}

      {catalog.layers.length > 0 && (
        <>
          <h2 id="capas">{t('cat.layers')}</h2>
          <ul className="cards catalog-layers">
            {catalog.layers.map((l) => (
              <li className="card" key={l.id} data-layer={l.id}>
                <h3>{ctx.lang === 'en' ? l.title : l.titulo}</h3>
                <p className="small">{l.descripcion}</p>
                <p className="small">{t('cat.source')}: {l.fuente}</p>
                <p className="small">
                  <a href={l.enlaces.mapa}>{t('cat.openMap')}</a> · <a href={l.enlaces.coleccion}>{t('cat.ogc')}</a> ·{' '}
                  <a href={l.enlaces.csv}>CSV</a>{l.enlaces.gpkg && <> · <a href={l.enlaces.gpkg}>GeoPackage</a></>}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
      <p><a href="/catalogo.jsonld" type="application/ld+json">{t('cat.dcat')}</a></p>
    </>
  );
}
