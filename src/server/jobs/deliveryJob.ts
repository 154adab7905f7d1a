import type { Deps } from '../context.ts';
import { DeliveryError, sendEmail, sendSms } from '../notify/channels.ts';
import { messageBody } from '../notify/notifications.ts';
import type { Job } from './job.ts';

const BATCH = 50;

/** Wait before attempt n+1: 1, 2, 4 … minutes, at most 6 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);
}

/**
 * Sends due email and SMS copies of notifications. A delivery is claimed
 * before sending (its next attempt pushed back), so a crash mid-send retries
 * later instead of losing it; a gateway that is down means retries with backoff,
 * the state visible in the inbox, and nothing lost.
 */
export async function deliverDue(deps: Deps): Promise<{ sent: number; failed: number }> {
  const { db, clock, config } = deps;
  let sent = 0;
  let failed = 0;
  const now = clock.now();
  const due = await db
    .selectFrom('notification_delivery')
    .innerJoin('notification', 'notification.id', 'notification_delivery.notification_id')
    .innerJoin('app_user', 'app_user.id', 'notification.user_id')
    .select([
      'notification_delivery.id',
      'notification_delivery.channel',
      'notification_delivery.address',
      'notification_delivery.attempts',
      'notification_delivery.next_attempt_at',
      'notification.kind',
      'notification.params',
      'notification.link',
      'app_user.language',
    ])
    .where('notification_delivery.state', '=', 'pending')
    .where('notification_delivery.next_attempt_at', '<=', now.toISOString())
    .orderBy('notification_delivery.next_attempt_at')
    .limit(BATCH)
    .execute();
  for (const d of due) {
    const attempts = d.attempts + 1;
    const claimed = await db
      .updateTable('notification_delivery')
      .set({
        attempts,
        next_attempt_at: new Date(now.getTime() + retryDelayMs(attempts)).toISOString(),
      })
      .where('id', '=', d.id)
      .where('state', '=', 'pending')
      .where('next_attempt_at', '=', d.next_attempt_at)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue;
    const params = JSON.parse(d.params) as Record<string, string | number>;
    const message = messageBody(deps, d.kind, params, d.link, d.language);
    try {
      if (d.channel === 'email') await sendEmail(config, d.address, message);
      else await sendSms(config, d.address, message.text.split('\n\n')[0] ?? message.text);
      await db
        .updateTable('notification_delivery')
        .set({ state: 'sent', sent_at: clock.now().toISOString(), last_error: null })
        .where('id', '=', d.id)
        .execute();
      sent += 1;
    } catch (error) {
      const e = error instanceof DeliveryError ? error : new DeliveryError('unexpected error');
      const final = e.permanent || attempts >= config.deliveryMaxAttempts;
      await db
        .updateTable('notification_delivery')
        .set({ last_error: e.message.slice(0, 500), ...(final ? { state: 'failed' } : {}) })
        .where('id', '=', d.id)
        .execute();
      failed += 1;
      // The address is personal data: the log names the delivery, not where it went.
      deps.log.warn(
        { delivery: d.id, channel: d.channel, attempts, final, reason: e.message },
        'delivery failed',
      );
    }
  }
  return { sent, failed };
}

export const deliveryJob: Job = {
  name: 'notification-delivery',
  intervalMs: 5_000,
  async shouldRun(deps) {
    const next = await deps.db
      .selectFrom('notification_delivery')
      .select('id')
      .where('state', '=', 'pending')
      .where('next_attempt_at', '<=', deps.clock.now().toISOString())
      .limit(1)
      .executeTakeFirst();
    return next !== undefined;
  },
  async run(deps) {
    await deliverDue(deps);
  },
};
