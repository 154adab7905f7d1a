import { passwordProblem } from '../../core/index.ts';
import { hashPassword } from '../auth/secrets.ts';
import { destroyUserSessions } from '../auth/sessions.ts';
import type { Ctx } from '../context.ts';
import { notFound, ProblemError } from '../http/problem.ts';
import { requireAny } from './access.ts';
import { inTransaction } from './trail.ts';

// An administrator's help with someone's sign-in: temporary password, unlock, lost phone.

/** Sets a temporary password the user must change at next sign-in; ends their sessions. */
export async function resetPassword(
  ctx: Ctx,
  id: string,
  input: { password: string },
): Promise<void> {
  await requireAny(ctx, 'user:write:all');
  const user = await ctx.deps.db
    .selectFrom('app_user')
    .select(['username', 'version'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!user) throw notFound('user');
  const problem = passwordProblem(input.password, user.username);
  if (problem) throw new ProblemError(400, problem);
  const hash = await hashPassword(input.password);
  await inTransaction(
    ctx,
    { action: 'user.password.reset', entity: 'user', entityIds: [id] },
    async (trx) => {
      await trx
        .updateTable('app_user')
        .set({
          password_hash: hash,
          password_changed_at: ctx.deps.clock.now().toISOString(),
          must_change_password: 1,
          failed_logins: 0,
          locked_until: null,
          version: user.version + 1,
          updated_at: ctx.deps.clock.now().toISOString(),
        })
        .where('id', '=', id)
        .execute();
    },
  );
  await destroyUserSessions(ctx.deps, id);
}

/** Lifts a sign-in lock on an account. */
export async function unlockUser(ctx: Ctx, id: string): Promise<void> {
  await requireAny(ctx, 'user:write:all');
  await inTransaction(
    ctx,
    { action: 'user.unlock', entity: 'user', entityIds: [id] },
    async (trx) => {
      const result = await trx
        .updateTable('app_user')
        .set({ failed_logins: 0, locked_until: null })
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw notFound('user');
    },
  );
}

/** Removes a user's second factor (lost phone); they enrol again at next sign-in if a role requires it. */
export async function resetMfa(ctx: Ctx, id: string): Promise<void> {
  await requireAny(ctx, 'user:write:all');
  await inTransaction(
    ctx,
    { action: 'user.mfa.reset', entity: 'user', entityIds: [id] },
    async (trx) => {
      const result = await trx
        .updateTable('app_user')
        .set({ totp_enabled: 0, totp_secret: null })
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw notFound('user');
      await trx.deleteFrom('recovery_code').where('user_id', '=', id).execute();
    },
  );
  await destroyUserSessions(ctx.deps, id);
}
