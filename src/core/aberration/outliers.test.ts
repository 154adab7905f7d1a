import { describe, expect, it } from 'vitest';
import { modifiedZScores, zScores } from './outliers.ts';

describe('outlier scores', () => {
  it('z-score: (x − mean)/sd with the sample sd, flagged beyond ±3', () => {
    const values = [10, 12, 11, 13, 12, 11, 10, 12, 11, 60];
    const scores = zScores(values);
    const mean = values.reduce((a, b) => a + b) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
    expect(scores[9]?.score).toBeCloseTo((60 - mean) / sd, 12);
    // One huge value inflates the sd: 60 scores only about 2.8 and is not flagged.
    expect(scores[9]?.outlier).toBe(false);
    expect(zScores(values, { threshold: 2.5 })[9]?.outlier).toBe(true);
  });

  it('modified z-score: 0.6745 (x − median)/MAD, flagged beyond ±3.5 (Iglewicz–Hoaglin)', () => {
    const values = [10, 12, 11, 13, 12, 11, 10, 12, 11, 60];
    const scores = modifiedZScores(values);
    // median 11.5, |x − median| = 1.5, .5, .5, 1.5, .5, .5, 1.5, .5, .5, 48.5 → MAD 0.5
    expect(scores[9]?.score).toBeCloseTo((0.6745 * (60 - 11.5)) / 0.5, 12);
    expect(scores[9]?.outlier).toBe(true);
    expect(scores.slice(0, 9).every((s) => s.outlier === false)).toBe(true);
    expect(scores[3]).toEqual({ index: 3, value: 13, score: (0.6745 * 1.5) / 0.5, outlier: false });
  });

  it('gives no score when there is no spread or too few values, and skips missing values', () => {
    expect(modifiedZScores([5, 5, 5, 9]).every((s) => s.score === null && s.outlier === null)).toBe(
      true,
    );
    expect(zScores([4])[0]).toEqual({ index: 0, value: 4, score: null, outlier: null });
    expect(zScores([]).length).toBe(0);
    const withGap = modifiedZScores([1, 2, Number.NaN, 3, 100]);
    expect(withGap[2]).toEqual({ index: 2, value: Number.NaN, score: null, outlier: null });
    expect(withGap[4]?.outlier).toBe(true);
  });
});
