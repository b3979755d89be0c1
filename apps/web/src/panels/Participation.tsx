import { useApp } from '../stores/index.ts';
import { useLocale, useT } from '../i18n/index.ts';
import { formatNumber } from '../lib/classes.ts';
import { legendClasses } from '@sigmun/styles/classes';
import { zoneClasses } from '../lib/zones.ts';
import { COMMON } from '@sigmun/styles/palette';
import { ClassLegend } from './Legend.tsx';
import ProcessProposals from './ProcessProposals.tsx';
import { ProposalFollow } from './FollowPage.tsx';
import { followTarget } from '../lib/follow-path.ts';

// Opened from a receipt's follow-up link (/propuesta/{folio}): that proposal's public page comes first.
const followed = (() => {
  const f = typeof window === 'undefined' ? null : followTarget(window.location.pathname);
  return f?.kind === 'propuesta' ? f.folio : null;
})();

/** Participación ciudadana: results by zone as a choropleth, proposals (clustered) with status, and the chosen process's ranking, supports and proposal form. */
export default function Participation() {
  const t = useT();
  const processes = useApp((s) => s.processes);
  const part = useApp((s) => s.participation);
  const zones = useApp((s) => s.zoneResults);
  const totals = useApp((s) => s.zoneTotals);
  const locale = useLocale();
  const choose = useApp((s) => s.chooseProcess);
  const proposalsOn = useApp((s) => s.visible.propuestas);
  const toggleLayer = useApp((s) => s.toggleLayer);
  const metric = part?.metric ?? 'participation';
  const clave = processes.find((p) => p.id === part?.process)?.clave;
  const classes = zones.length ? zoneClasses(zones, metric) : null;
  return (
    <div className="participation-panel">
      {followed && <ProposalFollow folio={followed} />}
      <label className="field">
        <span>{t('participation.process')}</span>
        <select value={part?.process ?? ''} onChange={(e) => choose(e.target.value ? Number(e.target.value) : null)} data-testid="process-select">
          <option value="">{t('indicators.none')}</option>
          {processes.map((p) => <option key={p.id} value={p.id}>{p.year} · {p.name}</option>)}
        </select>
      </label>
      {!part && <p className="muted">{t('participation.choose')}</p>}
      {part && (
        <fieldset className="segmented">
          <legend>{t('participation.metric')}</legend>
          <label><input type="radio" name="metric" checked={metric === 'participation'} onChange={() => choose(part.process, 'participation')} /> {t('participation.metric.participation')}</label>
          <label><input type="radio" name="metric" checked={metric === 'votes'} onChange={() => choose(part.process, 'votes')} /> {t('participation.metric.votes')}</label>
        </fieldset>
      )}
      {part && classes && (
        <ClassLegend
          title={t(`participation.metric.${metric}`)}
          classes={legendClasses(classes.breaks, classes.counts, classes.colors)}
          decimals={metric === 'votes' ? 0 : 1}
          nulls={zones.filter((z) => (metric === 'votes' ? z.votes : z.participation) === null).length}
          nodata={COMMON.noData}
        />
      )}
      {part && totals && (
        <section aria-label={t('participation.totals')}>
          <h3>{t('participation.totals')}</h3>
          <dl className="attrs totals" data-testid="participation-totals">
            <div><dt>{t('participation.roll')}</dt><dd className="num" data-value={totals.roll ?? ''}>{formatNumber(totals.roll, 0, locale)}</dd></div>
            <div><dt>{t('participation.participants')}</dt><dd className="num" data-testid="total-participants" data-value={totals.participants ?? ''}>{formatNumber(totals.participants, 0, locale)}</dd></div>
            <div><dt>{t('participation.rate')}</dt><dd className="num" data-testid="total-rate" data-value={totals.participation ?? ''}>{formatNumber(totals.participation, 2, locale)} %</dd></div>
            <div><dt>{t('participation.validVotes')}</dt><dd className="num" data-testid="total-votes" data-value={totals.validVotes ?? ''}>{formatNumber(totals.validVotes, 0, locale)}</dd></div>
          </dl>
          <p className="muted small">{t('participation.zones', { n: zones.length })}</p>
        </section>
      )}
      {clave && <ProcessProposals clave={clave} />}
      <label className="layer-toggle">
        <input type="checkbox" checked={!!proposalsOn} onChange={() => toggleLayer('propuestas')} /> {t('participation.proposals')}
      </label>
    </div>
  );
}
