// The dashboards' tables built from grouped counts (docs/dashboards.md): pure
// functions, no database. Every table is counts in rows × columns, withheld
// for aggregate-only readers by suppressCells (alertsSuppression.ts).
import { suppressed } from './alertsSuppression.ts';

/** One dashboard table: row and column keys and a count per cell (null = withheld). */
export interface DashboardTable {
  rows: string[];
  columns: string[];
  cells: (number | null)[][];
}

/** A table of zeros with the given keys, and a function adding n to one cell (unknown keys are ignored). */
export function emptyTable(
  rows: readonly string[],
  columns: readonly string[],
): { table: { rows: string[]; columns: string[]; cells: number[][] }; add: AddCell } {
  const cells = rows.map(() => columns.map(() => 0));
  const rowAt = new Map(rows.map((r, i) => [r, i]));
  const colAt = new Map(columns.map((c, j) => [c, j]));
  const add: AddCell = (row, column, n) => {
    const i = rowAt.get(row);
    const j = colAt.get(column);
    const line = i === undefined ? undefined : cells[i];
    if (line === undefined || j === undefined) return;
    line[j] = (line[j] ?? 0) + n;
  };
  return { table: { rows: [...rows], columns: [...columns], cells }, add };
}

export type AddCell = (row: string, column: string, n: number) => void;

/** The topics of a case's comma-separated topic set that are known, once each. */
export function topicsOf(topics: string, known: readonly string[]): string[] {
  return [...new Set(topics.split(','))].filter((t) => known.includes(t));
}

/**
 * The table as an aggregate-only reader may see it: counts from 1 to k − 1
 * and their complementary cells withheld (null); everyone else sees it whole.
 */
export function protect(
  table: { rows: string[]; columns: string[]; cells: number[][] },
  aggregateOnly: boolean,
  k: number,
): DashboardTable {
  return {
    rows: table.rows,
    columns: table.columns,
    cells: aggregateOnly ? suppressed(table.cells, k) : table.cells,
  };
}

/** How a referral stands against its acceptance target. */
export type ReferralStanding = 'withinTarget' | 'overTarget' | 'pending' | 'notAccepted';
export const REFERRAL_STANDINGS: readonly ReferralStanding[] = [
  'withinTarget',
  'overTarget',
  'pending',
  'notAccepted',
];

/**
 * A referral against its acceptance target at `now`: accepted by the due time
 * (within), accepted later or still waiting past it (over), still waiting
 * before it (pending), or closed without being accepted.
 */
export function referralStanding(
  r: { state: string; accepted_at: string | null; accept_due_at: string },
  now: string,
): ReferralStanding {
  if (r.accepted_at !== null)
    return r.accepted_at <= r.accept_due_at ? 'withinTarget' : 'overTarget';
  if (r.state === 'sent' || r.state === 'info_requested')
    return now > r.accept_due_at ? 'overTarget' : 'pending';
  return 'notAccepted';
}

/** A follow-up answer as a column key: yes, no or not recorded. */
export function answerKey(value: number | null): 'yes' | 'no' | 'unknown' {
  return value === null ? 'unknown' : value === 1 ? 'yes' : 'no';
}
