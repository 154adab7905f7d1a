import type { ChartConfiguration } from 'chart.js';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useChart } from '../../lib/useChart.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { download } from './csv.ts';
import { DELAYS } from './delayTypes.ts';

/** Median and 90th percentile of one delay, per group (null where nothing was measured or withheld). */
export interface ChartSeries {
  labels: string[];
  values: Record<(typeof DELAYS)[number], { median: (number | null)[]; p90: (number | null)[] }>;
}

/** One hue per delay; the 90th percentile is the lighter, outlined bar (the legend says which). */
const COLOURS = {
  toFirstReferral: ['#0b5563', '#9cc9d1'],
  toAcceptance: ['#8a4b08', '#f0c48a'],
  toFirstService: ['#4b3f8a', '#c3bbef'],
} as const;

/**
 * A bar chart of the median and 90th percentile hours of each delay by group,
 * drawn with Chart.js (loaded only when a dashboard is shown). The table beside
 * it is its text alternative; the canvas says so in its label. "Save as PNG"
 * saves what is drawn.
 */
export function DelayChart({ series }: { series: ChartSeries }) {
  const { t, i18n } = useTranslation();
  const configure = useCallback((): ChartConfiguration => {
    const datasets = DELAYS.flatMap((d) => [
      {
        label: t('ui.dashboard.chart.median', { delay: t(`ui.dashboard.delays.${d}`) }),
        data: series.values[d].median,
        backgroundColor: COLOURS[d][0],
        borderColor: COLOURS[d][0],
        borderWidth: 1,
      },
      {
        label: t('ui.dashboard.chart.p90', { delay: t(`ui.dashboard.delays.${d}`) }),
        data: series.values[d].p90,
        backgroundColor: COLOURS[d][1],
        borderColor: COLOURS[d][0],
        borderWidth: 2,
      },
    ]);
    return {
      type: 'bar',
      data: { labels: series.labels, datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        locale: i18n.language,
        scales: {
          y: {
            beginAtZero: true,
            title: { display: true, text: t('ui.dashboard.chart.hours') },
          },
        },
        plugins: { legend: { position: 'bottom' } },
      },
    };
  }, [series, t, i18n.language]);
  const { canvas, ready, failed, toPng } = useChart(configure);
  const savePng = () => {
    const png = toPng();
    if (png) download(png, 'time-to-referral.png');
  };
  return (
    <div>
      <div className="chart-box">
        <canvas
          ref={canvas}
          role="img"
          aria-label={t('ui.dashboard.chart.label')}
          data-testid="delay-chart"
        >
          {t('ui.dashboard.chart.label')}
        </canvas>
      </div>
      <ErrorAlert error={failed} />
      <p className="row-actions">
        <button type="button" className="button secondary" onClick={savePng} disabled={!ready}>
          {t('ui.dashboard.savePng')}
        </button>
      </p>
    </div>
  );
}
