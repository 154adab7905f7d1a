import { describe, expect, it } from 'vitest';
import { isInternationalPhone } from './phone.ts';

describe('isInternationalPhone', () => {
  it('takes + and 8 to 15 digits, with spaces or dashes', () => {
    expect(isInternationalPhone('+9779812345678')).toBe(true);
    expect(isInternationalPhone('+977 981-234 5678')).toBe(true);
  });

  it('refuses national forms, letters and a leading zero', () => {
    expect(isInternationalPhone('9812345678')).toBe(false);
    expect(isInternationalPhone('+0977981234567')).toBe(false);
    expect(isInternationalPhone('+977abc12345')).toBe(false);
    expect(isInternationalPhone('+1234567')).toBe(false);
  });
});
