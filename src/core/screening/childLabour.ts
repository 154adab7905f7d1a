import { type HoursThreshold, meetsHours, type Reason } from './reasons.ts';

/** Hazardous conditions of ILO Recommendation 190, paragraph 3. */
export const R190_CONDITIONS = [
  'abuse',
  'underground_underwater_heights_confined',
  'dangerous_machinery_or_heavy_loads',
  'unhealthy_environment',
  'long_hours_night_or_confinement',
] as const;
export type R190Condition = (typeof R190_CONDITIONS)[number];

/** Worst forms of child labour of C182 Art. 3 (a)–(c); (d) hazardous work is assessed separately. */
export const WORST_FORMS = [
  'slavery_trafficking_forced_labour',
  'sexual_exploitation',
  'illicit_activities',
] as const;
export type WorstForm = (typeof WORST_FORMS)[number];

/** The two SDG 8.7.1 series. */
export const SDG_SERIES = ['SL_TLF_CHLDEA', 'SL_TLF_CHLDEC'] as const;
export type SdgSeries = (typeof SDG_SERIES)[number];

/** An age band of the SDG decision rule: economic-activity hours and, for CHLDEC, household chores. */
export interface SdgAgeBand {
  minAge: number;
  maxAge: number;
  economicActivity: HoursThreshold;
  /** Counts only in SL_TLF_CHLDEC; null where the band has no chores threshold. */
  householdChores: HoursThreshold | null;
}

/** A country's child-labour rules: data from its pack, each part with its source. */
export interface ChildLabourRules {
  id: string;
  version: string;
  sdg: { bands: SdgAgeBand[]; source: string };
  national: {
    minimumAge: number;
    lightWork: { minAge: number; maxHoursPerWeek: number } | null;
    hazardousMinimumAge: number;
    source: string;
  };
  /** ISIC Rev.4 codes (a section letter or a class prefix such as `2392`) declared hazardous. */
  hazardousIndustries: { code: string; source: string }[];
  /** ISCO-08 codes (or prefixes) declared hazardous. */
  hazardousOccupations: { code: string; source: string }[];
  r190Source: string;
  c182Source: string;
}

/** What the screening asks about a child and their reference week. */
export interface ChildLabourInput {
  /** Age in completed years (from the birth date, or estimated). */
  age: number;
  ageEstimated: boolean;
  economicActivityHours: number;
  householdChoresHours: number;
  industry?: string | undefined;
  occupation?: string | undefined;
  conditions: readonly R190Condition[];
  worstForms: readonly WorstForm[];
}

export type NationalCategory =
  | 'not_a_child'
  | 'not_working'
  | 'permitted_work'
  | 'light_work'
  | 'below_minimum_age'
  | 'hazardous_work'
  | 'worst_form';

export type ChildLabourSummary =
  | 'not_a_child'
  | 'not_child_labour'
  | 'child_labour'
  | 'child_labour_hazardous'
  | 'child_labour_worst_form';

export interface ChildLabourResult {
  rulesId: string;
  rulesVersion: string;
  summary: ChildLabourSummary;
  hazardous: boolean;
  sdg: Record<SdgSeries, { inScope: boolean; childLabour: boolean; reasons: Reason[] }>;
  national: { category: NationalCategory; childLabour: boolean; reasons: Reason[] };
  reasons: Reason[];
}

/** Matches a code against a list of codes or prefixes (`C` matches `C1030`, `2392` matches `23921`). */
function listed(code: string | undefined, list: readonly { code: string; source: string }[]) {
  if (!code) return undefined;
  const normalised = code.trim().toUpperCase();
  return list.find((entry) => normalised.startsWith(entry.code.toUpperCase()));
}

function hazardReasons(input: ChildLabourInput, rules: ChildLabourRules): Reason[] {
  const reasons: Reason[] = [];
  const industry = listed(input.industry, rules.hazardousIndustries);
  if (industry)
    reasons.push({
      code: 'hazardous_industry',
      params: { code: input.industry ?? '' },
      rule: 'national.hazardous_list',
      source: industry.source,
    });
  const occupation = listed(input.occupation, rules.hazardousOccupations);
  if (occupation)
    reasons.push({
      code: 'hazardous_occupation',
      params: { code: input.occupation ?? '' },
      rule: 'national.hazardous_list',
      source: occupation.source,
    });
  for (const condition of input.conditions) {
    reasons.push({
      code: `condition_${condition}`,
      params: {},
      rule: 'R190.3',
      source: rules.r190Source,
    });
  }
  return reasons;
}

function sdgSeries(
  series: SdgSeries,
  input: ChildLabourInput,
  rules: ChildLabourRules,
  hazards: Reason[],
  worst: Reason[],
): { inScope: boolean; childLabour: boolean; reasons: Reason[] } {
  const band = rules.sdg.bands.find((b) => input.age >= b.minAge && input.age <= b.maxAge);
  const rule = `SDG 8.7.1 ${series}`;
  if (!band) {
    return {
      inScope: false,
      childLabour: false,
      reasons: [
        {
          code: 'sdg_age_out_of_scope',
          params: { age: input.age },
          rule,
          source: rules.sdg.source,
        },
      ],
    };
  }
  const reasons: Reason[] = [];
  if (worst.length) reasons.push(...worst);
  const working = input.economicActivityHours > 0;
  const choresCount = series === 'SL_TLF_CHLDEC' && input.householdChoresHours > 0;
  // Hazardous work counts at any number of hours; hazardous household chores only in CHLDEC.
  if (hazards.length && (working || choresCount)) {
    reasons.push(
      { code: 'sdg_hazardous_any_hours', params: {}, rule, source: rules.sdg.source },
      ...hazards,
    );
  }
  const econ = band.economicActivity;
  if (meetsHours(input.economicActivityHours, econ)) {
    reasons.push({
      code:
        econ.comparator === '>=' ? 'sdg_economic_hours_at_least' : 'sdg_economic_hours_more_than',
      params: {
        hours: input.economicActivityHours,
        threshold: econ.hours,
        minAge: band.minAge,
        maxAge: band.maxAge,
      },
      rule,
      source: rules.sdg.source,
    });
  }
  if (
    series === 'SL_TLF_CHLDEC' &&
    band.householdChores &&
    meetsHours(input.householdChoresHours, band.householdChores)
  ) {
    const chores = band.householdChores;
    reasons.push({
      code: chores.comparator === '>' ? 'sdg_chores_hours_more_than' : 'sdg_chores_hours_at_least',
      params: {
        hours: input.householdChoresHours,
        threshold: chores.hours,
        minAge: band.minAge,
        maxAge: band.maxAge,
      },
      rule,
      source: rules.sdg.source,
    });
  }
  const childLabour = reasons.length > 0;
  if (!childLabour) {
    reasons.push({
      code: 'sdg_below_thresholds',
      params: {
        economic: input.economicActivityHours,
        chores: input.householdChoresHours,
        minAge: band.minAge,
        maxAge: band.maxAge,
      },
      rule,
      source: rules.sdg.source,
    });
  }
  return { inScope: true, childLabour, reasons };
}

function nationalCategory(
  input: ChildLabourInput,
  rules: ChildLabourRules,
  hazards: Reason[],
  worst: Reason[],
) {
  const n = rules.national;
  const rule = 'national.minimum_ages';
  const cite = (code: string, params: Record<string, string | number> = {}): Reason => ({
    code,
    params,
    rule,
    source: n.source,
  });
  if (input.age >= 18)
    return {
      category: 'not_a_child' as const,
      childLabour: false,
      reasons: [cite('national_adult', { age: input.age })],
    };
  if (worst.length) return { category: 'worst_form' as const, childLabour: true, reasons: worst };
  const working = input.economicActivityHours > 0;
  if (working && hazards.length && input.age < n.hazardousMinimumAge) {
    return {
      category: 'hazardous_work' as const,
      childLabour: true,
      reasons: [
        cite('national_hazardous_below_age', { age: input.age, minAge: n.hazardousMinimumAge }),
        ...hazards,
      ],
    };
  }
  if (!working)
    return {
      category: 'not_working' as const,
      childLabour: false,
      reasons: [cite('national_not_working')],
    };
  if (input.age >= n.minimumAge) {
    return {
      category: 'permitted_work' as const,
      childLabour: false,
      reasons: [cite('national_at_or_above_minimum_age', { age: input.age, minAge: n.minimumAge })],
    };
  }
  const light = n.lightWork;
  if (light && input.age >= light.minAge && input.economicActivityHours <= light.maxHoursPerWeek) {
    return {
      category: 'light_work' as const,
      childLabour: false,
      reasons: [
        cite('national_light_work', {
          age: input.age,
          hours: input.economicActivityHours,
          maxHours: light.maxHoursPerWeek,
        }),
      ],
    };
  }
  return {
    category: 'below_minimum_age' as const,
    childLabour: true,
    reasons: [cite('national_below_minimum_age', { age: input.age, minAge: n.minimumAge })],
  };
}

/**
 * Classifies a child's work in the reference week under both SDG 8.7.1 series
 * and the country's law, explaining each conclusion with the rule and source.
 * Hazardous work and worst forms count at any number of hours.
 */
export function classifyChildLabour(
  input: ChildLabourInput,
  rules: ChildLabourRules,
): ChildLabourResult {
  const hazards = hazardReasons(input, rules);
  const worst: Reason[] = input.worstForms.map((form) => ({
    code: `worst_form_${form}`,
    params: {},
    rule: 'C182.3',
    source: rules.c182Source,
  }));
  const sdg = {
    SL_TLF_CHLDEA: sdgSeries('SL_TLF_CHLDEA', input, rules, hazards, worst),
    SL_TLF_CHLDEC: sdgSeries('SL_TLF_CHLDEC', input, rules, hazards, worst),
  };
  const national = nationalCategory(input, rules, hazards, worst);
  const anyChildLabour =
    national.childLabour || sdg.SL_TLF_CHLDEA.childLabour || sdg.SL_TLF_CHLDEC.childLabour;
  const working = input.economicActivityHours > 0 || input.householdChoresHours > 0;
  let summary: ChildLabourSummary;
  if (input.age >= 18) summary = 'not_a_child';
  else if (worst.length) summary = 'child_labour_worst_form';
  else if (anyChildLabour && hazards.length && working) summary = 'child_labour_hazardous';
  else if (anyChildLabour) summary = 'child_labour';
  else summary = 'not_child_labour';
  const reasons: Reason[] = [];
  if (input.ageEstimated)
    reasons.push({
      code: 'age_estimated',
      params: { age: input.age },
      rule: 'input',
      source: 'the person registering',
    });
  return {
    rulesId: rules.id,
    rulesVersion: rules.version,
    summary,
    hazardous: hazards.length > 0 && working,
    sdg,
    national,
    reasons,
  };
}
