import type { Ctx } from '../context.ts';
import { ProblemError } from '../http/problem.ts';
import { requireAny } from './access.ts';
import { decodeCursor, type Page, pageLimit, toPage } from './pagination.ts';
import { audit } from './trail.ts';

export interface AuditRowView {
  id: number;
  seq: number | null;
  at: string;
  actorUserId: string | null;
  actorUsername: string | null;
  actorAgencyId: string | null;
  action: string;
  entity: string | null;
  entityIds: string[];
  outcome: string;
  requestId: string | null;
  ip: string | null;
  details: Record<string, unknown> | null;
}

const ISO = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/;

/** Searches the audit log, newest first. Reading the log is itself audited. */
export async function searchAudit(
  ctx: Ctx,
  query: {
    cursor?: string | undefined;
    limit?: string | undefined;
    actor?: string | undefined;
    action?: string | undefined;
    entityId?: string | undefined;
    outcome?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
  },
): Promise<Page<AuditRowView>> {
  await requireAny(ctx, 'audit:read:all');
  const limit = pageLimit(query.limit);
  const after = decodeCursor(query.cursor, 1);
  for (const [field, value] of [
    ['from', query.from],
    ['to', query.to],
  ] as const) {
    if (value !== undefined && !ISO.test(value))
      throw new ProblemError(400, 'invalid_query', { field });
  }
  let select = ctx.deps.db
    .selectFrom('audit_log')
    .leftJoin('app_user', 'app_user.id', 'audit_log.actor_user_id')
    .select([
      'audit_log.id',
      'audit_log.seq',
      'audit_log.at',
      'audit_log.actor_user_id',
      'app_user.username',
      'audit_log.actor_agency_id',
      'audit_log.action',
      'audit_log.entity',
      'audit_log.entity_ids',
      'audit_log.outcome',
      'audit_log.request_id',
      'audit_log.ip',
      'audit_log.details',
    ])
    .orderBy('audit_log.id', 'desc')
    .limit(limit + 1);
  if (after) select = select.where('audit_log.id', '<', Number(after[0]));
  if (query.actor) select = select.where('app_user.username', '=', query.actor.toLowerCase());
  if (query.action)
    select = select.where('audit_log.action', 'like', `${query.action.replace(/[\\%_]/g, '')}%`);
  if (query.outcome) select = select.where('audit_log.outcome', '=', query.outcome);
  if (query.from) select = select.where('audit_log.at', '>=', query.from);
  if (query.to) select = select.where('audit_log.at', '<', query.to);
  if (query.entityId) {
    select = select.where(
      'audit_log.entity_ids',
      'like',
      `%"${query.entityId.replace(/[\\%_"]/g, '')}"%`,
    );
  }
  const rows = await select.execute();
  const page = toPage(
    rows,
    limit,
    (r): AuditRowView => ({
      id: r.id,
      seq: r.seq === null ? null : Number(r.seq),
      at: r.at,
      actorUserId: r.actor_user_id,
      actorUsername: r.username,
      actorAgencyId: r.actor_agency_id,
      action: r.action,
      entity: r.entity,
      entityIds: JSON.parse(r.entity_ids) as string[],
      outcome: r.outcome,
      requestId: r.request_id,
      ip: r.ip,
      details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null,
    }),
    (r) => [r.id],
  );
  await audit(ctx, ctx.deps.db, {
    action: 'audit.search',
    details: { filters: Object.keys(query).filter((k) => k !== 'cursor' && k !== 'limit') },
  });
  return page;
}
