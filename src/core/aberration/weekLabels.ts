// Week labels of an input file: the rows must be consecutive weeks, oldest
// first, because every method reads the series by position (SOURCE.md: "Row
// index is the time axis"). A gap or a step back would shift every later week.
import type { AberrationError } from './series.ts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_WEEK = /^(\d{4})-?W(\d{2})$/;
const WHOLE = /^-?\d+$/;

type LabelKind = 'date' | 'isoWeek' | 'number' | 'text';

/** Days since 1970-01-01 for a valid ISO date, else null. */
function isoDateDay(label: string): number | null {
  const m = ISO_DATE.exec(label);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
    return null;
  return ms / 86_400_000;
}

/** A running week number for an ISO 8601 week label (2024-W05), else null. */
function isoWeekNumber(label: string): number | null {
  const m = ISO_WEEK.exec(label);
  if (!m) return null;
  const year = Number(m[1]);
  const week = Number(m[2]);
  // Monday of ISO week 1 is the Monday on or before 4 January.
  const jan4 = Date.UTC(year, 0, 4) / 86_400_000;
  const mondayWeek1 = jan4 - ((new Date(jan4 * 86_400_000).getUTCDay() + 6) % 7);
  const weeksInYear = isoWeeksInYear(year);
  if (week < 1 || week > weeksInYear) return null;
  return (mondayWeek1 + 7 * (week - 1)) / 7;
}

function isoWeeksInYear(year: number): number {
  // A year has 53 ISO weeks when it starts on a Thursday, or is a leap year starting on a Wednesday.
  const jan1 = new Date(Date.UTC(year, 0, 1)).getUTCDay();
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return jan1 === 4 || (leap && jan1 === 3) ? 53 : 52;
}

function labelKind(label: string): LabelKind {
  if (ISO_DATE.test(label)) return 'date';
  if (ISO_WEEK.test(label)) return 'isoWeek';
  if (WHOLE.test(label)) return 'number';
  return 'text';
}

/** The week's position on a weekly axis for the label kind, or null if the label is malformed. */
function weekPosition(label: string, kind: LabelKind): number | null {
  if (kind === 'date') {
    const day = isoDateDay(label);
    return day === null ? null : day / 7;
  }
  if (kind === 'isoWeek') return isoWeekNumber(label);
  if (kind === 'number') return WHOLE.test(label) ? Number(label) : null;
  return 0;
}

/**
 * Checks week labels for gaps and order. The first label decides the kind:
 * ISO dates (2024-01-01) must step by exactly 7 days, ISO weeks (2024-W01)
 * and whole numbers by one; other labels are only required to be non-empty
 * (the rows are then taken as consecutive weeks, as surveillance does).
 */
export function checkWeekLabels(labels: readonly string[]): AberrationError | null {
  const first = labels[0];
  if (first === undefined) return { code: 'aberration.empty_series' };
  const kind = labelKind(first.trim());
  let previous: number | null = null;
  for (let week = 0; week < labels.length; week++) {
    const label = (labels[week] ?? '').trim();
    const position = label === '' ? null : weekPosition(label, kind);
    if (position === null) return { code: 'aberration.bad_week_label', week, label };
    if (previous !== null && kind !== 'text') {
      const step = position - previous;
      const prior = (labels[week - 1] ?? '').trim();
      if (step <= 0) return { code: 'aberration.week_order', week, previous: prior, label };
      if (Math.abs(step - 1) > 1e-9)
        return { code: 'aberration.week_gap', week, previous: prior, label };
    }
    previous = position;
  }
  return null;
}
