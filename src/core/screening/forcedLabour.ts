import type { Reason } from './reasons.ts';

/** The 11 ILO indicators of forced labour (ILO SAP-FL, 2012). */
export const FORCED_LABOUR_INDICATORS = [
  'abuse_of_vulnerability',
  'deception',
  'restriction_of_movement',
  'isolation',
  'physical_and_sexual_violence',
  'intimidation_and_threats',
  'retention_of_identity_documents',
  'withholding_of_wages',
  'debt_bondage',
  'abusive_working_and_living_conditions',
  'excessive_overtime',
] as const;
export type ForcedLabourIndicator = (typeof FORCED_LABOUR_INDICATORS)[number];

/**
 * One questionnaire item from the country pack: its wording per language, the
 * indicator it informs, and which dimension of the statistical definition it
 * counts towards (the pack decides, since the combination rule is unverified).
 */
export interface ForcedLabourItem {
  id: string;
  indicator: ForcedLabourIndicator;
  dimension: 'involuntariness' | 'coercion';
  text: Record<string, string>;
}

export interface ForcedLabourRules {
  id: string;
  version: string;
  items: ForcedLabourItem[];
  /** Items of each dimension needed (about the same job) to flag a case. */
  combination: { involuntariness: number; coercion: number; source: string; verified: boolean };
  indicatorsSource: string;
}

export type Answer = 'yes' | 'no' | 'unknown';

export interface ForcedLabourResult {
  rulesId: string;
  rulesVersion: string;
  /** A flag for follow-up and referral, never a legal finding. */
  flag: 'indicators_of_forced_labour' | 'some_indicators' | 'no_indicators_reported';
  indicatorsPresent: ForcedLabourIndicator[];
  involuntariness: string[];
  coercion: string[];
  unanswered: string[];
  reasons: Reason[];
}

/**
 * Combines questionnaire answers by the involuntariness-and-coercion rule of the
 * pack: both dimensions present flags the case; fewer shows the indicators
 * present. Items never answered are listed, not read as "no".
 */
export function screenForcedLabour(
  answers: Readonly<Record<string, Answer>>,
  rules: ForcedLabourRules,
): ForcedLabourResult {
  const yes = rules.items.filter((item) => answers[item.id] === 'yes');
  const involuntariness = yes.filter((i) => i.dimension === 'involuntariness').map((i) => i.id);
  const coercion = yes.filter((i) => i.dimension === 'coercion').map((i) => i.id);
  const indicatorsPresent = FORCED_LABOUR_INDICATORS.filter((ind) =>
    yes.some((i) => i.indicator === ind),
  );
  const unanswered = rules.items
    .filter((i) => answers[i.id] === undefined || answers[i.id] === 'unknown')
    .map((i) => i.id);
  const c = rules.combination;
  const flag =
    involuntariness.length >= c.involuntariness && coercion.length >= c.coercion
      ? 'indicators_of_forced_labour'
      : yes.length > 0
        ? 'some_indicators'
        : 'no_indicators_reported';
  const reasons: Reason[] = yes.map((i) => ({
    code: `indicator_${i.indicator}`,
    params: { item: i.id, dimension: i.dimension },
    rule: 'ILO indicators of forced labour',
    source: rules.indicatorsSource,
  }));
  reasons.push({
    code: `forced_labour_${flag}`,
    params: {
      involuntariness: involuntariness.length,
      coercion: coercion.length,
      needInvoluntariness: c.involuntariness,
      needCoercion: c.coercion,
    },
    rule: 'involuntariness and coercion',
    source: `${c.source}${c.verified ? '' : ' (combination rule not verified: a flag, not a finding)'}`,
  });
  if (unanswered.length) {
    reasons.push({
      code: 'forced_labour_unanswered',
      params: { count: unanswered.length },
      rule: 'input',
      source: 'questionnaire',
    });
  }
  return {
    rulesId: rules.id,
    rulesVersion: rules.version,
    flag,
    indicatorsPresent,
    involuntariness,
    coercion,
    unanswered,
    reasons,
  };
}
