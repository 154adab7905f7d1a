// Who sees an area's alerts and who is told about them (docs/alerts.md
// "Who is told"). A focal point for an area is an active user holding
// `alert:read:area` in an agency whose areas cover it (the area itself or one
// above it). The same coverage decides what a focal point may read and act on;
// `stats:read:aggregate` reads every area's alerts and figures (never a case).
import type { Kysely, Transaction } from 'kysely';
import { type AreaNode, areaAncestors, hasPermission, isPermission } from '../../core/index.ts';
import type { Ctx } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { ProblemError } from '../http/problem.ts';
import { deny, requireAny } from './access.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** What an actor may read (every area, or its agency's) and whether it may change alerts there. */
export interface AlertScope {
  userId: string;
  readAll: boolean;
  /** The actor's agency areas: alerts at and below them are theirs. */
  coverage: readonly string[];
  mayWrite: boolean;
  /** Reads aggregates only (no case permission): small counts are withheld (alertsSuppression.ts). */
  aggregateOnly: boolean;
}

/** The actor's alert scope, or 403 (audited) without an alert or aggregate permission. */
export async function alertScope(ctx: Ctx): Promise<AlertScope> {
  const actor = await requireAny(ctx, 'alert:read:area', 'stats:read:aggregate');
  const rows = hasPermission(actor, 'alert:read:area')
    ? await ctx.deps.db
        .selectFrom('agency_area')
        .select('area_code')
        .where('agency_id', '=', actor.agencyId)
        .execute()
    : [];
  return {
    userId: actor.userId,
    readAll: hasPermission(actor, 'stats:read:aggregate'),
    coverage: rows.map((r) => r.area_code),
    mayWrite: hasPermission(actor, 'alert:write:area'),
    aggregateOnly: !hasPermission(actor, 'case:read:agency'),
  };
}

/** True when the scope reads (or, `forWrite`, may change) the area's alerts. */
export function scopeCovers(
  scope: AlertScope,
  area: string,
  tree: ReadonlyMap<string, AreaNode>,
  forWrite = false,
): boolean {
  if (forWrite && !scope.mayWrite) return false;
  if (scope.readAll && !forWrite) return true;
  const wanted = new Set(scope.coverage);
  return areaAncestors(area, tree).some((c) => wanted.has(c));
}

/** 404 for an area the actor may not see (its existence is need-to-know too), audited. */
export async function requireCovered(
  ctx: Ctx,
  scope: AlertScope,
  area: string,
  tree: ReadonlyMap<string, AreaNode>,
  entityIds: string[] = [],
): Promise<void> {
  if (scopeCovers(scope, area, tree)) return;
  await deny(ctx, `alert:read:area ${area}`, entityIds);
  throw new ProblemError(404, 'not_found', { entity: 'alert' });
}

/**
 * The focal points of each area: active users with `alert:read:area` whose
 * agency covers it. One read of the permission holders, then the tree.
 */
export async function alertFocalPoints(
  db: Executor,
  areas: readonly string[],
  tree: ReadonlyMap<string, AreaNode>,
): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (areas.length === 0) return result;
  const rows = await db
    .selectFrom('app_user')
    .innerJoin('user_role', 'user_role.user_id', 'app_user.id')
    .innerJoin('role', 'role.id', 'user_role.role_id')
    .innerJoin('agency_area', 'agency_area.agency_id', 'app_user.agency_id')
    .innerJoin('agency', 'agency.id', 'app_user.agency_id')
    .select(['app_user.id', 'agency_area.area_code', 'role.permissions'])
    .where('app_user.disabled', '=', 0)
    .where('agency.disabled', '=', 0)
    .execute();
  const byArea = new Map<string, Set<string>>();
  for (const r of rows) {
    const granted = (JSON.parse(r.permissions) as string[]).some(
      (p) => isPermission(p) && p === 'alert:read:area',
    );
    if (!granted) continue;
    const users = byArea.get(r.area_code) ?? new Set<string>();
    users.add(r.id);
    byArea.set(r.area_code, users);
  }
  for (const area of new Set(areas)) {
    const users = new Set<string>();
    for (const covering of areaAncestors(area, tree))
      for (const u of byArea.get(covering) ?? []) users.add(u);
    result.set(area, [...users]);
  }
  return result;
}
