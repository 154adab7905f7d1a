import { jsonArrayFrom as pgJsonArrayFrom } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteJsonArrayFrom } from 'kysely/helpers/sqlite';
import {
  actionsFrom,
  type CaseStep,
  type CaseTopic,
  type FormAnswers,
  nameKey,
  personAge,
  type RiskLevel,
  responseTask,
} from '../../core/index.ts';
import type { Actor, Ctx } from '../context.ts';
import { runCompiled } from '../db/compiled.ts';
import { notFound, ProblemError } from '../http/problem.ts';
import { deny, requireAny } from './access.ts';
import { knownArea } from './areas.ts';
import { checkedAnswers, formAnswerRow } from './caseForms.ts';
import { DEFAULT_RESPONSE_TARGETS, packRules } from './packRules.ts';
import { personKeyRows } from './persons.ts';
import {
  audit,
  type Insert,
  insertAll,
  inTransaction,
  isUniqueViolation,
  recordChanges,
} from './trail.ts';

export interface NewPerson {
  /** A device's own id for a person registered offline (docs/sync.md). */
  id?: string | undefined;
  givenName: string;
  familyName?: string | undefined;
  sex: 'female' | 'male' | 'other' | 'unknown';
  birthDate?: string | undefined;
  estimatedAge?: number | undefined;
  areaCode?: string | undefined;
}

export interface CaseIntake {
  /** A device's own id for a case opened offline; refused when another record has it. */
  id?: string | undefined;
  person: { personId: string } | NewPerson;
  topics: CaseTopic[];
  riskLevel: RiskLevel;
  areaCode: string;
  /** Answers to the pack's intake questions; omitted = not asked yet (they can be saved later). */
  answers?: FormAnswers | undefined;
}

function today(ctx: Ctx): string {
  return ctx.deps.clock.now().toISOString().slice(0, 10);
}

/**
 * A reference people can read out on the phone: country, year, eight letters and
 * digits without look-alikes (32⁸ ≈ 10¹²: a clash is checked for, and rare).
 */
export function newReference(country: string | null, at: Date): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  const code = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return `${country ?? 'PF'}-${at.getUTCFullYear()}-${code}`;
}

export async function ownCase(ctx: Ctx, id: string) {
  const actor = await requireAny(ctx, 'case:read:agency');
  const row = await ctx.deps.db
    .selectFrom('case_file')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  // Another agency's case is "not found": its existence is itself need-to-know (the attempt is audited).
  if (row && row.owner_agency_id !== actor.agencyId) await deny(ctx, 'case:read:agency', [id]);
  if (!row || row.owner_agency_id !== actor.agencyId) throw notFound('case');
  return row;
}

/** A case of the actor's agency that can take new records. */
export async function writableCase(
  ctx: Ctx,
  caseId: string,
): Promise<{ actor: Actor; personId: string }> {
  const actor = await requireAny(ctx, 'case:write:agency');
  const row = await ownCase(ctx, caseId);
  if (row.step === 'closed') throw new ProblemError(409, 'case_closed');
  return { actor, personId: row.person_id };
}

/** Registers a person (or reuses one of the agency's) and opens a case with its first-response task. */
export async function openCase(ctx: Ctx, input: CaseIntake): Promise<CaseDetail> {
  const actor = await requireAny(ctx, 'case:write:agency');
  const rules = await packRules(ctx);
  const now = ctx.deps.clock.now();
  const at = now.toISOString();
  const caseId = input.id ?? crypto.randomUUID();
  if (new Set(input.topics).size !== input.topics.length)
    throw new ProblemError(400, 'validation_failed', { detail: 'topics repeat' });
  if (!(await knownArea(ctx, input.areaCode)))
    throw new ProblemError(400, 'unknown_reference', { field: 'areaCode' });
  const newPerson = 'personId' in input.person ? null : input.person;
  if (newPerson) {
    if (newPerson.birthDate === undefined && newPerson.estimatedAge === undefined)
      throw new ProblemError(400, 'age_required');
    if (newPerson.birthDate !== undefined) {
      const age = personAge(
        { birthDate: newPerson.birthDate, estimatedAge: null, ageRecordedOn: today(ctx) },
        today(ctx),
      );
      if (age === null || age.years > 120) throw new ProblemError(400, 'invalid_birth_date');
    }
  }
  if (input.id !== undefined || newPerson?.id !== undefined) await freeIds(ctx, input);
  const intake = input.answers ? await checkedAnswers(ctx, 'intake', input.answers) : null;
  const task = responseTask(input.riskLevel, at, rules.responseTargets ?? DEFAULT_RESPONSE_TARGETS);
  const taskId = crypto.randomUUID();
  const eventDetails = {
    riskLevel: input.riskLevel,
    topics: input.topics,
    responseHours: task.hours,
  };
  const write = (reference: string) =>
    inTransaction(
      ctx,
      (w: { personId: string }) => ({
        action: 'case.open',
        entity: 'case',
        entityIds: [caseId, w.personId],
      }),
      async (trx) => {
        const inserts: Insert[] = [];
        let personId: string;
        if (!newPerson) {
          const existing = 'personId' in input.person ? input.person.personId : '';
          const person = await trx
            .selectFrom('person')
            .select(['id', 'owner_agency_id'])
            .where('id', '=', existing)
            .executeTakeFirst();
          if (!person || person.owner_agency_id !== actor.agencyId)
            throw new ProblemError(400, 'unknown_reference', { field: 'personId' });
          personId = person.id;
        } else {
          const p = newPerson;
          personId = p.id ?? crypto.randomUUID();
          const key = nameKey(p.givenName, p.familyName ?? '');
          inserts.push(
            {
              table: 'person',
              rows: [
                {
                  id: personId,
                  given_name: p.givenName.trim(),
                  family_name: (p.familyName ?? '').trim(),
                  name_key: key,
                  sex: p.sex,
                  birth_date: p.birthDate ?? null,
                  estimated_age: p.birthDate === undefined ? (p.estimatedAge ?? null) : null,
                  age_recorded_on: today(ctx),
                  area_code: p.areaCode ?? input.areaCode,
                  owner_agency_id: actor.agencyId,
                  version: 1,
                  field_versions: '{}',
                  created_at: at,
                  updated_at: at,
                },
              ],
            },
            { table: 'person_key', rows: personKeyRows(personId, actor.agencyId, key) },
          );
          await recordChanges(ctx, trx, [
            {
              entity: 'person',
              entityId: personId,
              version: 1,
              agencyId: actor.agencyId,
              areaCode: input.areaCode,
            },
          ]);
        }
        inserts.push(
          {
            table: 'case_file',
            rows: [
              {
                id: caseId,
                reference,
                person_id: personId,
                topics: input.topics.join(','),
                step: 'identification',
                risk_level: input.riskLevel,
                owner_agency_id: actor.agencyId,
                area_code: input.areaCode,
                created_by: actor.userId,
                assigned_user_id: actor.userId,
                identified_at: at,
                closed_at: null,
                closure_requested_by: null,
                version: 1,
                field_versions: '{}',
                created_at: at,
                updated_at: at,
              },
            ],
          },
          {
            table: 'task',
            rows: [
              {
                id: taskId,
                case_id: caseId,
                kind: task.kind,
                due_at: task.dueAt,
                done_at: null,
                agency_id: actor.agencyId,
                created_at: at,
              },
            ],
          },
          {
            table: 'case_event',
            rows: [
              {
                id: crypto.randomUUID(),
                case_id: caseId,
                at,
                actor_user_id: actor.userId,
                type: 'opened',
                details: JSON.stringify(eventDetails),
              },
            ],
          },
        );
        if (intake)
          inserts.push({
            table: 'case_form_answer',
            rows: [formAnswerRow(caseId, intake.form, intake.values, actor.userId, at)],
          });
        await insertAll(ctx, trx, inserts);
        await recordChanges(ctx, trx, [
          {
            entity: 'case',
            entityId: caseId,
            version: 1,
            agencyId: actor.agencyId,
            areaCode: input.areaCode,
          },
        ]);
        return { personId, reference };
      },
    );
  let written: { personId: string; reference: string };
  try {
    written = await write(newReference(rules.country, now));
  } catch (error) {
    // References are random (32⁸ per country and year): a clash is rare, and retried once.
    if (!isUniqueViolation(error, 'reference')) throw error;
    written = await write(newReference(rules.country, now));
  }
  if ('personId' in input.person) return caseDetail(ctx, caseId, false);
  // A new person: everything the answer holds was just written, so it is not read back.
  const p = input.person;
  const age = personAge(
    {
      birthDate: p.birthDate ?? null,
      estimatedAge: p.birthDate === undefined ? (p.estimatedAge ?? null) : null,
      ageRecordedOn: at.slice(0, 10),
    },
    at.slice(0, 10),
  );
  return {
    id: caseId,
    reference: written.reference,
    step: 'identification',
    riskLevel: input.riskLevel,
    topics: input.topics,
    areaCode: input.areaCode,
    identifiedAt: at,
    closedAt: null,
    version: 1,
    assignedTo: { id: actor.userId, username: actor.username, displayName: actor.displayName },
    person: {
      id: written.personId,
      givenName: p.givenName.trim(),
      familyName: (p.familyName ?? '').trim(),
      sex: p.sex,
      birthDate: p.birthDate ?? null,
      age: age?.years ?? null,
      ageEstimated: age?.estimated ?? false,
    },
    screenings: [],
    tasks: [{ id: taskId, kind: task.kind, dueAt: task.dueAt, doneAt: null }],
    goals: [],
    interventions: [],
    followUps: [],
    events: [{ at, type: 'opened', actorUsername: actor.username, details: eventDetails }],
    actions: actionsFrom('identification'),
    forms: intake
      ? [
          {
            formId: intake.form.id,
            formVersion: intake.form.version,
            answers: intake.values,
            updatedAt: at,
          },
        ]
      : [],
  };
}

/** A case or person id chosen by a device must not be another record's already. */
async function freeIds(ctx: Ctx, input: CaseIntake): Promise<void> {
  const personId = 'personId' in input.person ? undefined : input.person.id;
  const takenCase =
    input.id !== undefined &&
    (await ctx.deps.db
      .selectFrom('case_file')
      .select('id')
      .where('id', '=', input.id)
      .executeTakeFirst());
  const takenPerson =
    personId !== undefined &&
    (await ctx.deps.db
      .selectFrom('person')
      .select('id')
      .where('id', '=', personId)
      .executeTakeFirst());
  if (takenCase) throw new ProblemError(409, 'id_taken', { field: 'id' });
  if (takenPerson) throw new ProblemError(409, 'id_taken', { field: 'person.id' });
}

/** Rows of a JSON array column: parsed already on PostgreSQL, text on SQLite. */
function jsonRows<T>(value: T[] | string): T[] {
  return typeof value === 'string' ? (JSON.parse(value) as T[]) : value;
}

/** Orders rows by a text column (ISO dates and times sort as text), stable for ties. */
function by<K extends string>(key: K) {
  return (a: { [k in K]: string }, b: { [k in K]: string }) =>
    a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0;
}

export interface CaseDetail {
  id: string;
  reference: string;
  step: string;
  riskLevel: string;
  topics: string[];
  areaCode: string;
  identifiedAt: string;
  closedAt: string | null;
  version: number;
  /** The worker responsible for the case; null when unassigned. */
  assignedTo: { id: string; username: string; displayName: string } | null;
  person: {
    id: string;
    givenName: string;
    familyName: string;
    sex: string;
    birthDate: string | null;
    age: number | null;
    ageEstimated: boolean;
  };
  screenings: {
    id: string;
    kind: string;
    summary: string;
    rulesId: string;
    rulesVersion: string;
    result: unknown;
    createdAt: string;
  }[];
  tasks: { id: string; kind: string; dueAt: string; doneAt: string | null }[];
  goals: { id: string; description: string; dueDate: string | null; doneAt: string | null }[];
  interventions: {
    id: string;
    type: string;
    startedOn: string;
    endedOn: string | null;
    provider: string | null;
  }[];
  followUps: {
    id: string;
    visitedOn: string;
    stillWorking: boolean | null;
    inSchool: boolean | null;
    safe: boolean | null;
    withFamily: boolean | null;
  }[];
  events: {
    at: string;
    type: string;
    actorUsername: string | null;
    details: Record<string, unknown>;
  }[];
  actions: string[];
  /** Answers to the country pack's forms (intake, assessment). */
  forms: {
    formId: string;
    formVersion: string;
    answers: Record<string, unknown>;
    updatedAt: string;
  }[];
}

export async function caseDetail(ctx: Ctx, id: string, auditRead = true): Promise<CaseDetail> {
  const actor = await requireAny(ctx, 'case:read:agency');
  return readCase(ctx, id, actor.agencyId, auditRead);
}

/**
 * A case of `agencyId` (the reader's own, or — for a referral — the referrer's,
 * of which the caller then keeps only the shared fields).
 */
/** The one statement that reads whole cases: each list a JSON array built by the database. */
function caseSelect(ctx: Ctx) {
  const db = ctx.deps.db;
  const jsonArrayFrom = ctx.deps.dialect === 'postgres' ? pgJsonArrayFrom : sqliteJsonArrayFrom;
  return db
    .selectFrom('case_file')
    .innerJoin('person', 'person.id', 'case_file.person_id')
    .leftJoin('app_user as assignee', 'assignee.id', 'case_file.assigned_user_id')
    .selectAll('case_file')
    .select((eb) => [
      'person.given_name',
      'person.family_name',
      'person.sex',
      'person.birth_date',
      'person.estimated_age',
      'person.age_recorded_on',
      'person.field_versions as person_field_versions',
      'assignee.username as assignee_username',
      'assignee.display_name as assignee_display_name',
      jsonArrayFrom(
        eb
          .selectFrom('screening')
          .select([
            'screening.id',
            'screening.kind',
            'screening.summary',
            'screening.rules_id',
            'screening.rules_version',
            'screening.result',
            'screening.created_at',
          ])
          .whereRef('screening.case_id', '=', 'case_file.id'),
      ).as('screenings'),
      jsonArrayFrom(
        eb
          .selectFrom('task')
          .select(['task.id', 'task.kind', 'task.due_at', 'task.done_at'])
          .whereRef('task.case_id', '=', 'case_file.id'),
      ).as('tasks'),
      jsonArrayFrom(
        eb
          .selectFrom('case_event')
          .leftJoin('app_user', 'app_user.id', 'case_event.actor_user_id')
          .select(['case_event.at', 'case_event.type', 'case_event.details', 'app_user.username'])
          .whereRef('case_event.case_id', '=', 'case_file.id'),
      ).as('events'),
      jsonArrayFrom(
        eb
          .selectFrom('case_goal')
          .select([
            'case_goal.id',
            'case_goal.description',
            'case_goal.due_date',
            'case_goal.done_at',
            'case_goal.created_at',
          ])
          .whereRef('case_goal.case_id', '=', 'case_file.id'),
      ).as('goals'),
      jsonArrayFrom(
        eb
          .selectFrom('intervention')
          .select([
            'intervention.id',
            'intervention.type',
            'intervention.started_on',
            'intervention.ended_on',
            'intervention.provider',
            'intervention.created_at',
          ])
          .whereRef('intervention.case_id', '=', 'case_file.id'),
      ).as('interventions'),
      jsonArrayFrom(
        eb
          .selectFrom('case_form_answer')
          .select([
            'case_form_answer.form_id',
            'case_form_answer.form_version',
            'case_form_answer.answers',
            'case_form_answer.updated_at',
          ])
          .whereRef('case_form_answer.case_id', '=', 'case_file.id'),
      ).as('forms'),
      jsonArrayFrom(
        eb
          .selectFrom('follow_up')
          .select([
            'follow_up.id',
            'follow_up.visited_on',
            'follow_up.still_working',
            'follow_up.in_school',
            'follow_up.safe',
            'follow_up.with_family',
            'follow_up.created_at',
          ])
          .whereRef('follow_up.case_id', '=', 'case_file.id'),
      ).as('follow_ups'),
    ]);
}

type CaseRow = Awaited<ReturnType<ReturnType<typeof caseSelect>['executeTakeFirstOrThrow']>>;

export async function readCase(
  ctx: Ctx,
  id: string,
  agencyId: string,
  auditRead: boolean,
): Promise<CaseDetail> {
  const db = ctx.deps.db;
  // One statement for the whole case, so a read is one round trip.
  const [found] = await runCompiled(db, `case.read.${ctx.deps.dialect}`, [id], () =>
    caseSelect(ctx).where('case_file.id', '=', id),
  );
  // Another agency's case is "not found": its existence is itself need-to-know (the attempt is audited).
  if (found && found.owner_agency_id !== agencyId) await deny(ctx, 'case:read:agency', [id]);
  if (!found || found.owner_agency_id !== agencyId) throw notFound('case');
  if (auditRead)
    await audit(ctx, db, { action: 'case.read', entity: 'case', entityIds: [id, found.person_id] });
  return toCaseDetail(ctx, found);
}

/**
 * Many cases of `agencyId` in one statement (a page of the sync pull; the pull audits what it
 * sends). Cases of another agency, or gone, are simply absent.
 */
export async function readCases(
  ctx: Ctx,
  ids: readonly string[],
  agencyId: string,
): Promise<(CaseDetail & { fieldVersions: Record<string, number> })[]> {
  if (ids.length === 0) return [];
  const rows = await caseSelect(ctx)
    .where('case_file.id', 'in', [...ids])
    .where('case_file.owner_agency_id', '=', agencyId)
    .execute();
  // With each field's version (person's and case's), as the sync pull sends them.
  return rows.map((row) => ({
    ...toCaseDetail(ctx, row),
    fieldVersions: { ...versionsOf(row.person_field_versions), ...versionsOf(row.field_versions) },
  }));
}

/** A row's `field_versions` JSON: field → version. */
export function versionsOf(text: string): Record<string, number> {
  const parsed = JSON.parse(text) as unknown;
  return parsed && typeof parsed === 'object' ? (parsed as Record<string, number>) : {};
}

function toCaseDetail(ctx: Ctx, row: CaseRow): CaseDetail {
  const person = {
    id: row.person_id,
    given_name: row.given_name,
    family_name: row.family_name,
    sex: row.sex,
    birth_date: row.birth_date,
    estimated_age: row.estimated_age,
    age_recorded_on: row.age_recorded_on,
  };
  const assignee =
    row.assigned_user_id && row.assignee_username
      ? {
          id: row.assigned_user_id,
          username: row.assignee_username,
          display_name: row.assignee_display_name ?? row.assignee_username,
        }
      : undefined;
  const screenings = jsonRows(row.screenings).sort(by('created_at'));
  const tasks = jsonRows(row.tasks).sort(by('due_at'));
  const events = jsonRows(row.events).sort(by('at'));
  const goals = jsonRows(row.goals).sort(by('created_at'));
  const interventions = jsonRows(row.interventions).sort(by('started_on'));
  const followUps = jsonRows(row.follow_ups).sort(by('visited_on'));
  const forms = jsonRows(row.forms).sort(by('form_id'));
  const yesNo = (v: number | null) => (v === null ? null : v === 1);
  const age = personAge(
    {
      birthDate: person.birth_date,
      estimatedAge: person.estimated_age,
      ageRecordedOn: person.age_recorded_on,
    },
    today(ctx),
  );
  return {
    id: row.id,
    reference: row.reference,
    step: row.step,
    riskLevel: row.risk_level,
    topics: row.topics.split(','),
    areaCode: row.area_code,
    identifiedAt: row.identified_at,
    closedAt: row.closed_at,
    version: row.version,
    assignedTo: assignee
      ? { id: assignee.id, username: assignee.username, displayName: assignee.display_name }
      : null,
    person: {
      id: person.id,
      givenName: person.given_name,
      familyName: person.family_name,
      sex: person.sex,
      birthDate: person.birth_date,
      age: age?.years ?? null,
      ageEstimated: age?.estimated ?? false,
    },
    screenings: screenings.map((s) => ({
      id: s.id,
      kind: s.kind,
      summary: s.summary,
      rulesId: s.rules_id,
      rulesVersion: s.rules_version,
      result: JSON.parse(s.result) as unknown,
      createdAt: s.created_at,
    })),
    tasks: tasks.map((t) => ({ id: t.id, kind: t.kind, dueAt: t.due_at, doneAt: t.done_at })),
    goals: goals.map((g) => ({
      id: g.id,
      description: g.description,
      dueDate: g.due_date,
      doneAt: g.done_at,
    })),
    interventions: interventions.map((i) => ({
      id: i.id,
      type: i.type,
      startedOn: i.started_on,
      endedOn: i.ended_on,
      provider: i.provider,
    })),
    followUps: followUps.map((f) => ({
      id: f.id,
      visitedOn: f.visited_on,
      stillWorking: yesNo(f.still_working),
      inSchool: yesNo(f.in_school),
      safe: yesNo(f.safe),
      withFamily: yesNo(f.with_family),
    })),
    events: events.map((e) => ({
      at: e.at,
      type: e.type,
      actorUsername: e.username,
      details: JSON.parse(e.details) as Record<string, unknown>,
    })),
    actions: actionsFrom(row.step as CaseStep),
    forms: forms.map((f) => ({
      formId: f.form_id,
      formVersion: f.form_version,
      answers: JSON.parse(f.answers) as Record<string, unknown>,
      updatedAt: f.updated_at,
    })),
  };
}

/** One case of the actor's agency, with person, screenings, tasks and timeline (audited). */
export function getCase(ctx: Ctx, id: string): Promise<CaseDetail> {
  return caseDetail(ctx, id);
}
