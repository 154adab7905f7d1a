import type { Kysely, Transaction } from 'kysely';
import { type AuditEntry, appendAudit } from '../audit/auditLog.ts';
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

/** Writes change-log rows in the same transaction as the change itself. */
export async function recordChanges(
  ctx: Ctx,
  trx: Executor,
  changes: readonly Change[],
): Promise<void> {
  if (changes.length === 0) return;
  const at = ctx.deps.clock.now().toISOString();
  await trx
    .insertInto('change_log')
    .values(
      changes.map((c) => ({
        entity: c.entity,
        entity_id: c.entityId,
        version: c.version,
        agency_id: c.agencyId ?? null,
        area_code: c.areaCode ?? null,
        at,
      })),
    )
    .execute();
}

/** Runs `work` in one transaction that also carries the audit row. */
export function inTransaction<T>(
  ctx: Ctx,
  entry: AuditEntry | ((result: T) => AuditEntry),
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const result = await work(trx);
    await audit(ctx, trx, typeof entry === 'function' ? entry(result) : entry);
    return result;
  });
}
