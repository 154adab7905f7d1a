// Farrington's outbreak detection as surveillance 1.20.3 `farringtonFlexible`
// codes it (SOURCE.md "Farrington flexible"), with its three named settings:
// the package defaults, the original Farrington et al. (1996) choices and the
// Noufaily et al. (2013) improvements. Rows are weeks by position (no calendar).
import { FarringtonModel } from './farringtonModel.ts';
import {
  FARRINGTON_1996_SETTINGS,
  FARRINGTON_FLEXIBLE_DEFAULTS,
  type FarringtonInput,
  type FarringtonSettings,
  farringtonHistoryNeeded,
  mergeSettings,
  NOUFAILY_SETTINGS,
  settingsProblem,
} from './farringtonSettings.ts';
import {
  type AberrationMethod,
  type AberrationOutcome,
  checkSeries,
  refuse,
  type WeekResult,
} from './series.ts';

/** `farringtonFlexible` with the package defaults. */
export function farringtonFlexible(input: FarringtonInput): AberrationOutcome {
  return runFarrington(input, FARRINGTON_FLEXIBLE_DEFAULTS, 'farrington');
}

/** Farrington with the original 1996 settings. */
export function farrington1996(input: FarringtonInput): AberrationOutcome {
  return runFarrington(input, FARRINGTON_1996_SETTINGS, 'farrington-1996');
}

/** Farrington with the Noufaily et al. (2013) settings. */
export function noufaily(input: FarringtonInput): AberrationOutcome {
  return runFarrington(input, NOUFAILY_SETTINGS, 'noufaily');
}

function runFarrington(
  input: FarringtonInput,
  defaults: Readonly<FarringtonSettings>,
  method: AberrationMethod,
): AberrationOutcome {
  const settings = mergeSettings(input, defaults);
  const problem = settingsProblem(settings);
  if (problem) return refuse(problem);
  const series = checkSeries(input, method, farringtonHistoryNeeded(settings));
  if (!series.ok) return refuse(series.error);
  const model = new FarringtonModel(settings, series.counts);
  if (!model.usable)
    return refuse({
      code: 'aberration.bad_option',
      option: 'b, w, noPeriods, pastWeeksNotIncluded',
      value: `${settings.b}, ${settings.w}, ${settings.noPeriods}, ${settings.pastWeeksNotIncluded}`,
      expected: 'a fit with more weeks than model terms, including the reference windows',
    });
  const weeks: WeekResult[] = [];
  for (let t = series.first; t < series.counts.length; t++) weeks.push(model.evaluateWeek(t));
  return { ok: true, weeks };
}
