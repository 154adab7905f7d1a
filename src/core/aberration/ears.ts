// The CDC's Early Aberration Reporting System methods C1, C2 and C3
// (Hutwagner et al. 2003), as SOURCE.md "EARS C1/C2/C3" describes them and
// surveillance 1.20.3 `earsC` codes C1 and C2: a 7-week baseline mean Ȳ and
// sample sd S (n − 1), floored at `minSigma`.
//   C1: baseline y_{t−7..t−1}, U = Ȳ + z·S, alarm when y_t > U.
//   C2: baseline y_{t−9..t−3} (two weeks' guard), same rule.
//   C3 (documented): C3(t) = Σ_{i=t−2..t} max(0, C2(i) − 1), with
//       C2(i) = (y_i − Ȳ_i)/S_i; alarm when C3(t) ≥ z.
// surveillance's own C3 code computes U = max(0, y_t + S_t (z − L)) instead,
// which ignores the current week (SOURCE.md); it is kept as the option
// `c3: 'surveillance'` so that the package can be reproduced.
import { normalQuantile } from './distributions.ts';
import {
  type AberrationError,
  type AberrationMethod,
  type AberrationOutcome,
  checkSeries,
  firstProblem,
  optionProblem,
  refuse,
  type SeriesInput,
  type WeekResult,
} from './series.ts';

/** EARS input: the series, and optionally α, the baseline length and minSigma. */
export interface EarsInput extends SeriesInput {
  /** False-alarm probability: default 0.001 for C1 and C2 (z = 3.090), 0.025 for C3 (z = 1.960). */
  alpha?: number;
  /** Baseline length in weeks (default 7, at least 3). */
  baseline?: number;
  /** Floor on the baseline sd; Burkom suggests 0.5 or 1 for sparse counts (default 0). */
  minSigma?: number;
}

/** EARS C3 input: as for C1/C2, plus which C3 definition to use. */
export interface EarsC3Input extends EarsInput {
  /** `documented` (CDC definition, default) or `surveillance` (the package's coded variant). */
  c3?: 'documented' | 'surveillance';
}

/** EARS C1: the last `baseline` weeks as baseline. */
export function earsC1(input: EarsInput): AberrationOutcome {
  return earsC12(input, 'ears-c1', 0);
}

/** EARS C2: the baseline ends two weeks before the evaluated week. */
export function earsC2(input: EarsInput): AberrationOutcome {
  return earsC12(input, 'ears-c2', 2);
}

/** EARS C3: the sum of the current and two previous C2 exceedances. */
export function earsC3(input: EarsC3Input): AberrationOutcome {
  const settings = earsSettings(input, 0.025);
  const problem = firstProblem(
    settings.problem,
    optionProblem(
      input.c3 === undefined || input.c3 === 'documented' || input.c3 === 'surveillance',
      'c3',
      input.c3,
      'documented or surveillance',
    ),
  );
  if (problem) return refuse(problem);
  const { baseline, minSigma, z } = settings;
  // C2 at t − 2 looks back to t − 2 − (baseline + 2).
  const series = checkSeries(input, 'ears-c3', baseline + 4);
  if (!series.ok) return refuse(series.error);
  const y = series.counts;
  const weeks: WeekResult[] = [];
  for (let t = series.first; t < y.length; t++) {
    const now = baselineStats(y, t, 2, baseline, minSigma);
    const c2 = (i: number) => {
      const b = baselineStats(y, i, 2, baseline, minSigma);
      return ((y[i] as number) - b.mean) / b.sd;
    };
    const lagged = exceedance(c2(t - 2)) + exceedance(c2(t - 1));
    const row =
      input.c3 === 'surveillance'
        ? codedC3(y[t] as number, now.sd, lagged, z)
        : documentedC3(y[t] as number, now, lagged, z);
    weeks.push({ week: t, observed: y[t] as number, expected: now.mean, ...row });
  }
  return { ok: true, weeks };
}

/** max(0, C2 − 1) with R's NaN propagation (pmax keeps NaN). */
function exceedance(c2: number): number {
  return Number.isNaN(c2) ? Number.NaN : Math.max(0, c2 - 1);
}

/**
 * The documented C3. Its threshold on the count scale follows from the same
 * rule: C3 ≥ z ⇔ y_t ≥ Ȳ + S (1 + z − L) when L < z, and always when L ≥ z
 * (threshold 0). SOURCE.md's U3 = Ȳ + S (z − L) lacks the "+ S" and is not used.
 */
function documentedC3(
  y: number,
  now: { mean: number; sd: number },
  lagged: number,
  z: number,
): Pick<WeekResult, 'upper' | 'stat' | 'alarm'> {
  const stat = lagged + exceedance((y - now.mean) / now.sd);
  if (Number.isNaN(stat)) return { upper: null, stat: null, alarm: null };
  const upper = lagged >= z ? 0 : now.mean + now.sd * (1 + z - lagged);
  return { upper: Number.isFinite(upper) ? upper : null, stat, alarm: stat >= z };
}

/** surveillance's coded C3: U = max(0, y_t + S_t (z − L)), alarm when y_t > U. */
function codedC3(
  y: number,
  sd: number,
  lagged: number,
  z: number,
): Pick<WeekResult, 'upper' | 'stat' | 'alarm'> {
  const upper = Math.max(0, y + sd * (z - lagged));
  if (Number.isNaN(upper)) return { upper: null, stat: null, alarm: null };
  return { upper, stat: null, alarm: y > upper };
}

function earsC12(input: EarsInput, method: AberrationMethod, lag: number): AberrationOutcome {
  const settings = earsSettings(input, 0.001);
  if (settings.problem) return refuse(settings.problem);
  const { baseline, minSigma, z } = settings;
  const series = checkSeries(input, method, baseline + lag);
  if (!series.ok) return refuse(series.error);
  const y = series.counts;
  const weeks: WeekResult[] = [];
  for (let t = series.first; t < y.length; t++) {
    const { mean, sd } = baselineStats(y, t, lag, baseline, minSigma);
    const upper = mean + z * sd;
    const observed = y[t] as number;
    weeks.push({ week: t, observed, expected: mean, upper, stat: null, alarm: observed > upper });
  }
  return { ok: true, weeks };
}

function earsSettings(
  input: EarsInput,
  defaultAlpha: number,
): { baseline: number; minSigma: number; z: number; problem: AberrationError | null } {
  const alpha = input.alpha ?? defaultAlpha;
  const baseline = input.baseline ?? 7;
  const minSigma = input.minSigma ?? 0;
  const problem = firstProblem(
    optionProblem(alpha > 0 && alpha < 0.5, 'alpha', alpha, 'a number above 0 and below 0.5'),
    optionProblem(
      Number.isInteger(baseline) && baseline >= 3,
      'baseline',
      baseline,
      'a whole number of weeks, at least 3',
    ),
    optionProblem(minSigma >= 0, 'minSigma', minSigma, 'a number at least 0'),
  );
  return { baseline, minSigma, z: normalQuantile(1 - alpha), problem };
}

/** Mean and max(sd, minSigma) of y_{t−lag−baseline} … y_{t−lag−1}. */
function baselineStats(
  y: Float64Array,
  t: number,
  lag: number,
  baseline: number,
  minSigma: number,
): { mean: number; sd: number } {
  const end = t - lag; // exclusive
  let sum = 0;
  for (let i = end - baseline; i < end; i++) sum += y[i] as number;
  const mean = sum / baseline;
  let squares = 0;
  for (let i = end - baseline; i < end; i++) squares += ((y[i] as number) - mean) ** 2;
  const sd = Math.sqrt(squares / (baseline - 1));
  return { mean, sd: Math.max(sd, minSigma) };
}
