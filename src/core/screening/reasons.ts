/**
 * One step of an explanation: a stable code (its plain-words text is the
 * catalogue entry `screening.reasons.<code>`), the values it cites, the rule it
 * applied and where that rule comes from.
 */
export interface Reason {
  code: string;
  params: Record<string, string | number>;
  rule: string;
  source: string;
}

/** A threshold on weekly hours: "at least" (`>=`) or "more than" (`>`). */
export interface HoursThreshold {
  hours: number;
  comparator: '>=' | '>';
}

/** True when `hours` reaches the threshold, with its exact edge. */
export function meetsHours(hours: number, threshold: HoursThreshold): boolean {
  return threshold.comparator === '>=' ? hours >= threshold.hours : hours > threshold.hours;
}

/**
 * Whole years between a birth date and a reference date (both `YYYY-MM-DD`),
 * counting a birthday on the reference date as reached. Null for impossible dates.
 */
export function ageInYears(birthDate: string, on: string): number | null {
  const b = parseDate(birthDate);
  const r = parseDate(on);
  if (!b || !r) return null;
  let years = r.y - b.y;
  if (r.m < b.m || (r.m === b.m && r.d < b.d)) years -= 1;
  return years < 0 ? null : years;
}

/** A calendar date from `YYYY-MM-DD`, or null when it does not exist (31 April, 29 February 2025). */
export function parseDate(text: string): { y: number; m: number; d: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  if (days === undefined || d < 1 || d > days) return null;
  return { y, m, d };
}
