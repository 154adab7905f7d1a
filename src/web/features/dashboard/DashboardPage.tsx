import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { query } from '../../api/client.ts';
import { navigate, useLocation } from '../../lib/router.tsx';
import { useApiGet } from '../../lib/useApiGet.ts';
import { useSession } from '../../session/SessionContext.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Field } from '../../ui/Field.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { typeName } from '../directory/directoryFormat.ts';
import { useServiceTypes } from '../directory/useDirectoryData.ts';
import { downloadText, toCsv } from './csv.ts';
import { DashboardViews, dashboardHref } from './DashboardViews.tsx';
import { type ChartSeries, DelayChart } from './DelayChart.tsx';
import { DelayTable } from './DelayTable.tsx';
import {
  DELAYS,
  type DelayGroup,
  GROUPINGS,
  isWithheld,
  type ReferralDelays,
} from './delayTypes.ts';
import { RecentTable } from './RecentTable.tsx';
import '../../styles/dashboard.css';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Period and grouping; applied with the button, kept in the URL. */
function PeriodForm(props: {
  from: string;
  to: string;
  groupBy: string;
  onApply: (v: { from: string; to: string; groupBy: string }) => void;
}) {
  const { t } = useTranslation();
  const [from, setFrom] = useState(props.from);
  const [to, setTo] = useState(props.to);
  const [groupBy, setGroupBy] = useState(props.groupBy);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    setFrom(props.from);
    setTo(props.to);
    setGroupBy(props.groupBy);
  }, [props.from, props.to, props.groupBy]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const bad = !DATE.test(from) || !DATE.test(to);
    const reversed = !bad && from > to;
    setProblem(
      bad ? 'ui.dashboard.period.invalid' : reversed ? 'ui.dashboard.period.reversed' : null,
    );
    if (!bad && !reversed) props.onApply({ from, to, groupBy });
  };
  return (
    <search>
      <form
        className="filter-form"
        onSubmit={submit}
        noValidate
        aria-label={t('ui.dashboard.period.label')}
      >
        <div className="filter-grid">
          <Field
            id="delays-from"
            type="date"
            label={t('ui.dashboard.period.from')}
            value={from}
            onChange={setFrom}
          />
          <Field
            id="delays-to"
            type="date"
            label={t('ui.dashboard.period.to')}
            value={to}
            onChange={setTo}
          />
          <SelectField
            id="delays-group"
            label={t('ui.dashboard.period.groupBy')}
            value={groupBy}
            onChange={setGroupBy}
            options={GROUPINGS.map((g) => ({ value: g, label: t(`ui.dashboard.groupings.${g}`) }))}
          />
        </div>
        <ErrorAlert error={problem ? t(problem) : null} />
        <div className="row-actions">
          <button type="submit" className="button primary">
            {t('ui.dashboard.period.apply')}
          </button>
        </div>
      </form>
    </search>
  );
}

/**
 * The dashboards (national, area, agency: DashboardViews), then time to
 * referral: identification → first referral, referral → acceptance,
 * acceptance → first service, over a period (the last 90 days unless chosen),
 * by group. A bar chart with the table as its text alternative, both
 * exportable; and, for case workers, their agency's recent referrals.
 */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const { search } = useLocation();
  const types = useServiceTypes();
  const aggregateOnly = !can('case:read:agency');
  // A calendar day of the period (YYYY-MM-DD, UTC as the server counts it) in the interface language.
  const day = (text: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${text}T00:00:00Z`),
    );
  const asked = {
    from: search.get('from') ?? '',
    to: search.get('to') ?? '',
    groupBy: search.get('groupBy') ?? 'none',
  };
  // Time to referral is read by case workers and aggregate readers (not by focal points alone).
  const mayDelays = can('case:read:agency') || can('stats:read:aggregate');
  const { data, error, loading } = useApiGet<ReferralDelays>(
    mayDelays
      ? `/stats/referral-delays${query({
          from: DATE.test(asked.from) ? asked.from : '',
          to: DATE.test(asked.to) ? asked.to : '',
          groupBy: (GROUPINGS as readonly string[]).includes(asked.groupBy)
            ? asked.groupBy
            : 'none',
        })}`
      : null,
  );
  const label = (g: DelayGroup): string => {
    if (g.key === 'all' || g.key === '\u0000all') return t('ui.dashboard.all');
    if (data?.groupBy === 'service_type') return typeName(types, g.key, i18n.language);
    return g.label;
  };
  const rows = data
    ? data.groupBy === 'none'
      ? [data.overall]
      : [...data.groups, data.overall]
    : [];
  const withheld = (g: DelayGroup) => isWithheld(g, aggregateOnly);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the labels follow data, types and language
  const series = useMemo<ChartSeries>(() => {
    const shown = rows;
    const pick = (g: DelayGroup, d: (typeof DELAYS)[number], k: 'medianHours' | 'p90Hours') =>
      withheld(g) ? null : g[d][k];
    return {
      labels: shown.map(label),
      values: Object.fromEntries(
        DELAYS.map((d) => [
          d,
          {
            median: shown.map((g) => pick(g, d, 'medianHours')),
            p90: shown.map((g) => pick(g, d, 'p90Hours')),
          },
        ]),
      ) as ChartSeries['values'],
    };
  }, [data, types, i18n.language, aggregateOnly]);

  const exportCsv = () => {
    if (!data) return;
    const header = [
      t('ui.dashboard.table.group'),
      t('ui.dashboard.table.delay'),
      t('ui.dashboard.table.n'),
      t('ui.dashboard.table.median'),
      t('ui.dashboard.table.p90'),
      t('ui.dashboard.table.within'),
    ];
    const body = rows.flatMap((g) =>
      DELAYS.map((d) =>
        withheld(g)
          ? [
              label(g),
              t(`ui.dashboard.delays.${d}`),
              t('ui.dashboard.withheldShort'),
              null,
              null,
              null,
            ]
          : [
              label(g),
              t(`ui.dashboard.delays.${d}`),
              g[d].n,
              g[d].medianHours,
              g[d].p90Hours,
              g[d].withinTargetPct,
            ],
      ),
    );
    downloadText(
      toCsv([header, ...body]),
      `time-to-referral-${data.from}-${data.to}.csv`,
      'text/csv;charset=utf-8',
    );
  };

  return (
    <Page title={t('ui.dashboards.title')}>
      <p className="lead">{t('ui.dashboards.intro')}</p>
      <DashboardViews />
      {mayDelays ? (
        <>
          <h2 id="referral-delays">{t('ui.dashboard.title')}</h2>
          <p className="lead">{t('ui.dashboard.intro')}</p>
          <PeriodForm
            from={data?.from ?? asked.from}
            to={data?.to ?? asked.to}
            groupBy={data?.groupBy ?? asked.groupBy}
            onApply={(v) => navigate(dashboardHref(search, v))}
          />
          <ErrorAlert error={error} />
          {loading && !data ? <Loading /> : null}
          {data ? (
            <>
              <section className="panel" aria-labelledby="delays-title">
                <h3 id="delays-title">
                  {t('ui.dashboard.delaysTitle', { from: day(data.from), to: day(data.to) })}
                </h3>
                <p className="hint">{t('ui.dashboard.explain')}</p>
                {aggregateOnly ? (
                  <p className="hint">
                    {t('ui.dashboard.withheldNote', { count: data.minimumCell })}
                  </p>
                ) : null}
                <DelayChart series={series} />
                <DelayTable
                  rows={rows}
                  label={label}
                  withheld={withheld}
                  minimumCell={data.minimumCell}
                />
                <p className="row-actions">
                  <button type="button" className="button secondary" onClick={exportCsv}>
                    {t('ui.dashboard.saveCsv')}
                  </button>
                </p>
              </section>
              {aggregateOnly ? null : (
                <section className="panel" aria-labelledby="recent-title">
                  <h3 id="recent-title">{t('ui.dashboard.recent.title')}</h3>
                  <RecentTable recent={data.recent} types={types} />
                </section>
              )}
            </>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}
