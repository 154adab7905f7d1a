import type { Deps } from '../context.ts';

/**
 * Failed sign-ins counted per network address. Past the limit the address is
 * locked; each further lock doubles (backoff), up to a day. Per-account locks
 * live on the user row (see services/auth.ts).
 */
export function lockMinutes(deps: Deps, failures: number, limit: number): number {
  const locks = Math.floor(failures / limit);
  return Math.min(deps.config.loginLockMinutes * 2 ** Math.max(0, locks - 1), 24 * 60);
}

/** The time until which an address is locked, or null. */
export async function addressLockedUntil(deps: Deps, ip: string): Promise<string | null> {
  const row = await deps.db
    .selectFrom('login_throttle')
    .select('locked_until')
    .where('key', '=', `ip:${ip}`)
    .executeTakeFirst();
  const now = deps.clock.now().toISOString();
  return row?.locked_until && row.locked_until > now ? row.locked_until : null;
}

/** Counts one failure from an address; returns the lock end when this failure locks it. */
export async function recordAddressFailure(deps: Deps, ip: string): Promise<string | null> {
  const key = `ip:${ip}`;
  const now = deps.clock.now();
  const limit = deps.config.loginAddressMaxFailures;
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('login_throttle')
      .selectAll()
      .where('key', '=', key)
      .executeTakeFirst();
    // A window of a day: old failures are forgotten.
    const stale = row && now.getTime() - Date.parse(row.first_failure_at) > 86_400_000;
    const failures = row && !stale ? row.failures + 1 : 1;
    const lockedUntil =
      failures % limit === 0
        ? new Date(now.getTime() + lockMinutes(deps, failures, limit) * 60_000).toISOString()
        : null;
    if (row) {
      await trx
        .updateTable('login_throttle')
        .set({
          failures,
          first_failure_at: stale ? now.toISOString() : row.first_failure_at,
          locked_until: lockedUntil ?? (stale ? null : row.locked_until),
        })
        .where('key', '=', key)
        .execute();
    } else {
      await trx
        .insertInto('login_throttle')
        .values({ key, failures, first_failure_at: now.toISOString(), locked_until: lockedUntil })
        .execute();
    }
    return lockedUntil;
  });
}

/** Clears an address's lock (an administrator's unlock). */
export async function clearAddress(deps: Deps, ip: string): Promise<void> {
  await deps.db.deleteFrom('login_throttle').where('key', '=', `ip:${ip}`).execute();
}
