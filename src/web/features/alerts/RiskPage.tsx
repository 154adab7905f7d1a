import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { query } from '../../api/client.ts';
import { Link } from '../../lib/router.tsx';
import { useApiGet } from '../../lib/useApiGet.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import './alerts.css';

interface RiskPart {
  key: string;
  /** Null when withheld from an aggregate-only reader (a small count) or missing (`note`). */
  raw: number | null;
  scaled: number;
  weight: number;
  points: number;
  /** `noPopulation`: the case rate is missing (no population figure) and left out of the score. */
  note: 'withheld' | 'noPopulation' | null;
}

interface RiskResponse {
  from: string;
  to: string;
  weights: {
    openAlerts: number;
    cases: number;
    caseRate: number;
    factors: Record<string, number>;
    source: string;
  };
  factorsSource: string | null;
  ratePer: number;
  populationSource: string | null;
  items: {
    rank: number;
    code: string;
    name: string;
    names: Record<string, string>;
    score: number;
    parts: RiskPart[];
  }[];
  nextCursor: string | null;
}

const WEEK_CHOICES = ['4', '13', '52'] as const;

/**
 * Where to look first: the areas of one level ranked by a combined score of
 * open alerts, recent cases and the pack's risk factors, each part shown with
 * its points, so the rank explains itself. Weights come from the country pack.
 */
export function RiskPage() {
  const { t, i18n } = useTranslation();
  const [level, setLevel] = useState('2');
  const [weeks, setWeeks] = useState('13');
  const { data, error, loading } = useApiGet<RiskResponse>(
    `/risk${query({ level, weeks, limit: '200' })}`,
  );
  const partName = (key: string) =>
    key.startsWith('factor:')
      ? t('ui.risk.factor', { name: key.slice(7).replaceAll('_', ' ') })
      : t(`ui.risk.parts.${key}`);
  const fmt = (n: number) => n.toLocaleString(i18n.language, { maximumFractionDigits: 1 });
  return (
    <Page title={t('ui.risk.title')}>
      <p className="lead">{t('ui.risk.intro')}</p>
      <form className="filter-form" aria-label={t('ui.risk.controls')}>
        <div className="filter-grid">
          <SelectField
            id="risk-level"
            label={t('ui.map.level')}
            value={level}
            onChange={setLevel}
            options={['1', '2'].map((l) => ({ value: l, label: t(`ui.map.levels.${l}`) }))}
          />
          <SelectField
            id="risk-weeks"
            label={t('ui.map.weeks')}
            value={weeks}
            onChange={setWeeks}
            options={WEEK_CHOICES.map((w) => ({
              value: w,
              label: t('ui.map.lastWeeks', { count: Number(w) }),
            }))}
          />
        </div>
      </form>
      <ErrorAlert error={error} />
      {loading && !data ? <Loading /> : null}
      {data ? (
        <>
          <p className="item-meta">{t('ui.risk.rateExplained')}</p>
          <p className="item-meta">
            {t('ui.risk.weightsWithRate', {
              alerts: fmt(data.weights.openAlerts),
              cases: fmt(data.weights.cases),
              rate: fmt(data.weights.caseRate),
              factors:
                Object.entries(data.weights.factors)
                  .map(([k, w]) => `${k.replaceAll('_', ' ')} ${fmt(w)}`)
                  .join(', ') || '—',
            })}{' '}
            {data.weights.source}
            {data.factorsSource ? ` · ${data.factorsSource}` : ''}
          </p>
          {data.populationSource ? (
            <p className="item-meta">
              {t('ui.risk.populationSource', { source: data.populationSource })}
            </p>
          ) : null}
          <ol className="item-list risk-list" aria-label={t('ui.risk.title')}>
            {data.items.map((item) => (
              <li key={item.code} className="item" data-testid="risk-area">
                <div className="item-main">
                  <span className="item-title">
                    {t('ui.risk.rank', {
                      rank: item.rank,
                      name: item.names[i18n.language] ?? item.name,
                    })}
                  </span>
                  <span className="tag">{t('ui.risk.score', { score: fmt(item.score) })}</span>
                </div>
                <meter min={0} max={100} value={item.score} aria-hidden="true" />
                <ul className="risk-parts">
                  {item.parts.map((p) => (
                    <li key={p.key} data-part={p.key}>
                      {p.note === 'noPopulation'
                        ? t('ui.risk.noPopulation', { part: partName(p.key) })
                        : t('ui.risk.part', {
                            part: partName(p.key),
                            raw: p.raw === null ? t('ui.alerts.withheld') : fmt(p.raw),
                            points: fmt(p.points),
                          })}
                    </li>
                  ))}
                </ul>
                <Link to={`/alerts${query({ area: item.code })}`}>{t('ui.risk.alerts')}</Link>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </Page>
  );
}
