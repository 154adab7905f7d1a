import { describe, expect, it } from 'vitest';
import { type ChildLabourInput, classifyChildLabour } from './childLabour.ts';
import { ageInYears, parseDate } from './reasons.ts';
import { TEST_CHILD_LABOUR_RULES as RULES } from './testRules.ts';

const child = (over: Partial<ChildLabourInput>): ChildLabourInput => ({
  age: 10,
  ageEstimated: false,
  economicActivityHours: 0,
  householdChoresHours: 0,
  conditions: [],
  worstForms: [],
  ...over,
});
const classify = (over: Partial<ChildLabourInput>) => classifyChildLabour(child(over), RULES);
const ea = (over: Partial<ChildLabourInput>) => classify(over).sdg.SL_TLF_CHLDEA.childLabour;
const ec = (over: Partial<ChildLabourInput>) => classify(over).sdg.SL_TLF_CHLDEC.childLabour;

describe('SDG 8.7.1 economic activity (SL_TLF_CHLDEA): "at least" thresholds', () => {
  it('ages 5–11: 1 hour is enough, 0 is not', () => {
    expect(ea({ age: 11, economicActivityHours: 1 })).toBe(true);
    expect(ea({ age: 11, economicActivityHours: 0 })).toBe(false);
    expect(ea({ age: 5, economicActivityHours: 0.5 })).toBe(false);
  });
  it('the 11/12 age edge moves the threshold from 1 h to 14 h', () => {
    expect(ea({ age: 11, economicActivityHours: 13 })).toBe(true);
    expect(ea({ age: 12, economicActivityHours: 13 })).toBe(false);
  });
  it('ages 12–14: 13 h is not child labour, 14 h is', () => {
    expect(ea({ age: 13, economicActivityHours: 13 })).toBe(false);
    expect(ea({ age: 13, economicActivityHours: 14 })).toBe(true);
  });
  it('the 14/15 age edge moves the threshold from 14 h to 43 h', () => {
    expect(ea({ age: 14, economicActivityHours: 20 })).toBe(true);
    expect(ea({ age: 15, economicActivityHours: 20 })).toBe(false);
  });
  it('ages 15–17: 42 h is not child labour, 43 h is', () => {
    expect(ea({ age: 16, economicActivityHours: 42 })).toBe(false);
    expect(ea({ age: 16, economicActivityHours: 43 })).toBe(true);
  });
  it('the 17/18 age edge leaves the scope of the indicator', () => {
    expect(ea({ age: 17, economicActivityHours: 60 })).toBe(true);
    const adult = classify({ age: 18, economicActivityHours: 60 });
    expect(adult.sdg.SL_TLF_CHLDEA).toMatchObject({ inScope: false, childLabour: false });
    expect(adult.summary).toBe('not_a_child');
    expect(classify({ age: 4, economicActivityHours: 10 }).sdg.SL_TLF_CHLDEA.inScope).toBe(false);
  });
  it('does not count household chores', () => {
    expect(ea({ age: 8, householdChoresHours: 30 })).toBe(false);
  });
});

describe('SDG 8.7.1 with household chores (SL_TLF_CHLDEC): "more than 21 hours" of chores', () => {
  it('21 h of chores is not child labour, 22 h is (ages 5–14)', () => {
    expect(ec({ age: 9, householdChoresHours: 21 })).toBe(false);
    expect(ec({ age: 9, householdChoresHours: 22 })).toBe(true);
    expect(ec({ age: 14, householdChoresHours: 21 })).toBe(false);
    expect(ec({ age: 14, householdChoresHours: 21.5 })).toBe(true);
  });
  it('ages 15–17 have no chores threshold', () => {
    expect(ec({ age: 15, householdChoresHours: 40 })).toBe(false);
  });
  it('keeps the economic-activity thresholds', () => {
    expect(ec({ age: 13, economicActivityHours: 14 })).toBe(true);
    expect(ec({ age: 13, economicActivityHours: 13, householdChoresHours: 21 })).toBe(false);
  });
  it('explains the chores rule with its comparator and threshold', () => {
    const reason = classify({ age: 9, householdChoresHours: 22 }).sdg.SL_TLF_CHLDEC.reasons[0];
    expect(reason).toMatchObject({
      code: 'sdg_chores_hours_more_than',
      params: { hours: 22, threshold: 21 },
    });
    expect(reason?.source).toMatch(/UNICEF/);
  });
});

describe('hazardous work and worst forms count at any number of hours', () => {
  it('a 16-year-old in a brick kiln (ISIC 2392) for 10 hours is in child labour, hazardous', () => {
    const r = classify({ age: 16, economicActivityHours: 10, industry: '2392' });
    expect(r.sdg.SL_TLF_CHLDEA.childLabour).toBe(true);
    expect(r.national.category).toBe('hazardous_work');
    expect(r.summary).toBe('child_labour_hazardous');
    expect(r.national.reasons.map((x) => x.code)).toContain('hazardous_industry');
  });
  it('matches hazardous lists by section letter or code prefix', () => {
    expect(classify({ age: 16, economicActivityHours: 5, industry: 'B0810' }).hazardous).toBe(true);
    expect(classify({ age: 16, economicActivityHours: 5, occupation: '93131' }).hazardous).toBe(
      true,
    );
    expect(classify({ age: 16, economicActivityHours: 5, industry: '0111' }).hazardous).toBe(false);
  });
  it('R190 conditions make work hazardous, each cited', () => {
    const r = classify({
      age: 13,
      economicActivityHours: 20,
      conditions: ['dangerous_machinery_or_heavy_loads'],
    });
    expect(r.summary).toBe('child_labour_hazardous');
    expect(r.sdg.SL_TLF_CHLDEA.reasons.map((x) => x.code)).toContain(
      'condition_dangerous_machinery_or_heavy_loads',
    );
  });
  it('hazardous conditions without any work make nothing hazardous', () => {
    const r = classify({ age: 13, conditions: ['unhealthy_environment'] });
    expect(r.summary).toBe('not_child_labour');
    expect(r.hazardous).toBe(false);
  });
  it('hazardous household chores count only in the series that includes chores', () => {
    const r = classify({ age: 15, householdChoresHours: 5, conditions: ['unhealthy_environment'] });
    expect(r.sdg.SL_TLF_CHLDEA.childLabour).toBe(false);
    expect(r.sdg.SL_TLF_CHLDEC.childLabour).toBe(true);
  });
  it('a worst form is child labour whatever the hours and age below 18', () => {
    const r = classify({ age: 17, economicActivityHours: 2, worstForms: ['sexual_exploitation'] });
    expect(r.summary).toBe('child_labour_worst_form');
    expect(r.national.category).toBe('worst_form');
    expect(r.sdg.SL_TLF_CHLDEA.childLabour).toBe(true);
  });
});

describe('national legal classification (from the country pack)', () => {
  it('work below the minimum age is child labour unless it is permitted light work', () => {
    expect(classify({ age: 12, economicActivityHours: 5 }).national.category).toBe(
      'below_minimum_age',
    );
    expect(classify({ age: 13, economicActivityHours: 14 }).national.category).toBe('light_work');
    expect(classify({ age: 13, economicActivityHours: 15 }).national.category).toBe(
      'below_minimum_age',
    );
    expect(classify({ age: 15, economicActivityHours: 40 }).national.category).toBe(
      'permitted_work',
    );
    expect(classify({ age: 15 }).national.category).toBe('not_working');
  });
  it('hazardous work is refused below the hazardous minimum age only', () => {
    expect(classify({ age: 17, economicActivityHours: 4, industry: 'B' }).national.category).toBe(
      'hazardous_work',
    );
    const noLight = {
      ...RULES,
      national: { ...RULES.national, lightWork: null, hazardousMinimumAge: 16 },
    };
    const r = classifyChildLabour(
      child({ age: 16, economicActivityHours: 4, industry: 'B' }),
      noLight,
    );
    expect(r.national.category).toBe('permitted_work');
    expect(
      classifyChildLabour(child({ age: 13, economicActivityHours: 4 }), noLight).national.category,
    ).toBe('below_minimum_age');
  });
  it('records the rule set and version with every result, and flags estimated ages', () => {
    const r = classify({ age: 13, ageEstimated: true, economicActivityHours: 20 });
    expect(r).toMatchObject({ rulesId: 'test', rulesVersion: '1' });
    expect(r.reasons[0]).toMatchObject({ code: 'age_estimated' });
  });
});

describe('the brick-kiln case of the acceptance test', () => {
  it('a 13-year-old, 20 hours, brick kiln, heavy loads: child labour (hazardous work), with reasons', () => {
    const r = classify({
      age: 13,
      economicActivityHours: 20,
      industry: '2392',
      conditions: ['dangerous_machinery_or_heavy_loads'],
    });
    expect(r.summary).toBe('child_labour_hazardous');
    const codes = r.sdg.SL_TLF_CHLDEA.reasons.map((x) => x.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'sdg_hazardous_any_hours',
        'hazardous_industry',
        'condition_dangerous_machinery_or_heavy_loads',
        'sdg_economic_hours_at_least',
      ]),
    );
    expect(r.national.category).toBe('hazardous_work');
  });
});

describe('ages and dates', () => {
  it('counts a birthday on the reference date as reached', () => {
    expect(ageInYears('2012-11-26', '2026-11-26')).toBe(14);
    expect(ageInYears('2012-11-27', '2026-11-26')).toBe(13);
    expect(ageInYears('2012-02-29', '2026-02-28')).toBe(13);
    expect(ageInYears('2012-02-29', '2026-03-01')).toBe(14);
  });
  it('refuses impossible dates and birth after the reference date', () => {
    expect(parseDate('2025-02-29')).toBeNull();
    expect(parseDate('2024-02-29')).not.toBeNull();
    expect(parseDate('2024-04-31')).toBeNull();
    expect(parseDate('24-04-01')).toBeNull();
    expect(ageInYears('2030-01-01', '2026-01-01')).toBeNull();
  });
});
