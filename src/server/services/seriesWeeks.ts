// Weeks on one running axis: week 0 is the ISO week that starts on Monday
// 1970-01-05 (UTC). Series are arrays over this axis; people read ISO labels
// (`2026-W47`), which this module converts both ways.
import { sql } from 'kysely';
import type { Dialect } from '../db/database.ts';

const DAY = 86_400_000;
const EPOCH_MONDAY = Date.UTC(1970, 0, 5);
const LABEL = /^(\d{4})-W(\d{2})$/;

/** The running week of an ISO date or timestamp (UTC). */
export function weekOf(iso: string): number {
  const day = Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
  return Math.floor((day - EPOCH_MONDAY) / (7 * DAY));
}

/** The Monday (YYYY-MM-DD) that starts a running week. */
export function weekStart(week: number): string {
  return new Date(EPOCH_MONDAY + week * 7 * DAY).toISOString().slice(0, 10);
}

/** The ISO 8601 label of a running week: the year of its Thursday, and its number. */
export function weekLabel(week: number): string {
  const thursday = new Date(EPOCH_MONDAY + (week * 7 + 3) * DAY);
  const year = thursday.getUTCFullYear();
  const dayOfYear = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY);
  const number = Math.floor(dayOfYear / 7) + 1;
  return `${year}-W${String(number).padStart(2, '0')}`;
}

/** The running week of an ISO label (`2026-W05`), or null if there is no such week. */
export function weekOfLabel(label: string): number | null {
  const m = LABEL.exec(label);
  if (!m) return null;
  const year = Number(m[1]);
  // Week 1 holds 4 January.
  const week = weekOf(`${year}-01-04`) + Number(m[2]) - 1;
  return weekLabel(week) === label ? week : null;
}

/** The last week that has ended by `now`. */
export function lastCompleteWeek(now: Date): number {
  return weekOf(now.toISOString()) - 1;
}

/** SQL for the running week of `case_file.identified_at` (alias `c`), the same on both dialects. */
export function weekSql(dialect: Dialect) {
  return dialect === 'postgres'
    ? sql<number>`((substr(c.identified_at, 1, 10)::date - date '1970-01-05') / 7)`
    : sql<number>`cast((julianday(substr(c.identified_at, 1, 10)) - 2440591.5) / 7 as integer)`;
}
