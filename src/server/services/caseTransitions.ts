import {
  type CaseAction,
  type CaseStep,
  type CaseTopic,
  hasPermission,
  type RiskLevel,
  transitionCase,
} from '../../core/index.ts';
import type { Ctx } from '../context.ts';
import { ProblemError } from '../http/problem.ts';
import { requireAny } from './access.ts';
import { type CaseDetail, caseDetail, ownCase } from './cases.ts';
import { inTransaction, recordChanges } from './trail.ts';

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
