import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
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

/** Rows that must commit with the next write `inTransaction` or `writeTogether` makes for a context. */
const enlisted = new WeakMap<Ctx, readonly Insert[]>();
/** Called with a write's outcome before the enlisted rows go (see `enlist`). */
const outcomeTakers = new WeakMap<Ctx, (outcome: unknown) => void>();

/**
 * Makes `inserts` part of the next write `inTransaction` or `writeTogether` commits for `ctx`
 * (the sync push's mutation row goes in with the mutation it records).
 */
export function enlist(
  ctx: Ctx,
  inserts: readonly Insert[],
  /**
   * Given the outcome by a `writeTogether` that knows it before writing (a note's view), so an
   * enlisted row can carry it in the same statement instead of an update after.
   */
  takeOutcome?: (outcome: unknown) => void,
): void {
  enlisted.set(ctx, inserts);
  if (takeOutcome) outcomeTakers.set(ctx, takeOutcome);
}

/** True while rows enlisted for `ctx` have not been committed yet. */
export function enlistedPending(ctx: Ctx): boolean {
  return enlisted.has(ctx);
}

/**
 * Runs `work` in one transaction that also carries the enlisted rows (first),
 * the audit row and the change-log rows (on PostgreSQL in its last statement).
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
    // Enlisted rows first: a second request with the same mutation id waits on its key here
    // and then fails on it (answered `duplicate`), before doing the work again.
    await insertAll(ctx, trx, enlisted.get(ctx) ?? []);
    const result = await work(trx);
    pendingChanges.delete(trx);
    audited = typeof entry === 'function' ? entry(result) : entry;
    await insertAll(ctx, trx, trailRows(ctx, changes, audited));
    return result;
  });
  return done.then((result) => {
    committed(ctx, audited);
    return result;
  });
}

/**
 * Writes rows that nothing reads first, with their change-log rows, the audit row and the
 * enlisted rows, all or nothing: on PostgreSQL one statement, which is atomic by itself, so no
 * BEGIN and COMMIT round trips; on SQLite one transaction.
 */
export async function writeTogether(
  ctx: Ctx,
  entry: AuditEntry,
  inserts: readonly Insert[],
  changes: readonly Change[],
  /** What the caller answers once the rows are in, when known before (see `enlist`). */
  outcome?: unknown,
): Promise<void> {
  if (outcome !== undefined) outcomeTakers.get(ctx)?.(outcome);
  const all = [...(enlisted.get(ctx) ?? []), ...inserts, ...trailRows(ctx, changes, entry)];
  if (ctx.deps.dialect === 'postgres') await insertJson(ctx.deps.db, all);
  else await ctx.deps.db.transaction().execute((trx) => insertAll(ctx, trx, all));
  committed(ctx, entry);
}

function trailRows(ctx: Ctx, changes: readonly Change[], entry: AuditEntry): Insert[] {
  return [
    { table: 'change_log', rows: changeRows(ctx, changes) },
    { table: 'audit_log', rows: [auditRow(ctx.deps.clock, auditActor(ctx), entry)] },
  ];
}

function committed(ctx: Ctx, audited: AuditEntry | undefined): void {
  enlisted.delete(ctx);
  outcomeTakers.delete(ctx);
  // A change to a user (disabled, password, language…) must not be hidden by a cached session.
  if (audited?.entity === 'user') forgetSessions(ctx.deps, { userIds: audited.entityIds ?? [] });
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
  trx: Executor,
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
  await insertJson(trx, list);
}

/** True when `error` is a unique-constraint violation on a column or constraint named like `what`. */
export function isUniqueViolation(error: unknown, what: string): boolean {
  const e = error as { code?: unknown; message?: unknown; constraint?: unknown; detail?: unknown };
  const text = `${String(e.message ?? '')} ${String(e.constraint ?? '')} ${String(e.detail ?? '')}`;
  // better-sqlite3 names a primary key clash apart from a unique index clash.
  const unique =
    e.code === '23505' ||
    e.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
  return unique && text.includes(what);
}

const jsonInsertSql = new Map<string, string>();

/**
 * PostgreSQL: rows for several tables, parents first, in ONE statement of
 * chained data-modifying CTEs, each table's rows passed as one JSON parameter
 * (`json_populate_recordset`). The SQL text depends only on the tables and
 * columns, so it is built once and reused; foreign keys are checked at the
 * statement's end, so children may follow their parents within it.
 */
async function insertJson(trx: Executor, inserts: readonly Insert[]): Promise<void> {
  const list = inserts.filter((i) => i.rows.length > 0);
  if (list.length === 0) return;
  const shapes = list.map((i) => ({
    table: i.table,
    columns: Object.keys(i.rows[0] as Record<string, unknown>),
  }));
  const key = shapes.map((x) => `${x.table}(${x.columns.join(',')})`).join(';');
  let text = jsonInsertSql.get(key);
  if (text === undefined) {
    const quote = (name: string) => {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected name ${name}`);
      return `"${name}"`;
    };
    const parts = shapes.map((x, n) => {
      const cols = x.columns.map(quote).join(', ');
      return `INSERT INTO ${quote(x.table)} (${cols}) SELECT ${cols} FROM json_populate_recordset(NULL::${quote(x.table)}, $${n + 1}::json)`;
    });
    const last = parts.pop() as string;
    text =
      parts.length === 0
        ? last
        : `WITH ${parts.map((p, n) => `w${n} AS (${p})`).join(', ')} ${last}`;
    if (jsonInsertSql.size < 1000) jsonInsertSql.set(key, text);
  }
  await trx.executeQuery(
    CompiledQuery.raw(
      text,
      list.map((i) => JSON.stringify(i.rows)),
    ),
  );
}
