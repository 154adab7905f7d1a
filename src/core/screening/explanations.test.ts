import { describe, expect, it } from 'vitest';
import { CATALOGUES } from '../i18n/catalogues.ts';
import { translate } from '../i18n/translate.ts';
import { CASE_STEPS, type CaseAction, transitionCase } from '../workflow/caseWorkflow.ts';
import { classifyChildLabour, R190_CONDITIONS, WORST_FORMS } from './childLabour.ts';
import {
  FORCED_LABOUR_INDICATORS,
  type ForcedLabourRules,
  screenForcedLabour,
} from './forcedLabour.ts';
import type { Reason } from './reasons.ts';
import { TEST_CHILD_LABOUR_RULES } from './testRules.ts';
import {
  screenTrafficking,
  TRAFFICKING_ACTS,
  TRAFFICKING_MEANS,
  TRAFFICKING_PURPOSES,
} from './trafficking.ts';

/** Runs the screenings over a spread of inputs and collects every reason they give. */
function producedReasons(): Reason[] {
  const out: Reason[] = [];
  for (const age of [4, 8, 13, 16, 17, 18]) {
    for (const hours of [0, 5, 14, 43]) {
      for (const industry of [undefined, '2392', 'B']) {
        const r = classifyChildLabour(
          {
            age,
            ageEstimated: age === 8,
            economicActivityHours: hours,
            householdChoresHours: hours ? 0 : 25,
            industry,
            occupation: industry ? '9313' : undefined,
            conditions: [...R190_CONDITIONS],
            worstForms: age === 17 ? [...WORST_FORMS] : [],
          },
          TEST_CHILD_LABOUR_RULES,
        );
        out.push(
          ...r.reasons,
          ...r.national.reasons,
          ...r.sdg.SL_TLF_CHLDEA.reasons,
          ...r.sdg.SL_TLF_CHLDEC.reasons,
        );
      }
    }
  }
  for (const age of [null, 12, 30]) {
    for (const full of [true, false]) {
      const r = screenTrafficking(
        {
          age,
          acts: full ? [...TRAFFICKING_ACTS] : [],
          means: full ? [...TRAFFICKING_MEANS] : [],
          purposes: full ? [...TRAFFICKING_PURPOSES] : [],
        },
        { id: 'p', version: '1', childAge: 18, source: 's' },
      );
      out.push(...r.reasons);
    }
    out.push(
      ...screenTrafficking(
        { age, acts: ['receipt'], means: [], purposes: [] },
        { id: 'p', version: '1', childAge: 18, source: 's' },
      ).reasons,
    );
  }
  const rules: ForcedLabourRules = {
    id: 'f',
    version: '1',
    indicatorsSource: 's',
    combination: { involuntariness: 1, coercion: 1, source: 's', verified: false },
    items: FORCED_LABOUR_INDICATORS.map((indicator, i) => ({
      id: `q${i}`,
      indicator,
      dimension: i % 2 ? 'coercion' : 'involuntariness',
      text: { en: '?' },
    })),
  };
  const all = Object.fromEntries(rules.items.map((i) => [i.id, 'yes' as const]));
  out.push(
    ...screenForcedLabour(all, rules).reasons,
    ...screenForcedLabour({ q0: 'yes' }, rules).reasons,
    ...screenForcedLabour({}, rules).reasons,
  );
  return out;
}

describe('explanations in plain words', () => {
  const reasons = producedReasons();

  it('every reason a screening can give has its words in English, French and Spanish', () => {
    const codes = [...new Set(reasons.map((r) => r.code))];
    expect(codes.length).toBeGreaterThan(50);
    for (const lang of ['en', 'fr', 'es']) {
      for (const code of codes) {
        const key = `screening.reasons.${code}`;
        expect(translate(CATALOGUES, [lang], key), `${lang} ${key}`).not.toBe(key);
      }
    }
  });

  it('fills every placeholder from the reason’s values, and cites a source', () => {
    for (const reason of reasons) {
      for (const lang of ['en', 'fr', 'es']) {
        expect(
          translate(CATALOGUES, [lang], `screening.reasons.${reason.code}`, reason.params),
          `${lang} ${reason.code}`,
        ).not.toMatch(/\{\{/);
      }
      expect(reason.source.length).toBeGreaterThan(0);
    }
  });

  it('names every step and workflow problem in each language', () => {
    const actions: CaseAction[] = [
      { type: 'start_assessment' },
      { type: 'request_closure', reason: '' },
      { type: 'approve_closure' },
    ];
    const problems = new Set<string>(['not_allowed_from_step']);
    for (const step of CASE_STEPS) {
      for (const action of actions) {
        const r = transitionCase(
          {
            step,
            topics: [],
            riskLevel: null,
            screenings: 0,
            planGoals: 0,
            interventions: 0,
            followUps: 0,
            closureRequestedBy: 'x',
          },
          action,
          { userId: 'x', canApproveClosure: false },
        );
        if (!r.ok) for (const p of r.problems) problems.add(p);
      }
    }
    for (const lang of ['en', 'fr', 'es']) {
      for (const step of CASE_STEPS)
        expect(translate(CATALOGUES, [lang], `workflow.steps.${step}`)).not.toBe(
          `workflow.steps.${step}`,
        );
      for (const p of problems)
        expect(translate(CATALOGUES, [lang], `workflow.problems.${p}`)).not.toBe(
          `workflow.problems.${p}`,
        );
    }
  });
});
