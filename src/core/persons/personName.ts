import { ageInYears } from '../screening/reasons.ts';

/**
 * A search key for a name: Unicode NFKD, accents removed, lower case, single
 * spaces. Scripts other than Latin are kept as they are (transliteration comes
 * with the linkage engine), so "Nguyễn Thị Ánh" and "nguyen thi anh" meet.
 */
export function nameKey(...parts: readonly string[]): string {
  return (
    parts
      .join(' ')
      .normalize('NFKD')
      // Only Latin diacritics: vowel signs of Devanagari, Arabic… are letters' parts and stay.
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
      .trim()
  );
}

/**
 * A person's age on `today` (`YYYY-MM-DD`): from the birth date when known, else
 * the estimated age plus the whole years since it was recorded.
 */
export function personAge(
  person: { birthDate: string | null; estimatedAge: number | null; ageRecordedOn: string },
  today: string,
): { years: number; estimated: boolean } | null {
  if (person.birthDate) {
    const years = ageInYears(person.birthDate, today);
    return years === null ? null : { years, estimated: false };
  }
  if (person.estimatedAge === null) return null;
  const since = ageInYears(person.ageRecordedOn, today) ?? 0;
  return { years: person.estimatedAge + since, estimated: true };
}
