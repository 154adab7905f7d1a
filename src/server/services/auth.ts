import { passwordProblem } from '../../core/index.ts';
import { addressLockedUntil, lockMinutes, recordAddressFailure } from '../auth/loginThrottle.ts';
import { hashPassword, randomToken, sha256Hex, verifyPassword } from '../auth/secrets.ts';
import {
  createSession,
  destroySession,
  destroyUserSessions,
  type SessionInfo,
} from '../auth/sessions.ts';
import { newTotpSecret, totpEnrolment, totpStep } from '../auth/totp.ts';
import type { Actor, Ctx } from '../context.ts';
import { ProblemError } from '../http/problem.ts';
import { audit, inTransaction } from './trail.ts';

export interface LoginResult {
  token: string;
  session: SessionInfo;
  mfaRequired: boolean;
}

const RECOVERY_CODES = 10;

function locked(until: string): ProblemError {
  return new ProblemError(423, 'account_locked', {}, { lockedUntil: until });
}

/** Counts a failed sign-in against the account (when known) and the address, and audits it. */
async function failLogin(ctx: Ctx, userId: string | null, reason: string): Promise<never> {
  const { deps } = ctx;
  let accountLockedUntil: string | null = null;
  if (userId) {
    accountLockedUntil = await deps.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('app_user')
        .select('failed_logins')
        .where('id', '=', userId)
        .executeTakeFirstOrThrow();
      const failures = row.failed_logins + 1;
      const max = deps.config.loginMaxFailures;
      const until =
        failures % max === 0
          ? new Date(
              deps.clock.now().getTime() + lockMinutes(deps, failures, max) * 60_000,
            ).toISOString()
          : null;
      let update = trx
        .updateTable('app_user')
        .set({ failed_logins: failures })
        .where('id', '=', userId);
      if (until) update = update.set({ locked_until: until });
      await update.execute();
      return until;
    });
  }
  const addressUntil = await recordAddressFailure(deps, ctx.ip);
  await audit(ctx, deps.db, {
    action: 'auth.login.failed',
    entity: 'user',
    entityIds: userId ? [userId] : [],
    outcome: 'failed',
    details: { reason },
  });
  if (accountLockedUntil) {
    await audit(ctx, deps.db, {
      action: 'auth.account.locked',
      entity: 'user',
      entityIds: [userId ?? ''],
      details: { until: accountLockedUntil },
    });
    deps.log.warn(
      { event: 'account_locked', userId, until: accountLockedUntil },
      'account locked after failed sign-ins',
    );
  }
  if (addressUntil) {
    await audit(ctx, deps.db, { action: 'auth.address.locked', details: { until: addressUntil } });
    deps.log.warn(
      { event: 'address_locked', ip: ctx.ip, until: addressUntil },
      'address locked after failed sign-ins',
    );
  }
  if (accountLockedUntil) throw locked(accountLockedUntil);
  throw new ProblemError(401, reason === 'mfa' ? 'mfa_invalid' : 'invalid_credentials');
}

/** Password step of sign-in. With a second factor enrolled, the session waits for it. */
export async function login(
  ctx: Ctx,
  input: { username: string; password: string },
): Promise<LoginResult> {
  const { deps } = ctx;
  const addressUntil = await addressLockedUntil(deps, ctx.ip);
  if (addressUntil) {
    await audit(ctx, deps.db, {
      action: 'auth.login.refused',
      outcome: 'denied',
      details: { reason: 'address_locked' },
    });
    throw new ProblemError(429, 'address_locked', {}, { lockedUntil: addressUntil });
  }
  const user = await deps.db
    .selectFrom('app_user')
    .select(['id', 'agency_id', 'password_hash', 'disabled', 'locked_until', 'totp_enabled'])
    .where('username', '=', input.username.trim().toLowerCase())
    .executeTakeFirst();
  const now = deps.clock.now().toISOString();
  if (user?.locked_until && user.locked_until > now) {
    await audit(ctx, deps.db, {
      action: 'auth.login.refused',
      entity: 'user',
      entityIds: [user.id],
      outcome: 'denied',
      details: { reason: 'account_locked' },
    });
    throw locked(user.locked_until);
  }
  const valid = await verifyPassword(user?.password_hash, input.password);
  if (!user || !valid || user.disabled) {
    return failLogin(
      ctx,
      user && !user.disabled ? user.id : null,
      user?.disabled ? 'disabled' : 'password',
    );
  }
  const mfaRequired = user.totp_enabled === 1;
  const created = await createSession(deps, user.id, ctx.ip, mfaRequired);
  if (!mfaRequired) {
    await deps.db
      .updateTable('app_user')
      .set({ failed_logins: 0, locked_until: null })
      .where('id', '=', user.id)
      .execute();
  }
  await audit(ctx, deps.db, {
    action: mfaRequired ? 'auth.login.password_ok' : 'auth.login',
    entity: 'user',
    entityIds: [user.id],
    actorOverride: { userId: user.id, agencyId: user.agency_id },
  });
  return { ...created, mfaRequired };
}

/** Second step: a TOTP code or an unused recovery code. Rotates the session id on success. */
export async function completeMfa(
  ctx: Ctx,
  pending: SessionInfo,
  input: { code?: string | undefined; recoveryCode?: string | undefined },
): Promise<LoginResult> {
  const { deps } = ctx;
  const user = await deps.db
    .selectFrom('app_user')
    .select(['id', 'agency_id', 'username', 'totp_secret', 'totp_enabled', 'locked_until'])
    .where('id', '=', pending.userId)
    .executeTakeFirstOrThrow();
  const now = deps.clock.now();
  if (user.locked_until && user.locked_until > now.toISOString()) throw locked(user.locked_until);
  let ok = false;
  let usedRecovery = false;
  if (input.code && user.totp_secret && user.totp_enabled) {
    const step = totpStep(user.username, user.totp_secret, input.code.replace(/\s/g, ''), now);
    ok = step !== null && (await claimTotpStep(ctx, user.id, step));
  } else if (input.recoveryCode) {
    const hash = sha256Hex(input.recoveryCode.trim().toLowerCase());
    const result = await deps.db
      .updateTable('recovery_code')
      .set({ used_at: now.toISOString() })
      .where('user_id', '=', user.id)
      .where('code_hash', '=', hash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    ok = Number(result.numUpdatedRows) === 1;
    usedRecovery = ok;
  }
  if (!ok) return failLogin(ctx, user.id, 'mfa');
  await destroySession(deps, pending.idHash);
  const created = await createSession(deps, user.id, ctx.ip, false);
  await deps.db
    .updateTable('app_user')
    .set({ failed_logins: 0, locked_until: null })
    .where('id', '=', user.id)
    .execute();
  await audit(ctx, deps.db, {
    action: 'auth.login',
    entity: 'user',
    entityIds: [user.id],
    details: { secondFactor: usedRecovery ? 'recovery_code' : 'totp' },
    actorOverride: { userId: user.id, agencyId: user.agency_id },
  });
  return { ...created, mfaRequired: false };
}

/**
 * Records that a TOTP time step was used; false when it (or a later one) already
 * was, so a code seen over someone's shoulder cannot be replayed.
 */
async function claimTotpStep(ctx: Ctx, userId: string, step: number): Promise<boolean> {
  const result = await ctx.deps.db
    .updateTable('app_user')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function logout(ctx: Ctx, session: SessionInfo): Promise<void> {
  await destroySession(ctx.deps, session.idHash);
  await audit(ctx, ctx.deps.db, {
    action: 'auth.logout',
    entity: 'user',
    entityIds: [session.userId],
  });
}

function requireActor(ctx: Ctx): Actor {
  if (!ctx.actor) throw new ProblemError(401, 'unauthenticated');
  return ctx.actor;
}

/** Changes one's own password; other sessions of the user end. */
export async function changePassword(
  ctx: Ctx,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const actor = requireActor(ctx);
  const { deps } = ctx;
  const user = await deps.db
    .selectFrom('app_user')
    .select(['password_hash', 'username', 'version'])
    .where('id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    await audit(ctx, deps.db, {
      action: 'auth.password.change',
      entity: 'user',
      entityIds: [actor.userId],
      outcome: 'failed',
    });
    throw new ProblemError(400, 'current_password_wrong');
  }
  const problem = passwordProblem(input.newPassword, user.username);
  if (problem) throw new ProblemError(400, problem);
  const hash = await hashPassword(input.newPassword);
  await inTransaction(
    ctx,
    { action: 'auth.password.change', entity: 'user', entityIds: [actor.userId] },
    async (trx) => {
      await trx
        .updateTable('app_user')
        .set({
          password_hash: hash,
          password_changed_at: deps.clock.now().toISOString(),
          must_change_password: 0,
          version: user.version + 1,
          updated_at: deps.clock.now().toISOString(),
        })
        .where('id', '=', actor.userId)
        .execute();
    },
  );
  await destroyUserSessions(deps, actor.userId, actor.sessionIdHash);
}

/** Starts TOTP enrolment: a fresh secret, not active until a code confirms it. */
export async function startTotp(
  ctx: Ctx,
): Promise<{ secret: string; uri: string; qrDataUrl: string }> {
  const actor = requireActor(ctx);
  const secret = newTotpSecret();
  await inTransaction(
    ctx,
    { action: 'auth.totp.setup', entity: 'user', entityIds: [actor.userId] },
    async (trx) => {
      const user = await trx
        .selectFrom('app_user')
        .select('totp_enabled')
        .where('id', '=', actor.userId)
        .executeTakeFirstOrThrow();
      if (user.totp_enabled) throw new ProblemError(409, 'totp_already_enabled');
      await trx
        .updateTable('app_user')
        .set({ totp_secret: secret })
        .where('id', '=', actor.userId)
        .execute();
    },
  );
  return { secret, ...(await totpEnrolment(actor.username, secret)) };
}

/** Confirms enrolment with a code and returns one-time recovery codes, shown once. */
export async function confirmTotp(
  ctx: Ctx,
  input: { code: string },
): Promise<{ recoveryCodes: string[] }> {
  const actor = requireActor(ctx);
  const { deps } = ctx;
  const user = await deps.db
    .selectFrom('app_user')
    .select(['totp_secret', 'totp_enabled', 'version'])
    .where('id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  if (user.totp_enabled) throw new ProblemError(409, 'totp_already_enabled');
  if (!user.totp_secret) throw new ProblemError(409, 'totp_not_started');
  const step = totpStep(
    actor.username,
    user.totp_secret,
    input.code.replace(/\s/g, ''),
    deps.clock.now(),
  );
  if (step === null || !(await claimTotpStep(ctx, actor.userId, step))) {
    throw new ProblemError(400, 'mfa_invalid');
  }
  const codes = Array.from(
    { length: RECOVERY_CODES },
    () =>
      randomToken(9)
        .toLowerCase()
        .replace(/[^a-z0-9]/g, 'x')
        .match(/.{1,4}/g)
        ?.join('-') ?? '',
  );
  await inTransaction(
    ctx,
    { action: 'auth.totp.enable', entity: 'user', entityIds: [actor.userId] },
    async (trx) => {
      await trx
        .updateTable('app_user')
        .set({ totp_enabled: 1, version: user.version + 1 })
        .where('id', '=', actor.userId)
        .execute();
      await trx.deleteFrom('recovery_code').where('user_id', '=', actor.userId).execute();
      await trx
        .insertInto('recovery_code')
        .values(
          codes.map((c) => ({
            id: crypto.randomUUID(),
            user_id: actor.userId,
            code_hash: sha256Hex(c),
            used_at: null,
          })),
        )
        .execute();
    },
  );
  return { recoveryCodes: codes };
}

/** Turns one's own second factor off (needs the password; refused when a role requires it). */
export async function disableTotp(ctx: Ctx, input: { password: string }): Promise<void> {
  const actor = requireActor(ctx);
  const { deps } = ctx;
  const user = await deps.db
    .selectFrom('app_user')
    .select(['password_hash'])
    .where('id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, input.password)))
    throw new ProblemError(400, 'current_password_wrong');
  if (await mfaRequiredByRole(ctx, actor.userId))
    throw new ProblemError(409, 'totp_required_by_role');
  await inTransaction(
    ctx,
    { action: 'auth.totp.disable', entity: 'user', entityIds: [actor.userId] },
    async (trx) => {
      await trx
        .updateTable('app_user')
        .set({ totp_enabled: 0, totp_secret: null })
        .where('id', '=', actor.userId)
        .execute();
      await trx.deleteFrom('recovery_code').where('user_id', '=', actor.userId).execute();
    },
  );
}

/** True when any of the user's roles requires a second factor. */
export async function mfaRequiredByRole(ctx: Ctx, userId: string): Promise<boolean> {
  const row = await ctx.deps.db
    .selectFrom('user_role')
    .innerJoin('role', 'role.id', 'user_role.role_id')
    .select('role.id')
    .where('user_role.user_id', '=', userId)
    .where('role.require_mfa', '=', 1)
    .executeTakeFirst();
  return row !== undefined;
}
