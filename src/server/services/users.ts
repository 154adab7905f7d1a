import type { Transaction } from 'kysely';
import { canReadUser, hasPermission, passwordProblem, UI_LANGUAGES } from '../../core/index.ts';
import { forgetGrants } from '../auth/actors.ts';
import { hashPassword } from '../auth/secrets.ts';
import type { Ctx } from '../context.ts';
import { childCodes, splitCodes } from '../db/aggregate.ts';
import { containsText } from '../db/like.ts';
import type { Database } from '../db/schema.ts';
import { notFound, ProblemError } from '../http/problem.ts';
import { actorOf, deny, requireAny } from './access.ts';
import { decodeCursor, type Page, pageLimit, toPage } from './pagination.ts';
import { audit, inTransaction, recordChanges } from './trail.ts';

/** A staff account as the API shows it (never the hash or the TOTP secret). */
export interface UserView {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  agencyId: string;
  roleIds: string[];
  areaCodes: string[];
  language: string;
  disabled: boolean;
  lockedUntil: string | null;
  totpEnabled: boolean;
  mustChangePassword: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface UserInput {
  displayName: string;
  email?: string | null | undefined;
  agencyId: string;
  roleIds: string[];
  areaCodes: string[];
  language: string;
}

const USER_COLUMNS = [
  'id',
  'username',
  'display_name',
  'email',
  'agency_id',
  'language',
  'disabled',
  'locked_until',
  'totp_enabled',
  'must_change_password',
  'version',
  'created_at',
  'updated_at',
] as const;

type Executor = Ctx['deps']['db'] | Transaction<Database>;

async function viewsOf(db: Executor, ctx: Ctx, ids: string[]): Promise<UserView[]> {
  if (ids.length === 0) return [];
  const { dialect } = ctx.deps;
  const users = await db
    .selectFrom('app_user')
    .select(USER_COLUMNS)
    .select([
      childCodes(dialect, 'user_role', 'role_id', 'user_id', 'app_user.id').as('role_ids'),
      childCodes(dialect, 'user_area', 'area_code', 'user_id', 'app_user.id').as('area_codes'),
    ])
    .where('id', 'in', ids)
    .execute();
  const now = ctx.deps.clock.now().toISOString();
  const byId = new Map(
    users.map((u) => [
      u.id,
      {
        id: u.id,
        username: u.username,
        displayName: u.display_name,
        email: u.email,
        agencyId: u.agency_id,
        roleIds: splitCodes(u.role_ids),
        areaCodes: splitCodes(u.area_codes),
        language: u.language,
        disabled: u.disabled === 1,
        lockedUntil: u.locked_until && u.locked_until > now ? u.locked_until : null,
        totpEnabled: u.totp_enabled === 1,
        mustChangePassword: u.must_change_password === 1,
        version: u.version,
        createdAt: u.created_at,
        updatedAt: u.updated_at,
      } satisfies UserView,
    ]),
  );
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Lists staff accounts the actor may see: all, or their own agency's. */
export async function listUsers(
  ctx: Ctx,
  query: {
    cursor?: string | undefined;
    limit?: string | undefined;
    q?: string | undefined;
    agencyId?: string | undefined;
  },
): Promise<Page<UserView>> {
  const actor = await requireAny(ctx, 'user:read:all', 'user:read:agency');
  const limit = pageLimit(query.limit);
  const after = decodeCursor(query.cursor, 1);
  let select = ctx.deps.db
    .selectFrom('app_user')
    .select(['id', 'username'])
    .orderBy('username')
    .limit(limit + 1);
  if (!hasPermission(actor, 'user:read:all'))
    select = select.where('agency_id', '=', actor.agencyId);
  if (query.agencyId) select = select.where('agency_id', '=', query.agencyId);
  if (after) select = select.where('username', '>', String(after[0]));
  if (query.q) {
    select = select.where(containsText(['username', 'display_name'], query.q));
  }
  const rows = await select.execute();
  const page = toPage(
    rows,
    limit,
    (r) => r.id,
    (r) => [r.username],
  );
  const items = await viewsOf(ctx.deps.db, ctx, page.items);
  await audit(ctx, ctx.deps.db, { action: 'user.list', entity: 'user', entityIds: page.items });
  return { items, nextCursor: page.nextCursor };
}

/** One staff account, if the actor may see it. */
export async function getUser(ctx: Ctx, id: string): Promise<UserView> {
  const actor = actorOf(ctx);
  const [view] = await viewsOf(ctx.deps.db, ctx, [id]);
  if (!view) throw notFound('user');
  if (!canReadUser(actor, view)) {
    await deny(ctx, 'user:read', [id]);
    throw new ProblemError(403, 'forbidden');
  }
  await audit(ctx, ctx.deps.db, { action: 'user.read', entity: 'user', entityIds: [id] });
  return view;
}

/** A user's language must be one the interface speaks or one the country pack declares. */
export async function checkLanguage(ctx: Ctx, language: string): Promise<void> {
  if (UI_LANGUAGES.includes(language)) return;
  const packs = await ctx.deps.db.selectFrom('pack').select('languages').execute();
  if (packs.some((p) => (JSON.parse(p.languages) as string[]).includes(language))) return;
  throw new ProblemError(400, 'unknown_reference', { field: 'language' });
}

async function checkReferences(
  trx: Transaction<Database>,
  input: Partial<UserInput>,
): Promise<void> {
  if (input.agencyId !== undefined) {
    const agency = await trx
      .selectFrom('agency')
      .select('id')
      .where('id', '=', input.agencyId)
      .executeTakeFirst();
    if (!agency) throw new ProblemError(400, 'unknown_reference', { field: 'agencyId' });
  }
  if (input.roleIds && input.roleIds.length > 0) {
    const found = await trx
      .selectFrom('role')
      .select('id')
      .where('id', 'in', input.roleIds)
      .execute();
    if (found.length !== new Set(input.roleIds).size)
      throw new ProblemError(400, 'unknown_reference', { field: 'roleIds' });
  }
  if (input.areaCodes && input.areaCodes.length > 0) {
    const found = await trx
      .selectFrom('area')
      .select('code')
      .where('code', 'in', input.areaCodes)
      .execute();
    if (found.length !== new Set(input.areaCodes).size)
      throw new ProblemError(400, 'unknown_reference', { field: 'areaCodes' });
  }
}

async function writeLinks(
  trx: Transaction<Database>,
  userId: string,
  input: Partial<UserInput>,
): Promise<void> {
  if (input.roleIds) {
    await trx.deleteFrom('user_role').where('user_id', '=', userId).execute();
    const roleIds = [...new Set(input.roleIds)];
    if (roleIds.length)
      await trx
        .insertInto('user_role')
        .values(roleIds.map((role_id) => ({ user_id: userId, role_id })))
        .execute();
  }
  if (input.areaCodes) {
    await trx.deleteFrom('user_area').where('user_id', '=', userId).execute();
    const codes = [...new Set(input.areaCodes)];
    if (codes.length)
      await trx
        .insertInto('user_area')
        .values(codes.map((area_code) => ({ user_id: userId, area_code })))
        .execute();
  }
}

/** Creates a staff account (administrators). The password must be changed at first sign-in unless `mustChangePassword` is false. */
export async function createUser(
  ctx: Ctx,
  input: UserInput & {
    username: string;
    password: string;
    mustChangePassword?: boolean | undefined;
  },
): Promise<UserView> {
  await requireAny(ctx, 'user:write:all');
  const username = input.username.trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9._-]{1,63}$/.test(username))
    throw new ProblemError(400, 'invalid_username');
  const problem = passwordProblem(input.password, username);
  if (problem) throw new ProblemError(400, problem);
  await checkLanguage(ctx, input.language);
  const hash = await hashPassword(input.password);
  const id = crypto.randomUUID();
  const now = ctx.deps.clock.now().toISOString();
  await inTransaction(
    ctx,
    { action: 'user.create', entity: 'user', entityIds: [id] },
    async (trx) => {
      const taken = await trx
        .selectFrom('app_user')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirst();
      if (taken) throw new ProblemError(409, 'username_taken');
      await checkReferences(trx, input);
      await trx
        .insertInto('app_user')
        .values({
          id,
          username,
          display_name: input.displayName,
          email: input.email ?? null,
          agency_id: input.agencyId,
          language: input.language,
          password_hash: hash,
          password_changed_at: now,
          must_change_password: input.mustChangePassword === false ? 0 : 1,
          disabled: 0,
          failed_logins: 0,
          locked_until: null,
          totp_secret: null,
          totp_last_step: null,
          totp_enabled: 0,
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await writeLinks(trx, id, input);
      await recordChanges(ctx, trx, [
        { entity: 'user', entityId: id, version: 1, agencyId: input.agencyId },
      ]);
    },
  );
  const [view] = await viewsOf(ctx.deps.db, ctx, [id]);
  if (!view) throw notFound('user');
  return view;
}

/**
 * Applies an administrator's change to an account (optimistic: `version` must be
 * the one the administrator saw, else 409 and nothing changes).
 */
export async function updateUser(
  ctx: Ctx,
  id: string,
  input: Partial<UserInput> & { version: number; disabled?: boolean | undefined },
): Promise<UserView> {
  await requireAny(ctx, 'user:write:all');
  if (input.language !== undefined) await checkLanguage(ctx, input.language);
  const action =
    input.disabled === true
      ? 'user.disable'
      : input.disabled === false
        ? 'user.enable'
        : 'user.update';
  await inTransaction(ctx, { action, entity: 'user', entityIds: [id] }, async (trx) => {
    const current = await trx
      .selectFrom('app_user')
      .select(['version', 'agency_id'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!current) throw notFound('user');
    if (current.version !== input.version)
      throw new ProblemError(409, 'version_conflict', {}, { currentVersion: current.version });
    await checkReferences(trx, input);
    const version = current.version + 1;
    await trx
      .updateTable('app_user')
      .set({
        ...(input.displayName !== undefined && { display_name: input.displayName }),
        ...(input.email !== undefined && { email: input.email }),
        ...(input.agencyId !== undefined && { agency_id: input.agencyId }),
        ...(input.language !== undefined && { language: input.language }),
        ...(input.disabled !== undefined && { disabled: input.disabled ? 1 : 0 }),
        version,
        updated_at: ctx.deps.clock.now().toISOString(),
      })
      .where('id', '=', id)
      .execute();
    await writeLinks(trx, id, input);
    await recordChanges(ctx, trx, [
      { entity: 'user', entityId: id, version, agencyId: input.agencyId ?? current.agency_id },
    ]);
    if (input.disabled) {
      await trx.deleteFrom('session').where('user_id', '=', id).execute();
    }
  });
  if (input.roleIds || input.areaCodes) forgetGrants(ctx.deps, id);
  const [view] = await viewsOf(ctx.deps.db, ctx, [id]);
  if (!view) throw notFound('user');
  return view;
}

/** Changes one's own preferred language. */
export async function setOwnLanguage(ctx: Ctx, language: string): Promise<void> {
  const actor = actorOf(ctx);
  await checkLanguage(ctx, language);
  await inTransaction(
    ctx,
    { action: 'user.language', entity: 'user', entityIds: [actor.userId] },
    async (trx) => {
      const row = await trx
        .updateTable('app_user')
        .set((eb) => ({
          language,
          version: eb('version', '+', 1),
          updated_at: ctx.deps.clock.now().toISOString(),
        }))
        .where('id', '=', actor.userId)
        .returning(['version', 'agency_id'])
        .executeTakeFirstOrThrow();
      await recordChanges(ctx, trx, [
        { entity: 'user', entityId: actor.userId, version: row.version, agencyId: row.agency_id },
      ]);
    },
  );
}
