import { useTranslation } from 'react-i18next';
import { Link } from '../../lib/router.tsx';
import type { AlertSummary } from './alertTypes.ts';

/** A state as a tag: new alerts stand out, closed ones say how they closed. */
export function AlertStateTag({ alert }: { alert: Pick<AlertSummary, 'state' | 'closedAs'> }) {
  const { t } = useTranslation();
  const tone =
    alert.state === 'new'
      ? 'tag tag-bad'
      : alert.state === 'closed'
        ? 'tag tag-ok'
        : 'tag tag-warn';
  return (
    <span className={tone} data-testid="alert-state">
      {t(`ui.alerts.states.${alert.state}`, { defaultValue: alert.state })}
      {alert.closedAs ? ` · ${t(`ui.alerts.closedAs.${alert.closedAs}`)}` : ''}
    </span>
  );
}

/** Alerts, one per line: number, area and topic, week, what was seen against the threshold, state. */
export function AlertList({ alerts, label }: { alerts: AlertSummary[]; label: string }) {
  const { t, i18n } = useTranslation();
  const number = (n: number | null) =>
    n === null ? '—' : n.toLocaleString(i18n.language, { maximumFractionDigits: 1 });
  if (alerts.length === 0) return null;
  return (
    <ul className="item-list" aria-label={label}>
      {alerts.map((a) => (
        <li key={a.id} className="item" data-testid="alert">
          <div className="item-main">
            <Link to={`/alerts/${encodeURIComponent(a.id)}`} className="item-title">
              {a.number}
            </Link>
            <span>
              {t('ui.alerts.where', {
                area: a.areaNames[i18n.language] ?? a.areaName,
                topic: t(`ui.cases.topics.${a.topic}`, { defaultValue: a.topic }),
              })}
            </span>
          </div>
          <p className="item-meta">
            {t('ui.alerts.summary', {
              week: a.week,
              observed: a.observed ?? t('ui.alerts.withheld'),
              threshold: number(a.threshold),
            })}
          </p>
          <div className="tags">
            <AlertStateTag alert={a} />
          </div>
        </li>
      ))}
    </ul>
  );
}
