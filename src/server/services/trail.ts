import type { Kysely, QueryCreator, Transaction } from 'kysely';
import { type AuditEntry, appendAudit, auditRow } from '../audit/auditLog.ts';
import { forgetSessions } from '../auth/sessions.ts';
import { auditActor, type Ctx } from '../context.ts';
import type { Database } from '../db/schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** Appends the request's audit row in the given transaction (or on its own). */
export function audit(ctx: Ctx, db: Executor, entry: AuditEntry): Promise<void> {
  return appendAudit(db, ctx.deps.clock, auditActor(ctx), entry);
}

/** One row of the sync feed: which record changed, to which version, in whose scope. */
export interface Change {
  entity: string;
  entityId: string;
  version: number;
  agencyId?: string | null;
  areaCode?: string | null;
}

function changeRows(ctx: Ctx, changes: readonly Change[]) {
  const at = ctx.deps.clock.now().toISOString();
  return changes.map((c) => ({
    entity: c.entity,
    entity_id: c.entityId,
    version: c.version,
    agency_id: c.agencyId ?? null,
    area_code: c.areaCode ?? null,
    at,
  }));
}

/** Changes recorded inside `inTransaction`, written together with its audit row at the end. */
const pendingChanges = new WeakMap<Executor, Change[]>();

/** Writes change-log rows in the same transaction as the change itself. */
export async function recordChanges(
  ctx: Ctx,
  trx: Executor,
  changes: readonly Change[],
): Promise<void> {
  if (changes.length === 0) return;
  const pending = pendingChanges.get(trx);
  if (pending) {
    pending.push(...changes);
    return;
  }
  await trx.insertInto('change_log').values(changeRows(ctx, changes)).execute();
}

/**
 * Runs `work` in one transaction that also carries the audit row and the
 * change-log rows. On PostgreSQL both go in one statement (one round trip).
 */
export function inTransaction<T>(
  ctx: Ctx,
  entry: AuditEntry | ((result: T) => AuditEntry),
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  let audited: AuditEntry | undefined;
  const done = ctx.deps.db.transaction().execute(async (trx) => {
    const changes: Change[] = [];
    pendingChanges.set(trx, changes);
    const result = await work(trx);
    pendingChanges.delete(trx);
    audited = typeof entry === 'function' ? entry(result) : entry;
    const row = auditRow(ctx.deps.clock, auditActor(ctx), audited);
    if (changes.length > 0 && ctx.deps.dialect === 'postgres') {
      await trx
        .with('changes', (db) => db.insertInto('change_log').values(changeRows(ctx, changes)))
        .insertInto('audit_log')
        .values(row)
        .execute();
    } else {
      if (changes.length > 0)
        await trx.insertInto('change_log').values(changeRows(ctx, changes)).execute();
      await trx.insertInto('audit_log').values(row).execute();
    }
    return result;
  });
  // A change to a user (disabled, password, language…) must not be hidden by a cached session.
  return done.then((result) => {
    if (audited?.entity === 'user') forgetSessions(ctx.deps, { userIds: audited.entityIds ?? [] });
    return result;
  });
}

/** Rows for one table, for `insertAll`. */
export interface Insert {
  table: keyof Database;
  rows: readonly object[];
}

/**
 * Inserts rows into several tables, parents first. On PostgreSQL they go in one
 * statement of chained data-modifying CTEs (one round trip; foreign keys are
 * checked at its end); on SQLite, in-process, one statement per table.
 */
export async function insertAll(
  ctx: Ctx,
  trx: Transaction<Database>,
  inserts: readonly Insert[],
): Promise<void> {
  const list = inserts.filter((i) => i.rows.length > 0);
  const last = list.at(-1);
  if (!last) return;
  if (ctx.deps.dialect !== 'postgres') {
    for (const i of list)
      await trx
        .insertInto(i.table)
        .values(i.rows as never)
        .execute();
    return;
  }
  let creator = trx as unknown as QueryCreator<Database>;
  list.slice(0, -1).forEach((i, n) => {
    creator = creator.with(`w${n}`, (db) =>
      db.insertInto(i.table).values(i.rows as never),
    ) as unknown as QueryCreator<Database>;
  });
  await creator
    .insertInto(last.table)
    .values(last.rows as never)
    .execute();
}

/** True when `error` is a unique-constraint violation on a column or constraint named like `what`. */
export function isUniqueViolation(error: unknown, what: string): boolean {
  const e = error as { code?: unknown; message?: unknown; constraint?: unknown; detail?: unknown };
  const text = `${String(e.message ?? '')} ${String(e.constraint ?? '')} ${String(e.detail ?? '')}`;
  const unique = e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE';
  return unique && text.includes(what);
}
