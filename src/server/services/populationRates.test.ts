import { describe, expect, it } from 'vitest';
import { suppressed } from './alertsSuppression.ts';
import { caseRate, combinedRate, RATE_PER } from './populationRates.ts';

describe('case rates per 100,000 population', () => {
  it('divides cases by people, per 100,000, to two decimals', () => {
    expect(RATE_PER).toBe(100_000);
    expect(caseRate(12, 2_041_587)).toBe(0.59);
    expect(caseRate(1, 5_658)).toBe(17.67);
    expect(caseRate(0, 5_658)).toBe(0);
    expect(caseRate(50, 100_000)).toBe(50);
  });

  it('gives no rate without a population figure, or for a population of 0', () => {
    expect(caseRate(10, undefined)).toBeNull();
    expect(caseRate(10, null)).toBeNull();
    expect(caseRate(10, 0)).toBeNull();
  });

  it('withholds the rate of a withheld count, so no rate × population gives it back', () => {
    const counts = [3, 40, 12, 0];
    const people = [5_658, 2_041_587, 551_667, 120_590];
    const shown = suppressed(
      counts.map((n) => [n]),
      5,
    ).map((row) => row[0] ?? null);
    const rates = shown.map((n, i) => caseRate(n, people[i]));
    // 3 is small and 12 is its partner: both counts and both rates withheld.
    expect(shown).toEqual([null, 40, null, 0]);
    expect(rates).toEqual([null, 1.96, null, 0]);
  });

  it('combines areas only when every count is shown and every area has a figure', () => {
    expect(
      combinedRate([
        { cases: 10, population: 400_000 },
        { cases: 30, population: 600_000 },
      ]),
    ).toBe(4);
    expect(
      combinedRate([
        { cases: null, population: 400_000 },
        { cases: 30, population: 600_000 },
      ]),
    ).toBeNull();
    expect(
      combinedRate([
        { cases: 10, population: null },
        { cases: 30, population: 600_000 },
      ]),
    ).toBeNull();
    expect(combinedRate([])).toBeNull();
  });
});
