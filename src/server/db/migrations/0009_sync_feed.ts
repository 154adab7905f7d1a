import { type Kysely, sql } from 'kysely';
import { isPostgres } from './0001_foundation.ts';

/**
 * The sync feed (docs/sync.md):
 *
 * - PostgreSQL: each change-log row keeps the transaction that wrote it
 *   (`xid`, a 64-bit `xid8` that never wraps). A row with a lower `seq` can
 *   commit after one with a higher `seq`, so the pull orders by `(xid, seq)`
 *   and serves only rows of transactions older than every transaction still
 *   running: a row that becomes visible later always sorts after the cursor.
 *   SQLite has one writer, so `seq` order is commit order there.
 * - Both: the changes of one record (a received referral is pulled again when
 *   the referrer's case changes).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    // Rows written before this migration all take its transaction id (they stay ordered by seq).
    await db.schema
      .alterTable('change_log')
      .addColumn('xid', sql`xid8`, (c) => c.notNull().defaultTo(sql`pg_current_xact_id()`))
      .execute();
    await db.schema.dropIndex('change_log_agency_seq_idx').execute();
    await db.schema
      .createIndex('change_log_agency_xid_idx')
      .on('change_log')
      .columns(['agency_id', 'xid', 'seq'])
      .execute();
  }
  await db.schema
    .createIndex('change_log_entity_idx')
    .on('change_log')
    .columns(['entity_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('change_log_entity_idx').execute();
  if (isPostgres(db)) {
    await db.schema.dropIndex('change_log_agency_xid_idx').execute();
    await db.schema
      .createIndex('change_log_agency_seq_idx')
      .on('change_log')
      .columns(['agency_id', 'seq'])
      .execute();
    await db.schema.alterTable('change_log').dropColumn('xid').execute();
  }
}
