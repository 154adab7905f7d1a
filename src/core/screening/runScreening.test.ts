import { describe, expect, it } from 'vitest';
import { classifyChildLabour } from './childLabour.ts';
import { runScreening, ScreeningRefusal } from './runScreening.ts';
import { TEST_CHILD_LABOUR_RULES } from './testRules.ts';

const CHILD_INPUTS = {
  economicActivityHours: 20,
  householdChoresHours: 5,
  conditions: [],
  worstForms: [],
};

describe('runScreening', () => {
  it('gives the child labour classification with the age the rules used', () => {
    const out = runScreening(
      { kind: 'child_labour', inputs: CHILD_INPUTS },
      { childLabour: TEST_CHILD_LABOUR_RULES },
      { years: 13, estimated: true },
    );
    const direct = classifyChildLabour(
      { ...CHILD_INPUTS, age: 13, ageEstimated: true },
      TEST_CHILD_LABOUR_RULES,
    );
    expect(out.result).toEqual(direct);
    expect(out.summary).toBe(direct.summary);
    expect(out.inputs).toEqual({ ...CHILD_INPUTS, age: 13, ageEstimated: true });
  });

  it('refuses what the server refuses, with the same codes', () => {
    const refusal = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof ScreeningRefusal ? e.code : 'other';
      }
      return 'none';
    };
    const child = { kind: 'child_labour' as const, inputs: CHILD_INPUTS };
    expect(refusal(() => runScreening(child, {}, { years: 13, estimated: false }))).toBe(
      'rules_missing',
    );
    expect(refusal(() => runScreening(child, { childLabour: TEST_CHILD_LABOUR_RULES }, null))).toBe(
      'age_required',
    );
    const long = {
      kind: 'child_labour' as const,
      inputs: { ...CHILD_INPUTS, householdChoresHours: 149 },
    };
    expect(
      refusal(() =>
        runScreening(
          long,
          { childLabour: TEST_CHILD_LABOUR_RULES },
          { years: 13, estimated: false },
        ),
      ),
    ).toBe('hours_exceed_week');
  });
});
