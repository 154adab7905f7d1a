import { describe, expect, it } from 'vitest';
import {
  loadModel,
  nameFilingKeys,
  nameSkeleton,
  pairLevels,
  priorModel,
  queryFilingKeys,
  rankCandidates,
  SEARCH_FIELDS,
  scorePair,
  searchModel,
  storeModel,
  withReviewerLabels,
} from './scoreAgainst.ts';

describe('filing keys', () => {
  it('gives one skeleton to spellings and scripts of the same name', () => {
    const forms = ['Muhammad', 'Mohamed', 'Мухаммед', 'محمد', 'Mohammed'];
    const skeletons = forms.map((f) => nameFilingKeys(f).find((k) => k.startsWith('#c')));
    expect(new Set(skeletons)).toEqual(new Set(['#cmd']));
    expect(nameSkeleton('katherine')).toBe(nameSkeleton('catherine'));
    expect(nameSkeleton('sita')).not.toBe(nameSkeleton('gita'));
  });

  it('files a Devanagari name under its Latin words, and pairs of words in any order', () => {
    const keys = nameFilingKeys('सीता तामाङ');
    expect(keys).toEqual(expect.arrayContaining(['sita', 'tamang']));
    const pair = keys.find((k) => k.startsWith('#p'));
    expect(nameFilingKeys('Tamang Sita').find((k) => k.startsWith('#p'))).toBe(pair);
    expect(queryFilingKeys('tamang sita').pairs).toEqual([pair]);
  });

  it('seeks two identifying words first, and a pair with a particle beside it', () => {
    const keys = nameFilingKeys('Ram Bahadur Thapa');
    expect(keys).toEqual(expect.arrayContaining(['#prm|tp', '#pbdr|rm', '#pbdr|tp']));
    // Bahadur written, abbreviated or left out: the same pair of identifying words, which the
    // longest word typed does not hide either.
    for (const typed of ['ram bahadur thapa', 'Ram Bdr. Thapa', 'thapa ram']) {
      const query = queryFilingKeys(typed);
      expect(query.pairs).toEqual(['#prm|tp']);
      expect(query.words[0]).toBe('thapa');
    }
    // "Rai" has a one-letter skeleton: the only pair long enough has the particle in it.
    expect(queryFilingKeys('goma devi rai')).toMatchObject({
      pairs: [],
      particlePairs: ['#pdb|gm'],
    });
    expect(nameFilingKeys('Goma Devi Rai')).toContain('#pdb|gm');
    // A typo in the family name leaves the pair of given name and particle.
    expect(queryFilingKeys('Kabita Kumari Padey').particlePairs[0]).toBe('#pkbt|kmr');
    expect(nameFilingKeys('Kabita Kumari Pandey')).toContain('#pkbt|kmr');
    // A one-letter skeleton is filed within pairs only.
    expect(nameFilingKeys('Thi Le Ha').filter((k) => k.startsWith('#c'))).toEqual([]);
  });

  it('makes the same pairs of a long name whatever order its words come in', () => {
    const name = 'María del Carmen Quispe de la Cruz';
    const pairs = (keys: string[]) => keys.filter((k) => k.startsWith('#p')).sort();
    expect(pairs(nameFilingKeys('Quispe de la Cruz María del Carmen'))).toEqual(
      pairs(nameFilingKeys(name)),
    );
    // The first four skeletons are of identifying words: no pair of two particles.
    expect(pairs(nameFilingKeys(name))).not.toContain('#pd|dl');
    expect(queryFilingKeys('carmen quispe').pairs).toEqual(['#pkrmn|ksp']);
    expect(nameFilingKeys(name)).toContain('#pkrmn|ksp');
  });

  it('does not look a half-typed word up by its skeleton', () => {
    expect(queryFilingKeys('th').skeletons).toEqual([]);
    expect(queryFilingKeys('tha').skeletons).toEqual([]);
  });
});

describe('scoring one person against candidates', () => {
  const model = searchModel(null);
  const today = '2026-01-01';
  const query = { id: '', fullName: 'Anita Thapa', estimatedAge: 13, ageRecordedOn: today };
  const candidates = [
    { id: 'far', givenName: 'Anita', familyName: 'Thapa', estimatedAge: 40, ageRecordedOn: today },
    {
      id: 'typo',
      givenName: 'Aneeta',
      familyName: 'Thapa',
      estimatedAge: 13,
      ageRecordedOn: today,
    },
    { id: 'same', givenName: 'Thapa', familyName: 'Anita', estimatedAge: 13, ageRecordedOn: today },
    { id: 'other', givenName: 'Bishnu', familyName: 'Rai', estimatedAge: 13, ageRecordedOn: today },
  ];

  it('ranks by weight, best first, and explains each field', () => {
    const ranked = rankCandidates(model, query, candidates);
    const order = ranked.map((r) => candidates[r.index]?.id);
    // Name words in any order, same age: first; a different name: last.
    expect(order[0]).toBe('same');
    expect(order.at(-1)).toBe('other');
    expect(order.indexOf('far')).toBeGreaterThan(0);
    const best = ranked[0]?.explanation.fields.find((f) => f.field === 'full_name');
    expect(best).toMatchObject({ outcome: 'agree' });
    expect(ranked[0]?.weight).toBeCloseTo(
      (ranked[0]?.explanation.fields ?? []).reduce(
        (s, f) => s + f.weight + f.frequencyAdjustment,
        0,
      ),
    );
  });

  it('keeps what the filter keeps, and a prior moves probabilities but not the order', () => {
    const kept = rankCandidates(model, query, candidates, {
      keep: (e) => e.fields.some((f) => f.field === 'full_name' && f.outcome !== 'disagree'),
    });
    expect(kept.map((r) => candidates[r.index]?.id)).not.toContain('other');
    const sure = rankCandidates(model, query, candidates, { prior: 0.25 });
    expect(sure.map((r) => r.index)).toEqual(
      rankCandidates(model, query, candidates).map((r) => r.index),
    );
    expect(sure[0]?.probability).toBeGreaterThan(0.9);
    // Only the band asked for is explained: everything at or above the probability, nothing below.
    const band = rankCandidates(model, query, candidates, { prior: 0.25, atLeast: 0.5 });
    expect(band.length).toBeGreaterThan(0);
    expect(band.length).toBeLessThan(candidates.length);
    expect(band.every((r) => r.probability >= 0.5)).toBe(true);
    expect(sure.filter((r) => r.probability >= 0.5).length).toBe(band.length);
  });
});

describe('the stored model and reviewers’ labels', () => {
  it('stores and loads a model unchanged in what scores a pair', () => {
    const model = priorModel(['given_name', 'family_name', 'birth_date', 'sex']);
    const a = {
      id: 'a',
      givenName: 'Maya',
      familyName: 'Gurung',
      birthDate: '2012-03-04',
      sex: 'f',
    };
    const b = {
      id: 'b',
      givenName: 'Maaya',
      familyName: 'Gurung',
      birthDate: '2012-04-03',
      sex: 'f',
    };
    const again = loadModel(JSON.parse(JSON.stringify(storeModel(model))));
    expect(scorePair(again, a, b)).toBeCloseTo(scorePair(model, a, b));
  });

  it('moves m towards what confirmed matches show, weighted against the EM estimate', () => {
    const model = priorModel(['given_name', 'family_name', 'birth_date', 'sex']);
    const a = {
      id: 'a',
      givenName: 'Maya',
      familyName: 'Gurung',
      birthDate: '2012-03-04',
      sex: 'f',
    };
    const b = {
      id: 'b',
      givenName: 'Maya',
      familyName: 'Gurung',
      birthDate: '2015-09-20',
      sex: 'f',
    };
    const levels = pairLevels(model, a, b);
    const date = model.fields.indexOf('birth_date');
    const disagree = levels[date] ?? 0;
    expect(disagree).toBe(3);
    const { model: taught, labels } = withReviewerLabels(model, Array(50).fill(levels), 3);
    expect(labels).toEqual({ matches: 50, nonMatches: 3 });
    const before = model.params.m[date]?.[disagree] ?? 0;
    const after = taught.params.m[date]?.[disagree] ?? 0;
    expect(after).toBeCloseTo((before * 50 + 50) / 100);
    // Each row of m is still a distribution.
    for (const row of taught.params.m) expect(row.reduce((s, x) => s + x, 0)).toBeCloseTo(1);
    expect(scorePair(taught, a, b)).toBeGreaterThan(scorePair(model, a, b));
  });

  it('borrows the family name’s m and u for the whole name in search', () => {
    const fitted = priorModel(['given_name', 'family_name', 'birth_date', 'sex']);
    fitted.params.m[1] = [0.7, 0.2, 0.05, 0.05];
    const search = searchModel(fitted);
    expect(search.fields).toEqual(SEARCH_FIELDS);
    expect(search.params.m[0]).toEqual([0.7, 0.2, 0.05, 0.05]);
  });
});
