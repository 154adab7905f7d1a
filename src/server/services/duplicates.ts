import type { Transaction } from 'kysely';
import { type PairExplanation, personAge } from '../../core/index.ts';
import type { Ctx } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { notFound, ProblemError } from '../http/problem.ts';
import { requireAny } from './access.ts';
import { LINKAGE_COLUMNS } from './linkageModel.ts';
import { decodeCursor, type Page, pageLimit, toPage } from './pagination.ts';
import { personKeyRows } from './persons.ts';
import { recordCaseChange } from './syncMerge.ts';
import { audit, inTransaction, recordChanges } from './trail.ts';

export interface PairPerson {
  id: string;
  givenName: string;
  familyName: string;
  sex: string;
  birthDate: string | null;
  age: number | null;
  areaCode: string | null;
  agencyName: string;
  agencyType: string;
  caseCount: number;
}

export interface ExplainedField {
  field: string;
  outcome: 'agree' | 'partial' | 'disagree' | 'missing';
  level: string;
  weight: number;
  left: string;
  right: string;
}

export interface DuplicatePairView {
  id: string;
  status: 'open' | 'merged' | 'distinct';
  decision: 'match' | 'review';
  probability: number;
  weight: number;
  priorWeight: number;
  foundBy: 'write' | 'pass';
  foundAt: string;
  version: number;
  a: PairPerson;
  b: PairPerson;
  fields: ExplainedField[];
  /** The merge that decided the pair (for unmerge), and the person kept. */
  mergeId: string | null;
  keptId: string | null;
}

const round = (x: number, digits: number): number => Number(x.toFixed(digits));

/** Rows of the persons of some pairs, with agency and case count. */
async function pairPersons(ctx: Ctx, ids: string[]): Promise<Map<string, PairPerson>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.deps.db
    .selectFrom('person')
    .innerJoin('agency', 'agency.id', 'person.owner_agency_id')
    .select((eb) => [
      ...LINKAGE_COLUMNS,
      'agency.name as agency_name',
      'agency.type as agency_type',
      eb
        .selectFrom('case_file')
        .select((c) => c.fn.countAll<number>().as('n'))
        .whereRef('case_file.person_id', '=', 'person.id')
        .as('case_count'),
    ])
    .where('person.id', 'in', ids)
    .execute();
  const today = ctx.deps.clock.now().toISOString().slice(0, 10);
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        givenName: r.given_name,
        familyName: r.family_name,
        sex: r.sex,
        birthDate: r.birth_date,
        age:
          personAge(
            {
              birthDate: r.birth_date,
              estimatedAge: r.estimated_age,
              ageRecordedOn: r.age_recorded_on,
            },
            today,
          )?.years ?? null,
        areaCode: r.area_code,
        agencyName: r.agency_name,
        agencyType: r.agency_type,
        caseCount: Number(r.case_count ?? 0),
      },
    ]),
  );
}

type PairRow = Database['duplicate_pair'] & { merge_id: string | null; kept_id: string | null };

function pairSelect(ctx: Ctx) {
  return ctx.deps.db
    .selectFrom('duplicate_pair')
    .leftJoin('person_merge', (j) =>
      j
        .onRef('person_merge.pair_id', '=', 'duplicate_pair.id')
        .on('person_merge.unmerged_at', 'is', null),
    )
    .selectAll('duplicate_pair')
    .select(['person_merge.id as merge_id', 'person_merge.kept_id']);
}

async function views(ctx: Ctx, rows: PairRow[]): Promise<DuplicatePairView[]> {
  const persons = await pairPersons(ctx, [
    ...new Set(rows.flatMap((r) => [r.person_a, r.person_b])),
  ]);
  return rows.flatMap((r) => {
    const a = persons.get(r.person_a);
    const b = persons.get(r.person_b);
    if (!a || !b) return [];
    const e = JSON.parse(r.explanation) as PairExplanation;
    return [
      {
        id: r.id,
        status: r.status,
        decision: r.decision,
        probability: round(r.probability, 4),
        weight: round(r.weight, 1),
        priorWeight: round(e.priorWeight, 1),
        foundBy: r.found_by,
        foundAt: r.found_at,
        version: r.version,
        a,
        b,
        fields: e.fields.map((f) => ({
          field: f.field,
          outcome: f.outcome,
          level: f.level,
          weight: round(f.weight + f.frequencyAdjustment, 1),
          left: f.left,
          right: f.right,
        })),
        mergeId: r.merge_id,
        keptId: r.kept_id,
      },
    ];
  });
}

/**
 * Candidate pairs for reviewers, highest score first (by weight, then id),
 * paginated: open ones by default; decided ones to revisit (unmerge).
 * Pairs with a person already merged into another are left out.
 */
export async function listPairs(
  ctx: Ctx,
  query: { status?: 'open' | 'merged' | 'distinct'; cursor?: string; limit?: string },
): Promise<Page<DuplicatePairView>> {
  await requireAny(ctx, 'person:merge:node');
  const limit = pageLimit(query.limit);
  const status = query.status ?? 'open';
  const after = decodeCursor(query.cursor, 2);
  let select = pairSelect(ctx)
    .where('duplicate_pair.status', '=', status)
    .orderBy('duplicate_pair.weight', 'desc')
    .orderBy('duplicate_pair.id')
    .limit(limit + 1);
  if (status === 'open')
    select = select.where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('person_merge as m')
            .select('m.id')
            .where('m.unmerged_at', 'is', null)
            .where((eb) =>
              eb.or([
                eb('m.merged_id', '=', eb.ref('duplicate_pair.person_a')),
                eb('m.merged_id', '=', eb.ref('duplicate_pair.person_b')),
              ]),
            ),
        ),
      ),
    );
  if (after) {
    const [weight, id] = [Number(after[0]), String(after[1])];
    select = select.where((eb) =>
      eb.or([
        eb('duplicate_pair.weight', '<', weight),
        eb.and([eb('duplicate_pair.weight', '=', weight), eb('duplicate_pair.id', '>', id)]),
      ]),
    );
  }
  const rows = (await select.execute()) as PairRow[];
  const page = toPage(
    rows,
    limit,
    (r) => r,
    (r) => [r.weight, r.id],
  );
  const items = await views(ctx, page.items);
  await audit(ctx, ctx.deps.db, {
    action: 'duplicate.list',
    entity: 'person',
    entityIds: items.flatMap((p) => [p.a.id, p.b.id]),
  });
  return { items, nextCursor: page.nextCursor };
}

async function pairRow(ctx: Ctx, trx: Transaction<Database> | null, id: string) {
  const row = (await (trx ?? ctx.deps.db)
    .selectFrom('duplicate_pair')
    .leftJoin('person_merge', (j) =>
      j
        .onRef('person_merge.pair_id', '=', 'duplicate_pair.id')
        .on('person_merge.unmerged_at', 'is', null),
    )
    .selectAll('duplicate_pair')
    .select(['person_merge.id as merge_id', 'person_merge.kept_id'])
    .where('duplicate_pair.id', '=', id)
    .executeTakeFirst()) as PairRow | undefined;
  if (!row) throw notFound('duplicate_pair');
  return row;
}

/** One pair, side by side with its explanation. */
export async function getPair(ctx: Ctx, id: string): Promise<DuplicatePairView> {
  await requireAny(ctx, 'person:merge:node');
  const [view] = await views(ctx, [await pairRow(ctx, null, id)]);
  if (!view) throw notFound('duplicate_pair');
  await audit(ctx, ctx.deps.db, {
    action: 'duplicate.read',
    entity: 'person',
    entityIds: [view.a.id, view.b.id],
  });
  return view;
}

function checkVersion(row: { version: number }, version: number): void {
  if (row.version !== version)
    throw new ProblemError(409, 'version_conflict', {}, { currentVersion: row.version });
}

/**
 * One reviewer decision on a pair, in one transaction with its audit row: the
 * permission, the pair read and its version checked, then `work`, which
 * returns the two persons concerned (kept first for merges).
 */
async function decide(
  ctx: Ctx,
  id: string,
  version: number,
  action: string,
  work: (
    trx: Transaction<Database>,
    row: PairRow,
    who: { userId: string; at: string },
  ) => Promise<[string, string]>,
): Promise<DuplicatePairView> {
  const actor = await requireAny(ctx, 'person:merge:node');
  const at = ctx.deps.clock.now().toISOString();
  await inTransaction(
    ctx,
    (persons: [string, string]) => ({
      action,
      entity: 'person',
      entityIds: persons,
      details: { pair: id },
    }),
    async (trx) => {
      const row = await pairRow(ctx, trx, id);
      checkVersion(row, version);
      return work(trx, row, { userId: actor.userId, at });
    },
  );
  return getPair(ctx, id);
}

/** What a merge moved, so an unmerge puts back exactly those rows. */
interface Moved {
  cases: string[];
  consents: string[];
  keys: { agency_id: string; key: string }[];
}

async function mergedAway(trx: Transaction<Database>, personIds: string[]): Promise<boolean> {
  const row = await trx
    .selectFrom('person_merge')
    .select('id')
    .where('merged_id', 'in', personIds)
    .where('unmerged_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

/** A person row's change for the sync feed: devices pull it again. */
async function personChange(ctx: Ctx, trx: Transaction<Database>, id: string): Promise<void> {
  const p = await trx
    .selectFrom('person')
    .select(['id', 'version', 'owner_agency_id', 'area_code'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  await recordChanges(ctx, trx, [
    {
      entity: 'person',
      entityId: p.id,
      version: p.version,
      agencyId: p.owner_agency_id,
      areaCode: p.area_code,
    },
  ]);
}

/**
 * Merges a pair: the cases and consents of the merged person are re-pointed
 * to the kept one, its search keys removed (it is no longer found), every
 * moved row recorded in `person_merge`, the pair marked merged (a confirmed
 * match the next pass learns from); audited, with change-log rows so devices
 * pull the cases again.
 */
export async function mergePair(
  ctx: Ctx,
  id: string,
  body: { keepId: string; version: number },
): Promise<DuplicatePairView> {
  return decide(ctx, id, body.version, 'person.merge', async (trx, row, { userId, at }) => {
    if (row.status !== 'open') throw new ProblemError(409, 'pair_decided');
    if (body.keepId !== row.person_a && body.keepId !== row.person_b)
      throw new ProblemError(400, 'invalid_keep');
    const kept = body.keepId;
    const merged = kept === row.person_a ? row.person_b : row.person_a;
    if (await mergedAway(trx, [kept, merged])) throw new ProblemError(409, 'person_merged');
    const cases = await trx
      .selectFrom('case_file')
      .select(['id', 'version', 'owner_agency_id', 'area_code'])
      .where('person_id', '=', merged)
      .execute();
    const consents = await trx
      .selectFrom('consent')
      .select('id')
      .where('person_id', '=', merged)
      .execute();
    const keys = await trx
      .selectFrom('person_key')
      .select(['agency_id', 'key'])
      .where('person_id', '=', merged)
      .execute();
    const moved: Moved = {
      cases: cases.map((c) => c.id),
      consents: consents.map((c) => c.id),
      keys,
    };
    if (moved.cases.length > 0)
      await trx
        .updateTable('case_file')
        .set({ person_id: kept, updated_at: at })
        .where('id', 'in', moved.cases)
        .execute();
    if (moved.consents.length > 0)
      await trx
        .updateTable('consent')
        .set({ person_id: kept })
        .where('id', 'in', moved.consents)
        .execute();
    await trx.deleteFrom('person_key').where('person_id', '=', merged).execute();
    await trx
      .insertInto('person_merge')
      .values({
        id: crypto.randomUUID(),
        pair_id: id,
        kept_id: kept,
        merged_id: merged,
        moved: JSON.stringify(moved),
        merged_by: userId,
        merged_at: at,
        unmerged_by: null,
        unmerged_at: null,
      })
      .execute();
    await trx
      .updateTable('duplicate_pair')
      .set({
        status: 'merged',
        decided_by: userId,
        decided_at: at,
        version: row.version + 1,
      })
      .where('id', '=', id)
      .execute();
    for (const c of cases) await recordCaseChange(ctx, trx, c);
    await personChange(ctx, trx, kept);
    await personChange(ctx, trx, merged);
    return [kept, merged];
  });
}

/**
 * Undoes a merge exactly: the rows it moved (and only those still on the kept
 * person) go back to the merged person, its search keys return, and the pair
 * is open again for review.
 */
export async function unmergePair(
  ctx: Ctx,
  id: string,
  body: { version: number },
): Promise<DuplicatePairView> {
  return decide(ctx, id, body.version, 'person.unmerge', async (trx, row, { userId, at }) => {
    if (row.status !== 'merged' || !row.merge_id) throw new ProblemError(409, 'pair_not_merged');
    const merge = await trx
      .selectFrom('person_merge')
      .selectAll()
      .where('id', '=', row.merge_id)
      .executeTakeFirstOrThrow();
    const moved = JSON.parse(merge.moved) as Moved;
    if (moved.cases.length > 0)
      await trx
        .updateTable('case_file')
        .set({ person_id: merge.merged_id, updated_at: at })
        .where('id', 'in', moved.cases)
        .where('person_id', '=', merge.kept_id)
        .execute();
    if (moved.consents.length > 0)
      await trx
        .updateTable('consent')
        .set({ person_id: merge.merged_id })
        .where('id', 'in', moved.consents)
        .where('person_id', '=', merge.kept_id)
        .execute();
    const person = await trx
      .selectFrom('person')
      .select(['owner_agency_id', 'name_key'])
      .where('id', '=', merge.merged_id)
      .executeTakeFirstOrThrow();
    // The keys it had; rebuilt from its name should the stored list be empty.
    const keys =
      moved.keys.length > 0
        ? moved.keys.map((k) => ({ ...k, person_id: merge.merged_id }))
        : personKeyRows(merge.merged_id, person.owner_agency_id, person.name_key);
    for (let i = 0; i < keys.length; i += 200)
      await trx
        .insertInto('person_key')
        .values(keys.slice(i, i + 200))
        .onConflict((oc) => oc.doNothing())
        .execute();
    await trx
      .updateTable('person_merge')
      .set({ unmerged_by: userId, unmerged_at: at })
      .where('id', '=', merge.id)
      .execute();
    await trx
      .updateTable('duplicate_pair')
      .set({ status: 'open', decided_by: null, decided_at: null, version: row.version + 1 })
      .where('id', '=', id)
      .execute();
    if (moved.cases.length > 0) {
      const cases = await trx
        .selectFrom('case_file')
        .select(['id', 'version', 'owner_agency_id', 'area_code'])
        .where('id', 'in', moved.cases)
        .execute();
      for (const c of cases) await recordCaseChange(ctx, trx, c);
    }
    await personChange(ctx, trx, merge.kept_id);
    await personChange(ctx, trx, merge.merged_id);
    return [merge.kept_id, merge.merged_id];
  });
}

/**
 * "Not the same person": the pair is closed and never proposed again (the
 * passes skip it; docs/linkage.md, "Reviewing duplicates").
 */
export async function markDistinct(
  ctx: Ctx,
  id: string,
  body: { version: number },
): Promise<DuplicatePairView> {
  return decide(ctx, id, body.version, 'person.distinct', async (trx, row, { userId, at }) => {
    if (row.status !== 'open') throw new ProblemError(409, 'pair_decided');
    await trx
      .updateTable('duplicate_pair')
      .set({
        status: 'distinct',
        decided_by: userId,
        decided_at: at,
        version: row.version + 1,
      })
      .where('id', '=', id)
      .execute();
    return [row.person_a, row.person_b];
  });
}
