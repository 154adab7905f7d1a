import type { ChartConfiguration } from 'chart.js';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useChart } from '../../lib/useChart.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { download } from './csv.ts';

/** What one chart draws: a label per point on the axis, and one series per legend entry. */
export interface ChartData {
  labels: string[];
  series: { label: string; values: (number | null)[] }[];
}

/** Okabe–Ito: told apart with the common colour-vision deficiencies. */
const PALETTE = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#000000'];

/**
 * A Chart.js chart of counts (lines over weeks, or grouped bars), loaded only
 * when shown. Withheld counts are gaps. The table under it is its text
 * alternative; the canvas says so. "Save as PNG" saves what is drawn.
 */
export function CountChart(props: {
  kind: 'line' | 'bar';
  data: ChartData;
  title: string;
  fileName: string;
  testId: string;
}) {
  const { t, i18n } = useTranslation();
  const { kind, data } = props;
  const configure = useCallback(
    (): ChartConfiguration => ({
      type: kind,
      data: {
        labels: data.labels,
        datasets: data.series.map((s, i) => {
          const colour = PALETTE[i % PALETTE.length] ?? '#000000';
          return {
            label: s.label,
            data: s.values,
            backgroundColor: colour,
            borderColor: colour,
            borderWidth: kind === 'line' ? 2 : 1,
            pointRadius: kind === 'line' ? 1.5 : 0,
            spanGaps: false,
          };
        }),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        locale: i18n.language,
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: 'bottom' } },
      },
    }),
    [kind, data, i18n.language],
  );
  const { canvas, ready, failed, toPng } = useChart(configure);
  const savePng = () => {
    const png = toPng();
    if (png) download(png, props.fileName);
  };
  const label = t('ui.dashboards.chartLabel', { what: props.title });
  return (
    <div>
      <div className="chart-box">
        <canvas ref={canvas} role="img" aria-label={label} data-testid={props.testId}>
          {label}
        </canvas>
      </div>
      <ErrorAlert error={failed} />
      <p className="row-actions">
        <button type="button" className="button secondary" onClick={savePng} disabled={!ready}>
          {t('ui.dashboards.savePng', { what: props.title })}
        </button>
      </p>
    </div>
  );
}
