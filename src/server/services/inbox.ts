import type { Ctx } from '../context.ts';
import { notFound, ProblemError } from '../http/problem.ts';
import { actorOf } from './access.ts';
import { decodeCursor, type Page, pageLimit, toPage } from './pagination.ts';
import { inTransaction } from './trail.ts';

export interface NotificationView {
  id: string;
  kind: string;
  params: Record<string, string | number>;
  link: string;
  createdAt: string;
  readAt: string | null;
  /** Email and SMS copies and how they fared. */
  deliveries: { channel: string; state: string; attempts: number }[];
}

/** The signed-in user's notifications, newest first; `unread` keeps the unread ones. */
export async function listNotifications(
  ctx: Ctx,
  query: { cursor?: string | undefined; limit?: string | undefined; unread?: string | undefined },
): Promise<Page<NotificationView> & { unread: number }> {
  const actor = actorOf(ctx);
  const limit = pageLimit(query.limit);
  const after = decodeCursor(query.cursor, 2);
  let select = ctx.deps.db
    .selectFrom('notification')
    .selectAll()
    .where('user_id', '=', actor.userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1);
  if (query.unread === 'true') select = select.where('read_at', 'is', null);
  if (after) {
    const [createdAt, id] = [String(after[0]), String(after[1])];
    select = select.where((eb) =>
      eb.or([
        eb('created_at', '<', createdAt),
        eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)]),
      ]),
    );
  }
  const rows = await select.execute();
  const ids = rows.map((r) => r.id);
  const deliveries =
    ids.length === 0
      ? []
      : await ctx.deps.db
          .selectFrom('notification_delivery')
          .select(['notification_id', 'channel', 'state', 'attempts'])
          .where('notification_id', 'in', ids)
          .execute();
  const page = toPage(
    rows,
    limit,
    (r): NotificationView => ({
      id: r.id,
      kind: r.kind,
      params: JSON.parse(r.params) as Record<string, string | number>,
      link: r.link,
      createdAt: r.created_at,
      readAt: r.read_at,
      deliveries: deliveries
        .filter((d) => d.notification_id === r.id)
        .map((d) => ({ channel: d.channel, state: d.state, attempts: d.attempts })),
    }),
    (r) => [r.created_at, r.id],
  );
  return { ...page, unread: await unreadCount(ctx, actor.userId) };
}

/** How many of the user's notifications are unread. */
export async function unreadCount(ctx: Ctx, userId: string): Promise<number> {
  const row = await ctx.deps.db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks one notification (or, without an id, all of them) read. */
export async function markRead(ctx: Ctx, id?: string): Promise<{ unread: number }> {
  const actor = actorOf(ctx);
  const at = ctx.deps.clock.now().toISOString();
  let update = ctx.deps.db
    .updateTable('notification')
    .set({ read_at: at })
    .where('user_id', '=', actor.userId)
    .where('read_at', 'is', null);
  if (id !== undefined) {
    const own = await ctx.deps.db
      .selectFrom('notification')
      .select('id')
      .where('id', '=', id)
      .where('user_id', '=', actor.userId)
      .executeTakeFirst();
    if (!own) throw notFound('notification');
    update = update.where('id', '=', id);
  }
  await inTransaction(
    ctx,
    { action: 'notification.read', entity: 'notification', entityIds: id ? [id] : [] },
    async (trx) => {
      await trx.executeQuery(update.compile());
    },
  );
  ctx.deps.inbox.publish([actor.userId]);
  return { unread: await unreadCount(ctx, actor.userId) };
}

export interface NotificationPreferences {
  email: boolean;
  sms: boolean;
  phone: string | null;
  /** Which channels this node can send at all. */
  available: { email: boolean; sms: boolean };
  hasEmail: boolean;
}

/** The signed-in user's choice of channels. */
export async function preferences(ctx: Ctx): Promise<NotificationPreferences> {
  const actor = actorOf(ctx);
  const row = await ctx.deps.db
    .selectFrom('app_user')
    .select(['email', 'phone', 'notify_email', 'notify_sms'])
    .where('id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  return {
    email: row.notify_email === 1,
    sms: row.notify_sms === 1,
    phone: row.phone,
    available: { email: Boolean(ctx.deps.config.smtpUrl), sms: Boolean(ctx.deps.config.sms) },
    hasEmail: Boolean(row.email),
  };
}

/** Changes the user's channels; a phone number must be in E.164 form (+ and 8–15 digits). */
export async function setPreferences(
  ctx: Ctx,
  input: {
    email?: boolean | undefined;
    sms?: boolean | undefined;
    phone?: string | null | undefined;
  },
): Promise<NotificationPreferences> {
  const actor = actorOf(ctx);
  const phone = input.phone === undefined ? undefined : input.phone?.replace(/[\s-]/g, '') || null;
  if (phone && !/^\+[1-9][0-9]{7,14}$/.test(phone))
    throw new ProblemError(400, 'invalid_phone', { field: 'phone' });
  const before = await preferences(ctx);
  const phoneAfter = phone === undefined ? before.phone : phone;
  // SMS needs a number: asked for without one is an error; clearing the number turns SMS off.
  if (input.sms === true && !phoneAfter)
    throw new ProblemError(400, 'phone_required', { field: 'phone' });
  const smsAfter = input.sms ?? (phoneAfter ? before.sms : false);
  await inTransaction(
    ctx,
    { action: 'user.notifications', entity: 'user', entityIds: [actor.userId] },
    async (trx) => {
      await trx
        .updateTable('app_user')
        .set({
          ...(input.email === undefined ? {} : { notify_email: input.email ? 1 : 0 }),
          notify_sms: smsAfter ? 1 : 0,
          ...(phone === undefined ? {} : { phone }),
        })
        .where('id', '=', actor.userId)
        .execute();
    },
  );
  return preferences(ctx);
}
