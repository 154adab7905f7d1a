import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n.ts';
import { Link } from '../../lib/router.tsx';
import { useApiGet } from '../../lib/useApiGet.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { AlertChart } from './AlertChart.tsx';
import { AlertStateTag } from './AlertList.tsx';
import { AlertStateForm } from './AlertStateForm.tsx';
import type { AlertDetail } from './alertTypes.ts';
import './alerts.css';

/**
 * One alert: in plain words what was seen, what was expected and the
 * threshold, by which method with which settings; the series with its
 * threshold (chart and table); its history; and the next step for those who may.
 */
export function AlertPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const {
    data: alert,
    setData,
    error,
    loading,
  } = useApiGet<AlertDetail>(`/alerts/${encodeURIComponent(id)}`);
  const number = (n: number | null) =>
    n === null
      ? t('ui.alerts.undefined')
      : n.toLocaleString(i18n.language, { maximumFractionDigits: 1 });
  if (!alert)
    return (
      <Page title={t('ui.alerts.title')}>
        <ErrorAlert error={error} />
        {loading ? <Loading /> : null}
      </Page>
    );
  const area = alert.areaNames[i18n.language] ?? alert.areaName;
  const topic = t(`ui.cases.topics.${alert.topic}`, { defaultValue: alert.topic });
  return (
    <Page title={t('ui.alerts.detailTitle', { number: alert.number })}>
      <p>
        <Link to="/alerts">{t('ui.alerts.back')}</Link>
      </p>
      <div className="tags">
        <AlertStateTag alert={alert} />
      </div>
      <section className="panel" aria-labelledby="alert-why">
        <h2 id="alert-why">{t('ui.alerts.why')}</h2>
        <p data-testid="alert-explanation">
          {t('ui.alerts.explanation', {
            week: alert.week,
            area,
            topic,
            observed: alert.observed ?? t('ui.alerts.withheld'),
            expected: number(alert.expected),
            threshold: number(alert.threshold),
          })}
        </p>
        <dl className="facts">
          <dt>{t('ui.alerts.fields.observed')}</dt>
          <dd>{alert.observed ?? t('ui.alerts.withheld')}</dd>
          <dt>{t('ui.alerts.fields.expected')}</dt>
          <dd>{number(alert.expected)}</dd>
          <dt>{t('ui.alerts.fields.threshold')}</dt>
          <dd>{number(alert.threshold)}</dd>
          <dt>{t('ui.alerts.fields.method')}</dt>
          <dd>
            {t(`ui.alerts.methods.${alert.method}`, { defaultValue: alert.method })}
            <span className="item-sub">{alert.settings.sources.method}</span>
          </dd>
          {alert.settings.alpha !== null ? (
            <>
              <dt>{t('ui.alerts.fields.alpha')}</dt>
              <dd>
                {alert.settings.alpha.toLocaleString(i18n.language)}
                <span className="item-sub">{alert.settings.sources.alpha}</span>
              </dd>
            </>
          ) : null}
        </dl>
        <p className="item-meta">
          {t(`ui.alerts.methodHelp.${alert.method}`, { defaultValue: '' })}
        </p>
      </section>
      <section className="panel" aria-labelledby="alert-series">
        <h2 id="alert-series">{t('ui.alerts.series', { area, topic })}</h2>
        {alert.chartNote ? <p className="notice">{alert.chartNote}</p> : null}
        <AlertChart weeks={alert.chart} />
        <details>
          <summary>{t('ui.alerts.asTable')}</summary>
          <table className="alert-table">
            <thead>
              <tr>
                <th scope="col">{t('ui.alerts.chart.week')}</th>
                <th scope="col">{t('ui.alerts.chart.observed')}</th>
                <th scope="col">{t('ui.alerts.chart.expected')}</th>
                <th scope="col">{t('ui.alerts.chart.threshold')}</th>
              </tr>
            </thead>
            <tbody>
              {alert.chart.map((w) => (
                <tr key={w.week} className={w.alarm ? 'alarm' : undefined}>
                  <th scope="row">{w.week}</th>
                  <td>{w.observed ?? t('ui.alerts.withheld')}</td>
                  <td>{number(w.expected)}</td>
                  <td>{number(w.threshold)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </section>
      {alert.mayChange && alert.nextStates.length > 0 ? (
        <AlertStateForm alert={alert} onChanged={setData} />
      ) : null}
      <section className="panel" aria-labelledby="alert-history">
        <h2 id="alert-history">{t('ui.alerts.history')}</h2>
        <ol className="item-list compact">
          {alert.events.map((e) => (
            <li key={`${e.at}-${e.toState}`} className="item" data-testid="alert-event">
              <span className="item-title">
                {t(`ui.alerts.states.${e.toState}`)}
                {e.closedAs ? ` · ${t(`ui.alerts.closedAs.${e.closedAs}`)}` : ''}
              </span>
              <span className="item-meta">
                {formatDateTime(e.at, i18n.language)} ·{' '}
                {e.actor.startsWith('system:') ? t('ui.alerts.system') : e.actor}
              </span>
              {e.comment ? <p>{e.comment}</p> : null}
            </li>
          ))}
        </ol>
      </section>
    </Page>
  );
}
