import { describe, expect, it } from 'vitest';
import { formatBytes } from './formatBytes.ts';

describe('formatBytes', () => {
  it('picks the unit and keeps one decimal for small values', () => {
    expect(formatBytes(67, 'en')).toBe('67 bytes');
    expect(formatBytes(1536, 'en')).toBe('1.5 kB');
    expect(formatBytes(10 * 1024 * 1024, 'en')).toBe('10 MB');
    expect(formatBytes(25 * 1024 * 1024 + 300_000, 'en')).toBe('25 MB');
  });

  it('speaks the interface language', () => {
    // French puts a narrow no-break space before the unit.
    expect(formatBytes(10 * 1024 * 1024, 'fr').replace(/\s/g, ' ')).toBe('10 Mo');
    expect(formatBytes(1536, 'es')).toBe('1,5 kB');
  });
});
