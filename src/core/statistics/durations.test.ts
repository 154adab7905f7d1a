import { describe, expect, it } from 'vitest';
import { hoursBetween, quantile, summariseDelays } from './durations.ts';

describe('delay summaries', () => {
  it('computes quantiles as R does by default (type 7)', () => {
    // R: quantile(c(1, 2, 3, 4, 10), c(0.5, 0.9)) → 3, 7.6
    expect(quantile([1, 2, 3, 4, 10], 0.5)).toBe(3);
    expect(quantile([1, 2, 3, 4, 10], 0.9)).toBeCloseTo(7.6, 10);
    // R: quantile(c(1, 2, 3, 4), 0.5) → 2.5
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([5], 0.9)).toBe(5);
    expect(quantile([], 0.5)).toBeNull();
  });

  it('counts open items past their target as missed, and leaves them out of the median', () => {
    const s = summariseDelays([
      { hours: 1, targetHours: 2 },
      { hours: 2, targetHours: 2 }, // exactly on target counts as within
      { hours: 5, targetHours: 2 },
      { hours: 30, targetHours: 2, open: true }, // still waiting, late: missed
      { hours: 1, targetHours: 2, open: true }, // still waiting, not late yet: not counted
    ]);
    expect(s).toEqual({ n: 3, medianHours: 2, p90Hours: 4.4, withinTargetPct: 50 });
    expect(summariseDelays([])).toEqual({
      n: 0,
      medianHours: null,
      p90Hours: null,
      withinTargetPct: null,
    });
    expect(summariseDelays([{ hours: 3 }]).withinTargetPct).toBeNull();
  });

  it('measures hours between ISO times', () => {
    expect(hoursBetween('2026-01-01T00:00:00.000Z', '2026-01-02T06:00:00.000Z')).toBe(30);
  });
});
