import { hasPermission, type Permission } from '../../core/index.ts';
import type { Actor, Ctx } from '../context.ts';
import { ProblemError } from '../http/problem.ts';
import { audit } from './trail.ts';

/** The acting user, or 401. */
export function actorOf(ctx: Ctx): Actor {
  if (!ctx.actor) throw new ProblemError(401, 'unauthenticated');
  return ctx.actor;
}

/** Throws 403 (and audits the denial) unless the actor holds one of the permissions. */
export async function requireAny(ctx: Ctx, ...permissions: Permission[]): Promise<Actor> {
  const actor = actorOf(ctx);
  if (permissions.some((p) => hasPermission(actor, p))) return actor;
  await deny(ctx, permissions.join('|'));
  throw new ProblemError(403, 'forbidden');
}

/** Records a refused access in the audit log (who tried what). */
export async function deny(ctx: Ctx, what: string, entityIds: string[] = []): Promise<void> {
  await audit(ctx, ctx.deps.db, {
    action: 'access.denied',
    entityIds,
    outcome: 'denied',
    details: { need: what },
  });
}
