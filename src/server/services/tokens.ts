import { narrowScopes } from '../../core/index.ts';
import { ACTOR_USER_COLUMNS, type ActorUserRow } from '../auth/actors.ts';
import { randomToken, sha256Hex } from '../auth/secrets.ts';
import type { Ctx } from '../context.ts';
import { notFound, ProblemError } from '../http/problem.ts';
import { requireAny } from './access.ts';
import { inTransaction } from './trail.ts';

export const TOKEN_PREFIX = 'pft_';

export interface TokenView {
  id: string;
  name: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** The caller's own API tokens (never the secret: only its hash is stored). */
export async function listTokens(ctx: Ctx): Promise<TokenView[]> {
  const actor = await requireAny(ctx, 'token:write:own');
  const rows = await ctx.deps.db
    .selectFrom('api_token')
    .selectAll()
    .where('user_id', '=', actor.userId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    scopes: JSON.parse(r.scopes) as string[],
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    lastUsedAt: r.last_used_at,
  }));
}

/**
 * Issues a token for a machine client, scoped to a subset of the caller's own
 * permissions and expiring; the secret is returned once and never again.
 */
export async function createToken(
  ctx: Ctx,
  input: { name: string; scopes: string[]; expiresInDays: number },
): Promise<TokenView & { token: string }> {
  const actor = await requireAny(ctx, 'token:write:own');
  if (actor.via === 'token') throw new ProblemError(403, 'forbidden');
  const scopes = narrowScopes(actor, input.scopes);
  if (scopes.length !== new Set(input.scopes).size) throw new ProblemError(400, 'scope_not_held');
  if (input.expiresInDays > ctx.deps.config.apiTokenMaxDays) {
    throw new ProblemError(400, 'token_lifetime_too_long', {
      max: ctx.deps.config.apiTokenMaxDays,
    });
  }
  const token = `${TOKEN_PREFIX}${randomToken(32)}`;
  const now = ctx.deps.clock.now();
  const view: TokenView = {
    id: crypto.randomUUID(),
    name: input.name,
    scopes,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + input.expiresInDays * 86_400_000).toISOString(),
    revokedAt: null,
    lastUsedAt: null,
  };
  await inTransaction(
    ctx,
    { action: 'token.create', entity: 'api_token', entityIds: [view.id], details: { scopes } },
    async (trx) => {
      await trx
        .insertInto('api_token')
        .values({
          id: view.id,
          user_id: actor.userId,
          name: view.name,
          token_hash: sha256Hex(token),
          scopes: JSON.stringify(scopes),
          created_at: view.createdAt,
          expires_at: view.expiresAt,
          revoked_at: null,
          last_used_at: null,
        })
        .execute();
    },
  );
  return { ...view, token };
}

/** Revokes one of the caller's tokens (administrators may revoke anyone's). */
export async function revokeToken(ctx: Ctx, id: string): Promise<void> {
  const actor = await requireAny(ctx, 'token:write:own', 'user:write:all');
  await inTransaction(
    ctx,
    { action: 'token.revoke', entity: 'api_token', entityIds: [id] },
    async (trx) => {
      let update = trx
        .updateTable('api_token')
        .set({ revoked_at: ctx.deps.clock.now().toISOString() })
        .where('id', '=', id)
        .where('revoked_at', 'is', null);
      if (!actor.permissions.has('user:write:all'))
        update = update.where('user_id', '=', actor.userId);
      const result = await update.executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw notFound('api_token');
    },
  );
}

/** The token, its scopes and its user, or null when unknown, expired or revoked. */
export async function resolveToken(
  ctx: Pick<Ctx, 'deps'>,
  token: string,
): Promise<{ tokenId: string; user: ActorUserRow; scopes: string[] } | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
  const row = await ctx.deps.db
    .selectFrom('api_token')
    .innerJoin('app_user', 'app_user.id', 'api_token.user_id')
    .select([
      'api_token.id as token_id',
      'api_token.scopes',
      'api_token.expires_at',
      'api_token.revoked_at',
      'api_token.last_used_at',
      ...ACTOR_USER_COLUMNS,
    ])
    .where('api_token.token_hash', '=', sha256Hex(token))
    .executeTakeFirst();
  const now = ctx.deps.clock.now();
  if (!row || row.revoked_at || row.expires_at <= now.toISOString()) return null;
  // Last use is recorded at most once a minute, not on every call.
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > 60_000) {
    await ctx.deps.db
      .updateTable('api_token')
      .set({ last_used_at: now.toISOString() })
      .where('id', '=', row.token_id)
      .execute();
  }
  return { tokenId: row.token_id, user: row, scopes: JSON.parse(row.scopes) as string[] };
}
