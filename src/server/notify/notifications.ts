import type { Transaction } from 'kysely';
import { CATALOGUES, translate } from '../../core/index.ts';
import type { Deps } from '../context.ts';
import { bulkInsert } from '../db/bulkInsert.ts';
import type { Database } from '../db/schema.ts';

/** What a notification is about; its words are `notifications.<kind>` in the catalogues. */
export const NOTIFICATION_KINDS = [
  'referral_received',
  'referral_accepted',
  'referral_declined',
  'referral_info_requested',
  'referral_info_provided',
  'referral_service_started',
  'referral_completed',
  'referral_cancelled',
  'referral_accept_reminder',
  'referral_accept_overdue',
  'referral_service_overdue',
  'referral_accept_reminder_many',
  'referral_accept_overdue_many',
  'referral_service_overdue_many',
  'area_alert',
  'area_alert_many',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * One message to some users. `params` hold a reference and codes only — never a
 * name, a place or a narrative — because email and SMS leave the system.
 */
export interface NotificationItem {
  userIds: readonly string[];
  kind: NotificationKind;
  params: Record<string, string | number>;
  /** The page in the app, e.g. `/referrals/<id>`. */
  link: string;
}

/**
 * Writes the in-app notifications and queues their email and SMS copies
 * (per the user's preferences and the node's channels), in the caller's
 * transaction; returns who was notified, to signal their live inboxes after commit.
 */
export async function queueNotifications(
  deps: Deps,
  trx: Transaction<Database>,
  items: readonly NotificationItem[],
): Promise<string[]> {
  const ids = [...new Set(items.flatMap((i) => i.userIds))];
  if (ids.length === 0) return [];
  const users = new Map<
    string,
    { email: string | null; phone: string | null; notify_email: number; notify_sms: number }
  >();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await trx
      .selectFrom('app_user')
      .select(['id', 'email', 'phone', 'notify_email', 'notify_sms'])
      .where('id', 'in', ids.slice(i, i + 500))
      .where('disabled', '=', 0)
      .execute();
    for (const r of rows) users.set(r.id, r);
  }
  const at = deps.clock.now().toISOString();
  const notifications: Database['notification'][] = [];
  const deliveries: Database['notification_delivery'][] = [];
  for (const item of items) {
    for (const userId of new Set(item.userIds)) {
      const user = users.get(userId);
      if (!user) continue;
      const id = crypto.randomUUID();
      notifications.push({
        id,
        user_id: userId,
        kind: item.kind,
        params: JSON.stringify(item.params),
        link: item.link,
        created_at: at,
        read_at: null,
      });
      const delivery = (channel: 'email' | 'sms', address: string) =>
        deliveries.push({
          id: crypto.randomUUID(),
          notification_id: id,
          channel,
          address,
          state: 'pending',
          attempts: 0,
          next_attempt_at: at,
          last_error: null,
          sent_at: null,
          created_at: at,
        });
      if (deps.config.smtpUrl && user.notify_email === 1 && user.email)
        delivery('email', user.email);
      if (deps.config.sms && user.notify_sms === 1 && user.phone) delivery('sms', user.phone);
    }
  }
  await bulkInsert(trx, deps.dialect, 'notification', notifications);
  await bulkInsert(trx, deps.dialect, 'notification_delivery', deliveries);
  return [...new Set(notifications.map((n) => n.user_id))];
}

/** The text of a notification in a language: one line, a reference, no personal data. */
export function notificationText(
  kind: string,
  params: Record<string, string | number>,
  language: string,
): string {
  return translate(CATALOGUES, [language], `notifications.${kind}`, params);
}

/** An email or SMS body: the line, then the link to open it in Pathfinder. */
export function messageBody(
  deps: Deps,
  kind: string,
  params: Record<string, string | number>,
  link: string,
  language: string,
): { subject: string; text: string } {
  const line = notificationText(kind, params, language);
  const base = (deps.config.publicUrl ?? `http://localhost:${deps.config.port}`).replace(/\/$/, '');
  return {
    subject: `Pathfinder: ${line}`,
    text: `${line}\n${base}${link}\n\n${translate(CATALOGUES, [language], 'notifications.footer')}`,
  };
}

/** After the notifications' transaction committed: live inboxes refresh, copies leave. */
export function announce(deps: Deps, userIds: readonly string[]): void {
  if (userIds.length === 0) return;
  deps.inbox.publish(userIds);
  deps.deliveries.wake();
}
