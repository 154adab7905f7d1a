import { CATALOGUES, translate } from '../../core/index.ts';
import type { Actor, Ctx } from '../context.ts';
import { ProblemError } from '../http/problem.ts';
import { requireAny } from './access.ts';
import { addNote } from './caseRecords.ts';
import { type CaseIntake, openCase, readCase } from './cases.ts';
import { activeDevice } from './devices.ts';
import { listServiceTypes } from './directory.ts';
import { screeningRules } from './packRules.ts';
import { getReferral } from './referrals.ts';
import { addScreening, type ScreeningRequest } from './screenings.ts';
import { type ConflictView, changeFields, EDITABLE_FIELDS, type FieldsInput } from './syncMerge.ts';
import { audit, enlist, enlistedPending, isUniqueViolation } from './trail.ts';

/** One mutation of a push, as the route checked it (`invalid` when its payload failed the schema). */
export type Mutation = { mutationId: string } & (
  | { kind: 'case.open'; payload: CaseIntake }
  | { kind: 'case.fields'; caseId: string; payload: FieldsInput }
  | { kind: 'case.note'; caseId: string; payload: { text: string; sensitive: boolean } }
  | { kind: 'case.screening'; caseId: string; payload: ScreeningRequest }
  | { kind: 'invalid'; detail: string }
);

export interface MutationResult {
  mutationId: string;
  status: 'applied' | 'duplicate' | 'conflict' | 'rejected';
  result?: unknown;
  conflicts?: ConflictView[];
  problem?: { status: number; code: string; message: string };
}

/** What is stored for an applied mutation and replayed to a retry. */
interface Stored {
  status: 'applied' | 'conflict';
  result?: unknown;
  conflicts?: ConflictView[];
}

async function apply(ctx: Ctx, m: Mutation): Promise<Stored> {
  switch (m.kind) {
    case 'case.open':
      return { status: 'applied', result: await openCase(ctx, m.payload) };
    case 'case.note':
      return { status: 'applied', result: await addNote(ctx, m.caseId, m.payload) };
    case 'case.screening':
      return { status: 'applied', result: await addScreening(ctx, m.caseId, m.payload) };
    case 'case.fields': {
      const { conflicts, ...result } = await changeFields(ctx, m.caseId, m.payload);
      return conflicts.length > 0
        ? { status: 'conflict', result, conflicts }
        : { status: 'applied', result };
    }
    case 'invalid':
      throw new ProblemError(400, 'validation_failed', { detail: m.detail });
  }
}

function rejected(actor: Actor, mutationId: string, p: ProblemError): MutationResult {
  const message = translate(CATALOGUES, [actor.language, 'en'], `errors.${p.messageKey}`, p.params);
  return { mutationId, status: 'rejected', problem: { status: p.status, code: p.code, message } };
}

/** A mutation seen before: its stored answer, or a refusal when it is another user's id. */
async function seen(ctx: Ctx, actor: Actor, mutationId: string): Promise<MutationResult | null> {
  const row = await ctx.deps.db
    .selectFrom('sync_mutation')
    .select(['user_id', 'result'])
    .where('mutation_id', '=', mutationId)
    .executeTakeFirst();
  if (!row) return null;
  if (row.user_id !== actor.userId)
    return rejected(actor, mutationId, new ProblemError(409, 'id_taken', { field: 'mutationId' }));
  // A null result: the server stopped between the commit and storing the answer.
  const stored = row.result ? (JSON.parse(row.result) as Stored) : null;
  return {
    mutationId,
    status: 'duplicate',
    ...(stored?.result === undefined ? {} : { result: stored.result }),
    ...(stored?.conflicts ? { conflicts: stored.conflicts } : {}),
  };
}

/**
 * Applies a device's batch in order, each mutation in its own transaction
 * together with its `sync_mutation` row, so a retried batch applies each once.
 * A refused mutation is reported and does not stop the others.
 */
export async function push(
  ctx: Ctx,
  deviceId: string,
  mutations: readonly Mutation[],
): Promise<MutationResult[]> {
  const actor = await requireAny(ctx, 'case:write:agency');
  await activeDevice(ctx, actor, deviceId);
  const results: MutationResult[] = [];
  for (const m of mutations) {
    const before = await seen(ctx, actor, m.mutationId);
    if (before) {
      results.push(before);
      continue;
    }
    // A context of its own: the mutation row is enlisted in this mutation's transaction only.
    const own: Ctx = { ...ctx };
    const row = (result: Stored | null) => ({
      mutation_id: m.mutationId,
      device_id: deviceId,
      user_id: actor.userId,
      kind: m.kind,
      received_at: ctx.deps.clock.now().toISOString(),
      result: result ? JSON.stringify(result) : null,
    });
    enlist(own, async (trx) => {
      await trx.insertInto('sync_mutation').values(row(null)).execute();
    });
    try {
      const stored = await apply(own, m);
      if (enlistedPending(own))
        await ctx.deps.db.insertInto('sync_mutation').values(row(stored)).execute();
      else
        await ctx.deps.db
          .updateTable('sync_mutation')
          .set({ result: JSON.stringify(stored) })
          .where('mutation_id', '=', m.mutationId)
          .execute();
      results.push({ mutationId: m.mutationId, ...stored });
    } catch (error) {
      // The same mutation arriving twice at once: the second finds the first's row.
      if (isUniqueViolation(error, 'sync_mutation')) {
        const again = await seen(ctx, actor, m.mutationId);
        if (again) {
          results.push(again);
          continue;
        }
      }
      if (error instanceof ProblemError && error.status < 500) {
        results.push(rejected(actor, m.mutationId, error));
        continue;
      }
      throw error;
    }
  }
  return results;
}

export interface PullChange {
  entity: string;
  id: string;
  version: number;
  record: unknown;
}

export interface PullPage {
  changes: PullChange[];
  revoked: { entity: string; id: string }[];
  cursor: string;
  more: boolean;
}

const PULLED = ['case', 'person', 'referral'];

/** A cursor is a change-log sequence number ('' or missing = from the start). */
function afterSeq(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0;
  if (!/^[0-9]{1,15}$/.test(cursor)) throw new ProblemError(400, 'invalid_cursor');
  return Number(cursor);
}

function parseVersions(text: string): Record<string, number> {
  return JSON.parse(text) as Record<string, number>;
}

/**
 * The records in the caller's scope changed after the cursor, each once at
 * its latest state (its last change-log row decides its page), and the
 * records the device must purge because they left the scope.
 */
export async function pull(
  ctx: Ctx,
  deviceId: string,
  query: { cursor?: string | undefined; limit?: string | undefined },
): Promise<PullPage> {
  const actor = await requireAny(ctx, 'case:read:agency');
  await activeDevice(ctx, actor, deviceId);
  const after = afterSeq(query.cursor);
  const limit = Math.min(Math.max(Number(query.limit ?? 200) || 200, 1), 500);
  const db = ctx.deps.db;
  const rows = await db
    .selectFrom('change_log')
    .select(['entity', 'entity_id'])
    .select((eb) => eb.fn.max('seq').as('last'))
    .where('agency_id', '=', actor.agencyId)
    .where('entity', 'in', PULLED)
    .where('seq', '>', after)
    .groupBy(['entity', 'entity_id'])
    .orderBy('last')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const changes: PullChange[] = [];
  const revoked: { entity: string; id: string }[] = [];
  const caseIds = page.filter((r) => r.entity === 'case').map((r) => r.entity_id);
  const personIds = page.filter((r) => r.entity === 'person').map((r) => r.entity_id);
  const caseVersions = new Map(
    caseIds.length === 0
      ? []
      : (
          await db
            .selectFrom('case_file')
            .innerJoin('person', 'person.id', 'case_file.person_id')
            .select([
              'case_file.id',
              'case_file.field_versions as cv',
              'person.field_versions as pv',
            ])
            .where('case_file.id', 'in', caseIds)
            .execute()
        ).map((r) => [r.id, { ...parseVersions(r.pv), ...parseVersions(r.cv) }]),
  );
  const persons = new Map(
    personIds.length === 0
      ? []
      : (
          await db
            .selectFrom('person')
            .select([
              'id',
              'given_name',
              'family_name',
              'sex',
              'birth_date',
              'estimated_age',
              'age_recorded_on',
              'area_code',
              'owner_agency_id',
              'version',
              'field_versions',
            ])
            .where('id', 'in', personIds)
            .execute()
        ).map((p) => [p.id, p]),
  );
  for (const r of page) {
    try {
      if (r.entity === 'case') {
        const detail = await readCase(ctx, r.entity_id, actor.agencyId, false);
        const fieldVersions = caseVersions.get(r.entity_id) ?? {};
        changes.push({
          entity: 'case',
          id: r.entity_id,
          version: detail.version,
          record: { ...detail, fieldVersions },
        });
      } else if (r.entity === 'person') {
        const p = persons.get(r.entity_id);
        if (!p || p.owner_agency_id !== actor.agencyId) throw new ProblemError(404, 'not_found');
        changes.push({
          entity: 'person',
          id: p.id,
          version: p.version,
          record: {
            id: p.id,
            givenName: p.given_name,
            familyName: p.family_name,
            sex: p.sex,
            birthDate: p.birth_date,
            estimatedAge: p.estimated_age,
            ageRecordedOn: p.age_recorded_on,
            areaCode: p.area_code,
            version: p.version,
            fieldVersions: parseVersions(p.field_versions),
          },
        });
      } else {
        const referral = await getReferral(ctx, r.entity_id, false);
        changes.push({ entity: 'referral', id: r.entity_id, version: 0, record: referral });
      }
    } catch (error) {
      // The record left the agency's scope since: the device must purge it.
      if (error instanceof ProblemError && error.status === 404)
        revoked.push({ entity: r.entity, id: r.entity_id });
      else throw error;
    }
  }
  if (changes.length > 0)
    await audit(ctx, db, {
      action: 'sync.pull',
      entity: 'case',
      entityIds: changes.filter((c) => c.entity !== 'referral').map((c) => c.id),
      details: { deviceId, referrals: changes.filter((c) => c.entity === 'referral').length },
    });
  const last = page.at(-1);
  return {
    changes,
    revoked,
    cursor: last ? String(last.last) : String(after),
    more: rows.length > limit,
  };
}

/** What a device needs before its first pull: areas, screening rules and forms, service types. */
export async function reference(ctx: Ctx, deviceId: string) {
  const actor = await requireAny(ctx, 'case:read:agency');
  await activeDevice(ctx, actor, deviceId);
  const areas = await ctx.deps.db
    .selectFrom('area')
    .select(['code', 'level', 'parent_code', 'default_name', 'names', 'version'])
    .orderBy('code')
    .execute();
  return {
    areas: areas.map((a) => ({
      code: a.code,
      level: a.level,
      parentCode: a.parent_code,
      name: a.default_name,
      names: JSON.parse(a.names) as Record<string, string>,
      version: a.version,
    })),
    rules: await screeningRules(ctx),
    serviceTypes: await listServiceTypes(ctx),
    editableFields: Object.keys(EDITABLE_FIELDS),
  };
}
