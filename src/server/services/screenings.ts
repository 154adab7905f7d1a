import {
  type Answer,
  type ChildLabourInput,
  classifyChildLabour,
  personAge,
  type R190Condition,
  screenForcedLabour,
  screenTrafficking,
  type TraffickingAct,
  type TraffickingMeans,
  type TraffickingPurpose,
  type WorstForm,
} from '../../core/index.ts';
import type { Ctx } from '../context.ts';
import { ProblemError } from '../http/problem.ts';
import { requireAny } from './access.ts';
import { ownCase } from './cases.ts';
import { packRules } from './packRules.ts';
import { inTransaction } from './trail.ts';

export type ScreeningRequest =
  | {
      kind: 'child_labour';
      inputs: {
        economicActivityHours: number;
        householdChoresHours: number;
        industry?: string | undefined;
        occupation?: string | undefined;
        conditions: R190Condition[];
        worstForms: WorstForm[];
      };
    }
  | { kind: 'forced_labour'; inputs: { answers: Record<string, Answer> } }
  | {
      kind: 'trafficking';
      inputs: { acts: TraffickingAct[]; means: TraffickingMeans[]; purposes: TraffickingPurpose[] };
    };

export interface ScreeningView {
  id: string;
  kind: string;
  summary: string;
  rulesId: string;
  rulesVersion: string;
  result: unknown;
  createdAt: string;
}

/**
 * Runs a screening on the server with the pack's current rules (the same core
 * code the device runs) and stores inputs, result and rule-set version together.
 */
export async function addScreening(
  ctx: Ctx,
  caseId: string,
  request: ScreeningRequest,
): Promise<ScreeningView> {
  const actor = await requireAny(ctx, 'case:write:agency');
  const kase = await ownCase(ctx, caseId);
  const person = await ctx.deps.db
    .selectFrom('person')
    .select(['birth_date', 'estimated_age', 'age_recorded_on'])
    .where('id', '=', kase.person_id)
    .executeTakeFirstOrThrow();
  const today = ctx.deps.clock.now().toISOString().slice(0, 10);
  const age = personAge(
    {
      birthDate: person.birth_date,
      estimatedAge: person.estimated_age,
      ageRecordedOn: person.age_recorded_on,
    },
    today,
  );
  const rules = await packRules(ctx);
  let rulesId: string;
  let rulesVersion: string;
  let summary: string;
  let result: unknown;
  let inputs: unknown;
  switch (request.kind) {
    case 'child_labour': {
      if (!rules.childLabour) throw new ProblemError(409, 'rules_missing', { kind: request.kind });
      if (!age) throw new ProblemError(400, 'age_required');
      const i = request.inputs;
      if (i.economicActivityHours + i.householdChoresHours > 168)
        throw new ProblemError(400, 'hours_exceed_week');
      const input: ChildLabourInput = { ...i, age: age.years, ageEstimated: age.estimated };
      const r = classifyChildLabour(input, rules.childLabour);
      ({ rulesId, rulesVersion, summary } = r);
      result = r;
      inputs = input;
      break;
    }
    case 'forced_labour': {
      if (!rules.forcedLabour) throw new ProblemError(409, 'rules_missing', { kind: request.kind });
      const known = new Set(rules.forcedLabour.items.map((item) => item.id));
      const unknown = Object.keys(request.inputs.answers).find((k) => !known.has(k));
      if (unknown)
        throw new ProblemError(400, 'unknown_reference', { field: `answers.${unknown}` });
      const r = screenForcedLabour(request.inputs.answers, rules.forcedLabour);
      ({ rulesId, rulesVersion } = r);
      summary = r.flag;
      result = r;
      inputs = request.inputs;
      break;
    }
    case 'trafficking': {
      if (!rules.trafficking) throw new ProblemError(409, 'rules_missing', { kind: request.kind });
      const input = { ...request.inputs, age: age?.years ?? null };
      const r = screenTrafficking(input, rules.trafficking);
      ({ rulesId, rulesVersion } = r);
      summary = r.indication;
      result = r;
      inputs = input;
      break;
    }
  }
  const view: ScreeningView = {
    id: crypto.randomUUID(),
    kind: request.kind,
    summary,
    rulesId,
    rulesVersion,
    result,
    createdAt: ctx.deps.clock.now().toISOString(),
  };
  await inTransaction(
    ctx,
    {
      action: 'screening.create',
      entity: 'case',
      entityIds: [caseId, view.id],
      details: { kind: view.kind, summary },
    },
    async (trx) => {
      await trx
        .insertInto('screening')
        .values({
          id: view.id,
          case_id: caseId,
          kind: view.kind,
          rules_id: rulesId,
          rules_version: rulesVersion,
          inputs: JSON.stringify(inputs),
          result: JSON.stringify(result),
          summary,
          created_by: actor.userId,
          created_at: view.createdAt,
        })
        .execute();
      await trx
        .insertInto('case_event')
        .values({
          id: crypto.randomUUID(),
          case_id: caseId,
          at: view.createdAt,
          actor_user_id: actor.userId,
          type: 'screening',
          details: JSON.stringify({ kind: view.kind, summary }),
        })
        .execute();
    },
  );
  return view;
}
