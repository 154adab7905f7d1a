import { describe, expect, it } from 'vitest';
import { compareAddresses, compareCodes, compareNames, comparePair } from './comparePair.ts';
import { prepareName } from './normalize.ts';
import { prepareRecord } from './prepareRecord.ts';

const n = (s: string) => prepareName(s);

describe('field comparators', () => {
  it('names: exact in any order, close for typos, nicknames, compounds and other scripts', () => {
    expect(compareNames(n('Maria José'), n('José Maria'))).toBe(0);
    expect(compareNames(n('vanderberg'), n('Van der Berg'))).toBe(0);
    expect(compareNames(n('michaela'), n('michafla'))).toBe(1);
    expect(compareNames(n('Bill'), n('William'))).toBe(1);
    expect(compareNames(n('López'), n('López García'))).toBe(1);
    expect(compareNames(n('محمد'), n('Mohammed'))).toBe(1);
    expect(compareNames(n('Владимир'), n('Vladimir'))).toBe(0);
    expect(compareNames(n('J'), n('John'))).toBe(2);
    expect(compareNames(n('Gonzalez'), n('Gonsales'))).toBe(2);
    expect(compareNames(n('Smith'), n('Nakamura'))).toBe(3);
    expect(compareNames(n(''), n('Smith'))).toBe(-1);
  });
  it('codes and addresses', () => {
    expect(compareCodes('4223', '4223')).toBe(0);
    expect(compareCodes('4223', '4232')).toBe(1);
    expect(compareCodes('4223', '3165')).toBe(2);
    expect(compareCodes('', '3165')).toBe(-1);
    expect(
      compareAddresses(
        n('15 lubuma place merewether public school'),
        n('15 merewether public school lubuma place'),
      ),
    ).toBe(0);
    expect(
      compareAddresses(
        n('15 lubum a place merewether pub lic school'),
        n('15 lubuma place merewether public school'),
      ),
    ).toBe(0);
    expect(
      compareAddresses(
        n('15 lubuma plaec merewether pulbic school'),
        n('15 lubuma place merewether public school'),
      ),
    ).toBe(1);
    expect(
      compareAddresses(n('8 stanley street miami'), n('12 pinkerton circuit bega flats')),
    ).toBe(3);
  });
  it('compares given and family names crossed when the register swapped them', () => {
    const a = prepareRecord({
      id: 'a',
      givenName: 'mikhayla',
      familyName: 'hannagan',
      birthDate: '1977-05-01',
    });
    const b = prepareRecord({
      id: 'b',
      givenName: 'hannagan',
      familyName: 'mikhayla',
      birthDate: '1977-05-01',
    });
    const out = new Int8Array(3);
    expect(comparePair(a, b, ['given_name', 'family_name', 'birth_date'], out)).toBe(true);
    expect([...out]).toEqual([0, 0, 0]);
  });
});
