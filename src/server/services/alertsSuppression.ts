// Small-cell suppression for readers who may see aggregates only (docs/alerts.md
// "Small cells"): a count from 1 to k − 1 is withheld (primary suppression),
// and so are enough other cells that no withheld count can be worked out from
// the totals of its row or column (complementary suppression: every row and
// column with a withheld cell has at least two).
import type { Ctx } from '../context.ts';
import { latestPackSettings } from '../packs/packSettings.ts';

/** The pack's `smallCellThreshold` (k), default 5. */
export async function smallCellThreshold(ctx: Ctx): Promise<number> {
  const value = (await latestPackSettings(ctx.deps.db)).smallCellThreshold?.value;
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : 5;
}

/**
 * Which cells of a table (rows × columns, whose row, column and grand totals
 * may be known) to withhold: those from 1 to k − 1, then, while a row or a
 * column has exactly one withheld cell, its smallest other cell too (a
 * positive one first). Rows of one cell and columns of one cell have no
 * total beyond the cell itself and need no partner.
 */
export function suppressCells(table: readonly (readonly number[])[], k: number): boolean[][] {
  const hidden = table.map((row) => row.map((v) => v > 0 && v < k));
  const rows = table.length;
  const cols = Math.max(0, ...table.map((r) => r.length));
  const partner = (cells: [number, number][]) => {
    const shown = cells.filter(([i, j]) => !hidden[i]?.[j]);
    const value = ([i, j]: [number, number]) => table[i]?.[j] ?? 0;
    // The smallest positive cell hides the most with the least loss; a zero only when no other.
    shown.sort((a, b) => (value(a) > 0 ? 0 : 1) - (value(b) > 0 ? 0 : 1) || value(a) - value(b));
    const [pick] = shown;
    if (!pick) return false;
    const row = hidden[pick[0]];
    if (row) row[pick[1]] = true;
    return true;
  };
  for (let changed = true; changed; ) {
    changed = false;
    if (cols > 1)
      for (let i = 0; i < rows; i++) {
        const cells = (table[i] ?? []).map((_, j): [number, number] => [i, j]);
        if (cells.filter(([a, b]) => hidden[a]?.[b]).length === 1)
          changed = partner(cells) || changed;
      }
    if (rows > 1)
      for (let j = 0; j < cols; j++) {
        const cells = table.map((_, i): [number, number] => [i, j]);
        if (cells.filter(([a, b]) => hidden[a]?.[b]).length === 1)
          changed = partner(cells) || changed;
      }
  }
  return hidden;
}

/** The table with withheld cells as null. */
export function suppressed(table: readonly (readonly number[])[], k: number): (number | null)[][] {
  const hidden = suppressCells(table, k);
  return table.map((row, i) => row.map((v, j) => (hidden[i]?.[j] ? null : v)));
}
