import { describe, expect, it } from 'vitest';
import { nameKey, personAge } from './personName.ts';

describe('person names and ages', () => {
  it('folds case, accents and punctuation, keeps other scripts', () => {
    expect(nameKey('Nguyễn Thị', 'Ánh')).toBe('nguyen thi anh');
    expect(nameKey('  Marie-Ève ', "O'Brien")).toBe('marie eve o brien');
    expect(nameKey('सीता', 'शर्मा')).toBe(nameKey('सीता शर्मा'));
    expect(nameKey('सीता')).toBe('सीता');
    expect(nameKey('Çağla', 'Muñoz')).toBe('cagla munoz');
  });
  it('ages from a birth date, or from an estimate that grows with time', () => {
    expect(
      personAge(
        { birthDate: '2013-05-01', estimatedAge: null, ageRecordedOn: '2026-11-26' },
        '2026-11-26',
      ),
    ).toEqual({ years: 13, estimated: false });
    expect(
      personAge({ birthDate: null, estimatedAge: 12, ageRecordedOn: '2025-11-20' }, '2026-11-26'),
    ).toEqual({ years: 13, estimated: true });
    expect(
      personAge({ birthDate: null, estimatedAge: null, ageRecordedOn: '2026-11-26' }, '2026-11-26'),
    ).toBeNull();
  });
});
