import { hasPermission } from '../../core/index.ts';
import type { Actor, Ctx } from '../context.ts';
import { notFound, ProblemError } from '../http/problem.ts';
import { actorOf, requireAny } from './access.ts';
import { audit } from './trail.ts';

export interface DeviceView {
  id: string;
  userId: string;
  label: string;
  userAgent: string | null;
  registeredAt: string;
  lastSeenAt: string;
  revokedAt: string | null;
}

type DeviceRow = {
  id: string;
  user_id: string;
  label: string;
  user_agent: string | null;
  registered_at: string;
  last_seen_at: string;
  revoked_at: string | null;
};

function view(r: DeviceRow): DeviceView {
  return {
    id: r.id,
    userId: r.user_id,
    label: r.label,
    userAgent: r.user_agent,
    registeredAt: r.registered_at,
    lastSeenAt: r.last_seen_at,
    revokedAt: r.revoked_at,
  };
}

/** Registers the caller's device; registering the same id again answers the same device. */
export async function registerDevice(
  ctx: Ctx,
  input: { id: string; label: string; userAgent?: string | undefined },
): Promise<DeviceView> {
  const actor = actorOf(ctx);
  const at = ctx.deps.clock.now().toISOString();
  const existing = await ctx.deps.db
    .selectFrom('device')
    .selectAll()
    .where('id', '=', input.id)
    .executeTakeFirst();
  if (existing && existing.user_id !== actor.userId)
    throw new ProblemError(409, 'id_taken', { field: 'id' });
  if (existing?.revoked_at) throw new ProblemError(403, 'device_revoked');
  if (!existing)
    await ctx.deps.db
      .insertInto('device')
      .values({
        id: input.id,
        user_id: actor.userId,
        label: input.label,
        user_agent: input.userAgent ?? null,
        registered_at: at,
        last_seen_at: at,
        revoked_at: null,
        revoked_by: null,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  await audit(ctx, ctx.deps.db, {
    action: 'device.register',
    entity: 'device',
    entityIds: [input.id],
    details: existing ? { again: true } : {},
  });
  const row = await ctx.deps.db
    .selectFrom('device')
    .selectAll()
    .where('id', '=', input.id)
    .executeTakeFirstOrThrow();
  if (row.user_id !== actor.userId) throw new ProblemError(409, 'id_taken', { field: 'id' });
  return view(row);
}

/** The caller's devices, newest first. */
export async function myDevices(ctx: Ctx): Promise<DeviceView[]> {
  return devicesOf(ctx, actorOf(ctx).userId);
}

/** A user's devices (administrators). */
export async function userDevices(ctx: Ctx, userId: string): Promise<DeviceView[]> {
  await requireAny(ctx, 'user:write:all');
  return devicesOf(ctx, userId);
}

async function devicesOf(ctx: Ctx, userId: string): Promise<DeviceView[]> {
  const rows = await ctx.deps.db
    .selectFrom('device')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('registered_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(view);
}

/** Revokes a device (its owner or an administrator): its next sync call is refused and it wipes. */
export async function revokeDevice(ctx: Ctx, id: string): Promise<DeviceView> {
  const actor = actorOf(ctx);
  const row = await ctx.deps.db
    .selectFrom('device')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  const admin = hasPermission(actor, 'user:write:all');
  if (!row || (row.user_id !== actor.userId && !admin)) throw notFound('device');
  const at = row.revoked_at ?? ctx.deps.clock.now().toISOString();
  if (!row.revoked_at)
    await ctx.deps.db
      .updateTable('device')
      .set({ revoked_at: at, revoked_by: actor.userId })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
  await audit(ctx, ctx.deps.db, {
    action: 'device.revoke',
    entity: 'device',
    entityIds: [id, row.user_id],
    details: row.revoked_at ? { already: true } : {},
  });
  return view({ ...row, revoked_at: at });
}

/**
 * How old a device's `last_seen_at` may be before a sync call stamps it again. The device lists
 * show last seen to the minute, so a fresher stamp tells no one anything, and writing it on every
 * push and pull was two updates per sync in the 200-device burst (sync.concurrent_200, issue #5).
 */
export const LAST_SEEN_STALE_MS = 60_000;

/**
 * The caller's registered, unrevoked device, or 403: `device_revoked` tells the
 * device to wipe its local data. Marks the device as seen (to the minute: LAST_SEEN_STALE_MS).
 */
export async function activeDevice(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  const row = await ctx.deps.db
    .selectFrom('device')
    .select(['user_id', 'revoked_at', 'last_seen_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  await checkDevice(ctx, actor, id, row);
}

/** What `checkDevice` needs of the device's row. */
export interface DeviceCheckRow {
  user_id: string;
  revoked_at: string | null;
  last_seen_at: string;
}

/**
 * `activeDevice`'s checks on a row the caller read (with more in the same query): unknown or
 * another user's → 403 `device_unknown`, revoked → 403 `device_revoked`; stamps last seen.
 */
export async function checkDevice(
  ctx: Ctx,
  actor: Actor,
  id: string,
  row: DeviceCheckRow | undefined,
): Promise<void> {
  if (!row || row.user_id !== actor.userId) throw new ProblemError(403, 'device_unknown');
  if (row.revoked_at) throw new ProblemError(403, 'device_revoked');
  const now = ctx.deps.clock.now();
  if (now.getTime() - Date.parse(row.last_seen_at) <= LAST_SEEN_STALE_MS) return;
  await ctx.deps.db
    .updateTable('device')
    .set({ last_seen_at: now.toISOString() })
    .where('id', '=', id)
    .execute();
}
