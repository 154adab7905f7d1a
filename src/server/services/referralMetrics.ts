import {
  type Delay,
  type DurationSummary,
  hasPermission,
  hoursBetween,
  summariseDelays,
} from '../../core/index.ts';
import type { Ctx } from '../context.ts';
import { ProblemError } from '../http/problem.ts';
import { requireAny } from './access.ts';
import { referralNumber } from './referrals.ts';
import { audit } from './trail.ts';

export const REFERRAL_GROUPINGS = [
  'none',
  'to_agency',
  'from_agency',
  'service_type',
  'area',
  'month',
] as const;
export type ReferralGrouping = (typeof REFERRAL_GROUPINGS)[number];

export interface DelayGroup {
  key: string;
  label: string;
  /** Figures withheld: fewer cases than the minimum cell, for an aggregate-only reader. */
  withheld: boolean;
  /** Identification of the case → its first referral. */
  toFirstReferral: DurationSummary;
  /** Referral sent → accepted. */
  toAcceptance: DurationSummary;
  /** Accepted → first service. */
  toFirstService: DurationSummary;
}

export interface ReferralDelays {
  from: string;
  to: string;
  groupBy: ReferralGrouping;
  overall: DelayGroup;
  groups: DelayGroup[];
  /** The agency's own referrals with their delays (case workers only, never for aggregate-only roles). */
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

const SUPPRESSED: DurationSummary = {
  n: 0,
  medianHours: null,
  p90Hours: null,
  withinTargetPct: null,
};

/**
 * Time to referral, measured: identification → first referral, referral →
 * acceptance, acceptance → first service; median and 90th percentile and
 * target compliance, by agency, service type, area (province) or month, for
 * referrals sent in [from, to). Analysts see every agency in aggregate (small
 * groups withheld); case workers see their own agency's, sent or received.
 */
export async function referralDelays(
  ctx: Ctx,
  query: {
    from?: string | undefined;
    to?: string | undefined;
    groupBy?: ReferralGrouping | undefined;
  },
): Promise<ReferralDelays> {
  const actor = await requireAny(ctx, 'stats:read:aggregate', 'case:read:agency');
  const aggregateOnly = !hasPermission(actor, 'case:read:agency');
  const now = ctx.deps.clock.now();
  const to = query.to ?? now.toISOString().slice(0, 10);
  const from =
    query.from ??
    new Date(Date.parse(`${to}T00:00:00Z`) - 90 * 86_400_000).toISOString().slice(0, 10);
  if (from > to) throw new ProblemError(400, 'validation_failed', { detail: 'from after to' });
  const groupBy = query.groupBy ?? 'none';
  const toEnd = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString();
  let select = ctx.deps.db
    .selectFrom('referral')
    .innerJoin('case_file', 'case_file.id', 'referral.case_id')
    .innerJoin('service', 'service.id', 'referral.service_id')
    .innerJoin('taxonomy_term', 'taxonomy_term.id', 'service.taxonomy_term_id')
    .innerJoin('agency as from_agency', 'from_agency.id', 'referral.from_agency_id')
    .innerJoin('agency as to_agency', 'to_agency.id', 'referral.to_agency_id')
    .innerJoin('area', 'area.code', 'case_file.area_code')
    .select([
      'referral.id',
      'referral.case_id',
      'referral.state',
      'referral.sent_at',
      'referral.accepted_at',
      'referral.service_started_at',
      'referral.from_agency_id',
      'referral.to_agency_id',
      'from_agency.name as from_name',
      'to_agency.name as to_name',
      'case_file.identified_at',
      'case_file.reference',
      'case_file.area_code',
      'area.parent_code',
      'taxonomy_term.code as service_type',
      'taxonomy_term.name as service_name',
      'taxonomy_term.accept_hours',
      'taxonomy_term.first_service_hours',
    ])
    .where('referral.sent_at', '>=', `${from}T00:00:00.000Z`)
    .where('referral.sent_at', '<', toEnd)
    .orderBy('referral.sent_at');
  if (!aggregateOnly)
    select = select.where((eb) =>
      eb.or([
        eb('referral.from_agency_id', '=', actor.agencyId),
        eb('referral.to_agency_id', '=', actor.agencyId),
      ]),
    );
  const rows = await select.execute();
  const nowIso = now.toISOString();
  // The first referral of each case (within the period).
  const firstOfCase = new Map<string, string>();
  for (const r of rows) if (!firstOfCase.has(r.case_id)) firstOfCase.set(r.case_id, r.id);

  const keyOf = (r: (typeof rows)[number]): [string, string] => {
    switch (groupBy) {
      case 'to_agency':
        return [r.to_agency_id, r.to_name];
      case 'from_agency':
        return [r.from_agency_id, r.from_name];
      case 'service_type':
        return [r.service_type, r.service_name];
      case 'area':
        // Provinces: a district's parent, or the area itself at the top.
        return [r.parent_code ?? r.area_code, r.parent_code ?? r.area_code];
      case 'month':
        return [r.sent_at.slice(0, 7), r.sent_at.slice(0, 7)];
      default:
        return ['all', 'all'];
    }
  };
  const buckets = new Map<
    string,
    {
      label: string;
      first: Delay[];
      accept: (Delay & { open?: boolean })[];
      service: (Delay & { open?: boolean })[];
      cases: Set<string>;
    }
  >();
  const add = (key: string, label: string, r: (typeof rows)[number]) => {
    let b = buckets.get(key);
    if (!b) {
      b = { label, first: [], accept: [], service: [], cases: new Set() };
      buckets.set(key, b);
    }
    b.cases.add(r.case_id);
    if (firstOfCase.get(r.case_id) === r.id)
      b.first.push({ hours: hoursBetween(r.identified_at, r.sent_at) });
    if (r.accepted_at)
      b.accept.push({ hours: hoursBetween(r.sent_at, r.accepted_at), targetHours: r.accept_hours });
    else if (r.state === 'sent' || r.state === 'info_requested')
      b.accept.push({
        hours: hoursBetween(r.sent_at, nowIso),
        targetHours: r.accept_hours,
        open: true,
      });
    if (r.accepted_at && r.service_started_at)
      b.service.push({
        hours: hoursBetween(r.accepted_at, r.service_started_at),
        targetHours: r.first_service_hours,
      });
    else if (r.accepted_at && r.state === 'accepted')
      b.service.push({
        hours: hoursBetween(r.accepted_at, nowIso),
        targetHours: r.first_service_hours,
        open: true,
      });
  };
  for (const r of rows) {
    const [key, label] = keyOf(r);
    add(key, label, r);
    if (groupBy !== 'none') add('\u0000all', 'all', r);
  }
  const k = ctx.deps.config.minimumCell;
  const summarise = (key: string, b: NonNullable<ReturnType<typeof buckets.get>>): DelayGroup => {
    const hidden = aggregateOnly && b.cases.size < k;
    return {
      key,
      label: b.label,
      withheld: hidden,
      toFirstReferral: hidden ? SUPPRESSED : summariseDelays(b.first),
      toAcceptance: hidden ? SUPPRESSED : summariseDelays(b.accept),
      toFirstService: hidden ? SUPPRESSED : summariseDelays(b.service),
    };
  };
  const allKey = groupBy === 'none' ? 'all' : '\u0000all';
  const overallBucket = buckets.get(allKey);
  const empty = { label: 'all', first: [], accept: [], service: [], cases: new Set<string>() };
  const groups = [...buckets.entries()]
    .filter(([key]) => key !== '\u0000all' && groupBy !== 'none')
    .map(([key, b]) => summarise(key, b))
    .sort((a, b) => a.key.localeCompare(b.key));
  const recent = aggregateOnly
    ? []
    : rows
        .slice(-50)
        .reverse()
        .map((r) => ({
          referralId: r.id,
          number: referralNumber(r.id),
          // The case reference only for the agency that owns the case.
          caseReference: r.from_agency_id === actor.agencyId ? r.reference : null,
          serviceType: r.service_type,
          state: r.state,
          toFirstReferralHours:
            firstOfCase.get(r.case_id) === r.id
              ? round(hoursBetween(r.identified_at, r.sent_at))
              : null,
          toAcceptanceHours: r.accepted_at ? round(hoursBetween(r.sent_at, r.accepted_at)) : null,
          toFirstServiceHours:
            r.accepted_at && r.service_started_at
              ? round(hoursBetween(r.accepted_at, r.service_started_at))
              : null,
        }));
  await audit(ctx, ctx.deps.db, {
    action: 'stats.referral_delays',
    entity: 'referral',
    entityIds: recent.map((r) => r.referralId),
    details: { from, to, groupBy, aggregateOnly },
  });
  return {
    from,
    to,
    groupBy,
    overall: summarise('all', overallBucket ?? empty),
    groups,
    recent,
    minimumCell: k,
  };
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
