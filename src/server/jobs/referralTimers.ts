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
    // Per recipient, what this pass tells them: one referral by number, or a count.
    const told = new Map<string, { side: 'received' | 'sent'; ids: string[] }>();
    for (;;) {
      const limit = stage === 'accept_reminder' ? soon : nowIso;
      let due: Due[] = [];
      await deps.db.transaction().execute(async (trx) => {
        // Mark and fetch in one statement: the batch is claimed as it is read.
        let pick = trx
          .selectFrom('referral')
          .select('id')
          .where('state', 'in', s.states)
          .where(s.due, '<=', limit)
          .where(s.mark, 'is', null)
          .orderBy(s.due)
          .limit(BATCH);
        if (stage === 'accept_reminder')
          pick = pick.where(s.due, '>', nowIso).where('accept_escalated_at', 'is', null);
        due = await trx
          .updateTable('referral')
          .set({ [s.mark]: nowIso } as Partial<Database['referral']>)
          .where('id', 'in', pick)
          .returning(['id', 'case_id', 'from_agency_id', 'to_agency_id', 'assigned_user_id'])
          .execute();
        if (due.length === 0) return;
        const focal = await agencyFocalPoints(trx, [...new Set(due.map((d) => d.to_agency_id))]);
        const supervisors = s.escalate
          ? await agencyUsersWith(
              trx,
              [...new Set(due.map((d) => d.from_agency_id))],
              'case:approve:agency',
            )
          : new Map<string, string[]>();
        const tell = (userId: string, side: 'received' | 'sent', id: string) => {
          const entry = told.get(userId) ?? { side, ids: [] };
          entry.ids.push(id);
          told.set(userId, entry);
        };
        for (const d of due) {
          for (const u of focal.get(d.to_agency_id) ?? []) tell(u, 'received', d.id);
          if (stage === 'service_overdue' && d.assigned_user_id)
            tell(d.assigned_user_id, 'received', d.id);
          for (const u of supervisors.get(d.from_agency_id) ?? []) tell(u, 'sent', d.id);
        }
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
      counts[stage] += due.length;
      if (due.length < BATCH) break;
    }
    if (told.size === 0) continue;
    // One notification per person per pass: a supervisor with 300 late referrals
    // gets one message pointing at the overdue list, not 300.
    const items = [...told].map(([userId, { side, ids }]): NotificationItem => {
      const [only] = ids;
      return ids.length === 1 && only
        ? {
            userIds: [userId],
            kind: s.kind,
            params: { number: referralNumber(only) },
            link: `/referrals/${only}`,
          }
        : {
            userIds: [userId],
            kind: `${s.kind}_many` as NotificationItem['kind'],
            params: { count: ids.length },
            link: `/referrals?box=${side}&overdue=true`,
          };
    });
    let notified: string[] = [];
    await deps.db.transaction().execute(async (trx) => {
      notified = await queueNotifications(deps, trx, items);
    });
    announce(deps, notified);
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
