import { type Kysely, sql } from 'kysely';
import { isPostgres } from './0001_foundation.ts';

/**
 * PostgreSQL: leave room in each page of `referral` so that setting a
 * reminder or escalation mark (columns no index covers) is a heap-only update
 * that touches none of the table's seven indexes — the escalation pass writes
 * one such mark per overdue referral.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) await sql`ALTER TABLE referral SET (fillfactor = 70)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) await sql`ALTER TABLE referral RESET (fillfactor)`.execute(db);
}
