import { describe, expect, it } from 'vitest';
import { estimateParameters, patternCode } from './fellegiSunter.ts';
import { dedupPersons } from './linkPersons.ts';
import { type PersonRecord, prepareRecord } from './prepareRecord.ts';
import { conditionPairs, exactValue, seededRandom as random } from './sessions.ts';

describe('conditionPairs', () => {
  const records = ['1990-01-02', '1990-01-02', '1990-01-02', '1985-05-05', '1985-05-05', '']
    .map((birthDate, i) => ({ id: String(i), givenName: 'x', birthDate }))
    .map(prepareRecord);

  it('takes every pair agreeing on the condition when they fit the budget', () => {
    const { a, b, population } = conditionPairs(records, null, ['birth_date'], 100);
    expect(population).toBe(3 + 1);
    const pairs = [...a].map((x, k) => `${x}-${b[k]}`).sort();
    expect(pairs).toEqual(['0-1', '0-2', '1-2', '3-4']);
  });

  it('samples uniformly among them when they do not, never a pair that disagrees', () => {
    const many = Array.from({ length: 400 }, (_, i) =>
      prepareRecord({
        id: String(i),
        givenName: 'x',
        birthDate: i < 300 ? '2001-01-01' : '2002-02-02',
      }),
    );
    const { a, b, population } = conditionPairs(many, null, ['birth_date'], 2000);
    expect(population).toBe((300 * 299) / 2 + (100 * 99) / 2);
    expect(a.length).toBe(2000);
    let big = 0;
    for (let k = 0; k < a.length; k++) {
      const x = many[a[k] as number];
      const y = many[b[k] as number];
      expect(a[k]).not.toBe(b[k]);
      expect(x && exactValue(x, 'birth_date')).toBe(y && exactValue(y, 'birth_date'));
      if ((a[k] as number) < 300) big++;
    }
    // 44,850 of 49,800 pairs are in the larger group: about 90% of the sample.
    expect(big / a.length).toBeGreaterThan(0.87);
    expect(big / a.length).toBeLessThan(0.93);
  });

  it('pairs left with right across two lists', () => {
    const right = ['1990-01-02', '1970-07-07']
      .map((birthDate, i) => ({ id: `r${i}`, givenName: 'y', birthDate }))
      .map(prepareRecord);
    const { a, b, population } = conditionPairs(records, right, ['birth_date'], 100);
    expect(population).toBe(3);
    expect([...b]).toEqual([0, 0, 0]);
    expect([...a].sort()).toEqual([0, 1, 2]);
  });
});

describe('estimateParameters with u held', () => {
  it('recovers m and the share of matches from a mixture whose u is known', () => {
    const u = [
      [0.02, 0.08, 0.9],
      [0.05, 0.95],
      [0.01, 0.1, 0.89],
    ];
    const m = [
      [0.7, 0.25, 0.05],
      [0.9, 0.1],
      [0.6, 0.3, 0.1],
    ];
    const lambda = 0.002;
    const draw = (p: number[], r: number) => {
      let acc = 0;
      for (let l = 0; l < p.length; l++) {
        acc += p[l] as number;
        if (r < acc) return l;
      }
      return p.length - 1;
    };
    const rnd = random(7);
    const counts = new Map<number, number>();
    const levels = new Int8Array(3);
    const n = 400_000;
    for (let k = 0; k < n; k++) {
      const match = rnd() < lambda;
      for (let f = 0; f < 3; f++) levels[f] = draw((match ? m : u)[f] as number[], rnd());
      const code = patternCode(levels, 3);
      counts.set(code, (counts.get(code) ?? 0) + 1);
    }
    const fit = estimateParameters(counts, [3, 2, 3], u, 0.01, { fixedU: true });
    expect(fit.converged).toBe(true);
    expect(fit.lambda).toBeGreaterThan(lambda * 0.85);
    expect(fit.lambda).toBeLessThan(lambda * 1.15);
    for (let f = 0; f < 3; f++)
      for (let l = 0; l < (m[f]?.length ?? 0); l++)
        expect(Math.abs((fit.m[f]?.[l] ?? 0) - (m[f]?.[l] ?? 0))).toBeLessThan(0.06);
  });
});

describe('de-duplication where strangers often share a name and a place', () => {
  // Few names and few places, as in a district where everyone is a Tamang or a Thapa: strangers
  // agreeing on both are far more numerous than the persons recorded twice. EM free over the
  // blocked candidates takes that class for the matches; the sessions must not.
  const rnd = random(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const given = [
    'Sita',
    'Gita',
    'Maya',
    'Puja',
    'Rita',
    'Anita',
    'Sunita',
    'Kamala',
    'Sarita',
    'Laxmi',
    'Sabina',
    'Bimala',
    'Asmita',
    'Binita',
    'Dipa',
    'Kabita',
    'Manisha',
    'Nirmala',
    'Pabitra',
    'Rekha',
  ];
  const family = [
    'Tamang',
    'Thapa',
    'Magar',
    'Gurung',
    'Rai',
    'Limbu',
    'Sherpa',
    'Lama',
    'Shrestha',
    'Sharma',
    'Adhikari',
    'Yadav',
    'Karki',
    'Khadka',
    'Basnet',
    'Poudel',
    'Pandey',
    'Dahal',
    'Ghimire',
    'Tharu',
  ];
  const areas = [
    'Bhimphedi',
    'Chautara',
    'Dhunche',
    'Gorkha',
    'Hetauda',
    'Ilam',
    'Jiri',
    'Kalikot',
    'Lamjung',
    'Manang',
    'Namche',
    'Okhaldhunga',
    'Palpa',
    'Ramechhap',
    'Salleri',
    'Tansen',
    'Udayapur',
    'Waling',
    'Yamphu',
    'Zhongba',
  ];
  const records: PersonRecord[] = [];
  const keys: string[] = [];
  for (let i = 0; i < 6000; i++) {
    const year = 2005 + Math.floor(rnd() * 13);
    const date = `${year}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
    const person = {
      id: `p${i}`,
      givenName: pick(given),
      familyName: pick(family),
      birthDate: date,
      sex: 'f',
      area: pick(areas),
    };
    records.push(person);
    keys.push(String(i));
    if (rnd() < 0.1) {
      // Recorded again elsewhere: the same person, the date sometimes a year off.
      records.push({
        ...person,
        id: `d${i}`,
        birthDate: rnd() < 0.5 ? date : `${year + 1}${date.slice(4)}`,
      });
      keys.push(String(i));
    }
  }
  const truePairs = keys.length - new Set(keys).size;

  it('keeps precision and recall high', { timeout: 30_000 }, () => {
    const result = dedupPersons(records, {
      fields: ['given_name', 'family_name', 'birth_date', 'sex', 'area'],
    });
    const matches = result.pairs.filter((p) => p.decision === 'match');
    const tp = matches.filter((p) => keys[p.a] === keys[p.b]).length;
    const precision = tp / matches.length;
    const recall = tp / truePairs;
    expect(precision).toBeGreaterThan(0.9);
    expect(recall).toBeGreaterThan(0.9);
    // A date years apart is evidence against: it weighs less than an exact date among matches.
    const dateField = result.model.fields.indexOf('birth_date');
    const { m, u } = result.model.params;
    expect((m[dateField]?.[3] ?? 1) / (u[dateField]?.[3] ?? 1)).toBeLessThan(0.2);
  });
});
