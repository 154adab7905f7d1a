import type { Deps } from '../context.ts';
import { bulkInsert } from '../db/bulkInsert.ts';
import type { Database } from '../db/schema.ts';
import { announce, type NotificationItem, queueNotifications } from '../notify/notifications.ts';
import { agencyFocalPoints, agencyUsersWith } from '../services/recipients.ts';
import { referralNumber } from '../services/referrals.ts';
import type { Job } from './job.ts';

const BATCH = 5000;

type Stage = 'accept_reminder' | 'accept_overdue' | 'service_overdue';

interface Due {
  id: string;
  case_id: string;
  from_agency_id: string;
  to_agency_id: string;
  assigned_user_id: string | null;
}

const STAGES: Record<
  Stage,
  {
    states: string[];
    due: 'accept_due_at' | 'service_due_at';
    mark: keyof Database['referral'];
    kind: NotificationItem['kind'];
    /** Also tell the referrer's supervisors (an escalation, not a reminder). */
    escalate: boolean;
  }
> = {
  accept_reminder: {
    states: ['sent', 'info_requested'],
    due: 'accept_due_at',
    mark: 'accept_reminded_at',
    kind: 'referral_accept_reminder',
    escalate: false,
  },
  accept_overdue: {
    states: ['sent', 'info_requested'],
    due: 'accept_due_at',
    mark: 'accept_escalated_at',
    kind: 'referral_accept_overdue',
    escalate: true,
  },
  service_overdue: {
    states: ['accepted'],
    due: 'service_due_at',
    mark: 'service_escalated_at',
    kind: 'referral_service_overdue',
    escalate: true,
  },
};

/**
 * One pass of the referral timers: reminds the receiving agency before an
 * acceptance target, and on a miss escalates to its focal points and to the
 * referrer's supervisors. Each referral is reminded and escalated once per
 * target (the mark is set in the same transaction as the notifications), so a
 * pass cut off mid-way is simply run again.
 */
export async function runReferralTimers(deps: Deps): Promise<Record<Stage, number>> {
  const counts: Record<Stage, number> = {
    accept_reminder: 0,
    accept_overdue: 0,
    service_overdue: 0,
  };
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const soon = new Date(
    now.getTime() + deps.config.referralReminderHours * 3_600_000,
  ).toISOString();
  // Escalations first: a referral already overdue is escalated, not reminded.
  for (const stage of ['accept_overdue', 'service_overdue', 'accept_reminder'] as Stage[]) {
    const s = STAGES[stage];
    for (;;) {
      const limit = stage === 'accept_reminder' ? soon : nowIso;
      let select = deps.db
        .selectFrom('referral')
        .select(['id', 'case_id', 'from_agency_id', 'to_agency_id', 'assigned_user_id'])
        .where('state', 'in', s.states)
        .where(s.due, '<=', limit)
        .where(s.mark, 'is', null)
        .orderBy(s.due)
        .limit(BATCH);
      if (stage === 'accept_reminder')
        select = select.where(s.due, '>', nowIso).where('accept_escalated_at', 'is', null);
      const due: Due[] = await select.execute();
      if (due.length === 0) break;
      let notified: string[] = [];
      await deps.db.transaction().execute(async (trx) => {
        const ids = due.map((d) => d.id);
        await trx
          .updateTable('referral')
          .set({ [s.mark]: nowIso } as Partial<Database['referral']>)
          .where('id', 'in', ids)
          .execute();
        const focal = await agencyFocalPoints(trx, [...new Set(due.map((d) => d.to_agency_id))]);
        const supervisors = s.escalate
          ? await agencyUsersWith(
              trx,
              [...new Set(due.map((d) => d.from_agency_id))],
              'case:approve:agency',
            )
          : new Map<string, string[]>();
        const items: NotificationItem[] = due.map((d) => ({
          userIds: [
            ...(focal.get(d.to_agency_id) ?? []),
            ...(stage === 'service_overdue' && d.assigned_user_id ? [d.assigned_user_id] : []),
            ...(supervisors.get(d.from_agency_id) ?? []),
          ],
          kind: s.kind,
          params: { number: referralNumber(d.id) },
          link: `/referrals/${d.id}`,
        }));
        notified = await queueNotifications(deps, trx, items);
        const events = due.map((d) => ({
          id: crypto.randomUUID(),
          referral_id: d.id,
          at: nowIso,
          actor_user_id: 'system:referral-timers',
          type: stage,
          details: '{}',
        }));
        await bulkInsert(trx, deps.dialect, 'referral_event', events);
      });
      announce(deps, notified);
      counts[stage] += due.length;
      if (due.length < BATCH) break;
    }
  }
  return counts;
}

export const referralTimersJob: Job = {
  name: 'referral-timers',
  intervalMs: 60_000,
  async run(deps) {
    await runReferralTimers(deps);
  },
};
