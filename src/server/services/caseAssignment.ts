import { hasPermission } from '../../core/index.ts';
import { ACTOR_USER_COLUMNS, actorFromUser } from '../auth/actors.ts';
import type { Ctx } from '../context.ts';
import { ProblemError } from '../http/problem.ts';
import { deny, requireAny } from './access.ts';
import { type CaseDetail, caseDetail, writableCase } from './cases.ts';
import { decodeCursor, type Page, pageLimit, toPage } from './pagination.ts';
import { audit, inTransaction, recordChanges } from './trail.ts';

export interface Assignee {
  id: string;
  username: string;
  displayName: string;
}

/** The agency's active users who may work cases: whom a case can be assigned to. */
export async function listAssignees(ctx: Ctx): Promise<Assignee[]> {
  const actor = await requireAny(ctx, 'case:read:agency');
  const users = await ctx.deps.db
    .selectFrom('app_user')
    .select([...ACTOR_USER_COLUMNS])
    .where('app_user.agency_id', '=', actor.agencyId)
    .where('app_user.disabled', '=', 0)
    .orderBy('app_user.display_name')
    .execute();
  const workers: Assignee[] = [];
  for (const user of users) {
    const worker = await actorFromUser(ctx.deps, user, 'session');
    if (worker && hasPermission(worker, 'case:write:agency'))
      workers.push({ id: user.id, username: user.username, displayName: user.display_name });
  }
  return workers;
}

/**
 * Makes a worker of the agency responsible for the case. Anyone who works cases
 * may take one; giving it to someone else, or leaving it unassigned, is a
 * supervisor's decision.
 */
export async function assignCase(
  ctx: Ctx,
  caseId: string,
  input: { userId: string | null; version: number },
): Promise<CaseDetail> {
  const { actor } = await writableCase(ctx, caseId);
  if (input.userId !== actor.userId && !hasPermission(actor, 'case:approve:agency')) {
    await deny(ctx, 'case:approve:agency', [caseId]);
    throw new ProblemError(403, 'forbidden');
  }
  let assignee: Assignee | null = null;
  if (input.userId !== null) {
    assignee = (await listAssignees(ctx)).find((w) => w.id === input.userId) ?? null;
    if (!assignee) throw new ProblemError(400, 'unknown_reference', { field: 'userId' });
  }
  const at = ctx.deps.clock.now().toISOString();
  await inTransaction(
    ctx,
    {
      action: 'case.assign',
      entity: 'case',
      entityIds: [caseId],
      details: { to: input.userId },
    },
    async (trx) => {
      const row = await trx
        .selectFrom('case_file')
        .select(['version', 'owner_agency_id', 'area_code', 'assigned_user_id'])
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow();
      if (row.version !== input.version)
        throw new ProblemError(409, 'version_conflict', {}, { currentVersion: row.version });
      const updated = await trx
        .updateTable('case_file')
        .set({ assigned_user_id: input.userId, version: row.version + 1, updated_at: at })
        .where('id', '=', caseId)
        .where('version', '=', row.version)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw new ProblemError(409, 'version_conflict');
      await trx
        .insertInto('case_event')
        .values({
          id: crypto.randomUUID(),
          case_id: caseId,
          at,
          actor_user_id: actor.userId,
          type: 'assigned',
          details: JSON.stringify({ to: assignee?.username ?? null }),
        })
        .execute();
      await recordChanges(ctx, trx, [
        {
          entity: 'case',
          entityId: caseId,
          version: row.version + 1,
          agencyId: row.owner_agency_id,
          areaCode: row.area_code,
        },
      ]);
    },
  );
  return caseDetail(ctx, caseId, false);
}

export interface TaskSummary {
  id: string;
  kind: string;
  dueAt: string;
  overdue: boolean;
  caseId: string;
  caseReference: string;
  personName: string;
  riskLevel: string;
  assignedTo: string | null;
}

/**
 * Open tasks across cases, soonest due first: the agency's, or only those on
 * the cases assigned to the actor (`mine`); `overdue` keeps the late ones.
 */
export async function listTasks(
  ctx: Ctx,
  query: {
    cursor?: string | undefined;
    limit?: string | undefined;
    mine?: string | undefined;
    overdue?: string | undefined;
  },
): Promise<Page<TaskSummary>> {
  const actor = await requireAny(ctx, 'case:read:agency');
  const limit = pageLimit(query.limit);
  const after = decodeCursor(query.cursor, 2);
  const now = ctx.deps.clock.now().toISOString();
  let select = ctx.deps.db
    .selectFrom('task')
    .innerJoin('case_file', 'case_file.id', 'task.case_id')
    .innerJoin('person', 'person.id', 'case_file.person_id')
    .leftJoin('app_user', 'app_user.id', 'case_file.assigned_user_id')
    .select([
      'task.id',
      'task.kind',
      'task.due_at',
      'case_file.id as case_id',
      'case_file.reference',
      'case_file.risk_level',
      'person.given_name',
      'person.family_name',
      'app_user.username',
    ])
    .where('task.agency_id', '=', actor.agencyId)
    .where('task.done_at', 'is', null)
    .orderBy('task.due_at')
    .orderBy('task.id')
    .limit(limit + 1);
  if (query.mine === 'true') select = select.where('case_file.assigned_user_id', '=', actor.userId);
  if (query.overdue === 'true') select = select.where('task.due_at', '<', now);
  if (after) {
    const [dueAt, id] = [String(after[0]), String(after[1])];
    select = select.where((eb) =>
      eb.or([
        eb('task.due_at', '>', dueAt),
        eb.and([eb('task.due_at', '=', dueAt), eb('task.id', '>', id)]),
      ]),
    );
  }
  const rows = await select.execute();
  const page = toPage(
    rows,
    limit,
    (r): TaskSummary => ({
      id: r.id,
      kind: r.kind,
      dueAt: r.due_at,
      overdue: r.due_at < now,
      caseId: r.case_id,
      caseReference: r.reference,
      personName: `${r.given_name} ${r.family_name}`.trim(),
      riskLevel: r.risk_level,
      assignedTo: r.username ?? null,
    }),
    (r) => [r.due_at, r.id],
  );
  await audit(ctx, ctx.deps.db, {
    action: 'task.list',
    entity: 'case',
    entityIds: page.items.map((t) => t.caseId),
  });
  return page;
}
