// Aberration detection for weekly counts (docs/alerts.md): Farrington (three
// settings), EARS C1/C2/C3, Poisson CUSUM, and outlier scores.
import { cusum } from './cusum.ts';
import { earsC1, earsC2, earsC3 } from './ears.ts';
import { farrington1996, farringtonFlexible, noufaily } from './farrington.ts';
import {
  type AberrationMethod,
  type AberrationOutcome,
  refuse,
  type SeriesInput,
} from './series.ts';

export type { CusumInput } from './cusum.ts';
export { cusum } from './cusum.ts';
export type { EarsC3Input, EarsInput } from './ears.ts';
export { earsC1, earsC2, earsC3 } from './ears.ts';
export { farrington1996, farringtonFlexible, noufaily } from './farrington.ts';
export type { FarringtonInput, FarringtonSettings } from './farringtonSettings.ts';
export {
  FARRINGTON_1996_SETTINGS,
  FARRINGTON_FLEXIBLE_DEFAULTS,
  farringtonHistoryNeeded,
  NOUFAILY_SETTINGS,
} from './farringtonSettings.ts';
export type { PowerTransform, ThresholdMethod } from './farringtonThreshold.ts';
export type { OutlierScore } from './outliers.ts';
export { modifiedZScores, zScores } from './outliers.ts';
export type {
  AberrationError,
  AberrationMethod,
  AberrationOutcome,
  SeriesInput,
  WeekResult,
} from './series.ts';
export { ABERRATION_METHODS } from './series.ts';
export { checkWeekLabels } from './weekLabels.ts';

/** Input for `detectAberrations`: the series, and α for the Farrington methods only. */
export interface DetectInput extends SeriesInput {
  /** Farrington methods only (default 0.05); the others keep their own defaults. */
  alpha?: number;
}

/** Runs one method by name with its default settings. */
export function detectAberrations(method: AberrationMethod, input: DetectInput): AberrationOutcome {
  const series = { counts: input.counts, evaluate: input.evaluate };
  const isFarrington =
    method === 'farrington' || method === 'farrington-1996' || method === 'noufaily';
  if (input.alpha !== undefined && !isFarrington)
    return refuse({
      code: 'aberration.bad_option',
      option: 'alpha',
      value: String(input.alpha),
      expected: 'no value: alpha applies to the Farrington methods only',
    });
  const farrington = input.alpha === undefined ? series : { ...series, alpha: input.alpha };
  switch (method) {
    case 'farrington':
      return farringtonFlexible(farrington);
    case 'farrington-1996':
      return farrington1996(farrington);
    case 'noufaily':
      return noufaily(farrington);
    case 'ears-c1':
      return earsC1(series);
    case 'ears-c2':
      return earsC2(series);
    case 'ears-c3':
      return earsC3(series);
    case 'cusum':
      return cusum(series);
  }
}
