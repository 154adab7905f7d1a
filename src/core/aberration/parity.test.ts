// Parity with the R package surveillance 1.20.3 (tests/fixtures/aberration/SOURCE.md):
// every column of every reference table, |ours − R| ≤ 1e-6 · max(|R|, 1),
// identical alarms and identical NA cells.
import { describe, expect, it } from 'vitest';
import { compareWithReference, parseSeriesCsv } from './rParity.ts';

const series = import.meta.glob<string>('../../../tests/fixtures/aberration/**/series/*.csv', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const references = import.meta.glob<string>(
  [
    '../../../tests/fixtures/aberration/outputs/*.csv',
    '../../../tests/fixtures/aberration/extra/*.extra.csv',
  ],
  { query: '?raw', import: 'default', eager: true },
);

const TOLERANCE = 1e-6;

/** The series file a reference table was computed from. */
function seriesFor(referencePath: string): string {
  const path = referencePath
    .replace('/outputs/', '/series/')
    .replace('/extra/', '/extra/series/')
    .replace(/\.(reference|extra)\.csv$/, '.csv');
  const text = series[path];
  if (text === undefined) throw new Error(`no series for ${referencePath}`);
  return text;
}

describe('parity with R surveillance 1.20.3', () => {
  const files = Object.keys(references).sort();

  it('finds the three shared reference tables and the extra ones', () => {
    expect(files.filter((f) => f.includes('/outputs/'))).toHaveLength(3);
    expect(files.filter((f) => f.includes('/extra/')).length).toBeGreaterThanOrEqual(6);
  });

  it.each(files.map((f) => [f.split('/').pop() ?? f, f]))(
    '%s',
    (_name, file) => {
      const counts = parseSeriesCsv(seriesFor(file));
      const columns = compareWithReference(counts, references[file] ?? '');
      expect(columns.length).toBeGreaterThan(10);
      for (const column of columns) {
        if (column.refused) {
          // Only CUSUM may refuse, on a series with no case before the window:
          // R divides by √0 there and prints NaN sums.
          expect(column.column).toMatch(/^cusum/);
          expect(column.refused).toBe('aberration.no_cases_in_history');
          expect(counts.slice(0, counts.length - 100).every((c) => c === 0)).toBe(true);
          continue;
        }
        expect(column.mismatches, column.column).toEqual([]);
        expect(column.maxRelDiff, column.column).toBeLessThanOrEqual(TOLERANCE);
      }
    },
    120_000,
  ); // 23 runs of 100 weeks per table; the non-converging fits take 25 iterations each

  it('covers every column of the shared tables, C3 both as documented and as coded', () => {
    const file = files.find((f) => f.endsWith('seasonal_outbreak.reference.csv')) ?? '';
    const columns = compareWithReference(parseSeriesCsv(seriesFor(file)), references[file] ?? '');
    expect(columns.map((c) => c.column)).toEqual([
      'ff_expected',
      'ff_upper',
      'ff_alarm',
      'farr_expected',
      'farr_upper',
      'farr_alarm',
      'nouf_expected',
      'nouf_upper',
      'nouf_alarm',
      'c1_upper',
      'c1_alarm',
      'c2_upper',
      'c2_alarm',
      'c3_upper',
      'c3_alarm',
      'c3doc_stat',
      'c3doc_alarm',
      'cusum_stat',
      'cusum_upper',
      'cusum_alarm',
    ]);
  });
});
