import type { TFunction } from 'i18next';
import type { ChartData } from './CountChart.tsx';
import type { LabelledTable } from './CountTableView.tsx';
import {
  areaName,
  type CountTable,
  type Dashboard,
  SECTIONS,
  type Section,
} from './dashboardTypes.ts';

/** One dashboard section as the page shows it: a chart, its table, and what its CSV holds. */
export interface ShownSection {
  section: Section;
  title: string;
  hint: string;
  kind: 'line' | 'bar';
  chart: ChartData;
  table: LabelledTable;
  empty: boolean;
}

/** Rows as columns: the weekly table reads down the weeks on a phone. */
function transpose(table: CountTable): CountTable {
  return {
    rows: table.columns,
    columns: table.rows,
    cells: table.columns.map((_, j) => table.rows.map((_, i) => table.cells[i]?.[j] ?? null)),
  };
}

/** The share accepted within target of those whose target has passed, or a dash. */
function compliance(row: readonly (number | null)[], format: (n: number) => string): string {
  const [within, over] = row;
  if (within === null || within === undefined || over === null || over === undefined) return '—';
  return within + over === 0 ? '—' : `${format((100 * within) / (within + over))} %`;
}

/**
 * The by-area table's rate column (cases of all topics per 100,000 population),
 * when the country pack gives at least one of its areas a population figure:
 * the rate, null where the count is withheld (the cell says so), or "no
 * population figure" in words — never a parent's figure.
 */
function rateColumn(data: Dashboard, t: TFunction): (number | string | null)[] | null {
  const rates = new Map(data.areaRates.map((r) => [r.code, r]));
  if (!data.areaRates.some((r) => r.population !== null)) return null;
  const byArea = data.tables.byArea;
  return byArea.rows.map((code, i) => {
    const r = rates.get(code);
    if (byArea.cells[i]?.[0] === null) return null;
    return r?.rate ?? t('ui.dashboards.noPopulation');
  });
}

/**
 * Every section of a dashboard in words of the interface language: row and
 * column titles, chart series, the weekly table turned to read by week, the
 * referral table's share within target and the by-area table's rate column.
 */
export function shownSections(
  data: Dashboard,
  t: TFunction,
  language: string,
  serviceName: (code: string) => string,
): ShownSection[] {
  const percent = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
  const topic = (k: string) =>
    k === 'all' ? t('ui.dashboards.all') : t(`ui.cases.topics.${k}`, { defaultValue: k });
  const step = (k: string) => t(`workflow.steps.${k}`, { defaultValue: k });
  const risk = (k: string) => t(`ui.cases.riskNames.${k}`, { defaultValue: k });
  const areas = new Map(data.areaNames.map((a) => [a.code, areaName(a, language)]));
  const rates = rateColumn(data, t);
  const labels: Record<Section, { rows: (k: string) => string; columns: (k: string) => string }> = {
    weekly: { rows: topic, columns: (k) => k },
    topicStep: { rows: topic, columns: step },
    riskStep: { rows: risk, columns: step },
    byArea: { rows: (k) => areas.get(k) ?? k, columns: topic },
    referrals: {
      rows: serviceName,
      columns: (k) => t(`ui.dashboards.standings.${k}`, { defaultValue: k }),
    },
    outcomes: {
      rows: (k) => t(`ui.dashboards.outcomes.${k}`, { defaultValue: k }),
      columns: (k) => t(`ui.dashboards.answers.${k}`, { defaultValue: k }),
    },
  };

  return SECTIONS.map((section) => {
    const raw = data.tables[section];
    const name = labels[section];
    const rowLabels = raw.rows.map(name.rows);
    const columnLabels = raw.columns.map(name.columns);
    const chart: ChartData = {
      labels: section === 'weekly' ? columnLabels : rowLabels,
      series:
        section === 'weekly'
          ? raw.rows.map((_, i) => ({ label: rowLabels[i] ?? '', values: raw.cells[i] ?? [] }))
          : raw.columns.map((_, j) => ({
              label: columnLabels[j] ?? '',
              values: raw.rows.map((_, i) => raw.cells[i]?.[j] ?? null),
            })),
    };
    let table: LabelledTable;
    if (section === 'weekly') {
      const turned = transpose(raw);
      table = {
        corner: t('ui.dashboards.form.weeks'),
        rowLabels: columnLabels,
        columnLabels: rowLabels,
        cells: turned.cells,
      };
    } else if (section === 'byArea' && rates) {
      table = {
        corner: t(`ui.dashboards.sections.${section}.corner`),
        rowLabels,
        columnLabels: [...columnLabels, t('ui.dashboards.ratePer')],
        cells: raw.cells.map((row, i) => [...row, rates[i] ?? null]),
      };
    } else {
      table = {
        corner: t(`ui.dashboards.sections.${section}.corner`),
        rowLabels,
        columnLabels:
          section === 'referrals' ? [...columnLabels, t('ui.dashboards.compliance')] : columnLabels,
        cells:
          section === 'referrals'
            ? raw.cells.map((row) => [...row, compliance(row, (n) => percent.format(n))])
            : raw.cells,
      };
    }
    const hint = t(`ui.dashboards.sections.${section}.hint`);
    return {
      section,
      title: t(`ui.dashboards.sections.${section}.title`),
      hint:
        section === 'byArea' && rates
          ? `${hint} ${t('ui.dashboards.rateNote', { source: data.populationSource ?? '—' })}`
          : hint,
      kind: section === 'weekly' ? 'line' : 'bar',
      chart,
      table,
      empty: raw.rows.length === 0 || raw.cells.flat().every((c) => c === 0),
    };
  });
}

/** A section's table as CSV rows: withheld cells in words, never a number. */
export function csvRows(table: LabelledTable, withheld: string): (string | number | null)[][] {
  return [
    [table.corner, ...table.columnLabels],
    ...table.rowLabels.map((r, i) => [
      r,
      ...table.columnLabels.map((_, j) => {
        const v = table.cells[i]?.[j];
        return v === null || v === undefined ? withheld : v;
      }),
    ]),
  ];
}
