import { describe, expect, it } from 'vitest';
import { cusum } from './cusum.ts';

describe('Poisson CUSUM (algo.cusum, standard)', () => {
  it('matches R on a small series', () => {
    // R: algo.cusum(sts2disProg(sts(c(2,2,2,2,2,5,6,1))), control = list(range = 5:8))
    const result = cusum({ counts: [2, 2, 2, 2, 2, 5, 6, 1], evaluate: 4 });
    if (!result.ok) throw new Error(result.error.code);
    const sums = [0, 1.0813203435596423, 2.8697474683058322, 1.1226406871192847];
    result.weeks.forEach((w, i) => {
      expect(w.stat).toBeCloseTo(sums[i] as number, 14);
    });
    expect(result.weeks.map((w) => w.upper)).toEqual([7, 7, 6, 3]);
    expect(result.weeks.map((w) => w.alarm)).toEqual([false, false, true, false]);
    expect(result.weeks.every((w) => w.expected === 2)).toBe(true);
  });

  it('keeps the reference mean of the weeks before the window, so a drift alarms throughout', () => {
    const counts = [...Array.from({ length: 50 }, () => 3), ...Array.from({ length: 10 }, () => 8)];
    const result = cusum({ counts, evaluate: 10 });
    // S climbs by (8 − 3)/√3 − 1.04 ≈ 1.85 a week: past h = 2.26 from the second week on, for good.
    expect(result.ok && result.weeks.map((w) => w.alarm)).toEqual([false, ...Array(9).fill(true)]);
  });

  it('uses k and h when given, and refuses bad ones', () => {
    const result = cusum({ counts: [2, 2, 2, 2, 5], evaluate: 1, k: 0, h: 2 });
    expect(result.ok && result.weeks[0]?.stat).toBeCloseTo(3 / Math.SQRT2, 14);
    expect(result.ok && result.weeks[0]?.alarm).toBe(true);
    expect(cusum({ counts: [1, 2], evaluate: 1, k: -1 })).toMatchObject({
      ok: false,
      error: { code: 'aberration.bad_option', option: 'k' },
    });
    expect(cusum({ counts: [1, 2], evaluate: 1, h: 0 })).toMatchObject({
      ok: false,
      error: { code: 'aberration.bad_option', option: 'h' },
    });
  });

  it('refuses a series with no case before the window (the standardisation would divide by 0)', () => {
    expect(cusum({ counts: [0, 0, 0, 4], evaluate: 1 })).toEqual({
      ok: false,
      error: { code: 'aberration.no_cases_in_history', method: 'cusum' },
    });
    expect(cusum({ counts: [4], evaluate: 1 })).toMatchObject({
      ok: false,
      error: { code: 'aberration.too_little_history', needed: 1, have: 0 },
    });
  });
});
