import {
  type ReferralActionType,
  type ReferralSide,
  type ReferralState,
  referralActionsFrom,
  type ShareableField,
  type ShareLevel,
  sharedFields,
} from '../../core/index.ts';
import type { Actor, Ctx } from '../context.ts';
import { notFound, ProblemError } from '../http/problem.ts';
import { announce, queueNotifications } from '../notify/notifications.ts';
import { requireAny } from './access.ts';
import { areaWithAncestors } from './areas.ts';
import { caseDetail, readCase, writableCase } from './cases.ts';
import { decodeCursor, type Page, pageLimit, toPage } from './pagination.ts';
import { agencyFocalPoints } from './recipients.ts';
import { recordCaseChange } from './syncMerge.ts';
import { audit, inTransaction, isUniqueViolation, recordChanges } from './trail.ts';

/** Hours to accept when the service type sets no target (the pack should). */
export const DEFAULT_ACCEPT_HOURS = 48;

/** A short number for messages and phone calls, which names nobody. */
export function referralNumber(id: string): string {
  return `R-${id.replaceAll('-', '').slice(0, 8).toUpperCase()}`;
}

export interface NewReferral {
  serviceId: string;
  shareLevel: ShareLevel;
  fields?: string[] | undefined;
  reason: string;
  consentOverride?: string | undefined;
  idempotencyKey: string;
}

/** The sharing consent in force for an agency type: the latest record covering it decides. */
async function sharingConsent(ctx: Ctx, caseId: string, agencyType: string) {
  const rows = await ctx.deps.db
    .selectFrom('consent')
    .select(['id', 'given', 'agency_types', 'recorded_at'])
    .where('case_id', '=', caseId)
    .where('purpose', '=', 'sharing')
    .where('withdrawn_at', 'is', null)
    .orderBy('recorded_at', 'desc')
    .execute();
  const latest = rows.find((r) => r.agency_types.split(',').includes(agencyType));
  return latest && latest.given === 1 ? latest : undefined;
}

/** Whether a service covers an area: its areas include the area or one above it. */
async function coversArea(ctx: Ctx, serviceId: string, areaCode: string): Promise<boolean> {
  const chain = await areaWithAncestors(ctx.deps.db, areaCode);
  const hit = await ctx.deps.db
    .selectFrom('service_area')
    .select('area_code')
    .where('service_id', '=', serviceId)
    .where('area_code', 'in', chain)
    .executeTakeFirst();
  return hit !== undefined;
}

/**
 * Refers a case to a service: checks the service (active, with an agency queue,
 * for this person and area) and consent to share with that kind of agency (or a
 * written justification, audited), then sends it to the receiving agency's
 * queue with only the chosen fields. A repeated request with the same
 * idempotency key returns the first referral.
 */
export async function createReferral(
  ctx: Ctx,
  caseId: string,
  input: NewReferral,
): Promise<{ created: boolean; referral: ReferralView }> {
  const { actor } = await writableCase(ctx, caseId);
  const db = ctx.deps.db;
  const repeat = await db
    .selectFrom('referral')
    .select(['id', 'case_id', 'service_id'])
    .where('from_agency_id', '=', actor.agencyId)
    .where('idempotency_key', '=', input.idempotencyKey)
    .executeTakeFirst();
  if (repeat) {
    if (repeat.case_id !== caseId || repeat.service_id !== input.serviceId)
      throw new ProblemError(409, 'idempotency_conflict');
    return { created: false, referral: await getReferral(ctx, repeat.id, false) };
  }
  const service = await db
    .selectFrom('service')
    .innerJoin('organization', 'organization.id', 'service.organization_id')
    .innerJoin('taxonomy_term', 'taxonomy_term.id', 'service.taxonomy_term_id')
    .leftJoin('agency', 'agency.id', 'organization.agency_id')
    .select([
      'service.id',
      'service.status',
      'service.minimum_age',
      'service.maximum_age',
      'service.sexes',
      'organization.agency_id',
      'agency.type as agency_type',
      'agency.disabled as agency_disabled',
      'taxonomy_term.code as type_code',
      'taxonomy_term.accept_hours',
    ])
    .where('service.id', '=', input.serviceId)
    .executeTakeFirst();
  if (!service) throw new ProblemError(400, 'unknown_reference', { field: 'serviceId' });
  if (service.status !== 'active') throw new ProblemError(409, 'service_inactive');
  if (!service.agency_id || !service.agency_type || service.agency_disabled === 1)
    throw new ProblemError(409, 'service_without_queue');
  const detail = await caseDetail(ctx, caseId, false);
  const problems: string[] = [];
  const age = detail.person.age;
  if (age !== null && service.minimum_age !== null && age < service.minimum_age)
    problems.push('too_young');
  if (age !== null && service.maximum_age !== null && age > service.maximum_age)
    problems.push('too_old');
  if (service.sexes && !service.sexes.split(',').includes(detail.person.sex)) problems.push('sex');
  if (!(await coversArea(ctx, service.id, detail.areaCode))) problems.push('area');
  if (problems.length > 0) throw new ProblemError(409, 'service_not_eligible', {}, { problems });
  const consent = await sharingConsent(ctx, caseId, service.agency_type);
  const override = input.consentOverride?.trim() ?? '';
  if (!consent && override.length < 20) throw new ProblemError(409, 'consent_required');
  const fields = sharedFields(input.shareLevel, input.fields ?? []);
  if (fields.length === 0) throw new ProblemError(400, 'validation_failed', { detail: 'fields' });

  const id = crypto.randomUUID();
  const now = ctx.deps.clock.now();
  const at = now.toISOString();
  const acceptHours = service.accept_hours ?? DEFAULT_ACCEPT_HOURS;
  const toAgency = service.agency_id;
  let notified: string[] = [];
  try {
    await inTransaction(
      ctx,
      {
        action: 'referral.create',
        entity: 'case',
        entityIds: [caseId, id],
        details: {
          toAgency,
          shareLevel: input.shareLevel,
          fields,
          consent: consent ? 'recorded' : 'override',
        },
      },
      async (trx) => {
        await trx
          .insertInto('referral')
          .values({
            id,
            case_id: caseId,
            from_agency_id: actor.agencyId,
            to_agency_id: toAgency,
            service_id: service.id,
            state: 'sent',
            share_level: input.shareLevel,
            shared_fields: JSON.stringify(fields),
            reason: input.reason.trim(),
            consent_id: consent?.id ?? null,
            consent_override: consent ? null : override,
            idempotency_key: input.idempotencyKey,
            created_by: actor.userId,
            assigned_user_id: null,
            decline_reason: null,
            info_request: null,
            outcome: null,
            outcome_note: null,
            feedback: null,
            sent_at: at,
            accepted_at: null,
            declined_at: null,
            info_requested_at: null,
            service_started_at: null,
            completed_at: null,
            cancelled_at: null,
            feedback_at: null,
            accept_due_at: new Date(now.getTime() + acceptHours * 3_600_000).toISOString(),
            service_due_at: null,
            accept_reminded_at: null,
            accept_escalated_at: null,
            service_reminded_at: null,
            service_escalated_at: null,
            version: 1,
            updated_at: at,
          })
          .execute();
        await trx
          .insertInto('referral_event')
          .values({
            id: crypto.randomUUID(),
            referral_id: id,
            at,
            actor_user_id: actor.userId,
            type: 'sent',
            details: JSON.stringify({ shareLevel: input.shareLevel, consent: Boolean(consent) }),
          })
          .execute();
        await trx
          .insertInto('case_event')
          .values({
            id: crypto.randomUUID(),
            case_id: caseId,
            at,
            actor_user_id: actor.userId,
            type: 'referral_sent',
            details: JSON.stringify({ referral: referralNumber(id), service: service.type_code }),
          })
          .execute();
        const focal = await agencyFocalPoints(trx, [toAgency]);
        notified = await queueNotifications(ctx.deps, trx, [
          {
            userIds: focal.get(toAgency) ?? [],
            kind: 'referral_received',
            params: { number: referralNumber(id), service: service.type_code },
            link: `/referrals/${id}`,
          },
        ]);
        await recordChanges(ctx, trx, [
          { entity: 'referral', entityId: id, version: 1, agencyId: actor.agencyId },
          { entity: 'referral', entityId: id, version: 1, agencyId: toAgency },
        ]);
        await recordCaseChange(ctx, trx, caseId);
      },
    );
  } catch (error) {
    // Two identical requests at once: the second finds the first.
    if (isUniqueViolation(error, 'idempotency')) return createReferral(ctx, caseId, input);
    throw error;
  }
  announce(ctx.deps, notified);
  return { created: true, referral: await getReferral(ctx, id, false) };
}

export interface ReferralView {
  id: string;
  number: string;
  state: ReferralState;
  /** Which side the reader is on. */
  side: ReferralSide;
  service: { id: string; name: string; type: string };
  fromAgency: { id: string; name: string };
  toAgency: { id: string; name: string };
  /** The referrer's own case (only for the referrer). */
  caseId: string | null;
  shareLevel: string;
  sharedFields: string[];
  reason: string;
  consent: 'recorded' | 'override';
  assignedTo: string | null;
  declineReason: string | null;
  infoRequest: string | null;
  outcome: string | null;
  outcomeNote: string | null;
  feedback: string | null;
  sentAt: string;
  acceptedAt: string | null;
  declinedAt: string | null;
  infoRequestedAt: string | null;
  serviceStartedAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
  acceptDueAt: string;
  serviceDueAt: string | null;
  overdue: boolean;
  version: number;
  actions: ReferralActionType[];
  events: {
    at: string;
    type: string;
    actorUsername: string | null;
    details: Record<string, unknown>;
  }[];
  /** The case as shared with the receiving agency: only the referral's fields (receiver only). */
  shared: Record<string, unknown> | null;
}

function referralSelect(ctx: Ctx) {
  return ctx.deps.db
    .selectFrom('referral')
    .innerJoin('service', 'service.id', 'referral.service_id')
    .innerJoin('taxonomy_term', 'taxonomy_term.id', 'service.taxonomy_term_id')
    .innerJoin('agency as from_agency', 'from_agency.id', 'referral.from_agency_id')
    .innerJoin('agency as to_agency', 'to_agency.id', 'referral.to_agency_id')
    .leftJoin('app_user as assignee', 'assignee.id', 'referral.assigned_user_id')
    .selectAll('referral')
    .select([
      'service.name as service_name',
      'taxonomy_term.code as service_type',
      'from_agency.name as from_agency_name',
      'to_agency.name as to_agency_name',
      'assignee.username as assignee_username',
    ]);
}
type ReferralRow = Awaited<
  ReturnType<ReturnType<typeof referralSelect>['executeTakeFirstOrThrow']>
>;

/** The reader's side of a referral, or undefined when it is none of their agency's business. */
export function sideOf(actor: Actor, row: { from_agency_id: string; to_agency_id: string }) {
  if (row.to_agency_id === actor.agencyId) return 'receiver' as const;
  if (row.from_agency_id === actor.agencyId) return 'referrer' as const;
  return undefined;
}

function isOverdue(row: ReferralRow, now: string): boolean {
  if ((row.state === 'sent' || row.state === 'info_requested') && row.accept_due_at < now)
    return true;
  return row.state === 'accepted' && row.service_due_at !== null && row.service_due_at < now;
}

/** States in which the receiving agency still sees what the referral shares. */
const SHARED_STATES: readonly string[] = [
  'sent',
  'info_requested',
  'accepted',
  'in_service',
  'completed',
];

/** The case as the receiving agency may see it: only the shared fields. */
async function sharedCase(ctx: Ctx, row: ReferralRow): Promise<Record<string, unknown>> {
  const fields = new Set(JSON.parse(row.shared_fields) as ShareableField[]);
  // The referrer's case, of which the referral grants the receiver exactly these fields.
  const detail = await readCase(ctx, row.case_id, row.from_agency_id, false);
  const out: Record<string, unknown> = {};
  const person: Record<string, unknown> = {};
  if (fields.has('person.name')) {
    person.givenName = detail.person.givenName;
    person.familyName = detail.person.familyName;
  }
  if (fields.has('person.birthDate')) person.birthDate = detail.person.birthDate;
  if (fields.has('person.age')) {
    person.age = detail.person.age;
    person.ageEstimated = detail.person.ageEstimated;
  }
  if (fields.has('person.sex')) person.sex = detail.person.sex;
  if (Object.keys(person).length > 0) out.person = person;
  if (fields.has('case.reference')) out.reference = detail.reference;
  if (fields.has('case.topics')) out.topics = detail.topics;
  if (fields.has('case.riskLevel')) out.riskLevel = detail.riskLevel;
  if (fields.has('case.area')) out.areaCode = detail.areaCode;
  if (fields.has('case.step')) out.step = detail.step;
  if (fields.has('screenings'))
    out.screenings = detail.screenings.map((s) => ({
      kind: s.kind,
      summary: s.summary,
      rulesVersion: s.rulesVersion,
      result: s.result,
      createdAt: s.createdAt,
    }));
  if (fields.has('plan')) {
    out.goals = detail.goals;
    out.interventions = detail.interventions;
  }
  if (fields.has('followUps')) out.followUps = detail.followUps;
  if (fields.has('consents')) {
    out.consents = (
      await ctx.deps.db
        .selectFrom('consent')
        .select(['purpose', 'given', 'given_by', 'agency_types', 'recorded_at', 'withdrawn_at'])
        .where('case_id', '=', row.case_id)
        .orderBy('recorded_at')
        .execute()
    ).map((c) => ({
      purpose: c.purpose,
      given: c.given === 1,
      givenBy: c.given_by,
      agencyTypes: c.agency_types ? c.agency_types.split(',') : [],
      recordedAt: c.recorded_at,
      withdrawnAt: c.withdrawn_at,
    }));
  }
  return out;
}

/** One referral as the reader's agency may see it (sent or received); reads of shared data are audited. */
export async function getReferral(ctx: Ctx, id: string, auditRead = true): Promise<ReferralView> {
  const actor = await requireAny(ctx, 'case:read:agency');
  const row = await referralSelect(ctx).where('referral.id', '=', id).executeTakeFirst();
  const side = row ? sideOf(actor, row) : undefined;
  if (!row || !side) throw notFound('referral');
  const events = await ctx.deps.db
    .selectFrom('referral_event')
    .leftJoin('app_user', 'app_user.id', 'referral_event.actor_user_id')
    .select([
      'referral_event.at',
      'referral_event.type',
      'referral_event.details',
      'app_user.username',
    ])
    .where('referral_event.referral_id', '=', id)
    .orderBy('referral_event.at')
    .execute();
  const shared =
    side === 'receiver' && SHARED_STATES.includes(row.state) ? await sharedCase(ctx, row) : null;
  if (auditRead)
    await audit(ctx, ctx.deps.db, {
      action: side === 'receiver' ? 'referral.read.shared' : 'referral.read',
      entity: 'referral',
      entityIds: [id, ...(shared ? [row.case_id] : [])],
      details: shared ? { fields: JSON.parse(row.shared_fields) as string[] } : {},
    });
  return toView(row, side, events, shared, ctx.deps.clock.now().toISOString());
}

function toView(
  row: ReferralRow,
  side: ReferralSide,
  events: { at: string; type: string; details: string; username: string | null }[],
  shared: Record<string, unknown> | null,
  now: string,
): ReferralView {
  return {
    id: row.id,
    number: referralNumber(row.id),
    state: row.state as ReferralState,
    side,
    service: { id: row.service_id, name: row.service_name, type: row.service_type },
    fromAgency: { id: row.from_agency_id, name: row.from_agency_name },
    toAgency: { id: row.to_agency_id, name: row.to_agency_name },
    caseId: side === 'referrer' ? row.case_id : null,
    shareLevel: row.share_level,
    sharedFields: JSON.parse(row.shared_fields) as string[],
    reason: row.reason,
    consent: row.consent_id ? 'recorded' : 'override',
    assignedTo: row.assignee_username ?? null,
    declineReason: row.decline_reason,
    infoRequest: row.info_request,
    outcome: row.outcome,
    outcomeNote: row.outcome_note,
    feedback: row.feedback,
    sentAt: row.sent_at,
    acceptedAt: row.accepted_at,
    declinedAt: row.declined_at,
    infoRequestedAt: row.info_requested_at,
    serviceStartedAt: row.service_started_at,
    completedAt: row.completed_at,
    cancelledAt: row.cancelled_at,
    acceptDueAt: row.accept_due_at,
    serviceDueAt: row.service_due_at,
    overdue: isOverdue(row, now),
    version: row.version,
    actions: referralActionsFrom(row.state as ReferralState, side),
    events: events.map((e) => ({
      at: e.at,
      type: e.type,
      actorUsername: e.username,
      details: JSON.parse(e.details) as Record<string, unknown>,
    })),
    shared,
  };
}

export type ReferralSummary = Omit<ReferralView, 'events' | 'shared' | 'reason'>;

/**
 * The agency's referrals: `received` (its queue) or `sent`, newest first,
 * optionally by state or overdue. No shared case data in a list.
 */
export async function listReferrals(
  ctx: Ctx,
  query: {
    box: 'sent' | 'received';
    state?: string | undefined;
    overdue?: string | undefined;
    caseId?: string | undefined;
    cursor?: string | undefined;
    limit?: string | undefined;
  },
): Promise<Page<ReferralSummary>> {
  const actor = await requireAny(ctx, 'case:read:agency');
  const limit = pageLimit(query.limit);
  const after = decodeCursor(query.cursor, 2);
  const now = ctx.deps.clock.now().toISOString();
  const column = query.box === 'received' ? 'referral.to_agency_id' : 'referral.from_agency_id';
  let select = referralSelect(ctx)
    .where(column, '=', actor.agencyId)
    .orderBy('referral.sent_at', 'desc')
    .orderBy('referral.id', 'desc')
    .limit(limit + 1);
  if (query.state) select = select.where('referral.state', '=', query.state);
  if (query.caseId && query.box === 'sent')
    select = select.where('referral.case_id', '=', query.caseId);
  if (query.overdue === 'true')
    select = select.where((eb) =>
      eb.or([
        eb.and([
          eb('referral.state', 'in', ['sent', 'info_requested']),
          eb('referral.accept_due_at', '<', now),
        ]),
        eb.and([eb('referral.state', '=', 'accepted'), eb('referral.service_due_at', '<', now)]),
      ]),
    );
  if (after) {
    const [sentAt, id] = [String(after[0]), String(after[1])];
    select = select.where((eb) =>
      eb.or([
        eb('referral.sent_at', '<', sentAt),
        eb.and([eb('referral.sent_at', '=', sentAt), eb('referral.id', '<', id)]),
      ]),
    );
  }
  const rows = await select.execute();
  return toPage(
    rows,
    limit,
    (r): ReferralSummary => {
      const {
        events: _e,
        shared: _s,
        reason: _r,
        ...summary
      } = toView(r, query.box === 'received' ? 'receiver' : 'referrer', [], null, now);
      return summary;
    },
    (r) => [r.sent_at, r.id],
  );
}
