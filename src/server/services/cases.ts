import {
  actionsFrom,
  type CaseAction,
  type CaseStep,
  type CaseTopic,
  hasPermission,
  nameKey,
  personAge,
  type RiskLevel,
  responseTask,
  transitionCase,
} from '../../core/index.ts';
import type { Ctx } from '../context.ts';
import { containsText } from '../db/like.ts';
import { notFound, ProblemError } from '../http/problem.ts';
import { deny, requireAny } from './access.ts';
import { DEFAULT_RESPONSE_TARGETS, packRules } from './packRules.ts';
import { decodeCursor, type Page, pageLimit, toPage } from './pagination.ts';
import { audit, inTransaction, recordChanges } from './trail.ts';

export interface NewPerson {
  givenName: string;
  familyName?: string | undefined;
  sex: 'female' | 'male' | 'other' | 'unknown';
  birthDate?: string | undefined;
  estimatedAge?: number | undefined;
  areaCode?: string | undefined;
}

export interface CaseIntake {
  person: { personId: string } | NewPerson;
  topics: CaseTopic[];
  riskLevel: RiskLevel;
  areaCode: string;
}

export interface CaseSummary {
  id: string;
  reference: string;
  personName: string;
  step: string;
  riskLevel: string;
  topics: string[];
  areaCode: string;
  nextDueAt: string | null;
  overdue: boolean;
  identifiedAt: string;
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

async function freeReference(
  trx: Parameters<Parameters<typeof inTransaction>[2]>[0],
  country: string | null,
  at: Date,
): Promise<string> {
  for (;;) {
    const reference = newReference(country, at);
    const taken = await trx
      .selectFrom('case_file')
      .select('id')
      .where('reference', '=', reference)
      .executeTakeFirst();
    if (!taken) return reference;
  }
}

/** An area's code and every code below it (a province and its districts, …). */
async function areaAndBelow(ctx: Ctx, code: string): Promise<string[]> {
  const all = [code];
  let level = [code];
  for (let depth = 0; depth < 6 && level.length > 0; depth++) {
    const children = await ctx.deps.db
      .selectFrom('area')
      .select('code')
      .where('parent_code', 'in', level)
      .execute();
    level = children.map((c) => c.code);
    all.push(...level);
  }
  return all;
}

async function ownCase(ctx: Ctx, id: string) {
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

/** Registers a person (or reuses one of the agency's) and opens a case with its first-response task. */
export async function openCase(ctx: Ctx, input: CaseIntake): Promise<CaseDetail> {
  const actor = await requireAny(ctx, 'case:write:agency');
  const rules = await packRules(ctx);
  const now = ctx.deps.clock.now();
  const at = now.toISOString();
  const caseId = crypto.randomUUID();
  if (new Set(input.topics).size !== input.topics.length)
    throw new ProblemError(400, 'validation_failed', { detail: 'topics repeat' });
  const written = await inTransaction(
    ctx,
    (w: { personId: string }) => ({
      action: 'case.open',
      entity: 'case',
      entityIds: [caseId, w.personId],
    }),
    async (trx) => {
      const area = await trx
        .selectFrom('area')
        .select('code')
        .where('code', '=', input.areaCode)
        .executeTakeFirst();
      if (!area) throw new ProblemError(400, 'unknown_reference', { field: 'areaCode' });
      let personId: string;
      if ('personId' in input.person) {
        const person = await trx
          .selectFrom('person')
          .select(['id', 'owner_agency_id'])
          .where('id', '=', input.person.personId)
          .executeTakeFirst();
        if (!person || person.owner_agency_id !== actor.agencyId)
          throw new ProblemError(400, 'unknown_reference', { field: 'personId' });
        personId = person.id;
      } else {
        const p = input.person;
        if (p.birthDate === undefined && p.estimatedAge === undefined)
          throw new ProblemError(400, 'age_required');
        if (p.birthDate !== undefined) {
          const age = personAge(
            { birthDate: p.birthDate, estimatedAge: null, ageRecordedOn: today(ctx) },
            today(ctx),
          );
          if (age === null || age.years > 120) throw new ProblemError(400, 'invalid_birth_date');
        }
        personId = crypto.randomUUID();
        await trx
          .insertInto('person')
          .values({
            id: personId,
            given_name: p.givenName.trim(),
            family_name: (p.familyName ?? '').trim(),
            name_key: nameKey(p.givenName, p.familyName ?? ''),
            sex: p.sex,
            birth_date: p.birthDate ?? null,
            estimated_age: p.birthDate === undefined ? (p.estimatedAge ?? null) : null,
            age_recorded_on: today(ctx),
            area_code: p.areaCode ?? input.areaCode,
            owner_agency_id: actor.agencyId,
            version: 1,
            created_at: at,
            updated_at: at,
          })
          .execute();
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
      const reference = await freeReference(trx, rules.country, now);
      await trx
        .insertInto('case_file')
        .values({
          id: caseId,
          reference,
          person_id: personId,
          topics: input.topics.join(','),
          step: 'identification',
          risk_level: input.riskLevel,
          owner_agency_id: actor.agencyId,
          area_code: input.areaCode,
          created_by: actor.userId,
          identified_at: at,
          closed_at: null,
          closure_requested_by: null,
          version: 1,
          created_at: at,
          updated_at: at,
        })
        .execute();
      const task = responseTask(
        input.riskLevel,
        at,
        rules.responseTargets ?? DEFAULT_RESPONSE_TARGETS,
      );
      const taskId = crypto.randomUUID();
      const eventDetails = {
        riskLevel: input.riskLevel,
        topics: input.topics,
        responseHours: task.hours,
      };
      await trx
        .insertInto('task')
        .values({
          id: taskId,
          case_id: caseId,
          kind: task.kind,
          due_at: task.dueAt,
          done_at: null,
          agency_id: actor.agencyId,
          created_at: at,
        })
        .execute();
      await trx
        .insertInto('case_event')
        .values({
          id: crypto.randomUUID(),
          case_id: caseId,
          at,
          actor_user_id: actor.userId,
          type: 'opened',
          details: JSON.stringify(eventDetails),
        })
        .execute();
      await recordChanges(ctx, trx, [
        {
          entity: 'case',
          entityId: caseId,
          version: 1,
          agencyId: actor.agencyId,
          areaCode: input.areaCode,
        },
      ]);
      return { personId, reference, taskId, task, eventDetails };
    },
  );
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
    tasks: [
      { id: written.taskId, kind: written.task.kind, dueAt: written.task.dueAt, doneAt: null },
    ],
    goals: [],
    interventions: [],
    followUps: [],
    events: [{ at, type: 'opened', actorUsername: actor.username, details: written.eventDetails }],
    actions: actionsFrom('identification'),
  };
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
}

async function caseDetail(ctx: Ctx, id: string, auditRead = true): Promise<CaseDetail> {
  const row = await ownCase(ctx, id);
  const db = ctx.deps.db;
  const [person, screenings, tasks, events, goals, interventions, followUps] = await Promise.all([
    db.selectFrom('person').selectAll().where('id', '=', row.person_id).executeTakeFirstOrThrow(),
    db
      .selectFrom('screening')
      .selectAll()
      .where('case_id', '=', id)
      .orderBy('created_at')
      .execute(),
    db.selectFrom('task').selectAll().where('case_id', '=', id).orderBy('due_at').execute(),
    db
      .selectFrom('case_event')
      .leftJoin('app_user', 'app_user.id', 'case_event.actor_user_id')
      .select(['case_event.at', 'case_event.type', 'case_event.details', 'app_user.username'])
      .where('case_event.case_id', '=', id)
      .orderBy('case_event.at')
      .execute(),
    db
      .selectFrom('case_goal')
      .selectAll()
      .where('case_id', '=', id)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('intervention')
      .selectAll()
      .where('case_id', '=', id)
      .orderBy('started_on')
      .execute(),
    db
      .selectFrom('follow_up')
      .selectAll()
      .where('case_id', '=', id)
      .orderBy('visited_on')
      .execute(),
  ]);
  const yesNo = (v: number | null) => (v === null ? null : v === 1);
  if (auditRead)
    await audit(ctx, db, { action: 'case.read', entity: 'case', entityIds: [id, person.id] });
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
  };
}

/** One case of the actor's agency, with person, screenings, tasks and timeline (audited). */
export function getCase(ctx: Ctx, id: string): Promise<CaseDetail> {
  return caseDetail(ctx, id);
}

/** The agency's caseload, newest first, filtered by step, risk, name or overdue tasks. */
export async function listCases(
  ctx: Ctx,
  query: {
    cursor?: string | undefined;
    limit?: string | undefined;
    step?: string | undefined;
    risk?: string | undefined;
    q?: string | undefined;
    overdue?: string | undefined;
    area?: string | undefined;
  },
): Promise<Page<CaseSummary>> {
  const actor = await requireAny(ctx, 'case:read:agency');
  const limit = pageLimit(query.limit);
  const after = decodeCursor(query.cursor, 2);
  const now = ctx.deps.clock.now().toISOString();
  let select = ctx.deps.db
    .selectFrom('case_file')
    .innerJoin('person', 'person.id', 'case_file.person_id')
    .select((eb) => [
      'case_file.id',
      'case_file.reference',
      'case_file.step',
      'case_file.risk_level',
      'case_file.topics',
      'case_file.area_code',
      'case_file.identified_at',
      'case_file.created_at',
      'person.given_name',
      'person.family_name',
      eb
        .selectFrom('task')
        .select((t) => t.fn.min('task.due_at').as('d'))
        .whereRef('task.case_id', '=', 'case_file.id')
        .where('task.done_at', 'is', null)
        .as('next_due_at'),
    ])
    .where('case_file.owner_agency_id', '=', actor.agencyId)
    .orderBy('case_file.created_at', 'desc')
    .orderBy('case_file.id', 'desc')
    .limit(limit + 1);
  if (after) {
    const [createdAt, id] = [String(after[0]), String(after[1])];
    select = select.where((eb) =>
      eb.or([
        eb('case_file.created_at', '<', createdAt),
        eb.and([eb('case_file.created_at', '=', createdAt), eb('case_file.id', '<', id)]),
      ]),
    );
  }
  if (query.step) select = select.where('case_file.step', '=', query.step);
  if (query.risk) select = select.where('case_file.risk_level', '=', query.risk);
  if (query.area)
    select = select.where('case_file.area_code', 'in', await areaAndBelow(ctx, query.area));
  if (query.q)
    select = select.where(
      containsText(['person.name_key', 'case_file.reference'], nameKey(query.q) || query.q),
    );
  if (query.overdue === 'true') {
    select = select.where((eb) =>
      eb.exists(
        eb
          .selectFrom('task')
          .select('task.id')
          .whereRef('task.case_id', '=', 'case_file.id')
          .where('task.done_at', 'is', null)
          .where('task.due_at', '<', now),
      ),
    );
  }
  const rows = await select.execute();
  const page = toPage(
    rows,
    limit,
    (r): CaseSummary => ({
      id: r.id,
      reference: r.reference,
      personName: `${r.given_name} ${r.family_name}`.trim(),
      step: r.step,
      riskLevel: r.risk_level,
      topics: r.topics.split(','),
      areaCode: r.area_code,
      nextDueAt: r.next_due_at ?? null,
      overdue: r.next_due_at !== null && r.next_due_at !== undefined && r.next_due_at < now,
      identifiedAt: r.identified_at,
    }),
    (r) => [r.created_at, r.id],
  );
  await audit(ctx, ctx.deps.db, {
    action: 'case.list',
    entity: 'case',
    entityIds: page.items.map((c) => c.id),
  });
  return page;
}

/** Moves a case along its workflow when what the step needs is there; every problem at once otherwise. */
export async function moveCase(
  ctx: Ctx,
  id: string,
  input: { action: CaseAction['type']; reason?: string | undefined; version: number },
): Promise<CaseDetail> {
  const actor = await requireAny(ctx, 'case:write:agency', 'case:approve:agency');
  const row = await ownCase(ctx, id);
  if (row.version !== input.version)
    throw new ProblemError(409, 'version_conflict', {}, { currentVersion: row.version });
  const count = async (table: 'screening' | 'case_goal' | 'intervention' | 'follow_up') => {
    const row = await ctx.deps.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('case_id', '=', id)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  const [screenings, planGoals, interventions, followUps] = await Promise.all([
    count('screening'),
    count('case_goal'),
    count('intervention'),
    count('follow_up'),
  ]);
  const action = { type: input.action, reason: input.reason ?? '' } as CaseAction;
  const result = transitionCase(
    {
      step: row.step as CaseStep,
      topics: row.topics.split(',') as CaseTopic[],
      riskLevel: row.risk_level as RiskLevel,
      screenings,
      planGoals,
      interventions,
      followUps,
      closureRequestedBy: row.closure_requested_by,
    },
    action,
    { userId: actor.userId, canApproveClosure: hasPermission(actor, 'case:approve:agency') },
  );
  if (!result.ok)
    throw new ProblemError(409, 'workflow_refused', {}, { problems: result.problems });
  const at = ctx.deps.clock.now().toISOString();
  await inTransaction(
    ctx,
    { action: `case.${input.action}`, entity: 'case', entityIds: [id] },
    async (trx) => {
      const updated = await trx
        .updateTable('case_file')
        .set({
          step: result.to,
          version: row.version + 1,
          updated_at: at,
          ...(input.action === 'request_closure' && { closure_requested_by: actor.userId }),
          ...(result.to === 'closed' && { closed_at: at }),
          ...(input.action === 'reopen' && { closed_at: null, closure_requested_by: null }),
          ...(input.action === 'reject_closure' && { closure_requested_by: null }),
        })
        .where('id', '=', id)
        .where('version', '=', row.version)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw new ProblemError(409, 'version_conflict');
      await trx
        .insertInto('case_event')
        .values({
          id: crypto.randomUUID(),
          case_id: id,
          at,
          actor_user_id: actor.userId,
          type: input.action,
          details: JSON.stringify({ from: result.from, to: result.to }),
        })
        .execute();
      if (row.step === 'identification') {
        await trx
          .updateTable('task')
          .set({ done_at: at })
          .where('case_id', '=', id)
          .where('kind', '=', 'first_response')
          .where('done_at', 'is', null)
          .execute();
      }
      await recordChanges(ctx, trx, [
        {
          entity: 'case',
          entityId: id,
          version: row.version + 1,
          agencyId: row.owner_agency_id,
          areaCode: row.area_code,
        },
      ]);
    },
  );
  return caseDetail(ctx, id, false);
}

export interface PersonMatch {
  id: string;
  givenName: string;
  familyName: string;
  sex: string;
  age: number | null;
  areaCode: string | null;
  caseCount: number;
}

/**
 * Search before create: the agency's persons whose name contains the words
 * typed (any script, accents ignored), narrowed by sex and approximate age.
 */
export async function searchPersons(
  ctx: Ctx,
  query: { q: string; sex?: string | undefined; age?: string | undefined },
): Promise<PersonMatch[]> {
  const actor = await requireAny(ctx, 'case:read:agency');
  const key = nameKey(query.q);
  if (key.length < 2) throw new ProblemError(400, 'invalid_query', { field: 'q' });
  let select = ctx.deps.db
    .selectFrom('person')
    .select((eb) => [
      'person.id',
      'person.given_name',
      'person.family_name',
      'person.sex',
      'person.birth_date',
      'person.estimated_age',
      'person.age_recorded_on',
      'person.area_code',
      eb
        .selectFrom('case_file')
        .select((c) => c.fn.countAll<number>().as('n'))
        .whereRef('case_file.person_id', '=', 'person.id')
        .as('case_count'),
    ])
    .where('person.owner_agency_id', '=', actor.agencyId)
    .orderBy('person.name_key')
    .limit(50);
  for (const word of key.split(' ')) select = select.where(containsText(['person.name_key'], word));
  if (query.sex) select = select.where('person.sex', '=', query.sex);
  const today = ctx.deps.clock.now().toISOString().slice(0, 10);
  const wantedAge = query.age === undefined ? null : Number(query.age);
  const rows = await select.execute();
  const matches = rows
    .map((r) => {
      const age = personAge(
        {
          birthDate: r.birth_date,
          estimatedAge: r.estimated_age,
          ageRecordedOn: r.age_recorded_on,
        },
        today,
      );
      return {
        id: r.id,
        givenName: r.given_name,
        familyName: r.family_name,
        sex: r.sex,
        age: age?.years ?? null,
        areaCode: r.area_code,
        caseCount: Number(r.case_count ?? 0),
      };
    })
    // Ages given by children and estimated by workers are rough: two years either way.
    .filter((m) => wantedAge === null || m.age === null || Math.abs(m.age - wantedAge) <= 2);
  await audit(ctx, ctx.deps.db, {
    action: 'person.search',
    entity: 'person',
    entityIds: matches.map((m) => m.id),
  });
  return matches;
}
