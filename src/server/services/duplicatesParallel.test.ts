import { describe, expect, it } from 'vitest';
import { dedupPersons, type PersonRecord } from '../../core/index.ts';
import { dedupInParallel } from './duplicatesParallel.ts';

/** Persons from small name lists, a tenth recorded again with one letter or the day changed. */
function persons(n: number): PersonRecord[] {
  const given = ['sita', 'maya', 'ram', 'hari', 'gita', 'bishnu', 'kamala', 'anita', 'suman'];
  const family = ['tamang', 'thapa', 'gurung', 'rai', 'magar', 'shrestha', 'karki', 'bk'];
  const out: PersonRecord[] = [];
  for (let i = 0; out.length < n; i++) {
    const g = given[(i * 7) % given.length] as string;
    const f = family[(i * 5 + (i >> 3)) % family.length] as string;
    const birthDate = `${1990 + (i % 25)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + ((i * 3) % 28)).padStart(2, '0')}`;
    const person = { id: `p${i}`, givenName: g, familyName: f, birthDate, sex: i % 2 ? 'f' : 'm' };
    out.push(person);
    if (i % 10 === 0) out.push({ ...person, id: `d${i}`, givenName: `${g.slice(0, -1)}a` });
  }
  return out;
}

describe('de-duplication on two threads', { timeout: 60_000 }, () => {
  it('finds exactly the pairs, weights and clusters one thread finds', async () => {
    const records = persons(3000);
    const fields = ['given_name', 'family_name', 'birth_date', 'sex'] as const;
    const one = dedupPersons(records, { fields: [...fields] });
    const two = await dedupInParallel(records, { fields: [...fields], parallelFrom: 0 });
    expect(one.pairs.length).toBeGreaterThan(100);
    expect(two.model.candidates).toBe(one.model.candidates);
    expect(two.pairs).toEqual(one.pairs);
    expect(two.clusters).toEqual(one.clusters);
  });
});
