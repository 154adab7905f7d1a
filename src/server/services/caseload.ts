import { nameKey } from '../../core/index.ts';
import type { Ctx } from '../context.ts';
import { containsText } from '../db/like.ts';
import { requireAny } from './access.ts';
import { areaAndBelow } from './areas.ts';
import { decodeCursor, type Page, pageLimit, toPage } from './pagination.ts';
import { audit } from './trail.ts';

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
  assignedTo: string | null;
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
    assigned?: string | undefined;
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
      'case_file.assigned_user_id',
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
  if (query.assigned === 'me')
    select = select.where('case_file.assigned_user_id', '=', actor.userId);
  if (query.assigned === 'none') select = select.where('case_file.assigned_user_id', 'is', null);
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
  // Usernames of the page's assignees in one query (a page has few distinct workers).
  const ids = [...new Set(rows.flatMap((r) => (r.assigned_user_id ? [r.assigned_user_id] : [])))];
  const names = new Map(
    ids.length === 0
      ? []
      : (
          await ctx.deps.db
            .selectFrom('app_user')
            .select(['id', 'username'])
            .where('id', 'in', ids)
            .execute()
        ).map((u) => [u.id, u.username] as const),
  );
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
      assignedTo: r.assigned_user_id ? (names.get(r.assigned_user_id) ?? null) : null,
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
