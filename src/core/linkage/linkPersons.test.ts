import { describe, expect, it } from 'vitest';
import { explainPair } from './explainPair.ts';
import { readFebrl } from './linkage.fixtures.ts';
import { dedupPersons, linkPersons } from './linkPersons.ts';
import type { PersonRecord } from './prepareRecord.ts';

function f1(
  predicted: { a: number; b: number }[],
  keysA: string[],
  keysB: string[],
  truePairs: number,
): number {
  const tp = predicted.filter((p) => keysA[p.a] === keysB[p.b]).length;
  const precision = tp / predicted.length;
  const recall = tp / truePairs;
  return (2 * precision * recall) / (precision + recall);
}

describe('linking two lists', { timeout: 30_000 }, () => {
  const a = readFebrl('febrl_dataset4a_slice.csv');
  const b = readFebrl('febrl_dataset4b_slice.csv');
  const result = linkPersons(a.records, b.records);
  const matches = result.pairs.filter((p) => p.decision === 'match');

  it('links the FEBRL 4 slice one-to-one with F1 ≥ 0.99, leaving unmatched records alone', () => {
    expect(f1(matches, a.keys, b.keys, 800)).toBeGreaterThanOrEqual(0.99);
    expect(new Set(matches.map((p) => p.a)).size).toBe(matches.length);
    expect(new Set(matches.map((p) => p.b)).size).toBe(matches.length);
  });
  it('learns m above u for agreement on every field (EM converged)', () => {
    const { params, fields } = result.model;
    expect(params.converged).toBe(true);
    for (let f = 0; f < fields.length; f++)
      expect(params.m[f]?.[0] ?? 0).toBeGreaterThan(params.u[f]?.[0] ?? 1);
  });
  it('explains a pair field by field, weights summing to the score', () => {
    const pair = matches[0];
    if (!pair) throw new Error('no match');
    const e = explainPair(
      result.model,
      a.records[pair.a] as PersonRecord,
      b.records[pair.b] as PersonRecord,
    );
    expect(e.fields.map((f) => f.field)).toEqual(result.model.fields);
    expect(e.weight).toBeCloseTo(pair.weight, 6);
    expect(e.probability).toBeCloseTo(pair.probability, 6);
    expect(e.decision).toBe('match');
    for (const f of e.fields) {
      expect(['agree', 'partial', 'disagree', 'missing']).toContain(f.outcome);
      if (f.outcome === 'missing') expect(f.weight).toBe(0);
      if (f.outcome === 'agree') expect(f.weight).toBeGreaterThan(0);
    }
  });
  it('explains a non-match with disagreeing fields and negative weights', () => {
    const e = explainPair(
      result.model,
      {
        id: 'x',
        givenName: 'michaela',
        familyName: 'neumann',
        birthDate: '1915-11-11',
        postcode: '4223',
      },
      {
        id: 'y',
        givenName: 'bradley',
        familyName: 'sribar',
        birthDate: '1951-12-17',
        postcode: '2710',
      },
    );
    expect(e.decision).toBe('non-match');
    expect(e.fields.find((f) => f.field === 'family_name')?.outcome).toBe('disagree');
    expect(e.fields.find((f) => f.field === 'family_name')?.weight).toBeLessThan(0);
    expect(e.fields.find((f) => f.field === 'address')?.outcome).toBe('missing');
  });
});

describe('de-duplicating one list', { timeout: 30_000 }, () => {
  it('finds the FEBRL 1 duplicates with F1 ≥ 0.98 and clusters them', () => {
    const d = readFebrl('febrl_dataset1.csv');
    const result = dedupPersons(d.records);
    const matches = result.pairs.filter((p) => p.decision === 'match');
    expect(f1(matches, d.keys, d.keys, 500)).toBeGreaterThanOrEqual(0.98);
    for (const p of matches.slice(0, 50)) expect(result.clusters[p.a]).toBe(result.clusters[p.b]);
  });
  it('links across scripts, name order and estimated ages', () => {
    const records: PersonRecord[] = [
      {
        id: '1',
        givenName: 'Mohammed',
        familyName: 'Abdallah',
        birthDate: '2010-03-04',
        area: 'Nouakchott',
      },
      {
        id: '2',
        fullName: 'عبد الله محمد',
        estimatedAge: 14,
        ageRecordedOn: '2024-06-01',
        area: 'Nouakchott',
      },
      {
        id: '3',
        givenName: 'Sita',
        familyName: 'Sharma',
        birthDate: '2011-07-01',
        area: 'Kathmandu',
      },
      {
        id: '4',
        givenName: 'सीता',
        familyName: 'शर्मा',
        birthDate: '2011-01-07',
        area: 'Kathmandu',
      },
      ...Array.from({ length: 60 }, (_, i) => ({
        id: `n${i}`,
        givenName: ['Ana', 'Juan', 'Li', 'Omar', 'Eva', 'Ivan'][i % 6],
        familyName: [
          'Perez',
          'Wang',
          'Diallo',
          'Novak',
          'Silva',
          'Kaya',
          'Moreau',
          'Bauer',
          'Rossi',
          'Ali',
        ][i % 10],
        birthDate: `${1990 + (i % 20)}-0${1 + (i % 9)}-1${i % 10}`,
        area: ['Lima', 'Dakar', 'Hanoi'][i % 3],
      })),
    ];
    const result = dedupPersons(records, {
      fields: ['given_name', 'family_name', 'full_name', 'birth_date', 'area'],
    });
    const pairs = result.pairs.map((p) => `${records[p.a]?.id}-${records[p.b]?.id}`);
    expect(pairs).toContain('3-4');
    const e = explainPair(result.model, records[0] as PersonRecord, records[1] as PersonRecord);
    expect(e.fields.find((f) => f.field === 'birth_date')?.outcome).toBe('partial');
  });
});
