import { describe, expect, it } from 'vitest';
import { areaPopulationOf, settingsProblems } from './packSettings.ts';

const codes = new Set(['NPL', 'NPL-P1', 'NPL-D-TAPLEJUNG']);
const population = (value: unknown, source = 'NSO, NPHC 2021') => ({
  areaPopulation: { value, source, year: 2021 },
});

describe('pack settings: areaPopulation', () => {
  it('accepts whole numbers of people for known areas, and a pack without the setting', () => {
    expect(settingsProblems(population({ NPL: 29164578, 'NPL-P1': 4961412 }), codes)).toEqual([]);
    expect(settingsProblems(population({ 'NPL-D-TAPLEJUNG': 0 }), codes)).toEqual([]);
    expect(settingsProblems(undefined, codes)).toEqual([]);
    expect(settingsProblems({ other: { value: 1, source: 's' } }, codes)).toEqual([]);
  });

  it.each([
    [{ 'NPL-P9': 10 }, /unknown area NPL-P9/],
    [{ 'NPL-P1': -1 }, /NPL-P1 must be a whole number at least 0 \(is -1\)/],
    [{ 'NPL-P1': 4961412.5 }, /NPL-P1 must be a whole number/],
    [{ 'NPL-P1': '4961412' }, /NPL-P1 must be a whole number.*"4961412"/],
    [{ 'NPL-P1': null }, /NPL-P1 must be a whole number/],
    [{ 'NPL-P1': 2 ** 60 }, /NPL-P1 must be a whole number/],
    [[4961412], /must be an object/],
    [29164578, /must be an object/],
  ])('refuses %j, naming the setting and the area', (value, message) => {
    const problems = settingsProblems(population(value), codes);
    expect(problems.join('; ')).toMatch(message);
  });

  it('needs a source', () => {
    expect(settingsProblems(population({ NPL: 1 }, ' '), codes).join()).toMatch(/source/);
  });

  it('reads the valid figures, each for its own area only', () => {
    const read = areaPopulationOf(population({ NPL: 29164578, 'NPL-P1': 4961412, bad: -3 }));
    expect([...read.figures]).toEqual([
      ['NPL', 29164578],
      ['NPL-P1', 4961412],
    ]);
    // No figure for a district: never its province's.
    expect(read.figures.get('NPL-D-TAPLEJUNG')).toBeUndefined();
    expect(read).toMatchObject({ source: 'NSO, NPHC 2021', year: 2021 });
    expect(areaPopulationOf({})).toEqual({ figures: new Map(), source: null, year: null });
  });
});
