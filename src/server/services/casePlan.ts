import { parseDate } from '../../core/index.ts';
import type { Ctx } from '../context.ts';
import { ProblemError } from '../http/problem.ts';
import { writableCase } from './cases.ts';
import { recordCaseChange } from './syncMerge.ts';
import { inTransaction } from './trail.ts';

export const INTERVENTION_TYPES = [
  'school_enrolment',
  'vocational_training',
  'income_support',
  'medical_care',
  'psychosocial_support',
  'legal_aid',
  'shelter',
  'family_tracing',
  'repatriation',
  'other',
] as const;

function checkDate(value: string | undefined, field: string): string | null {
  if (value === undefined) return null;
  if (!parseDate(value)) throw new ProblemError(400, 'invalid_date', { field });
  return value;
}

type Added = { id: string; createdAt: string };

/** Records one item of a case's plan with its timeline event, in one audited transaction. */
async function addToCase(
  ctx: Ctx,
  caseId: string,
  kind: 'goal' | 'intervention' | 'follow_up',
  insert: (
    trx: Parameters<Parameters<typeof inTransaction>[2]>[0],
    added: Added & { userId: string },
  ) => Promise<void>,
  details: Record<string, unknown>,
): Promise<Added> {
  const { actor } = await writableCase(ctx, caseId);
  const added = { id: crypto.randomUUID(), createdAt: ctx.deps.clock.now().toISOString() };
  await inTransaction(
    ctx,
    { action: `case.${kind}.add`, entity: 'case', entityIds: [caseId, added.id], details },
    async (trx) => {
      await insert(trx, { ...added, userId: actor.userId });
      await trx
        .insertInto('case_event')
        .values({
          id: crypto.randomUUID(),
          case_id: caseId,
          at: added.createdAt,
          actor_user_id: actor.userId,
          type: kind,
          details: JSON.stringify(details),
        })
        .execute();
      await recordCaseChange(ctx, trx, caseId);
    },
  );
  return added;
}

export async function addGoal(
  ctx: Ctx,
  caseId: string,
  input: { description: string; dueDate?: string | undefined },
) {
  const dueDate = checkDate(input.dueDate, 'dueDate');
  const added = await addToCase(
    ctx,
    caseId,
    'goal',
    async (trx, a) => {
      await trx
        .insertInto('case_goal')
        .values({
          id: a.id,
          case_id: caseId,
          description: input.description.trim(),
          due_date: dueDate,
          done_at: null,
          created_by: a.userId,
          created_at: a.createdAt,
        })
        .execute();
    },
    { dueDate },
  );
  return { id: added.id, description: input.description.trim(), dueDate, doneAt: null };
}

export async function addIntervention(
  ctx: Ctx,
  caseId: string,
  input: {
    type: (typeof INTERVENTION_TYPES)[number];
    startedOn: string;
    endedOn?: string | undefined;
    provider?: string | undefined;
  },
) {
  const startedOn = checkDate(input.startedOn, 'startedOn') ?? input.startedOn;
  const endedOn = checkDate(input.endedOn, 'endedOn');
  if (endedOn && endedOn < startedOn)
    throw new ProblemError(400, 'invalid_date', { field: 'endedOn' });
  const added = await addToCase(
    ctx,
    caseId,
    'intervention',
    async (trx, a) => {
      await trx
        .insertInto('intervention')
        .values({
          id: a.id,
          case_id: caseId,
          type: input.type,
          started_on: startedOn,
          ended_on: endedOn,
          provider: input.provider?.trim() || null,
          created_by: a.userId,
          created_at: a.createdAt,
        })
        .execute();
    },
    { type: input.type, startedOn },
  );
  return {
    id: added.id,
    type: input.type,
    startedOn,
    endedOn,
    provider: input.provider?.trim() || null,
  };
}

const flag = (v: boolean | null | undefined): number | null =>
  v === undefined || v === null ? null : v ? 1 : 0;

export async function addFollowUp(
  ctx: Ctx,
  caseId: string,
  input: {
    visitedOn: string;
    stillWorking: boolean | null;
    inSchool: boolean | null;
    safe: boolean | null;
    withFamily: boolean | null;
  },
) {
  const visitedOn = checkDate(input.visitedOn, 'visitedOn') ?? input.visitedOn;
  if (visitedOn > ctx.deps.clock.now().toISOString().slice(0, 10))
    throw new ProblemError(400, 'invalid_date', { field: 'visitedOn' });
  const outcomes = {
    stillWorking: input.stillWorking,
    inSchool: input.inSchool,
    safe: input.safe,
    withFamily: input.withFamily,
  };
  const added = await addToCase(
    ctx,
    caseId,
    'follow_up',
    async (trx, a) => {
      await trx
        .insertInto('follow_up')
        .values({
          id: a.id,
          case_id: caseId,
          visited_on: visitedOn,
          still_working: flag(input.stillWorking),
          in_school: flag(input.inSchool),
          safe: flag(input.safe),
          with_family: flag(input.withFamily),
          created_by: a.userId,
          created_at: a.createdAt,
        })
        .execute();
    },
    { visitedOn, ...outcomes },
  );
  return { id: added.id, visitedOn, ...outcomes };
}
