import { describe, expect, it } from 'vitest';
import { type ForcedLabourRules, screenForcedLabour } from './forcedLabour.ts';

const RULES: ForcedLabourRules = {
  id: 'fl',
  version: '1',
  indicatorsSource: 'ILO SAP-FL 2012',
  combination: {
    involuntariness: 1,
    coercion: 1,
    source: 'ICLS 20 guidelines (2018)',
    verified: false,
  },
  items: [
    {
      id: 'deceived_about_job',
      indicator: 'deception',
      dimension: 'involuntariness',
      text: { en: 'Were you deceived about the job?' },
    },
    {
      id: 'cannot_leave_debt',
      indicator: 'debt_bondage',
      dimension: 'involuntariness',
      text: { en: 'Can you not leave because of a debt?' },
    },
    {
      id: 'documents_kept',
      indicator: 'retention_of_identity_documents',
      dimension: 'coercion',
      text: { en: 'Are your papers kept?' },
    },
    {
      id: 'threatened',
      indicator: 'intimidation_and_threats',
      dimension: 'coercion',
      text: { en: 'Were you threatened?' },
    },
  ],
};

describe('forced labour: involuntariness and coercion', () => {
  it('flags a case only when both dimensions are present', () => {
    expect(
      screenForcedLabour({ deceived_about_job: 'yes', documents_kept: 'yes' }, RULES).flag,
    ).toBe('indicators_of_forced_labour');
    expect(
      screenForcedLabour({ deceived_about_job: 'yes', cannot_leave_debt: 'yes' }, RULES).flag,
    ).toBe('some_indicators');
    expect(screenForcedLabour({ threatened: 'yes' }, RULES).flag).toBe('some_indicators');
    expect(screenForcedLabour({ threatened: 'no', deceived_about_job: 'no' }, RULES).flag).toBe(
      'no_indicators_reported',
    );
  });
  it('shows the indicators present in the ILO order and never reads unanswered as no', () => {
    const r = screenForcedLabour(
      { threatened: 'yes', deceived_about_job: 'yes', cannot_leave_debt: 'unknown' },
      RULES,
    );
    expect(r.indicatorsPresent).toEqual(['deception', 'intimidation_and_threats']);
    expect(r.unanswered).toEqual(['cannot_leave_debt', 'documents_kept']);
  });
  it('says the combination rule is unverified: a flag, not a legal finding', () => {
    const r = screenForcedLabour({ deceived_about_job: 'yes', documents_kept: 'yes' }, RULES);
    const last = r.reasons.find((x) => x.code === 'forced_labour_indicators_of_forced_labour');
    expect(last?.source).toMatch(/not verified/);
  });
  it('uses the pack’s thresholds', () => {
    const strict = { ...RULES, combination: { ...RULES.combination, coercion: 2 } };
    expect(
      screenForcedLabour({ deceived_about_job: 'yes', documents_kept: 'yes' }, strict).flag,
    ).toBe('some_indicators');
    expect(
      screenForcedLabour(
        { deceived_about_job: 'yes', documents_kept: 'yes', threatened: 'yes' },
        strict,
      ).flag,
    ).toBe('indicators_of_forced_labour');
  });
});
