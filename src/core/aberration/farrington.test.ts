import { describe, expect, it } from 'vitest';
import { normalQuantile } from './distributions.ts';
import { farrington1996, farringtonFlexible, noufaily } from './farrington.ts';
import {
  FARRINGTON_1996_SETTINGS,
  FARRINGTON_FLEXIBLE_DEFAULTS,
  farringtonHistoryNeeded,
  NOUFAILY_SETTINGS,
} from './farringtonSettings.ts';
import { deltaThreshold, noufailyThreshold } from './farringtonThreshold.ts';

/** A deterministic seasonal series around `level`, with `extra` cases added to the last week. */
function seasonal(weeks: number, level: number, extra = 0): number[] {
  const counts = Array.from({ length: weeks }, (_, i) =>
    Math.round(level * (1 + 0.4 * Math.sin((2 * Math.PI * i) / 52)) + ((i * 7) % 5) - 2),
  );
  counts[weeks - 1] = (counts[weeks - 1] as number) + extra;
  return counts;
}

describe('Farrington settings', () => {
  it('uses the settings of SOURCE.md for the three variants', () => {
    expect(FARRINGTON_FLEXIBLE_DEFAULTS).toMatchObject({
      b: 5,
      w: 3,
      alpha: 0.05,
      reweight: true,
      weightsThreshold: 2.58,
      noPeriods: 1,
      pastWeeksNotIncluded: 3,
      pThresholdTrend: 0.05,
      thresholdMethod: 'delta',
      powertrans: '2/3',
      limit54: [5, 4],
    });
    expect(FARRINGTON_1996_SETTINGS).toMatchObject({ weightsThreshold: 1, noPeriods: 1 });
    expect(NOUFAILY_SETTINGS).toMatchObject({
      weightsThreshold: 2.58,
      noPeriods: 10,
      pastWeeksNotIncluded: 26,
      pThresholdTrend: 1,
      thresholdMethod: 'nbPlugin',
    });
    expect(farringtonHistoryNeeded(FARRINGTON_FLEXIBLE_DEFAULTS)).toBe(263);
  });

  it('lets pastWeeksNotIncluded follow w, as surveillance does when it is not given', () => {
    const counts = seasonal(262 + 5, 10);
    expect(farringtonFlexible({ counts, evaluate: 5, w: 2 }).ok).toBe(true);
    expect(farringtonFlexible({ counts, evaluate: 6, w: 2 })).toMatchObject({
      ok: false,
      error: { code: 'aberration.too_little_history', needed: 262, have: 261 },
    });
  });

  it('refuses settings it cannot honour, naming the setting', () => {
    const counts = seasonal(300, 10);
    const bad: [Record<string, unknown>, string][] = [
      [{ b: 0 }, 'b'],
      [{ b: 2.5 }, 'b'],
      [{ w: -1 }, 'w'],
      [{ w: 26 }, 'w'],
      [{ noPeriods: 47 }, 'noPeriods'],
      [{ noPeriods: 0 }, 'noPeriods'],
      [{ pastWeeksNotIncluded: -1 }, 'pastWeeksNotIncluded'],
      [{ alpha: 0 }, 'alpha'],
      [{ alpha: 0.5 }, 'alpha'],
      [{ weightsThreshold: 0 }, 'weightsThreshold'],
      [{ pThresholdTrend: 2 }, 'pThresholdTrend'],
      [{ limit54: [5, 0] }, 'limit54'],
      [{ powertrans: '3/4' }, 'powertrans'],
      [{ thresholdMethod: 'exact' }, 'thresholdMethod'],
    ];
    for (const [settings, option] of bad)
      expect(farringtonFlexible({ counts, evaluate: 5, ...settings }), option).toMatchObject({
        ok: false,
        error: { code: 'aberration.bad_option', option },
      });
    expect(farringtonFlexible({ counts, evaluate: 5, b: 1, w: 0 })).toMatchObject({
      ok: false,
      error: { code: 'aberration.bad_option' },
    });
  });
});

describe('Farrington results', () => {
  it('gives no threshold, no expected value and no alarm when the last 4 weeks hold < 5 cases', () => {
    const counts = seasonal(300, 10);
    counts.splice(296, 4, 1, 0, 2, 1);
    const last = farringtonFlexible({ counts, evaluate: 1 });
    expect(last).toEqual({
      ok: true,
      weeks: [{ week: 299, observed: 1, expected: null, upper: null, stat: null, alarm: false }],
    });
  });

  it('alarms on a clear excess, and only when the count is above the threshold', () => {
    const counts = seasonal(320, 12, 25);
    for (const run of [farringtonFlexible, farrington1996, noufaily]) {
      const result = run({ counts, evaluate: 30 });
      if (!result.ok) throw new Error(result.error.code);
      const lastWeek = result.weeks.at(-1);
      expect(lastWeek?.alarm).toBe(true);
      for (const week of result.weeks) {
        expect(week.upper).not.toBeNull();
        expect(week.alarm).toBe(week.observed > (week.upper as number));
        expect(week.expected as number).toBeGreaterThan(0);
        expect(week.stat).toBeNull();
      }
      expect(result.weeks.slice(0, -1).every((w) => w.alarm === false)).toBe(true);
    }
    const nouf = noufaily({ counts, evaluate: 30 });
    if (nouf.ok) for (const week of nouf.weeks) expect(Number.isInteger(week.upper)).toBe(true);
  });

  it('numbers the evaluated weeks by their position in the series', () => {
    const result = farringtonFlexible({ counts: seasonal(300, 10), evaluate: 3 });
    expect(result.ok && result.weeks.map((w) => w.week)).toEqual([297, 298, 299]);
  });
});

describe('Farrington thresholds', () => {
  it('delta, 2/3 power: U = (μ^{2/3} + z·√(4/9 μ^{1/3} τ))^{3/2} with τ = φ + se²/μ', () => {
    const z = normalQuantile(0.95);
    const mu = 10;
    const tau = 1.5 + 4 / mu;
    const expected = (mu ** (2 / 3) + z * Math.sqrt((4 / 9) * mu ** (1 / 3) * tau)) ** 1.5;
    const t = deltaThreshold({ fit: mu, se: 2, phi: 1.5 }, '2/3', 0.05, 20);
    expect(t.upper).toBeCloseTo(expected, 12);
    expect(t.score).toBeCloseTo((20 - mu) / (expected - mu), 12);
    expect(deltaThreshold({ fit: mu, se: 2, phi: 1.5 }, 'none', 0.05, 0).upper).toBeCloseTo(
      mu + z * Math.sqrt(mu * tau),
      12,
    );
    expect(deltaThreshold({ fit: mu, se: 2, phi: 1.5 }, '1/2', 0.05, 0).upper).toBeCloseTo(
      (Math.sqrt(mu) + z * Math.sqrt(tau / 4)) ** 2,
      12,
    );
  });

  it('nbPlugin: a negative-binomial quantile, Poisson when φ = 1; muan inflates the mean', () => {
    // R: qnbinom(0.95, size = 8/(2 − 1), prob = 1/2) = 15; qpois(0.95, 8) = 13
    expect(
      noufailyThreshold({ fit: Math.log(8), se: 0.1, phi: 2 }, 'nbPlugin', 0.05, 0).upper,
    ).toBe(15);
    expect(
      noufailyThreshold({ fit: Math.log(8), se: 0.1, phi: 1 }, 'nbPlugin', 0.05, 0).upper,
    ).toBe(13);
    // R: qpois(0.95, exp(log(8) + qnorm(0.95) * 0.3)) = 19
    expect(noufailyThreshold({ fit: Math.log(8), se: 0.3, phi: 1 }, 'muan', 0.05, 0).upper).toBe(
      19,
    );
    expect(noufailyThreshold({ fit: 800, se: 0.1, phi: 1 }, 'nbPlugin', 0.05, 0).upper).toBeNaN();
  });
});
