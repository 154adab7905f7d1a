import {
  REFERRAL_STATE_TIMES,
  type ReferralAction,
  type ReferralState,
  transitionReferral,
} from '../../core/index.ts';
import type { Ctx } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { notFound, ProblemError } from '../http/problem.ts';
import { announce, type NotificationItem, queueNotifications } from '../notify/notifications.ts';
import { requireAny } from './access.ts';
import { agencyFocalPoints, agencyUsersWith } from './recipients.ts';
import { getReferral, type ReferralView, referralNumber, sideOf } from './referrals.ts';
import { recordCaseChange } from './syncMerge.ts';
import { inTransaction, recordChanges } from './trail.ts';

/** Who hears of each move: the referrer's side or the receiving agency's. */
const NOTIFY: Record<
  ReferralAction['type'],
  { kind: NotificationItem['kind']; to: 'referrer' | 'receiver' }
> = {
  accept: { kind: 'referral_accepted', to: 'referrer' },
  decline: { kind: 'referral_declined', to: 'referrer' },
  request_info: { kind: 'referral_info_requested', to: 'referrer' },
  provide_info: { kind: 'referral_info_provided', to: 'receiver' },
  start_service: { kind: 'referral_service_started', to: 'referrer' },
  complete: { kind: 'referral_completed', to: 'referrer' },
  cancel: { kind: 'referral_cancelled', to: 'receiver' },
};

/**
 * Moves a referral on: the receiving agency accepts (assigning a worker),
 * declines, asks for information, starts and completes the service; the
 * referrer answers or cancels. Each move is timestamped, in both timelines,
 * audited, and announced to the other side.
 */
export async function actOnReferral(
  ctx: Ctx,
  id: string,
  input: ReferralAction & { version: number; assignedUserId?: string | undefined },
): Promise<ReferralView> {
  const actor = await requireAny(ctx, 'case:write:agency');
  const row = await ctx.deps.db
    .selectFrom('referral')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  const side = row ? sideOf(actor, row) : undefined;
  if (!row || !side) throw notFound('referral');
  // A self-referral: the action says which hat the worker wears.
  const wanted = NOTIFY[input.type].to === 'referrer' ? 'receiver' : 'referrer';
  const acting = row.from_agency_id === row.to_agency_id ? wanted : side;
  if (row.version !== input.version)
    throw new ProblemError(409, 'version_conflict', {}, { currentVersion: row.version });
  const move = transitionReferral(row.state as ReferralState, input, acting);
  if (!move.ok) throw new ProblemError(409, 'referral_refused', {}, { problems: move.problems });

  const now = ctx.deps.clock.now();
  const at = now.toISOString();
  const set: Partial<Database['referral']> = {
    state: move.to,
    version: row.version + 1,
    updated_at: at,
  };
  const timeColumn = REFERRAL_STATE_TIMES[move.to] as keyof Database['referral'] | undefined;
  if (timeColumn) (set as Record<string, unknown>)[timeColumn] = at;
  const details: Record<string, unknown> = { from: move.from, to: move.to };
  switch (input.type) {
    case 'accept': {
      const assignee = input.assignedUserId ?? actor.userId;
      if (assignee !== actor.userId) {
        const workers = await agencyUsersWith(ctx.deps.db, [actor.agencyId], 'case:write:agency');
        if (!(workers.get(actor.agencyId) ?? []).includes(assignee))
          throw new ProblemError(400, 'unknown_reference', { field: 'assignedUserId' });
      }
      set.assigned_user_id = assignee;
      const term = await ctx.deps.db
        .selectFrom('service')
        .innerJoin('taxonomy_term', 'taxonomy_term.id', 'service.taxonomy_term_id')
        .select('taxonomy_term.first_service_hours')
        .where('service.id', '=', row.service_id)
        .executeTakeFirst();
      if (term?.first_service_hours != null)
        set.service_due_at = new Date(
          now.getTime() + term.first_service_hours * 3_600_000,
        ).toISOString();
      break;
    }
    case 'decline':
      set.decline_reason = input.reason.trim();
      details.reason = set.decline_reason;
      break;
    case 'request_info':
      set.info_request = input.question.trim();
      details.question = set.info_request;
      break;
    case 'provide_info':
      details.answer = input.answer.trim();
      break;
    case 'complete':
      set.outcome = input.outcome;
      set.feedback = input.feedback.trim();
      set.feedback_at = at;
      details.outcome = input.outcome;
      break;
    case 'cancel':
      details.reason = input.reason.trim();
      break;
    case 'start_service':
      break;
  }
  let notified: string[] = [];
  await inTransaction(
    ctx,
    { action: `referral.${input.type}`, entity: 'referral', entityIds: [id, row.case_id] },
    async (trx) => {
      const updated = await trx
        .updateTable('referral')
        .set(set)
        .where('id', '=', id)
        .where('version', '=', row.version)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw new ProblemError(409, 'version_conflict');
      await trx
        .insertInto('referral_event')
        .values({
          id: crypto.randomUUID(),
          referral_id: id,
          at,
          actor_user_id: actor.userId,
          type: input.type,
          details: JSON.stringify(details),
        })
        .execute();
      // The referrer's case timeline shows the referral's progress (no narrative).
      await trx
        .insertInto('case_event')
        .values({
          id: crypto.randomUUID(),
          case_id: row.case_id,
          at,
          actor_user_id: actor.userId,
          type: `referral_${input.type}`,
          details: JSON.stringify({ referral: referralNumber(id), to: move.to }),
        })
        .execute();
      const plan = NOTIFY[input.type];
      let recipients: string[];
      if (plan.to === 'referrer') recipients = [row.created_by];
      else {
        const focal = await agencyFocalPoints(trx, [row.to_agency_id]);
        recipients = [
          ...(focal.get(row.to_agency_id) ?? []),
          ...(row.assigned_user_id ? [row.assigned_user_id] : []),
        ];
      }
      notified = await queueNotifications(ctx.deps, trx, [
        {
          userIds: recipients.filter((u) => u !== actor.userId),
          kind: plan.kind,
          params: { number: referralNumber(id) },
          link: `/referrals/${id}`,
        },
      ]);
      await recordChanges(ctx, trx, [
        {
          entity: 'referral',
          entityId: id,
          version: row.version + 1,
          agencyId: row.from_agency_id,
        },
        { entity: 'referral', entityId: id, version: row.version + 1, agencyId: row.to_agency_id },
      ]);
      // The referrer's case timeline changed too.
      await recordCaseChange(ctx, trx, row.case_id);
    },
  );
  announce(ctx.deps, notified);
  return getReferral(ctx, id, false);
}
