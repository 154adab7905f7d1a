import { isPermission, type Permission } from '../../core/index.ts';
import { forgetGrants } from '../auth/actors.ts';
import type { Ctx } from '../context.ts';
import { notFound, ProblemError } from '../http/problem.ts';
import { requireAny } from './access.ts';
import { inTransaction, recordChanges } from './trail.ts';

export interface RoleView {
  id: string;
  name: string;
  description: string;
  permissions: Permission[];
  requireMfa: boolean;
  userCount: number;
  version: number;
}

export interface RoleInput {
  name: string;
  description: string;
  permissions: string[];
  requireMfa: boolean;
}

function checkPermissions(permissions: string[]): Permission[] {
  const unknown = permissions.filter((p) => !isPermission(p));
  if (unknown.length)
    throw new ProblemError(400, 'unknown_permission', { permission: unknown.join(', ') });
  return [...new Set(permissions)] as Permission[];
}

export async function listRoles(ctx: Ctx): Promise<RoleView[]> {
  await requireAny(ctx, 'role:read:all', 'role:write:all', 'user:write:all');
  const [roles, counts] = await Promise.all([
    ctx.deps.db.selectFrom('role').selectAll().orderBy('id').execute(),
    ctx.deps.db
      .selectFrom('user_role')
      .select(['role_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('role_id')
      .execute(),
  ]);
  return roles.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    permissions: (JSON.parse(r.permissions) as string[]).filter(isPermission),
    requireMfa: r.require_mfa === 1,
    userCount: Number(counts.find((c) => c.role_id === r.id)?.n ?? 0),
    version: r.version,
  }));
}

async function roleView(ctx: Ctx, id: string): Promise<RoleView> {
  const view = (await listRoles(ctx)).find((r) => r.id === id);
  if (!view) throw notFound('role');
  return view;
}

export async function createRole(ctx: Ctx, input: RoleInput & { id: string }): Promise<RoleView> {
  await requireAny(ctx, 'role:write:all');
  const permissions = checkPermissions(input.permissions);
  await inTransaction(
    ctx,
    { action: 'role.create', entity: 'role', entityIds: [input.id] },
    async (trx) => {
      const taken = await trx
        .selectFrom('role')
        .select('id')
        .where('id', '=', input.id)
        .executeTakeFirst();
      if (taken) throw new ProblemError(409, 'code_taken');
      await trx
        .insertInto('role')
        .values({
          id: input.id,
          name: input.name,
          description: input.description,
          permissions: JSON.stringify(permissions),
          require_mfa: input.requireMfa ? 1 : 0,
          version: 1,
          updated_at: ctx.deps.clock.now().toISOString(),
        })
        .execute();
      await recordChanges(ctx, trx, [{ entity: 'role', entityId: input.id, version: 1 }]);
    },
  );
  return roleView(ctx, input.id);
}

export async function updateRole(
  ctx: Ctx,
  id: string,
  input: Partial<RoleInput> & { version: number },
): Promise<RoleView> {
  const actor = await requireAny(ctx, 'role:write:all');
  const permissions = input.permissions ? checkPermissions(input.permissions) : undefined;
  // An administrator must not lock everyone out by removing role administration from their own role.
  if (permissions && !permissions.includes('role:write:all') && actor.roleIds.includes(id)) {
    const others = actor.roleIds.filter((r) => r !== id);
    const stillAdmin = others.length
      ? await ctx.deps.db
          .selectFrom('role')
          .select('permissions')
          .where('id', 'in', others)
          .execute()
      : [];
    if (
      !stillAdmin.some((r) => (JSON.parse(r.permissions) as string[]).includes('role:write:all'))
    ) {
      throw new ProblemError(409, 'would_lock_out');
    }
  }
  await inTransaction(
    ctx,
    { action: 'role.update', entity: 'role', entityIds: [id] },
    async (trx) => {
      const current = await trx
        .selectFrom('role')
        .select('version')
        .where('id', '=', id)
        .executeTakeFirst();
      if (!current) throw notFound('role');
      if (current.version !== input.version)
        throw new ProblemError(409, 'version_conflict', {}, { currentVersion: current.version });
      const version = current.version + 1;
      await trx
        .updateTable('role')
        .set({
          ...(input.name !== undefined && { name: input.name }),
          ...(input.description !== undefined && { description: input.description }),
          ...(permissions !== undefined && { permissions: JSON.stringify(permissions) }),
          ...(input.requireMfa !== undefined && { require_mfa: input.requireMfa ? 1 : 0 }),
          version,
          updated_at: ctx.deps.clock.now().toISOString(),
        })
        .where('id', '=', id)
        .execute();
      await recordChanges(ctx, trx, [{ entity: 'role', entityId: id, version }]);
    },
  );
  forgetGrants(ctx.deps);
  return roleView(ctx, id);
}

/** Deletes a role that no user holds. */
export async function deleteRole(ctx: Ctx, id: string): Promise<void> {
  await requireAny(ctx, 'role:write:all');
  await inTransaction(
    ctx,
    { action: 'role.delete', entity: 'role', entityIds: [id] },
    async (trx) => {
      const used = await trx
        .selectFrom('user_role')
        .select('user_id')
        .where('role_id', '=', id)
        .executeTakeFirst();
      if (used) throw new ProblemError(409, 'role_in_use');
      const result = await trx.deleteFrom('role').where('id', '=', id).executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) throw notFound('role');
    },
  );
}
