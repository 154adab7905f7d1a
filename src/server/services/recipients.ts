import type { Kysely, Transaction } from 'kysely';
import { isPermission, type Permission } from '../../core/index.ts';
import type { Database } from '../db/schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * Active users of these agencies holding a permission, by agency: the focal
 * points (supervisors) who receive an agency's referrals and escalations.
 */
export async function agencyUsersWith(
  db: Executor,
  agencyIds: readonly string[],
  permission: Permission,
): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (agencyIds.length === 0) return result;
  const rows = await db
    .selectFrom('app_user')
    .innerJoin('user_role', 'user_role.user_id', 'app_user.id')
    .innerJoin('role', 'role.id', 'user_role.role_id')
    .select(['app_user.id', 'app_user.agency_id', 'role.permissions'])
    .where('app_user.agency_id', 'in', [...new Set(agencyIds)])
    .where('app_user.disabled', '=', 0)
    .execute();
  for (const r of rows) {
    const granted = (JSON.parse(r.permissions) as string[]).some(
      (p) => isPermission(p) && p === permission,
    );
    if (!granted) continue;
    const list = result.get(r.agency_id) ?? [];
    if (!list.includes(r.id)) list.push(r.id);
    result.set(r.agency_id, list);
  }
  return result;
}

/**
 * Who an agency's referrals go to: its focal points (those who approve), or,
 * when it has none, everyone who works its cases.
 */
export async function agencyFocalPoints(
  db: Executor,
  agencyIds: readonly string[],
): Promise<Map<string, string[]>> {
  const focal = await agencyUsersWith(db, agencyIds, 'case:approve:agency');
  const missing = agencyIds.filter((a) => !focal.has(a));
  if (missing.length > 0) {
    const workers = await agencyUsersWith(db, missing, 'case:write:agency');
    for (const [agency, users] of workers) focal.set(agency, users);
  }
  return focal;
}
