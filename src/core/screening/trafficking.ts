import type { Reason } from './reasons.ts';

/** Palermo Protocol Art. 3(a) elements. */
export const TRAFFICKING_ACTS = [
  'recruitment',
  'transportation',
  'transfer',
  'harbouring',
  'receipt',
] as const;
export const TRAFFICKING_MEANS = [
  'threat_or_force',
  'other_coercion',
  'abduction',
  'fraud',
  'deception',
  'abuse_of_power',
  'abuse_of_vulnerability',
  'payments_to_controller',
] as const;
export const TRAFFICKING_PURPOSES = [
  'prostitution_or_sexual_exploitation',
  'forced_labour_or_services',
  'slavery_or_similar',
  'servitude',
  'organ_removal',
  'other_exploitation',
] as const;

export type TraffickingAct = (typeof TRAFFICKING_ACTS)[number];
export type TraffickingMeans = (typeof TRAFFICKING_MEANS)[number];
export type TraffickingPurpose = (typeof TRAFFICKING_PURPOSES)[number];

export interface TraffickingInput {
  acts: readonly TraffickingAct[];
  means: readonly TraffickingMeans[];
  purposes: readonly TraffickingPurpose[];
  /** Age at the time of the act, when known; under `childAge` no means are needed. */
  age: number | null;
}

export interface TraffickingRules {
  id: string;
  version: string;
  /** Age below which a person is a child for this test (18 in the Protocol). */
  childAge: number;
  source: string;
}

/**
 * An indication for referral, never a legal finding: `indicators_present` when
 * every element the Protocol requires is reported, else what is missing.
 */
export interface TraffickingResult {
  rulesId: string;
  rulesVersion: string;
  indication: 'indicators_present' | 'incomplete' | 'none_reported';
  child: boolean | null;
  elements: { act: boolean; means: boolean | 'not_required'; purpose: boolean };
  missing: ('act' | 'means' | 'purpose')[];
  reasons: Reason[];
}

/**
 * Applies the act–means–purpose test of the Palermo Protocol: for a child,
 * act and purpose suffice; an unknown age is treated as an adult's case (means
 * needed) and said so, so a child is never missed silently.
 */
export function screenTrafficking(
  input: TraffickingInput,
  rules: TraffickingRules,
): TraffickingResult {
  const rule = 'Palermo Protocol Art. 3';
  const cite = (code: string, params: Record<string, string | number> = {}): Reason => ({
    code,
    params,
    rule,
    source: rules.source,
  });
  const child = input.age === null ? null : input.age < rules.childAge;
  const act = input.acts.length > 0;
  const purpose = input.purposes.length > 0;
  const meansPresent = input.means.length > 0;
  const means: boolean | 'not_required' = child === true ? 'not_required' : meansPresent;
  const reasons: Reason[] = [];
  for (const a of input.acts) reasons.push(cite(`act_${a}`));
  for (const m of input.means) reasons.push(cite(`means_${m}`));
  for (const p of input.purposes) reasons.push(cite(`purpose_${p}`));
  if (child === true)
    reasons.push(cite('child_no_means_needed', { age: input.age ?? 0, childAge: rules.childAge }));
  if (child === null) reasons.push(cite('age_unknown_means_needed'));
  const missing: TraffickingResult['missing'] = [];
  if (!act) missing.push('act');
  if (means === false) missing.push('means');
  if (!purpose) missing.push('purpose');
  const anything = act || meansPresent || purpose;
  const indication = !anything
    ? 'none_reported'
    : missing.length === 0
      ? 'indicators_present'
      : 'incomplete';
  reasons.push(
    cite(
      indication === 'indicators_present'
        ? 'trafficking_indicators_present'
        : indication === 'incomplete'
          ? 'trafficking_incomplete'
          : 'trafficking_none_reported',
    ),
  );
  return {
    rulesId: rules.id,
    rulesVersion: rules.version,
    indication,
    child,
    elements: { act, means, purpose },
    missing,
    reasons,
  };
}
