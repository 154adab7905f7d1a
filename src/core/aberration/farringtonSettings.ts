// The settings of the Farrington methods: the three named variants of
// SOURCE.md's table, merging a caller's overrides, and checking them.

import { gapLength } from './farringtonLayout.ts';
import type { PowerTransform, ThresholdMethod } from './farringtonThreshold.ts';
import { type AberrationError, firstProblem, optionProblem, type SeriesInput } from './series.ts';

/** Every setting of `farringtonFlexible` that this implementation supports. */
export interface FarringtonSettings {
  /** Years back (b). */
  b: number;
  /** Half window in weeks (w). */
  w: number;
  /** Weeks per year (the data's frequency): reference weeks are t − period·j. */
  period: number;
  /** One-sided false-alarm probability per week. */
  alpha: number;
  /** Down-weight past outbreaks (Anscombe residuals above `weightsThreshold`). */
  reweight: boolean;
  /** c: residuals above it get weight ∝ s⁻². */
  weightsThreshold: number;
  /** Try a linear time trend at all. */
  trend: boolean;
  /** The trend is kept only if its p-value is below this. */
  pThresholdTrend: number;
  /** No threshold (and no alarm) when the last `weeks` weeks hold fewer than `cases` cases. */
  limit54: readonly [cases: number, weeks: number];
  powertrans: PowerTransform;
  /** Seasonal factor levels (p); 1 = windows only. */
  noPeriods: number;
  /** Recent weeks left out of the fit (g). */
  pastWeeksNotIncluded: number;
  thresholdMethod: ThresholdMethod;
}

/** `farringtonFlexible`'s defaults (surveillance 1.20.3). */
export const FARRINGTON_FLEXIBLE_DEFAULTS: Readonly<FarringtonSettings> = {
  b: 5,
  w: 3,
  period: 52,
  alpha: 0.05,
  reweight: true,
  weightsThreshold: 2.58,
  trend: true,
  pThresholdTrend: 0.05,
  limit54: [5, 4],
  powertrans: '2/3',
  noPeriods: 1,
  pastWeeksNotIncluded: 3,
  thresholdMethod: 'delta',
};

/** The original Farrington et al. (1996) choices: weights threshold 1 (SOURCE.md table). */
export const FARRINGTON_1996_SETTINGS: Readonly<FarringtonSettings> = {
  ...FARRINGTON_FLEXIBLE_DEFAULTS,
  weightsThreshold: 1,
};

/**
 * Noufaily et al. (2013): a 10-level seasonal factor, the last 26 weeks out of
 * the fit, the trend always kept when estimable, negative-binomial threshold.
 */
export const NOUFAILY_SETTINGS: Readonly<FarringtonSettings> = {
  ...FARRINGTON_FLEXIBLE_DEFAULTS,
  weightsThreshold: 2.58,
  noPeriods: 10,
  pastWeeksNotIncluded: 26,
  pThresholdTrend: 1,
  thresholdMethod: 'nbPlugin',
};

/** Input for a Farrington run: the series plus any settings to override. */
export type FarringtonInput = SeriesInput & Partial<FarringtonSettings>;

/** Weeks of history needed before the first evaluated week: the oldest reference window. */
export function farringtonHistoryNeeded(s: FarringtonSettings): number {
  return Math.max(s.period * s.b + s.w, s.pastWeeksNotIncluded, s.limit54[1] - 1);
}

/** The defaults with the caller's settings on top (surveillance's `modifyList`). */
export function mergeSettings(
  input: FarringtonInput,
  defaults: Readonly<FarringtonSettings>,
): FarringtonSettings {
  const merged: FarringtonSettings = { ...defaults };
  for (const key of Object.keys(defaults) as (keyof FarringtonSettings)[]) {
    const value = input[key];
    if (value !== undefined) (merged as unknown as Record<string, unknown>)[key] = value;
  }
  // surveillance's pastWeeksNotIncluded defaults to w when not given.
  if (input.pastWeeksNotIncluded === undefined && defaults.pastWeeksNotIncluded === defaults.w)
    merged.pastWeeksNotIncluded = merged.w;
  return merged;
}

const isWhole = (v: number, min: number) => Number.isInteger(v) && v >= min;

/** The first setting that cannot be honoured, if any. */
export function settingsProblem(s: FarringtonSettings): AberrationError | null {
  const [cases, weeks] = s.limit54;
  return firstProblem(
    optionProblem(s.alpha > 0 && s.alpha < 0.5, 'alpha', s.alpha, 'a number above 0 and below 0.5'),
    optionProblem(isWhole(s.b, 1), 'b', s.b, 'a whole number of years, at least 1'),
    optionProblem(isWhole(s.w, 0), 'w', s.w, 'a whole number of weeks, at least 0'),
    optionProblem(isWhole(s.period, 1), 'period', s.period, 'a whole number of weeks per year'),
    optionProblem(gapLength(s.period, s.w) >= 0, 'w', s.w, 'windows shorter than a year'),
    optionProblem(
      isWhole(s.noPeriods, 1) && s.noPeriods - 1 <= Math.max(gapLength(s.period, s.w), 0),
      'noPeriods',
      s.noPeriods,
      'a whole number from 1 to the weeks between two windows plus 1',
    ),
    optionProblem(
      isWhole(s.pastWeeksNotIncluded, 0),
      'pastWeeksNotIncluded',
      s.pastWeeksNotIncluded,
      'a whole number of weeks, at least 0',
    ),
    optionProblem(
      s.weightsThreshold > 0,
      'weightsThreshold',
      s.weightsThreshold,
      'a positive number',
    ),
    optionProblem(
      s.pThresholdTrend >= 0 && s.pThresholdTrend <= 1,
      'pThresholdTrend',
      s.pThresholdTrend,
      'a probability',
    ),
    optionProblem(
      Number.isFinite(cases) && cases >= 0 && isWhole(weeks, 1),
      'limit54',
      s.limit54.join(','),
      'cases ≥ 0 and a whole number of weeks ≥ 1',
    ),
    optionProblem(
      ['2/3', '1/2', 'none'].includes(s.powertrans),
      'powertrans',
      s.powertrans,
      '2/3, 1/2 or none',
    ),
    optionProblem(
      ['delta', 'nbPlugin', 'muan'].includes(s.thresholdMethod),
      'thresholdMethod',
      s.thresholdMethod,
      'delta, nbPlugin or muan',
    ),
  );
}
