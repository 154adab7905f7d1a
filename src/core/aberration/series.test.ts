import { describe, expect, it } from 'vitest';
import { detectAberrations } from './index.ts';
import { checkSeries } from './series.ts';
import { checkWeekLabels } from './weekLabels.ts';

const flat = (n: number, value = 3) => Array.from({ length: n }, () => value);

describe('series checks', () => {
  it('refuses an empty series', () => {
    expect(checkSeries({ counts: [], evaluate: 1 }, 'cusum', 1)).toEqual({
      ok: false,
      error: { code: 'aberration.empty_series' },
    });
  });

  it('refuses a missing week (null or NaN) by position', () => {
    for (const gap of [null, Number.NaN]) {
      const counts = [1, 2, gap, 4];
      expect(checkSeries({ counts, evaluate: 1 }, 'cusum', 1)).toEqual({
        ok: false,
        error: { code: 'aberration.missing_count', week: 2 },
      });
    }
  });

  it('refuses negative and fractional counts', () => {
    expect(checkSeries({ counts: [1, -2, 3], evaluate: 1 }, 'cusum', 1)).toEqual({
      ok: false,
      error: { code: 'aberration.negative_count', week: 1, count: -2 },
    });
    expect(checkSeries({ counts: [1, 2.5, 3], evaluate: 1 }, 'cusum', 1)).toEqual({
      ok: false,
      error: { code: 'aberration.non_integer_count', week: 1, count: 2.5 },
    });
    expect(checkSeries({ counts: [1, Infinity], evaluate: 1 }, 'cusum', 1)).toMatchObject({
      ok: false,
      error: { code: 'aberration.non_integer_count', week: 1 },
    });
  });

  it('refuses an evaluate count that is not a whole number of weeks within the series', () => {
    for (const evaluate of [0, -1, 1.5, 5])
      expect(checkSeries({ counts: [1, 2, 3, 4], evaluate }, 'cusum', 1)).toEqual({
        ok: false,
        error: { code: 'aberration.bad_evaluate', evaluate, weeks: 4 },
      });
  });

  it('says how much history each method needs and how much there is', () => {
    const cases = [
      ['farrington', 263],
      ['farrington-1996', 263],
      ['noufaily', 263],
      ['ears-c1', 7],
      ['ears-c2', 9],
      ['ears-c3', 11],
      ['cusum', 1],
    ] as const;
    for (const [method, needed] of cases) {
      expect(detectAberrations(method, { counts: flat(needed + 19), evaluate: 20 })).toEqual({
        ok: false,
        error: { code: 'aberration.too_little_history', method, needed, have: needed - 1 },
      });
      expect(detectAberrations(method, { counts: flat(needed + 20), evaluate: 20 }).ok).toBe(true);
    }
  });

  it('refuses alpha for the methods that do not take it', () => {
    expect(
      detectAberrations('cusum', { counts: flat(30), evaluate: 5, alpha: 0.01 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'aberration.bad_option', option: 'alpha' },
    });
    expect(
      detectAberrations('farrington', { counts: flat(300), evaluate: 5, alpha: 0.7 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'aberration.bad_option', option: 'alpha', value: '0.7' },
    });
  });
});

describe('week labels', () => {
  it('accepts consecutive ISO dates a week apart, ISO weeks, numbers and free text', () => {
    expect(checkWeekLabels(['2024-12-23', '2024-12-30', '2025-01-06'])).toBeNull();
    expect(checkWeekLabels(['2020-W52', '2020-W53', '2021-W01', '2021W02'])).toBeNull();
    expect(checkWeekLabels(['9', '10', '11'])).toBeNull();
    expect(checkWeekLabels(['week a', 'week b'])).toBeNull();
  });

  it('reports a gap, a step back and a malformed label with the week position', () => {
    expect(checkWeekLabels(['2024-01-01', '2024-01-08', '2024-01-22'])).toEqual({
      code: 'aberration.week_gap',
      week: 2,
      previous: '2024-01-08',
      label: '2024-01-22',
    });
    expect(checkWeekLabels(['2019-W52', '2020-W02'])).toMatchObject({
      code: 'aberration.week_gap',
    });
    expect(checkWeekLabels(['2020-W53', '2021-W01'])).toBeNull(); // 2020 has 53 ISO weeks
    expect(checkWeekLabels(['2021-W53'])).toMatchObject({ code: 'aberration.bad_week_label' });
    expect(checkWeekLabels(['3', '2'])).toEqual({
      code: 'aberration.week_order',
      week: 1,
      previous: '3',
      label: '2',
    });
    expect(checkWeekLabels(['2024-01-01', '2024-01-01'])).toMatchObject({
      code: 'aberration.week_order',
    });
    expect(checkWeekLabels(['2024-01-01', '2024-02-30'])).toEqual({
      code: 'aberration.bad_week_label',
      week: 1,
      label: '2024-02-30',
    });
    expect(checkWeekLabels(['2024-01-01', ''])).toMatchObject({
      code: 'aberration.bad_week_label',
    });
    expect(checkWeekLabels([])).toEqual({ code: 'aberration.empty_series' });
  });
});
