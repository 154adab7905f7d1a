import { describe, expect, it } from 'vitest';
import { suppressCells, suppressed } from './alertsSuppression.ts';

/** True when some withheld cell is the only withheld one in its row or column (then its total gives it away). */
function recoverable(table: number[][], hidden: boolean[][]): boolean {
  const rows = table.length;
  const cols = table[0]?.length ?? 0;
  for (let i = 0; i < rows && cols > 1; i++)
    if ((hidden[i] ?? []).filter(Boolean).length === 1) return true;
  for (let j = 0; j < cols && rows > 1; j++)
    if (hidden.map((r) => r[j]).filter(Boolean).length === 1) return true;
  return false;
}

describe('small-cell suppression', () => {
  it('withholds counts under k and a partner in each line, smallest positive first', () => {
    const table = [
      [12, 3, 20],
      [15, 9, 30],
    ];
    expect(suppressed(table, 5)).toEqual([
      [null, null, 20],
      [null, null, 30],
    ]);
  });

  it('never withholds zeros or large counts without need, and leaves a clean table alone', () => {
    expect(suppressed([[0, 7, 8]], 5)).toEqual([[0, 7, 8]]);
    expect(suppressed([[0, 2, 8]], 5)).toEqual([[0, null, null]]);
  });

  it('needs no partner for a single cell line (its total is itself)', () => {
    expect(suppressed([[2], [9], [10]], 5)).toEqual([[null], [null], [10]]);
  });

  it('leaves no withheld cell alone in its row or column, on many random tables', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let n = 0; n < 300; n++) {
      const rows = 1 + Math.floor(next() * 5);
      const cols = 1 + Math.floor(next() * 8);
      const table = Array.from({ length: rows }, () =>
        Array.from({ length: cols }, () => Math.floor(next() * next() * 30)),
      );
      const hidden = suppressCells(table, 5);
      expect(recoverable(table, hidden), JSON.stringify(table)).toBe(false);
      for (const [i, row] of table.entries())
        for (const [j, v] of row.entries()) if (v > 0 && v < 5) expect(hidden[i]?.[j]).toBe(true);
    }
  });
});
