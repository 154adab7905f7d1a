import type { DurationSummary } from '../../../core/index.ts';

/** The three delays the dashboard measures, in the order it shows them. */
export const DELAYS = ['toFirstReferral', 'toAcceptance', 'toFirstService'] as const;
export type DelayName = (typeof DELAYS)[number];

/** Groupings GET /stats/referral-delays accepts. */
export const GROUPINGS = [
  'none',
  'to_agency',
  'from_agency',
  'service_type',
  'area',
  'month',
] as const;

export interface DelayGroup extends Record<DelayName, DurationSummary> {
  key: string;
  label: string;
}

/** GET /stats/referral-delays. */
export interface ReferralDelays {
  from: string;
  to: string;
  groupBy: string;
  overall: DelayGroup;
  groups: DelayGroup[];
  /** The agency's own referrals (empty for aggregate-only readers). */
  recent: {
    referralId: string;
    number: string;
    caseReference: string | null;
    serviceType: string;
    state: string;
    toFirstReferralHours: number | null;
    toAcceptanceHours: number | null;
    toFirstServiceHours: number | null;
  }[];
  /** Groups with fewer cases than this show no figures to aggregate-only readers. */
  minimumCell: number;
}

/**
 * Whether a group's figures were withheld (too few cases for an aggregate-only
 * reader): the server then sends every delay empty. A group always holds at
 * least one referral, so "all empty" for such a reader means withheld.
 */
export function isWithheld(group: DelayGroup, aggregateOnly: boolean): boolean {
  return (
    aggregateOnly &&
    DELAYS.every(
      (d) => group[d].n === 0 && group[d].medianHours === null && group[d].withinTargetPct === null,
    )
  );
}
