import { isPermission, type Permission } from '../../core/index.ts';
import type { Actor, Deps } from '../context.ts';

interface Grants {
  roles: { id: string; permissions: string; require_mfa: number }[];
  areas: string[];
  expires: number;
}

/**
 * Roles and areas of recently seen users, per database, for a few seconds. The
 * user row itself (disabled, flags) is read on every request; a change of a
 * user's roles or areas, or a role edit, on this replica drops the entry at
 * once; made on another replica, it takes effect here within `PERMISSION_CACHE_MS`.
 */
const grantCaches = new WeakMap<object, Map<string, Grants>>();
export const PERMISSION_CACHE_MS = 5000;

/** Forgets cached grants (after a role or user change). */
export function forgetGrants(deps: Deps, userId?: string): void {
  const cache = grantCaches.get(deps.db);
  if (!cache) return;
  if (userId) {
    cache.delete(userId);
  } else cache.clear();
}

async function grantsOf(deps: Deps, userId: string): Promise<Grants> {
  let cache = grantCaches.get(deps.db);
  if (!cache) {
    cache = new Map();
    grantCaches.set(deps.db, cache);
  }
  const key = userId;
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && hit.expires > now) return hit;
  const [roles, areas] = await Promise.all([
    deps.db
      .selectFrom('user_role')
      .innerJoin('role', 'role.id', 'user_role.role_id')
      .select(['role.id', 'role.permissions', 'role.require_mfa'])
      .where('user_role.user_id', '=', userId)
      .execute(),
    deps.db.selectFrom('user_area').select('area_code').where('user_id', '=', userId).execute(),
  ]);
  if (cache.size > 10_000) cache.clear();
  const grants = {
    roles,
    areas: areas.map((a) => a.area_code),
    expires: now + PERMISSION_CACHE_MS,
  };
  cache.set(key, grants);
  return grants;
}

/** The user columns an actor is built from (selected with the session or token). */
export const ACTOR_USER_COLUMNS = [
  'app_user.id',
  'app_user.username',
  'app_user.display_name',
  'app_user.agency_id',
  'app_user.language',
  'app_user.disabled',
  'app_user.totp_enabled',
  'app_user.must_change_password',
  'app_user.version',
] as const;

/** The user row as `ACTOR_USER_COLUMNS` selects it. */
export interface ActorUserRow {
  id: string;
  username: string;
  display_name: string;
  agency_id: string;
  language: string;
  disabled: number;
  totp_enabled: number;
  must_change_password: number;
  version: number;
}

/**
 * Builds the acting user from their row, with the union of their roles'
 * permissions and their areas; null when disabled. `scopes` narrows a token.
 */
export async function actorFromUser(
  deps: Deps,
  user: ActorUserRow,
  via: Actor['via'],
  scopes?: readonly string[],
): Promise<Actor | null> {
  if (user.disabled) return null;
  const { roles, areas } = await grantsOf(deps, user.id);
  const permissions = new Set<Permission>();
  for (const role of roles) {
    for (const p of JSON.parse(role.permissions) as string[])
      if (isPermission(p)) permissions.add(p);
  }
  if (scopes) {
    const allowed = new Set(scopes);
    for (const p of [...permissions]) if (!allowed.has(p)) permissions.delete(p);
  }
  const restrictions: Actor['restrictions'] = [];
  if (via === 'session' && user.must_change_password) restrictions.push('password_change');
  if (via === 'session' && !user.totp_enabled && roles.some((r) => r.require_mfa))
    restrictions.push('mfa_setup');
  return {
    userId: user.id,
    restrictions,
    agencyId: user.agency_id,
    username: user.username,
    displayName: user.display_name,
    language: user.language,
    roleIds: roles.map((r) => r.id),
    permissions,
    areaCodes: areas,
    totpEnabled: user.totp_enabled === 1,
    via,
  };
}
