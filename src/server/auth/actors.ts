import { isPermission, type Permission } from '../../core/index.ts';
import type { Actor, Deps } from '../context.ts';

/**
 * Loads the acting user with the union of their roles' permissions and their
 * areas; null when the user is missing or disabled. `scopes` narrows a token.
 */
export async function loadActor(
  deps: Deps,
  userId: string,
  via: Actor['via'],
  scopes?: readonly string[],
): Promise<Actor | null> {
  const user = await deps.db
    .selectFrom('app_user')
    .select([
      'id',
      'username',
      'display_name',
      'agency_id',
      'language',
      'disabled',
      'totp_enabled',
      'must_change_password',
    ])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user || user.disabled) return null;
  const [roles, areas] = await Promise.all([
    deps.db
      .selectFrom('user_role')
      .innerJoin('role', 'role.id', 'user_role.role_id')
      .select(['role.id', 'role.permissions', 'role.require_mfa'])
      .where('user_role.user_id', '=', userId)
      .execute(),
    deps.db.selectFrom('user_area').select('area_code').where('user_id', '=', userId).execute(),
  ]);
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
    areaCodes: areas.map((a) => a.area_code),
    via,
  };
}
