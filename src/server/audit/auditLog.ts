import { createHash } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Clock } from '../clock.ts';
import type { AuditLogTable, Database } from '../db/schema.ts';

/** What one audited request did. Never put personal data (names, narratives) in `details`. */
export interface AuditEntry {
  action: string;
  entity?: string | undefined;
  entityIds?: readonly string[] | undefined;
  outcome?: 'ok' | 'denied' | 'failed';
  details?: Record<string, unknown> | undefined;
  /** The acting user when the request had none yet (a successful sign-in). */
  actorOverride?: { userId: string; agencyId: string } | undefined;
}

/** Who and where: taken from the request by the route layer. */
export interface AuditActor {
  userId: string | null;
  agencyId: string | null;
  requestId: string | null;
  ip: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);

type Executor = Kysely<Database> | Transaction<Database>;

export type AuditInsert = Omit<AuditLogTable, 'id'>;

/**
 * Appends an audit row. Inside a transaction the row commits with the change it
 * records. Outside one (reads, denials, sign-in failures) rows from concurrent
 * requests are grouped into one INSERT and one commit, and each request waits
 * for its row to be durable before it answers. Either way the row has no chain
 * position yet: the sealer gives it one moments later, so requests never wait
 * on each other for the chain.
 */
/** The row that records `entry`, not yet sealed into the chain. */
export function auditRow(clock: Clock, actor: AuditActor, entry: AuditEntry): AuditInsert {
  return {
    at: clock.now().toISOString(),
    actor_user_id: entry.actorOverride?.userId ?? actor.userId,
    actor_agency_id: entry.actorOverride?.agencyId ?? actor.agencyId,
    action: entry.action,
    entity: entry.entity ?? null,
    entity_ids: JSON.stringify(entry.entityIds ?? []),
    outcome: entry.outcome ?? 'ok',
    request_id: actor.requestId,
    ip: actor.ip,
    details: entry.details === undefined ? null : JSON.stringify(entry.details),
    seq: null,
    prev_hash: null,
    hash: null,
  };
}

export async function appendAudit(
  db: Executor,
  clock: Clock,
  actor: AuditActor,
  entry: AuditEntry,
): Promise<void> {
  const row = auditRow(clock, actor, entry);
  if (db.isTransaction) {
    await db.insertInto('audit_log').values(row).execute();
    return;
  }
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = new AuditBatcher(db);
    batchers.set(db, batcher);
  }
  await batcher.add(row);
}

const batchers = new WeakMap<Executor, AuditBatcher>();

/** Group commit for audit rows written outside a transaction. */
class AuditBatcher {
  private queue: { row: AuditInsert; done: (error?: unknown) => void }[] = [];
  private flushing = false;

  constructor(private readonly db: Executor) {}

  add(row: AuditInsert): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ row, done: (error) => (error ? reject(error) : resolve()) });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, 500);
      try {
        await this.db
          .insertInto('audit_log')
          .values(batch.map((b) => b.row))
          .execute();
        for (const b of batch) b.done();
      } catch (error) {
        for (const b of batch) b.done(error);
      }
    }
    this.flushing = false;
  }
}

type RowContent = Omit<AuditLogTable, 'id' | 'seq' | 'prev_hash' | 'hash'> & { id: number };

/** The hash of a sealed row: SHA-256 over the previous hash, its position and every field. */
export function auditRowHash(seq: number, prevHash: string, row: RowContent): string {
  const canonical = JSON.stringify([
    seq,
    prevHash,
    row.id,
    row.at,
    row.actor_user_id,
    row.actor_agency_id,
    row.action,
    row.entity,
    row.entity_ids,
    row.outcome,
    row.request_id,
    row.ip,
    row.details,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

async function ensureHead(db: Executor, clock: Clock): Promise<void> {
  await db
    .insertInto('audit_head')
    .values({ id: 1, seq: 0, hash: GENESIS_HASH, updated_at: clock.now().toISOString() })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/**
 * Seals committed rows: gives each the next contiguous chain position and its
 * hash, and moves the head (kept outside the chained rows, so truncation shows).
 * Sealers on several replicas take turns through a row lock on the head.
 * Returns how many rows it sealed.
 */
export async function sealAudit(
  db: Kysely<Database>,
  clock: Clock,
  dialect: 'sqlite' | 'postgres',
  batch = 1000,
): Promise<number> {
  await ensureHead(db, clock);
  return db.transaction().execute(async (trx) => {
    let headQuery = trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1);
    if (dialect === 'postgres') headQuery = headQuery.forUpdate();
    const head = await headQuery.executeTakeFirstOrThrow();
    const rows = await trx
      .selectFrom('audit_log')
      .select([
        'id',
        'at',
        'actor_user_id',
        'actor_agency_id',
        'action',
        'entity',
        'entity_ids',
        'outcome',
        'request_id',
        'ip',
        'details',
      ])
      .where('seq', 'is', null)
      .orderBy('id')
      .limit(batch)
      .execute();
    if (rows.length === 0) return 0;
    let seq = Number(head.seq);
    let prev = head.hash;
    const sealed: { id: number; seq: number; prev: string; hash: string }[] = [];
    for (const row of rows) {
      seq += 1;
      const hash = auditRowHash(seq, prev, row);
      sealed.push({ id: row.id, seq, prev, hash });
      prev = hash;
    }
    // One statement for the whole batch on either dialect: far fewer round trips (and,
    // on SQLite, far less time holding the single connection) than a row at a time.
    if (dialect === 'postgres') {
      const values = sql.join(
        sealed.map((r) => sql`(${r.id}::bigint, ${r.seq}::bigint, ${r.prev}, ${r.hash})`),
      );
      await sql`UPDATE audit_log AS a SET seq = v.seq, prev_hash = v.prev, hash = v.hash
        FROM (VALUES ${values}) AS v(id, seq, prev, hash) WHERE a.id = v.id`.execute(trx);
    } else {
      const values = sql.join(sealed.map((r) => sql`(${r.id}, ${r.seq}, ${r.prev}, ${r.hash})`));
      await sql`UPDATE audit_log SET seq = v.column2, prev_hash = v.column3, hash = v.column4
        FROM (VALUES ${values}) AS v WHERE audit_log.id = v.column1`.execute(trx);
    }
    await trx
      .updateTable('audit_head')
      .set({ seq, hash: prev, updated_at: clock.now().toISOString() })
      .where('id', '=', 1)
      .execute();
    return rows.length;
  });
}

/** The outcome of `audit verify`. */
export interface AuditVerification {
  ok: boolean;
  sealed: number;
  unsealed: number;
  headSeq: number;
  headHash: string;
  /** The first row that breaks the chain, and why. */
  firstBroken?: { seq: number; id: number | null; reason: string } | undefined;
}

/** Walks the sealed chain from the start and checks every link and the head. */
export async function verifyAudit(
  db: Kysely<Database>,
  pageSize = 5000,
): Promise<AuditVerification> {
  const head = (await db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirst()) ?? {
    seq: 0,
    hash: GENESIS_HASH,
  };
  const headSeq = Number(head.seq);
  const unsealedRow = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('seq', 'is', null)
    .executeTakeFirstOrThrow();
  const result = (
    firstBroken?: AuditVerification['firstBroken'],
    sealed = 0,
  ): AuditVerification => ({
    ok: firstBroken === undefined,
    sealed,
    unsealed: Number(unsealedRow.n),
    headSeq,
    headHash: head.hash,
    firstBroken,
  });

  let expectedSeq = 1;
  let prev = GENESIS_HASH;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) {
        return result(
          {
            seq: expectedSeq,
            id: null,
            reason: `row ${expectedSeq} is missing (next present is ${seq})`,
          },
          expectedSeq - 1,
        );
      }
      if (row.prev_hash !== prev) {
        return result(
          { seq, id: row.id, reason: 'its link to the previous row does not match' },
          seq - 1,
        );
      }
      if (auditRowHash(seq, prev, row) !== row.hash) {
        return result(
          { seq, id: row.id, reason: 'its content does not match its hash (altered)' },
          seq - 1,
        );
      }
      prev = row.hash;
      expectedSeq += 1;
    }
    if (rows.length < pageSize) break;
  }
  const sealed = expectedSeq - 1;
  if (sealed < headSeq) {
    return result(
      {
        seq: sealed + 1,
        id: null,
        reason: `the chain ends at row ${sealed} but the head records ${headSeq} rows (truncated)`,
      },
      sealed,
    );
  }
  if (sealed > headSeq || prev !== head.hash) {
    return result(
      { seq: headSeq, id: null, reason: 'the head does not match the last sealed row' },
      sealed,
    );
  }
  return result(undefined, sealed);
}
