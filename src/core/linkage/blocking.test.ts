import { describe, expect, it } from 'vitest';
import { blockingKeys, candidatePairs } from './blocking.ts';
import { readFebrl } from './linkage.fixtures.ts';
import { prepareRecord } from './prepareRecord.ts';

describe('blocking', { timeout: 30_000 }, () => {
  it('keys on several fields, so one wrong field does not lose the pair', () => {
    const keys = blockingKeys(
      prepareRecord({
        id: '1',
        givenName: 'michaela',
        familyName: 'neumann',
        birthDate: '1915-11-11',
        postcode: '4223',
        address: '8 stanley street',
      }),
    );
    expect(keys.map((k) => k[0])).toEqual(expect.arrayContaining(['N', 'P', 'D', 'Z', 'A']));
  });
  it('finds nearly every true pair of the FEBRL 4 slice with few candidates', () => {
    const a = readFebrl('febrl_dataset4a_slice.csv');
    const b = readFebrl('febrl_dataset4b_slice.csv');
    const { a: ia, b: ib } = candidatePairs(
      a.records.map(prepareRecord),
      b.records.map(prepareRecord),
    );
    let found = 0;
    for (let k = 0; k < ia.length; k++)
      if (a.keys[ia[k] as number] === b.keys[ib[k] as number]) found++;
    expect(found / 800).toBeGreaterThanOrEqual(0.995);
    expect(ia.length).toBeLessThan(10_000); // of 1,000,000 possible
  });
  it('bounds an over-large block by a sorted neighbourhood', () => {
    const people = Array.from({ length: 2000 }, (_, i) =>
      prepareRecord({
        id: String(i),
        givenName: 'maria',
        familyName: `garcia${String.fromCharCode(97 + (i % 26))}`,
        birthDate: '1990',
      }),
    );
    const { a } = candidatePairs(people, null, { maxBlockPairs: 1000, window: 5 });
    expect(a.length).toBeLessThanOrEqual(2000 * 5 * 3);
  });
});
