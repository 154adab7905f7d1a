// The shapes shared by every aberration method — input, one result row per
// evaluated week, typed errors — and the checks on a weekly count series.
// Errors carry a `code` and parameters, never prose, so that each interface can
// word them in its reader's language.

/** The methods, by the names the CLI and the docs use. */
export const ABERRATION_METHODS = [
  'farrington',
  'farrington-1996',
  'noufaily',
  'ears-c1',
  'ears-c2',
  'ears-c3',
  'cusum',
] as const;
/** One of ABERRATION_METHODS. */
export type AberrationMethod = (typeof ABERRATION_METHODS)[number];

/** A weekly series, oldest week first, and how many of its last weeks to evaluate. */
export interface SeriesInput {
  /** One count per week, no gaps; `null` or NaN marks a missing week (refused). */
  counts: readonly (number | null)[];
  /** Evaluate the last N weeks. */
  evaluate: number;
}

/** One evaluated week. `null` means "not defined" (R's NA). */
export interface WeekResult {
  /** Position of the week in `counts` (0 = oldest). */
  week: number;
  observed: number;
  /** The count the method expected (Farrington μ0, EARS baseline mean, CUSUM reference mean). */
  expected: number | null;
  /** The threshold: counts above it (EARS C3: at or above it) alarm. */
  upper: number | null;
  /** The method's statistic where it has one (EARS C3 sum, CUSUM sum); otherwise null. */
  stat: number | null;
  alarm: boolean | null;
}

/** Why a series or a setting was refused. */
export type AberrationError =
  | { code: 'aberration.empty_series' }
  | { code: 'aberration.missing_count'; week: number }
  | { code: 'aberration.negative_count'; week: number; count: number }
  | { code: 'aberration.non_integer_count'; week: number; count: number }
  | { code: 'aberration.bad_evaluate'; evaluate: number; weeks: number }
  | {
      code: 'aberration.too_little_history';
      method: AberrationMethod;
      needed: number;
      have: number;
    }
  | { code: 'aberration.bad_option'; option: string; value: string; expected: string }
  | { code: 'aberration.no_cases_in_history'; method: AberrationMethod }
  | { code: 'aberration.bad_week_label'; week: number; label: string }
  | { code: 'aberration.week_gap'; week: number; previous: string; label: string }
  | { code: 'aberration.week_order'; week: number; previous: string; label: string };

/** A method's answer: the evaluated weeks, oldest first, or why it could not run. */
export type AberrationOutcome =
  | { ok: true; weeks: WeekResult[] }
  | { ok: false; error: AberrationError };

/** Wraps an error as a failed outcome. */
export function refuse(error: AberrationError): AberrationOutcome {
  return { ok: false, error };
}

/**
 * Checks counts (present, whole, not negative) and `evaluate`, and that at
 * least `historyNeeded` weeks precede the first evaluated week. Returns the
 * counts as a Float64Array, or the first problem found.
 */
export function checkSeries(
  input: SeriesInput,
  method: AberrationMethod,
  historyNeeded: number,
): { ok: true; counts: Float64Array; first: number } | { ok: false; error: AberrationError } {
  const { counts, evaluate } = input;
  if (counts.length === 0) return { ok: false, error: { code: 'aberration.empty_series' } };
  const values = new Float64Array(counts.length);
  for (let week = 0; week < counts.length; week++) {
    const count = counts[week];
    if (count === null || count === undefined || Number.isNaN(count))
      return { ok: false, error: { code: 'aberration.missing_count', week } };
    if (!Number.isInteger(count))
      return { ok: false, error: { code: 'aberration.non_integer_count', week, count } };
    if (count < 0) return { ok: false, error: { code: 'aberration.negative_count', week, count } };
    values[week] = count;
  }
  if (!Number.isInteger(evaluate) || evaluate < 1 || evaluate > counts.length)
    return {
      ok: false,
      error: { code: 'aberration.bad_evaluate', evaluate, weeks: counts.length },
    };
  const first = counts.length - evaluate;
  if (first < historyNeeded)
    return {
      ok: false,
      error: { code: 'aberration.too_little_history', method, needed: historyNeeded, have: first },
    };
  return { ok: true, counts: values, first };
}

/** A bad-option error unless `valid`. */
export function optionProblem(
  valid: boolean,
  option: string,
  value: unknown,
  expected: string,
): AberrationError | null {
  return valid ? null : { code: 'aberration.bad_option', option, value: String(value), expected };
}

/** The first non-null problem, if any. */
export function firstProblem(
  ...problems: readonly (AberrationError | null)[]
): AberrationError | null {
  for (const problem of problems) if (problem) return problem;
  return null;
}
