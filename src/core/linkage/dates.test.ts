import { describe, expect, it } from 'vitest';
import { compareDates, dateFromEstimatedAge, NO_DATE, parseIsoDate } from './dates.ts';

const d = (s: string) => parseIsoDate(s);

describe('birth dates', () => {
  it('reads full and partial ISO dates; impossible parts are unknown', () => {
    expect(d('2013-05-01')).toMatchObject({ year: 2013, month: 5, day: 1, toleranceYears: 0 });
    expect(d('2013')).toMatchObject({ year: 2013, month: 0, day: 0, toleranceYears: 0 });
    expect(d('1916-00-17')).toMatchObject({ year: 1916, month: 0, day: 17, digits: '19160017' });
    expect(d('n/a')).toEqual(NO_DATE);
  });
  it('grades typos, day/month swaps and year tolerance', () => {
    expect(compareDates(d('1977-05-01'), d('1977-05-01'))).toBe(0);
    expect(compareDates(d('1977-05-01'), d('1977-01-05'))).toBe(1); // swapped
    expect(compareDates(d('1977-05-01'), d('1977-05-07'))).toBe(1); // one digit
    expect(compareDates(d('1977-05-01'), d('1979-05-01'))).toBe(1); // one digit of the year
    expect(compareDates(d('1977-05-01'), d('1978-05-01'))).toBe(1);
    expect(compareDates(d('1977-05-21'), d('1968-05-21'))).toBe(3);
    expect(compareDates(d('1977-05-01'), d('1976-05-01'))).toBe(1);
    expect(compareDates(d('1977-05-01'), d('1981-09-15'))).toBe(3);
    expect(compareDates(d('1977'), d('1977-05-01'))).toBe(1);
    expect(compareDates(NO_DATE, d('1977-05-01'))).toBe(-1);
  });
  it('treats estimated ages as a year within ±2', () => {
    const estimated = dateFromEstimatedAge(14, '2024-03-01');
    expect(estimated.year).toBe(2010);
    expect(compareDates(estimated, d('2011-08-09'))).toBe(2);
    expect(compareDates(estimated, d('2008-08-09'))).toBe(2);
    expect(compareDates(estimated, d('2005-08-09'))).toBe(3);
  });
});
