// Poisson CUSUM on standardised counts, as surveillance 1.20.3 `algo.cusum`
// with trans = "standard" (SOURCE.md "CUSUM"; Rossi et al. 1999):
//   m = mean of every week before the first evaluated week (fixed),
//   z_t = (y_t − m)/√m, S_t = max(0, S_{t−1} + z_t − k), S = 0 before the window,
//   alarm when S_t ≥ h; the count that would alarm is ⌈√m (h + k − S_{t−1}) + m⌉, at least 0.
// Because m is fixed, a series that drifts upwards alarms every week once it is
// above the old mean: that is the method, not a fault.
import {
  type AberrationOutcome,
  checkSeries,
  firstProblem,
  optionProblem,
  refuse,
  type SeriesInput,
  type WeekResult,
} from './series.ts';

/** CUSUM input: the series, and optionally k and h. */
export interface CusumInput extends SeriesInput {
  /** Reference value k in standard deviations (default 1.04). */
  k?: number;
  /** Decision limit h (default 2.26). */
  h?: number;
}

/** The standardised Poisson CUSUM over the last `evaluate` weeks. */
export function cusum(input: CusumInput): AberrationOutcome {
  const k = input.k ?? 1.04;
  const h = input.h ?? 2.26;
  const problem = firstProblem(
    optionProblem(Number.isFinite(k) && k >= 0, 'k', k, 'a number at least 0'),
    optionProblem(Number.isFinite(h) && h > 0, 'h', h, 'a positive number'),
  );
  if (problem) return refuse(problem);
  const series = checkSeries(input, 'cusum', 1);
  if (!series.ok) return refuse(series.error);
  const { counts: y, first } = series;
  let total = 0;
  for (let i = 0; i < first; i++) total += y[i] as number;
  const m = total / first;
  // With no case before the window, (y − m)/√m is undefined.
  if (m === 0) return refuse({ code: 'aberration.no_cases_in_history', method: 'cusum' });
  const root = Math.sqrt(m);
  const weeks: WeekResult[] = [];
  let previous = 0;
  for (let t = first; t < y.length; t++) {
    const observed = y[t] as number;
    const upper = Math.max(0, Math.ceil(root * (h + k - previous) + m));
    const sum = Math.max(0, previous + (observed - m) / root - k);
    weeks.push({ week: t, observed, expected: m, upper, stat: sum, alarm: sum >= h });
    previous = sum;
  }
  return { ok: true, weeks };
}
