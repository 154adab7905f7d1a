import type { ChartConfiguration, Chart as ChartType } from 'chart.js';
import { useEffect, useRef, useState } from 'react';

/** A white page under the chart, so the PNG is readable on any background. */
const whiteBackground = {
  id: 'whiteBackground',
  beforeDraw(chart: ChartType) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/**
 * Draws a Chart.js chart on a canvas (Chart.js loaded only when a chart is
 * shown), again whenever `configure` changes (memoise it), on a white page.
 * Returns the canvas ref, whether it is drawn, any loading failure, and a
 * function saving it as PNG.
 */
export function useChart(configure: () => ChartConfiguration) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<ChartType | null>(null);
  const [failed, setFailed] = useState<unknown>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let live = true;
    import('./chartSetup.ts')
      .then(({ Chart }) => {
        if (!live || !canvas.current) return;
        chart.current?.destroy();
        const config = configure();
        chart.current = new Chart(canvas.current, {
          ...config,
          plugins: [...(config.plugins ?? []), whiteBackground],
        });
        setReady(true);
      })
      .catch((e: unknown) => {
        if (live) setFailed(e);
      });
    return () => {
      live = false;
      chart.current?.destroy();
      chart.current = null;
    };
  }, [configure]);
  const toPng = () => canvas.current?.toDataURL('image/png') ?? null;
  return { canvas, ready, failed, toPng };
}
