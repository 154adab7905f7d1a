/**
 * Birth dates as (year, month, day) with unknown parts as 0, and their
 * comparison with the errors registers make: one mistyped digit, day and month
 * swapped, a year off by one, and ages estimated by a worker ("about 14")
 * rather than known.
 */
import { withinOneEdit } from './stringSimilarity.ts';

/** A birth date; `toleranceYears` > 0 when the year comes from an estimated age. */
export interface PreparedDate {
  year: number;
  month: number;
  day: number;
  toleranceYears: number;
  /** YYYYMMDD (unknown parts as 00), for the one-typo comparison. */
  digits: string;
}

/** A prepared date from its parts (0 = unknown). */
export function makeDate(
  year: number,
  month: number,
  day: number,
  toleranceYears = 0,
): PreparedDate {
  const digits = year > 0 ? String(year * 10000 + month * 100 + day).padStart(8, '0') : '';
  return { year, month, day, toleranceYears, digits };
}

export const NO_DATE: PreparedDate = makeDate(0, 0, 0);

/** Reads `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (other formats are converted by the caller). */
export function parseIsoDate(text: string | null | undefined): PreparedDate {
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec((text ?? '').trim());
  if (!m) return NO_DATE;
  const month = Number(m[2] ?? 0);
  const day = Number(m[3] ?? 0);
  return makeDate(
    Number(m[1]),
    month >= 1 && month <= 12 ? month : 0,
    day >= 1 && day <= 31 ? day : 0,
  );
}

/** A birth year from an age estimated on a date: ±2 years, since such ages are guesses. */
export function dateFromEstimatedAge(age: number, recordedOn: string): PreparedDate {
  const year = Number(recordedOn.slice(0, 4));
  if (!Number.isFinite(age) || !Number.isFinite(year) || age < 0) return NO_DATE;
  return makeDate(year - Math.round(age), 0, 0, 2);
}

/** Levels of agreement between two dates. */
export const DATE_LEVELS = [
  'exact',
  'one typo or swap',
  'year within tolerance',
  'different',
] as const;

/** Compares two dates: 0 exact … 3 different, −1 when either year is unknown. */
export function compareDates(a: PreparedDate, b: PreparedDate): number {
  if (a.year === 0 || b.year === 0) return -1;
  const tolerance = Math.max(a.toleranceYears, b.toleranceYears);
  const complete = a.month > 0 && a.day > 0 && b.month > 0 && b.day > 0;
  const dy = Math.abs(a.year - b.year);
  if (complete && tolerance === 0) {
    if (a.year === b.year && a.month === b.month && a.day === b.day) return 0;
    if (a.year === b.year && a.month === b.day && a.day === b.month) return 1;
    if (withinOneEdit(a.digits, b.digits)) return 1;
    if (dy === 0 && (a.month === b.month || a.day === b.day)) return 1;
    if (dy <= 1 && a.month === b.month && a.day === b.day) return 2;
    return 3;
  }
  // Partial or estimated dates: every part known on both sides must agree.
  const monthsDiffer = a.month > 0 && b.month > 0 && a.month !== b.month;
  const daysDiffer = a.day > 0 && b.day > 0 && a.day !== b.day;
  if (dy === 0 && tolerance === 0 && !monthsDiffer && !daysDiffer) return 1;
  if (dy <= Math.max(1, tolerance)) return 2;
  return 3;
}
