// The aberration core's refusals (codes with parameters) in words, for the CLI
// and as problem+json for the API: `errors.aberration.*` in the alerts catalogue.
import { type AberrationError, CATALOGUES, translate } from '../../core/index.ts';
import { ProblemError } from '../http/problem.ts';

/** The core's `expected` texts of a bad option, by the catalogue entry that words them. */
const BECAUSE: Readonly<Record<string, string>> = {
  'a number above 0 and below 0.5': 'alpha_range',
  'no value: alpha applies to the Farrington methods only': 'alpha_farrington_only',
  'a whole number of years, at least 1': 'years',
  'a whole number of weeks, at least 0': 'weeks_min0',
  'a whole number of weeks, at least 3': 'weeks_min3',
  'a whole number of weeks per year': 'weeks_per_year',
  'windows shorter than a year': 'windows_short',
  'a whole number from 1 to the weeks between two windows plus 1': 'no_periods',
  'a positive number': 'positive',
  'a number at least 0': 'at_least_0',
  'a probability': 'probability',
  'cases ≥ 0 and a whole number of weeks ≥ 1': 'limit54',
  '2/3, 1/2 or none': 'powertrans',
  'delta, nbPlugin or muan': 'threshold_method',
  'documented or surveillance': 'c3',
  'a fit with more weeks than model terms, including the reference windows': 'fit',
};

/** A refusal as a catalogue entry: its key under `errors.` and its parameters. */
export interface AberrationWords {
  key: string;
  params: Record<string, string | number>;
}

/**
 * The catalogue entry and parameters for a core error; `labels` name the weeks
 * (a week without a label is named by its position, 1 = oldest).
 */
export function aberrationWords(
  error: AberrationError,
  labels: readonly string[],
): AberrationWords {
  const week = (i: number) => labels[i] ?? String(i + 1);
  const key = error.code;
  switch (error.code) {
    case 'aberration.empty_series':
      return { key, params: {} };
    case 'aberration.missing_count':
      return { key, params: { week: week(error.week) } };
    case 'aberration.negative_count':
    case 'aberration.non_integer_count':
      return { key, params: { week: week(error.week), count: error.count } };
    case 'aberration.bad_week_label':
      return { key, params: { label: error.label, first: labels[0] ?? '' } };
    case 'aberration.week_gap':
    case 'aberration.week_order':
      return {
        key,
        params: { week: week(error.week), previous: error.previous, label: error.label },
      };
    case 'aberration.bad_evaluate':
      return { key, params: { evaluate: error.evaluate, weeks: error.weeks } };
    case 'aberration.too_little_history':
      return { key, params: { method: error.method, needed: error.needed, have: error.have } };
    case 'aberration.no_cases_in_history':
      return { key, params: { method: error.method } };
    case 'aberration.bad_option': {
      const because = BECAUSE[error.expected];
      return {
        key: because ? `aberration.bad_option_because.${because}` : key,
        params: { option: error.option, value: error.value, expected: error.expected },
      };
    }
  }
}

/** One line in the first of `languages` that has it (then English). */
export function aberrationMessage(
  error: AberrationError,
  labels: readonly string[],
  languages: readonly string[],
): string {
  const words = aberrationWords(error, labels);
  return translate(CATALOGUES, languages, `errors.${words.key}`, words.params);
}

/** A 422 problem: the series or settings cannot give a sound number (never a wrong one). */
export function aberrationProblem(error: AberrationError, labels: readonly string[]): ProblemError {
  const words = aberrationWords(error, labels);
  return new ProblemError(422, error.code, words.params, { aberration: error }, words.key);
}
