import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { query } from '../../api/client.ts';
import { navigate, useLocation } from '../../lib/router.tsx';
import { useApiGet } from '../../lib/useApiGet.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { typeName } from '../directory/directoryFormat.ts';
import { useServiceTypes } from '../directory/useDirectoryData.ts';
import { CountChart } from './CountChart.tsx';
import { CountTableView } from './CountTableView.tsx';
import { downloadText, toCsv } from './csv.ts';
import { csvRows, type ShownSection, shownSections } from './dashboardSections.ts';
import { areaName, type Dashboard, VIEWS, type View, WEEK_CHOICES } from './dashboardTypes.ts';

/** The page's address with these parameters changed and the others (the referral period) kept. */
export function dashboardHref(search: URLSearchParams, change: Record<string, string>): string {
  const next = new URLSearchParams(search);
  for (const [k, v] of Object.entries(change)) {
    if (v === '') next.delete(k);
    else next.set(k, v);
  }
  const text = next.toString();
  return `/dashboard${text ? `?${text}` : ''}`;
}

/** Which view, area or agency and period: applied with the button, kept in the URL. */
function ViewForm({ data }: { data: Dashboard }) {
  const { t, i18n } = useTranslation();
  const { search } = useLocation();
  const [view, setView] = useState<string>(data.view);
  const [area, setArea] = useState(data.area?.code ?? data.areaChoices[0]?.code ?? '');
  const [agency, setAgency] = useState(data.agency?.id ?? data.agencyChoices[0]?.id ?? '');
  const [weeks, setWeeks] = useState(search.get('weeks') ?? '52');
  useEffect(() => {
    setView(data.view);
    if (data.area) setArea(data.area.code);
    if (data.agency) setAgency(data.agency.id);
  }, [data]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(
      dashboardHref(search, {
        view,
        area: view === 'area' ? area : '',
        agency: view === 'agency' ? agency : '',
        weeks,
      }),
    );
  };
  return (
    <search>
      <form className="filter-form" onSubmit={submit} aria-label={t('ui.dashboards.form.label')}>
        <div className="filter-grid">
          <SelectField
            id="dashboard-view"
            label={t('ui.dashboards.form.view')}
            value={view}
            onChange={setView}
            options={VIEWS.filter((v) => data.views.includes(v)).map((v) => ({
              value: v,
              label: t(`ui.dashboards.views.${v}`),
            }))}
          />
          {view === 'area' ? (
            <SelectField
              id="dashboard-area"
              label={t('ui.dashboards.form.area')}
              value={area}
              onChange={setArea}
              options={data.areaChoices.map((a) => ({
                value: a.code,
                // Indented by level, so the tree reads in a plain list.
                label: `${'\u2003'.repeat(Math.max(0, a.level - (data.areaChoices[0]?.level ?? 0)))}${areaName(a, i18n.language)}`,
              }))}
            />
          ) : null}
          {view === 'agency' ? (
            <SelectField
              id="dashboard-agency"
              label={t('ui.dashboards.form.agency')}
              value={agency}
              onChange={setAgency}
              options={data.agencyChoices.map((a) => ({ value: a.id, label: a.name }))}
            />
          ) : null}
          <SelectField
            id="dashboard-weeks"
            label={t('ui.dashboards.form.weeks')}
            value={weeks}
            onChange={setWeeks}
            options={WEEK_CHOICES.map((w) => ({
              value: String(w),
              label: t('ui.dashboards.weeksOption', { count: w }),
            }))}
          />
        </div>
        <div className="row-actions">
          <button type="submit" className="button primary">
            {t('ui.dashboards.form.apply')}
          </button>
        </div>
      </form>
    </search>
  );
}

/** One section: heading, what it counts, chart, table, CSV. */
function SectionPanel(props: { shown: ShownSection; data: Dashboard }) {
  const { t } = useTranslation();
  const { shown, data } = props;
  const id = `dashboard-${shown.section}`;
  const base = `${shown.section}-${data.view}-${data.from}-${data.to}`;
  const saveCsv = () =>
    downloadText(
      toCsv(csvRows(shown.table, t('ui.dashboards.withheld'))),
      `${base}.csv`,
      'text/csv;charset=utf-8',
    );
  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-testid={id}>
      <h2 id={`${id}-title`}>{shown.title}</h2>
      <p className="hint">{shown.hint}</p>
      {shown.empty ? (
        <p className="empty">{t('ui.dashboards.empty')}</p>
      ) : (
        <>
          <CountChart
            kind={shown.kind}
            data={shown.chart}
            title={shown.title}
            fileName={`${base}.png`}
            testId={`${id}-chart`}
          />
          <CountTableView title={shown.title} table={shown.table} testId={`${id}-table`} />
          <p className="row-actions">
            <button type="button" className="button secondary" onClick={saveCsv}>
              {t('ui.dashboards.saveCsv', { what: shown.title })}
            </button>
          </p>
        </>
      )}
    </section>
  );
}

/**
 * The national, area and agency dashboards: the reader's views only (the
 * server decides), with every count an aggregate-only reader may not see
 * already withheld by the server.
 */
export function DashboardViews() {
  const { t, i18n } = useTranslation();
  const { search } = useLocation();
  const types = useServiceTypes();
  const view = search.get('view') ?? '';
  const { data, error, loading } = useApiGet<Dashboard>(
    `/dashboards${query({
      view: (VIEWS as readonly string[]).includes(view) ? (view as View) : '',
      area: view === 'area' ? search.get('area') : '',
      agency: view === 'agency' ? search.get('agency') : '',
      weeks: search.get('weeks'),
    })}`,
  );
  const sections = useMemo(
    () =>
      data
        ? shownSections(data, t, i18n.language, (code) => typeName(types, code, i18n.language))
        : [],
    [data, t, i18n.language, types],
  );
  const scope = !data
    ? ''
    : data.view === 'national'
      ? t('ui.dashboards.scope.national')
      : data.view === 'area' && data.area
        ? t('ui.dashboards.scope.area', { name: areaName(data.area, i18n.language) })
        : t('ui.dashboards.scope.agency', { name: data.agency?.name ?? '' });
  return (
    <>
      <ErrorAlert error={error} />
      {loading && !data ? <Loading /> : null}
      {data ? (
        <>
          <ViewForm data={data} />
          <section className="panel" aria-labelledby="dashboard-scope">
            <h2 id="dashboard-scope">{scope}</h2>
            <p className="hint">{t('ui.dashboards.period', { from: data.from, to: data.to })}</p>
            {data.aggregateOnly ? (
              <p className="hint" data-testid="withheld-note">
                {t('ui.dashboards.withheldNote', { count: data.minimumCell })}
              </p>
            ) : null}
          </section>
          {sections.map((s) => (
            <SectionPanel key={s.section} shown={s} data={data} />
          ))}
        </>
      ) : null}
    </>
  );
}
