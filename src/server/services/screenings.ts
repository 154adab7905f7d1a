import {
  personAge,
  runScreening,
  type ScreeningOutcome,
  ScreeningRefusal,
  type ScreeningRequest,
} from '../../core/index.ts';
import type { Ctx } from '../context.ts';
import { ProblemError } from '../http/problem.ts';
import { requireAny } from './access.ts';
import { ownCase } from './cases.ts';
import { packRules } from './packRules.ts';
import { recordCaseChange } from './syncMerge.ts';
import { inTransaction } from './trail.ts';

export type { ScreeningRequest };

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
  let outcome: ScreeningOutcome;
  try {
    // The device runs the same function offline: one rule, one result, wherever it runs.
    outcome = runScreening(request, rules, age);
  } catch (error) {
    if (error instanceof ScreeningRefusal)
      throw new ProblemError(error.status, error.code, error.params);
    throw error;
  }
  const { rulesId, rulesVersion, summary, result, inputs } = outcome;
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
      await recordCaseChange(ctx, trx, kase);
    },
  );
  return view;
}
