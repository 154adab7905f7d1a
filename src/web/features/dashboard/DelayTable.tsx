import { useTranslation } from 'react-i18next';
import type { DurationSummary } from '../../../core/index.ts';
import { DELAYS, type DelayGroup } from './delayTypes.ts';

/** A number of hours (or a percentage) in the interface language; a dash when unknown. */
export function useFigure() {
  const { i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  return (value: number | null) => (value === null ? '—' : format.format(value));
}

/** A group's row title, in words. */
export type GroupLabel = (group: DelayGroup) => string;

/**
 * The figures behind the chart: for each group and delay, how many were
 * measured, median and 90th percentile hours, and the share within target.
 * Withheld groups (too few cases) say so instead of showing figures.
 */
export function DelayTable(props: {
  rows: DelayGroup[];
  label: GroupLabel;
  withheld: (group: DelayGroup) => boolean;
  minimumCell: number;
}) {
  const { t } = useTranslation();
  const figure = useFigure();
  const heads = {
    group: t('ui.dashboard.table.group'),
    delay: t('ui.dashboard.table.delay'),
    n: t('ui.dashboard.table.n'),
    median: t('ui.dashboard.table.median'),
    p90: t('ui.dashboard.table.p90'),
    within: t('ui.dashboard.table.within'),
  };
  const cells = (s: DurationSummary) => [
    s.n,
    figure(s.medianHours),
    figure(s.p90Hours),
    s.withinTargetPct === null ? '—' : `${figure(s.withinTargetPct)} %`,
  ];
  return (
    <div className="table-wrap">
      <table className="responsive-table" data-testid="delay-table">
        <caption className="sr-only">{t('ui.dashboard.table.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{heads.group}</th>
            <th scope="col">{heads.delay}</th>
            <th scope="col">{heads.n}</th>
            <th scope="col">{heads.median}</th>
            <th scope="col">{heads.p90}</th>
            <th scope="col">{heads.within}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.flatMap((g) =>
            props.withheld(g)
              ? [
                  <tr key={g.key}>
                    <th scope="row" data-label={heads.group}>
                      {props.label(g)}
                    </th>
                    <td data-label={heads.delay} colSpan={5}>
                      {t('ui.dashboard.withheld', { count: props.minimumCell })}
                    </td>
                  </tr>,
                ]
              : DELAYS.map((d) => {
                  const [n, median, p90, within] = cells(g[d]);
                  return (
                    <tr key={`${g.key}-${d}`}>
                      <th scope="row" data-label={heads.group}>
                        {props.label(g)}
                      </th>
                      <td data-label={heads.delay}>{t(`ui.dashboard.delays.${d}`)}</td>
                      <td data-label={heads.n}>{n}</td>
                      <td data-label={heads.median}>{median}</td>
                      <td data-label={heads.p90}>{p90}</td>
                      <td data-label={heads.within}>{within}</td>
                    </tr>
                  );
                }),
          )}
        </tbody>
      </table>
    </div>
  );
}
