import { describe, expect, it } from 'vitest';
import { normalQuantile } from './distributions.ts';
import { earsC1, earsC2, earsC3 } from './ears.ts';
import type { AberrationOutcome, WeekResult } from './series.ts';

// R (surveillance 1.20.3): y <- c(1:7, 20, 3, 3, 9, 4, 30, 5); earsC(sts(y), range = 12:14)
const y = [1, 2, 3, 4, 5, 6, 7, 20, 3, 3, 9, 4, 30, 5];

function weeks(outcome: AberrationOutcome): WeekResult[] {
  if (!outcome.ok) throw new Error(outcome.error.code);
  return outcome.weeks;
}

describe('EARS C1 and C2 (as surveillance codes them)', () => {
  it('C1: U = mean + z·sd of the previous 7 weeks, z = qnorm(0.999); alarm when y > U', () => {
    const result = weeks(earsC1({ counts: y, evaluate: 3 }));
    expect(result.map((w) => w.upper)).toEqual([
      25.753723018188893, 25.871601739634045, 42.744415910825282,
    ]);
    expect(result.map((w) => w.alarm)).toEqual([false, true, false]);
    expect(result[0]).toMatchObject({ week: 11, observed: 4, stat: null });
    expect(result[0]?.expected).toBeCloseTo((5 + 6 + 7 + 20 + 3 + 3 + 9) / 7, 12);
  });

  it('C2: the same on the 7 weeks before a two-week guard', () => {
    const result = weeks(earsC2({ counts: y, evaluate: 3 }));
    result.forEach((w, i) => {
      expect(w.upper).toBeCloseTo(
        [25.349420332805114, 25.349420332805114, 25.753723018188893][i] as number,
        12,
      );
    });
    expect(result.map((w) => w.alarm)).toEqual([false, true, false]);
  });

  it('alarms on anything above the mean when the baseline has no spread (minSigma 0), or uses minSigma', () => {
    const flat = [2, 2, 2, 2, 2, 2, 2, 3];
    expect(weeks(earsC1({ counts: flat, evaluate: 1 }))[0]).toMatchObject({
      upper: 2,
      alarm: true,
    });
    const floored = weeks(earsC1({ counts: flat, evaluate: 1, minSigma: 1 }))[0];
    expect(floored?.upper).toBeCloseTo(2 + normalQuantile(0.999), 12);
    expect(floored?.alarm).toBe(false);
  });
});

describe('EARS C3', () => {
  it('as documented: Σ max(0, C2 − 1) over t−2..t, alarm when ≥ qnorm(0.975)', () => {
    const result = weeks(earsC3({ counts: y, evaluate: 3 }));
    const stats = [0, 2.8673876105313241, 2.8673876105313241]; // computed in R, as reference.R does
    result.forEach((w, i) => {
      expect(w.stat).toBeCloseTo(stats[i] as number, 12);
    });
    expect(result.map((w) => w.alarm)).toEqual([false, true, true]);
  });

  it('reports as upper the count at which the documented rule alarms', () => {
    // A deterministic irregular series: alarm ⇔ observed ≥ upper, week by week.
    const counts = Array.from(
      { length: 200 },
      (_, i) => ((i * 37) % 11) + ((i * 13) % 7) * (i % 3),
    );
    for (const w of weeks(earsC3({ counts, evaluate: 180 }))) {
      if (w.upper === null) continue;
      expect(w.alarm, `week ${w.week}`).toBe(w.observed >= w.upper);
    }
  });

  it('as surveillance codes it: U = max(0, y_t + S_t (z − L)), which ignores the current week', () => {
    const result = weeks(earsC3({ counts: y, evaluate: 3, c3: 'surveillance' }));
    result.forEach((w, i) => {
      expect(w.upper).toBeCloseTo([15.728632107068218, 41.728632107068222, 0][i] as number, 12);
    });
    expect(result.map((w) => w.alarm)).toEqual([false, false, true]);
    expect(result.every((w) => w.stat === null)).toBe(true);
  });

  it('with a baseline of no spread: +∞ (alarm) above the mean, undefined at the mean', () => {
    // Every baseline is seven 2s; weeks t−2 and t−1 are below (C2 = −∞, no excess).
    const counts = [2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 2];
    expect(weeks(earsC3({ counts, evaluate: 1 }))[0]).toMatchObject({ stat: null, alarm: null });
    counts[11] = 3;
    expect(weeks(earsC3({ counts, evaluate: 1 }))[0]).toMatchObject({
      stat: Infinity,
      alarm: true,
    });
  });
});

describe('EARS settings', () => {
  it('refuses a baseline under 3 weeks, a negative minSigma, alpha outside (0, 0.5), an unknown C3 variant', () => {
    const counts = y;
    expect(earsC1({ counts, evaluate: 1, baseline: 2 })).toMatchObject({
      ok: false,
      error: { code: 'aberration.bad_option', option: 'baseline' },
    });
    expect(earsC2({ counts, evaluate: 1, minSigma: -1 })).toMatchObject({
      ok: false,
      error: { code: 'aberration.bad_option', option: 'minSigma' },
    });
    expect(earsC1({ counts, evaluate: 1, alpha: 0 })).toMatchObject({
      ok: false,
      error: { code: 'aberration.bad_option', option: 'alpha' },
    });
    expect(earsC3({ counts, evaluate: 1, c3: 'cdc' as 'documented' })).toMatchObject({
      ok: false,
      error: { code: 'aberration.bad_option', option: 'c3' },
    });
  });

  it('needs baseline, baseline + 2 and baseline + 4 weeks of history', () => {
    expect(earsC1({ counts: y, evaluate: 8, baseline: 7 })).toMatchObject({
      ok: false,
      error: { code: 'aberration.too_little_history', needed: 7, have: 6 },
    });
    expect(earsC3({ counts: y, evaluate: 4, baseline: 7 })).toMatchObject({
      ok: false,
      error: { code: 'aberration.too_little_history', needed: 11, have: 10 },
    });
    expect(earsC3({ counts: y, evaluate: 5, baseline: 5 }).ok).toBe(true);
  });
});
