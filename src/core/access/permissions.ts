/**
 * The permission catalogue. A permission is `resource:action:scope`
 * (ARCHITECTURE.md §4): deny by default, a role grants a named set of them.
 */
export const PERMISSIONS = [
  'user:read:agency',
  'user:read:all',
  'user:write:all',
  'role:read:all',
  'role:write:all',
  'agency:write:all',
  'area:write:all',
  'audit:read:all',
  'token:write:own',
  'stats:read:aggregate',
  'case:read:agency',
  'case:write:agency',
  'case:approve:agency',
  'service:write:all',
  'alert:read:area',
  'alert:write:area',
  'alert:run:all',
  /** Review duplicate persons across every agency of the node: pairs side by side, merge, unmerge. */
  'person:merge:node',
] as const;

/** One entry of the permission catalogue. */
export type Permission = (typeof PERMISSIONS)[number];

/** True when `value` names a permission in the catalogue. */
export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

/** Who is acting: what the services need to decide need-to-know. */
export interface Principal {
  userId: string;
  agencyId: string;
  permissions: ReadonlySet<Permission>;
  areaCodes: readonly string[];
}

/** True when the principal holds the permission (no implicit grants). */
export function hasPermission(principal: Principal, permission: Permission): boolean {
  return principal.permissions.has(permission);
}

/**
 * May the principal read a staff user record? All users with `user:read:all`,
 * their own agency's with `user:read:agency`, and always themselves.
 */
export function canReadUser(
  principal: Principal,
  target: { id: string; agencyId: string },
): boolean {
  if (target.id === principal.userId) return true;
  if (hasPermission(principal, 'user:read:all')) return true;
  return hasPermission(principal, 'user:read:agency') && target.agencyId === principal.agencyId;
}

/** Scopes a principal's token may carry: never more than the principal holds. */
export function narrowScopes(principal: Principal, requested: readonly string[]): Permission[] {
  return requested.filter((p): p is Permission => isPermission(p) && principal.permissions.has(p));
}
