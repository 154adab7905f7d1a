import type { Deps } from '../context.ts';
import { ACTOR_USER_COLUMNS, type ActorUserRow } from './actors.ts';
import { randomToken, sha256Hex } from './secrets.ts';

export const SESSION_COOKIE = 'pf_session';

/** A live session as the request layer needs it. */
export interface SessionInfo {
  idHash: string;
  userId: string;
  csrfToken: string;
  mfaPending: boolean;
  absoluteExpiresAt: string;
}

/**
 * Opens a server-side session. Only the SHA-256 of the cookie value is stored,
 * so a copy of the database does not hand out live sessions.
 */
export async function createSession(
  deps: Deps,
  userId: string,
  ip: string,
  mfaPending: boolean,
): Promise<{ token: string; session: SessionInfo }> {
  const token = randomToken(32);
  const now = deps.clock.now().getTime();
  const session: SessionInfo = {
    idHash: sha256Hex(token),
    userId,
    csrfToken: randomToken(24),
    mfaPending,
    absoluteExpiresAt: new Date(now + deps.config.sessionAbsoluteHours * 3_600_000).toISOString(),
  };
  await deps.db
    .insertInto('session')
    .values({
      id_hash: session.idHash,
      user_id: userId,
      csrf_token: session.csrfToken,
      mfa_pending: mfaPending ? 1 : 0,
      created_at: new Date(now).toISOString(),
      last_seen_at: new Date(now).toISOString(),
      idle_expires_at: new Date(now + deps.config.sessionIdleMinutes * 60_000).toISOString(),
      absolute_expires_at: session.absoluteExpiresAt,
      ip,
    })
    .execute();
  return { token, session };
}

type SessionRow = ActorUserRow & {
  user_id: string;
  csrf_token: string;
  mfa_pending: number;
  last_seen_at: string;
  idle_expires_at: string;
  absolute_expires_at: string;
};

/**
 * Sessions read by GET requests in the last moments, per database (see
 * `PATHFINDER_SESSION_CACHE_MS`). Writes always read the session afresh; ending
 * a session or changing a user on this replica drops the entries at once.
 */
const sessionCaches = new WeakMap<object, Map<string, { row: SessionRow; until: number }>>();

function sessionCache(deps: Deps): Map<string, { row: SessionRow; until: number }> {
  let cache = sessionCaches.get(deps.db);
  if (!cache) {
    cache = new Map();
    sessionCaches.set(deps.db, cache);
  }
  return cache;
}

/** Drops cached sessions: one by its hash, or all of some users. */
export function forgetSessions(
  deps: Deps,
  which: { idHash?: string; userIds?: readonly string[] },
): void {
  const cache = sessionCaches.get(deps.db);
  if (!cache) return;
  if (which.idHash) cache.delete(which.idHash);
  if (which.userIds?.length) {
    const users = new Set(which.userIds);
    for (const [key, entry] of cache) if (users.has(entry.row.user_id)) cache.delete(key);
  }
}

async function fetchSession(deps: Deps, idHash: string): Promise<SessionRow | undefined> {
  const ttl = deps.config.sessionCacheMs;
  const cache = ttl > 0 ? sessionCache(deps) : undefined;
  const hit = cache?.get(idHash);
  if (hit && hit.until > Date.now()) return hit.row;
  // One round trip for the session and its user.
  const row = await deps.db
    .selectFrom('session')
    .innerJoin('app_user', 'app_user.id', 'session.user_id')
    .select([
      'session.user_id',
      'session.csrf_token',
      'session.mfa_pending',
      'session.last_seen_at',
      'session.idle_expires_at',
      'session.absolute_expires_at',
      ...ACTOR_USER_COLUMNS,
    ])
    .where('session.id_hash', '=', idHash)
    .executeTakeFirst();
  if (row && cache) {
    if (cache.size > 50_000) cache.clear();
    cache.set(idHash, { row, until: Date.now() + ttl });
  }
  return row;
}

/**
 * Finds the live session for a cookie value. Past the idle or absolute limit the
 * session is deleted and null returned. Activity is written at most once per
 * `sessionTouchSeconds`, not on every request. `fresh` skips the short cache
 * (every write request reads the session from the database).
 */
export async function resolveSession(
  deps: Deps,
  token: string,
  options: { fresh?: boolean } = {},
): Promise<(SessionInfo & { user: ActorUserRow }) | null> {
  if (token.length < 20 || token.length > 100) return null;
  const idHash = sha256Hex(token);
  if (options.fresh) forgetSessions(deps, { idHash });
  const row = await fetchSession(deps, idHash);
  if (!row) return null;
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  if (row.idle_expires_at <= nowIso || row.absolute_expires_at <= nowIso) {
    forgetSessions(deps, { idHash });
    await deps.db.deleteFrom('session').where('id_hash', '=', idHash).execute();
    return null;
  }
  const sinceSeen = now.getTime() - Date.parse(row.last_seen_at);
  if (sinceSeen >= deps.config.sessionTouchSeconds * 1000) {
    const idle = new Date(now.getTime() + deps.config.sessionIdleMinutes * 60_000).toISOString();
    await deps.db
      .updateTable('session')
      .set({ last_seen_at: nowIso, idle_expires_at: idle })
      .where('id_hash', '=', idHash)
      .execute();
    row.last_seen_at = nowIso;
    row.idle_expires_at = idle;
  }
  return {
    idHash,
    userId: row.user_id,
    csrfToken: row.csrf_token,
    mfaPending: row.mfa_pending === 1,
    absoluteExpiresAt: row.absolute_expires_at,
    user: row,
  };
}

export async function destroySession(deps: Deps, idHash: string): Promise<void> {
  forgetSessions(deps, { idHash });
  await deps.db.deleteFrom('session').where('id_hash', '=', idHash).execute();
}

/** Ends every session of a user (password reset, disable), optionally sparing one. */
export async function destroyUserSessions(
  deps: Deps,
  userId: string,
  except?: string,
): Promise<void> {
  let query = deps.db.deleteFrom('session').where('user_id', '=', userId);
  if (except) query = query.where('id_hash', '!=', except);
  await query.execute();
  forgetSessions(deps, { userIds: [userId] });
}
