import { describe, expect, it } from 'vitest';
import { screenTrafficking, type TraffickingInput } from './trafficking.ts';

const RULES = {
  id: 'palermo',
  version: '2000',
  childAge: 18,
  source: 'Palermo Protocol Art. 3(a), (c), (d)',
};
const run = (over: Partial<TraffickingInput>) =>
  screenTrafficking({ acts: [], means: [], purposes: [], age: null, ...over }, RULES);

describe('trafficking: act, means and purpose', () => {
  it('an adult needs all three elements', () => {
    expect(
      run({ age: 25, acts: ['recruitment'], purposes: ['forced_labour_or_services'] }),
    ).toMatchObject({
      indication: 'incomplete',
      missing: ['means'],
      child: false,
    });
    expect(
      run({
        age: 25,
        acts: ['recruitment'],
        means: ['deception'],
        purposes: ['forced_labour_or_services'],
      }).indication,
    ).toBe('indicators_present');
  });
  it('a child needs no means: act and purpose suffice (17/18 edge)', () => {
    const r = run({
      age: 17,
      acts: ['transportation'],
      purposes: ['prostitution_or_sexual_exploitation'],
    });
    expect(r).toMatchObject({
      indication: 'indicators_present',
      child: true,
      elements: { means: 'not_required' },
    });
    expect(r.reasons.map((x) => x.code)).toContain('child_no_means_needed');
    expect(
      run({ age: 18, acts: ['transportation'], purposes: ['prostitution_or_sexual_exploitation'] })
        .indication,
    ).toBe('incomplete');
  });
  it('an unknown age asks for means, and says so', () => {
    const r = run({ acts: ['harbouring'], purposes: ['servitude'] });
    expect(r.indication).toBe('incomplete');
    expect(r.reasons.map((x) => x.code)).toContain('age_unknown_means_needed');
  });
  it('lists what is missing and distinguishes nothing reported', () => {
    expect(run({ age: 30, means: ['fraud'] }).missing).toEqual(['act', 'purpose']);
    expect(run({ age: 30 }).indication).toBe('none_reported');
  });
});
