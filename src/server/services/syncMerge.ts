import type { Transaction } from 'kysely';
import {
  bumpedVersions,
  type FieldEdit,
  type FieldValue,
  fieldVersion,
  mergeFields,
  nameKey,
  personAge,
  RISK_LEVELS,
} from '../../core/index.ts';
import type { Actor, Ctx } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { notFound, ProblemError } from '../http/problem.ts';
import { requireAny } from './access.ts';
import { knownArea } from './areas.ts';
import { versionsOf, writableCase } from './cases.ts';
import { personKeyRows } from './persons.ts';
import { audit, inTransaction, recordChanges } from './trail.ts';

type PersonColumn =
  | 'given_name'
  | 'family_name'
  | 'sex'
  | 'birth_date'
  | 'estimated_age'
  | 'area_code';

/** The fields a device (or the case page) may edit, and where each is stored. */
export const EDITABLE_FIELDS = {
  'person.givenName': { record: 'person', column: 'given_name' },
  'person.familyName': { record: 'person', column: 'family_name' },
  'person.sex': { record: 'person', column: 'sex' },
  'person.birthDate': { record: 'person', column: 'birth_date' },
  'person.estimatedAge': { record: 'person', column: 'estimated_age' },
  'person.areaCode': { record: 'person', column: 'area_code' },
  'case.riskLevel': { record: 'case', column: 'risk_level' },
} as const satisfies Record<string, { record: 'person' | 'case'; column: string }>;

export type EditableField = keyof typeof EDITABLE_FIELDS;

export interface FieldsInput {
  /** The case version the editor saw (stands in for a missing field base version). */
  version: number;
  fields: Partial<Record<EditableField, FieldEdit>>;
}

export interface ConflictView {
  id: string;
  caseId: string;
  entity: string;
  entityId: string;
  field: string;
  baseVersion: number | null;
  serverVersion: number;
  serverValue: FieldValue;
  deviceValue: FieldValue;
  deviceId: string | null;
  createdAt: string;
  resolvedAt: string | null;
  resolution: { choice: string; value: FieldValue } | null;
}

export interface FieldsOutcome {
  caseId: string;
  /** The case version after the change. */
  version: number;
  applied: string[];
  unchanged: string[];
  conflicts: ConflictView[];
  fieldVersions: Record<string, number>;
}

const SEXES = ['female', 'male', 'other', 'unknown'];

/** Checks one field's value beyond its type (the route schema checks types and lengths). */
async function checkValue(ctx: Ctx, field: string, value: FieldValue): Promise<void> {
  const bad = () => new ProblemError(400, 'validation_failed', { detail: field });
  switch (field) {
    case 'person.givenName':
      if (typeof value !== 'string' || value.trim() === '' || value.length > 200) throw bad();
      return;
    case 'person.familyName':
      if (typeof value !== 'string' || value.length > 200) throw bad();
      return;
    case 'person.sex':
      if (typeof value !== 'string' || !SEXES.includes(value)) throw bad();
      return;
    case 'case.riskLevel':
      if (typeof value !== 'string' || !(RISK_LEVELS as readonly string[]).includes(value))
        throw bad();
      return;
    case 'person.estimatedAge':
      if (value !== null && (!Number.isInteger(value) || Number(value) < 0 || Number(value) > 120))
        throw bad();
      return;
    case 'person.birthDate': {
      if (value === null) return;
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw bad();
      const today = ctx.deps.clock.now().toISOString().slice(0, 10);
      const age = personAge({ birthDate: value, estimatedAge: null, ageRecordedOn: today }, today);
      if (age === null || age.years > 120) throw new ProblemError(400, 'invalid_birth_date');
      return;
    }
    case 'person.areaCode':
      if (value === null) return;
      if (typeof value !== 'string' || !(await knownArea(ctx, value)))
        throw new ProblemError(400, 'unknown_reference', { field });
      return;
    default:
      throw new ProblemError(400, 'validation_failed', { detail: field });
  }
}

/** What `recordCaseChange` needs of a case row (a caller that read it already passes it). */
export interface CaseStamp {
  id: string;
  version: number;
  owner_agency_id: string;
  area_code: string;
}

/**
 * Appends a change-log row for a case whose record (as `GET /cases/:id` shows
 * it: screenings, plan, follow-ups, forms, timeline …) changed without its
 * version moving, in the same transaction, so the sync pull sends the case
 * again at its latest state (docs/sync.md).
 */
export async function recordCaseChange(
  ctx: Ctx,
  trx: Transaction<Database>,
  kase: string | CaseStamp,
): Promise<void> {
  const row =
    typeof kase === 'string'
      ? await trx
          .selectFrom('case_file')
          .select(['id', 'version', 'owner_agency_id', 'area_code'])
          .where('id', '=', kase)
          .executeTakeFirstOrThrow()
      : kase;
  await recordChanges(ctx, trx, [
    {
      entity: 'case',
      entityId: row.id,
      version: row.version,
      agencyId: row.owner_agency_id,
      areaCode: row.area_code,
    },
  ]);
}

/**
 * Reads the case and its person inside `trx`, merges the edits field by field
 * (core mergeFields), writes what applies with new field versions and the
 * change log, and stores each conflict with both values.
 */
async function writeFields(
  ctx: Ctx,
  trx: Transaction<Database>,
  actor: Actor,
  caseId: string,
  edits: Record<string, FieldEdit>,
  recordVersion: number | null,
  deviceId: string | null,
): Promise<FieldsOutcome> {
  const lock = <Q extends { forUpdate(): Q }>(q: Q) =>
    ctx.deps.dialect === 'postgres' ? q.forUpdate() : q;
  const kase = await lock(
    trx.selectFrom('case_file').selectAll().where('id', '=', caseId),
  ).executeTakeFirstOrThrow();
  const person = await lock(
    trx.selectFrom('person').selectAll().where('id', '=', kase.person_id),
  ).executeTakeFirstOrThrow();
  const caseVersions = versionsOf(kase.field_versions);
  const personVersions = versionsOf(person.field_versions);
  const values: Record<string, FieldValue> = { 'case.riskLevel': kase.risk_level };
  for (const [field, spec] of Object.entries(EDITABLE_FIELDS))
    if (spec.record === 'person') values[field] = person[spec.column as PersonColumn];
  const merge = mergeFields(
    { values, versions: { ...personVersions, ...caseVersions } },
    edits,
    recordVersion === null || recordVersion === kase.version,
  );
  const at = ctx.deps.clock.now().toISOString();
  const personApplied = merge.applied.filter((a) => a.field.startsWith('person.'));
  const caseApplied = merge.applied.filter((a) => a.field.startsWith('case.'));
  const nextPerson = bumpedVersions(personVersions, personApplied);
  const nextCase = bumpedVersions(caseVersions, caseApplied);
  let version = kase.version;
  if (personApplied.length > 0) {
    const set: Record<string, FieldValue> = {};
    for (const a of personApplied)
      set[EDITABLE_FIELDS[a.field as EditableField].column] =
        typeof a.value === 'string' && a.field.endsWith('Name') ? a.value.trim() : a.value;
    const next = { ...person, ...set } as typeof person;
    if (next.birth_date === null && next.estimated_age === null)
      throw new ProblemError(400, 'age_required');
    const key = nameKey(next.given_name, next.family_name);
    await trx
      .updateTable('person')
      .set({
        ...set,
        name_key: key,
        ...('estimated_age' in set ? { age_recorded_on: at.slice(0, 10) } : {}),
        field_versions: JSON.stringify(nextPerson),
        version: person.version + 1,
        updated_at: at,
      })
      .where('id', '=', person.id)
      .execute();
    if (key !== person.name_key) {
      await trx.deleteFrom('person_key').where('person_id', '=', person.id).execute();
      await trx
        .insertInto('person_key')
        .values(personKeyRows(person.id, person.owner_agency_id, key))
        .execute();
    }
    await recordChanges(ctx, trx, [
      {
        entity: 'person',
        entityId: person.id,
        version: person.version + 1,
        agencyId: person.owner_agency_id,
        areaCode: next.area_code,
      },
    ]);
  }
  if (merge.applied.length > 0) {
    version = kase.version + 1;
    const risk = caseApplied.find((a) => a.field === 'case.riskLevel');
    await trx
      .updateTable('case_file')
      .set({
        ...(risk ? { risk_level: String(risk.value) } : {}),
        field_versions: JSON.stringify(nextCase),
        version,
        updated_at: at,
      })
      .where('id', '=', caseId)
      .execute();
    await trx
      .insertInto('case_event')
      .values({
        id: crypto.randomUUID(),
        case_id: caseId,
        at,
        actor_user_id: actor.userId,
        type: 'fields_changed',
        details: JSON.stringify({ fields: merge.applied.map((a) => a.field) }),
      })
      .execute();
    await recordChanges(ctx, trx, [
      {
        entity: 'case',
        entityId: caseId,
        version,
        agencyId: kase.owner_agency_id,
        areaCode: kase.area_code,
      },
    ]);
  }
  const conflicts: ConflictView[] = merge.conflicts.map((c) => ({
    id: crypto.randomUUID(),
    caseId,
    entity: c.field.startsWith('person.') ? 'person' : 'case',
    entityId: c.field.startsWith('person.') ? person.id : caseId,
    field: c.field,
    baseVersion: c.baseVersion,
    serverVersion: c.serverVersion,
    serverValue: c.serverValue,
    deviceValue: c.deviceValue,
    deviceId,
    createdAt: at,
    resolvedAt: null,
    resolution: null,
  }));
  if (conflicts.length > 0)
    await trx
      .insertInto('sync_conflict')
      .values(
        conflicts.map((c) => ({
          id: c.id,
          entity: c.entity,
          entity_id: c.entityId,
          case_id: caseId,
          field: c.field,
          base_version: c.baseVersion,
          server_version: c.serverVersion,
          server_value: JSON.stringify(c.serverValue),
          device_value: JSON.stringify(c.deviceValue),
          device_id: deviceId,
          user_id: actor.userId,
          agency_id: kase.owner_agency_id,
          created_at: at,
        })),
      )
      .execute();
  const fieldVersions: Record<string, number> = {};
  for (const field of Object.keys(EDITABLE_FIELDS))
    fieldVersions[field] = fieldVersion({ ...nextPerson, ...nextCase }, field);
  return {
    caseId,
    version,
    applied: merge.applied.map((a) => a.field),
    unchanged: merge.unchanged,
    conflicts,
    fieldVersions,
  };
}

/**
 * Changes offline-editable fields of a case and its person, merged per field:
 * the one path for the case page (PATCH /cases/:id/fields) and the sync push.
 */
export async function changeFields(
  ctx: Ctx,
  caseId: string,
  input: FieldsInput,
  deviceId: string | null = null,
): Promise<FieldsOutcome> {
  const { actor } = await writableCase(ctx, caseId);
  const edits = Object.fromEntries(
    Object.entries(input.fields).filter((e): e is [string, FieldEdit] => e[1] !== undefined),
  );
  if (Object.keys(edits).length === 0)
    throw new ProblemError(400, 'validation_failed', { detail: 'fields' });
  for (const [field, edit] of Object.entries(edits)) await checkValue(ctx, field, edit.value);
  return inTransaction(
    ctx,
    (o: FieldsOutcome) => ({
      action: 'case.fields',
      entity: 'case',
      entityIds: [caseId],
      details: {
        applied: o.applied,
        unchanged: o.unchanged,
        conflicts: o.conflicts.map((c) => c.field),
        ...(deviceId ? { deviceId } : {}),
      },
    }),
    (trx) => writeFields(ctx, trx, actor, caseId, edits, input.version, deviceId),
  );
}

type ConflictRow = Database['sync_conflict'];

function conflictView(
  r: {
    [K in keyof ConflictRow]: ConflictRow[K];
  },
): ConflictView {
  return {
    id: r.id,
    caseId: r.case_id,
    entity: r.entity,
    entityId: r.entity_id,
    field: r.field,
    baseVersion: r.base_version,
    serverVersion: r.server_version,
    serverValue: JSON.parse(r.server_value) as FieldValue,
    deviceValue: JSON.parse(r.device_value) as FieldValue,
    deviceId: r.device_id,
    createdAt: r.created_at,
    resolvedAt: r.resolved_at,
    resolution: r.resolution ? (JSON.parse(r.resolution) as ConflictView['resolution']) : null,
  };
}

/** The agency's sync conflicts (open ones by default), oldest first; the read is audited. */
export async function listConflicts(
  ctx: Ctx,
  state: 'open' | 'resolved' | 'all' = 'open',
): Promise<ConflictView[]> {
  const actor = await requireAny(ctx, 'case:read:agency');
  const rows = await ctx.deps.db
    .selectFrom('sync_conflict')
    .selectAll()
    .where('agency_id', '=', actor.agencyId)
    .$if(state === 'open', (q) => q.where('resolved_at', 'is', null))
    .$if(state === 'resolved', (q) => q.where('resolved_at', 'is not', null))
    .orderBy('created_at')
    .orderBy('id')
    .limit(500)
    .execute();
  if (rows.length > 0)
    await audit(ctx, ctx.deps.db, {
      action: 'sync.conflicts.read',
      entity: 'case',
      entityIds: [...new Set(rows.map((r) => r.case_id))],
    });
  return rows.map(conflictView);
}

export interface Resolution {
  choice: 'server' | 'device' | 'value';
  value?: FieldValue | undefined;
}

/**
 * A person settles a conflict: the server's value stays, or the device's (or a
 * new) value becomes the field's next version. Audited; the conflict is kept.
 */
export async function resolveConflict(
  ctx: Ctx,
  id: string,
  input: Resolution,
): Promise<ConflictView> {
  const actor = await requireAny(ctx, 'case:write:agency');
  const row = await ctx.deps.db
    .selectFrom('sync_conflict')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || row.agency_id !== actor.agencyId) throw notFound('conflict');
  if (row.resolved_at) throw new ProblemError(409, 'conflict_resolved');
  await writableCase(ctx, row.case_id);
  const current = conflictView(row);
  let value: FieldValue | undefined;
  if (input.choice === 'device') value = current.deviceValue;
  if (input.choice === 'value') {
    if (input.value === undefined)
      throw new ProblemError(400, 'validation_failed', { detail: 'value' });
    value = input.value;
  }
  if (value !== undefined) await checkValue(ctx, row.field, value);
  const at = ctx.deps.clock.now().toISOString();
  const resolution = { choice: input.choice, value: value ?? null };
  await inTransaction(
    ctx,
    {
      action: 'sync.conflict.resolve',
      entity: 'case',
      entityIds: [row.case_id, id],
      details: { field: row.field, choice: input.choice },
    },
    async (trx) => {
      const done = await trx
        .updateTable('sync_conflict')
        .set({ resolved_at: at, resolved_by: actor.userId, resolution: JSON.stringify(resolution) })
        .where('id', '=', id)
        .where('resolved_at', 'is', null)
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) throw new ProblemError(409, 'conflict_resolved');
      if (value !== undefined)
        await writeFields(ctx, trx, actor, row.case_id, { [row.field]: { value } }, null, null);
    },
  );
  return { ...current, resolvedAt: at, resolution };
}
