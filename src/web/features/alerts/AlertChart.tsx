import type { ChartConfiguration } from 'chart.js';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useChart } from '../../lib/useChart.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import type { ChartWeek } from './alertTypes.ts';

/**
 * The weekly counts as bars (the alarm weeks darker) with the method's
 * threshold and expected count as lines, drawn with Chart.js (loaded with the
 * page that shows it). The table beside it is its text alternative.
 */
export function AlertChart({ weeks }: { weeks: ChartWeek[] }) {
  const { t, i18n } = useTranslation();
  const configure = useCallback(
    (): ChartConfiguration => ({
      type: 'bar',
      data: {
        labels: weeks.map((w) => w.week),
        datasets: [
          {
            type: 'bar',
            label: t('ui.alerts.chart.observed'),
            data: weeks.map((w) => w.observed),
            backgroundColor: weeks.map((w) => (w.alarm ? '#a61b1b' : '#6b9fa8')),
            order: 2,
          },
          {
            type: 'line',
            label: t('ui.alerts.chart.threshold'),
            data: weeks.map((w) => w.threshold),
            borderColor: '#a61b1b',
            borderDash: [6, 4],
            pointRadius: 0,
            spanGaps: false,
            order: 1,
          },
          {
            type: 'line',
            label: t('ui.alerts.chart.expected'),
            data: weeks.map((w) => w.expected),
            borderColor: '#0b5563',
            pointRadius: 0,
            order: 1,
          },
        ],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        locale: i18n.language,
        scales: {
          y: { beginAtZero: true, title: { display: true, text: t('ui.alerts.chart.cases') } },
        },
      },
    }),
    [weeks, t, i18n.language],
  );
  const { canvas, failed } = useChart(configure);

  return (
    <div className="alert-chart">
      <ErrorAlert error={failed} />
      <div className="alert-chart-canvas">
        <canvas ref={canvas} role="img" aria-label={t('ui.alerts.chart.label')} />
      </div>
    </div>
  );
}
