import type { Transaction } from 'kysely';
import { AGENCY_TYPES } from '../../core/index.ts';
import type { Ctx } from '../context.ts';
import { containsText } from '../db/like.ts';
import type { Database } from '../db/schema.ts';
import { notFound, ProblemError } from '../http/problem.ts';
import { actorOf, requireAny } from './access.ts';
import { decodeCursor, type Page, pageLimit, toPage } from './pagination.ts';
import { inTransaction, recordChanges } from './trail.ts';

/** Agency types (ARCHITECTURE.md §3), kept in core: the device needs them too. */
export { AGENCY_TYPES };

export interface AgencyView {
  id: string;
  code: string;
  name: string;
  type: string;
  areaCodes: string[];
  disabled: boolean;
  version: number;
}

export interface AgencyInput {
  code: string;
  name: string;
  type: (typeof AGENCY_TYPES)[number];
  areaCodes: string[];
}

async function viewsOf(
  db: Ctx['deps']['db'] | Transaction<Database>,
  ids: string[],
): Promise<AgencyView[]> {
  if (ids.length === 0) return [];
  const [rows, areas] = await Promise.all([
    db.selectFrom('agency').selectAll().where('id', 'in', ids).execute(),
    db
      .selectFrom('agency_area')
      .select(['agency_id', 'area_code'])
      .where('agency_id', 'in', ids)
      .orderBy('area_code')
      .execute(),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [
      {
        id: r.id,
        code: r.code,
        name: r.name,
        type: r.type,
        areaCodes: areas.filter((a) => a.agency_id === id).map((a) => a.area_code),
        disabled: r.disabled === 1,
        version: r.version,
      },
    ];
  });
}

/** The agency directory: any signed-in user may read it (it names no person). */
export async function listAgencies(
  ctx: Ctx,
  query: {
    cursor?: string | undefined;
    limit?: string | undefined;
    q?: string | undefined;
    type?: string | undefined;
  },
): Promise<Page<AgencyView>> {
  actorOf(ctx);
  const limit = pageLimit(query.limit);
  const after = decodeCursor(query.cursor, 1);
  let select = ctx.deps.db
    .selectFrom('agency')
    .select(['id', 'code'])
    .orderBy('code')
    .limit(limit + 1);
  if (after) select = select.where('code', '>', String(after[0]));
  if (query.type) select = select.where('type', '=', query.type);
  if (query.q) select = select.where(containsText(['code', 'name'], query.q));
  const page = toPage(
    await select.execute(),
    limit,
    (r) => r.id,
    (r) => [r.code],
  );
  return { items: await viewsOf(ctx.deps.db, page.items), nextCursor: page.nextCursor };
}

export async function getAgency(ctx: Ctx, id: string): Promise<AgencyView> {
  actorOf(ctx);
  const [view] = await viewsOf(ctx.deps.db, [id]);
  if (!view) throw notFound('agency');
  return view;
}

async function checkAreas(trx: Transaction<Database>, codes: string[]): Promise<void> {
  if (codes.length === 0) return;
  const found = await trx.selectFrom('area').select('code').where('code', 'in', codes).execute();
  if (found.length !== new Set(codes).size)
    throw new ProblemError(400, 'unknown_reference', { field: 'areaCodes' });
}

async function writeAreas(trx: Transaction<Database>, id: string, codes: string[]): Promise<void> {
  await trx.deleteFrom('agency_area').where('agency_id', '=', id).execute();
  const unique = [...new Set(codes)];
  if (unique.length)
    await trx
      .insertInto('agency_area')
      .values(unique.map((area_code) => ({ agency_id: id, area_code })))
      .execute();
}

export async function createAgency(ctx: Ctx, input: AgencyInput): Promise<AgencyView> {
  await requireAny(ctx, 'agency:write:all');
  const id = crypto.randomUUID();
  const now = ctx.deps.clock.now().toISOString();
  await inTransaction(
    ctx,
    { action: 'agency.create', entity: 'agency', entityIds: [id] },
    async (trx) => {
      const taken = await trx
        .selectFrom('agency')
        .select('id')
        .where('code', '=', input.code)
        .executeTakeFirst();
      if (taken) throw new ProblemError(409, 'code_taken');
      await checkAreas(trx, input.areaCodes);
      await trx
        .insertInto('agency')
        .values({
          id,
          code: input.code,
          name: input.name,
          type: input.type,
          disabled: 0,
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await writeAreas(trx, id, input.areaCodes);
      await recordChanges(ctx, trx, [{ entity: 'agency', entityId: id, version: 1, agencyId: id }]);
    },
  );
  return getAgency(ctx, id);
}

export async function updateAgency(
  ctx: Ctx,
  id: string,
  input: Partial<Omit<AgencyInput, 'code'>> & { version: number; disabled?: boolean | undefined },
): Promise<AgencyView> {
  await requireAny(ctx, 'agency:write:all');
  await inTransaction(
    ctx,
    { action: 'agency.update', entity: 'agency', entityIds: [id] },
    async (trx) => {
      const current = await trx
        .selectFrom('agency')
        .select('version')
        .where('id', '=', id)
        .executeTakeFirst();
      if (!current) throw notFound('agency');
      if (current.version !== input.version)
        throw new ProblemError(409, 'version_conflict', {}, { currentVersion: current.version });
      if (input.areaCodes) await checkAreas(trx, input.areaCodes);
      const version = current.version + 1;
      await trx
        .updateTable('agency')
        .set({
          ...(input.name !== undefined && { name: input.name }),
          ...(input.type !== undefined && { type: input.type }),
          ...(input.disabled !== undefined && { disabled: input.disabled ? 1 : 0 }),
          version,
          updated_at: ctx.deps.clock.now().toISOString(),
        })
        .where('id', '=', id)
        .execute();
      if (input.areaCodes) await writeAreas(trx, id, input.areaCodes);
      await recordChanges(ctx, trx, [{ entity: 'agency', entityId: id, version, agencyId: id }]);
    },
  );
  return getAgency(ctx, id);
}
