import { describe, expect, it } from 'vitest';
import { jaro, jaroWinkler, osaDistance, withinOneEdit } from './stringSimilarity.ts';

describe('string comparators', () => {
  it('Jaro and Jaro–Winkler match the published examples (Winkler 1990)', () => {
    expect(jaro('martha', 'marhta')).toBeCloseTo(0.944, 3);
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.813, 3);
    expect(jaroWinkler('', 'abc')).toBe(0);
    expect(jaroWinkler('same', 'same')).toBe(1);
  });
  it('optimal string alignment counts a transposition as one edit, but not edits inside it', () => {
    expect(osaDistance('abcd', 'acbd')).toBe(1);
    expect(osaDistance('ca', 'abc')).toBe(3); // Damerau–Levenshtein proper would say 2
    expect(osaDistance('kitten', 'sitting')).toBe(3);
    expect(osaDistance('kitten', 'sitting', 1)).toBe(2);
  });
  it('checks one edit quickly, agreeing with the full distance', () => {
    const words = [
      '19770501',
      '19770510',
      '19770501',
      '1977051',
      '197705011',
      '19780501',
      '29770501',
      'abc',
      'acb',
      'bac',
    ];
    for (const a of words)
      for (const b of words) expect(withinOneEdit(a, b)).toBe(osaDistance(a, b) <= 1);
  });
});
