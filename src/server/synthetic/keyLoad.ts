// Search keys of a `generate` run on PostgreSQL (generate.ts): kept apart during the run and
// moved into person_key at its end.
import { type RawBuilder, sql, type Transaction } from 'kysely';
import type { Deps } from '../context.ts';
import type { Database } from '../db/schema.ts';

/**
 * Where generate puts search keys on PostgreSQL until the end of a run. Written a batch at a
 * time into person_key, 6–7 keys a person land at random across a primary key of gigabytes:
 * every leaf they touch goes whole to the WAL after each checkpoint (67 GB of WAL for a million
 * cases). Appended to a table without indexes and moved in key order at the end, they fill the
 * index's leaves one after another. Meanwhile the new persons are not found by search.
 */
export const KEY_LOAD = 'person_key_load';

/**
 * Moves the keys waiting in KEY_LOAD into person_key, queues for the duplicate job again the
 * persons it may have looked at without their keys, and drops the table: one transaction, so a
 * stopped move leaves the table for the next run. When the load is at least as large as what
 * person_key already holds (a new node), the table's indexes and constraints are dropped and
 * built again after the rows are in — a sorted build instead of millions of index insertions;
 * searches wait meanwhile (the table is locked until the end of the move).
 */
export async function moveLoadedKeys(deps: Deps): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const found = await sql<{
      name: string | null;
    }>`SELECT to_regclass(${KEY_LOAD})::text AS name`.execute(trx);
    if (!found.rows[0]?.name) return;
    await sql`SET LOCAL synchronous_commit = off`.execute(trx);
    await sql`SET LOCAL maintenance_work_mem = '512MB'`.execute(trx);
    const columns = sql.join(KEY_COLUMNS.map((c) => sql.ref(c)));
    const count = async (query: RawBuilder<{ n: number }>) =>
      Number((await query.execute(trx)).rows[0]?.n ?? 0);
    const staged = await count(sql`SELECT count(*) AS n FROM ${sql.table(KEY_LOAD)}`);
    const held = await count(
      sql`SELECT count(*) AS n FROM (SELECT 1 FROM person_key LIMIT ${staged + 1}) x`,
    );
    const rebuild = held <= staged ? await dropKeyIndexes(trx) : null;
    // Keys of persons still there and not merged away, each once and not already filed (a run
    // stopped before its move may be followed by renames, merges or migration 0015's keys).
    await sql`INSERT INTO person_key (${columns})
      SELECT DISTINCT ON (l.agency_id, l.key, l.person_id) ${sql.join(KEY_COLUMNS.map((c) => sql.ref(`l.${c}`)))}
      FROM ${sql.table(KEY_LOAD)} l JOIN person p ON p.id = l.person_id
      WHERE NOT EXISTS (SELECT 1 FROM person_key k
          WHERE k.agency_id = l.agency_id AND k.key = l.key AND k.person_id = l.person_id)
        AND NOT EXISTS (SELECT 1 FROM person_merge m
          WHERE m.merged_id = l.person_id AND m.unmerged_at IS NULL)
      ORDER BY l.agency_id, l.key, l.person_id`.execute(trx);
    for (const statement of rebuild ?? []) await sql.raw(statement).execute(trx);
    // The duplicate job may have looked at these persons before their keys were there (the
    // job drops repeated queue rows).
    await sql`INSERT INTO linkage_queue (person_id)
      SELECT DISTINCT person_id FROM ${sql.table(KEY_LOAD)}`.execute(trx);
    await sql`DROP TABLE ${sql.table(KEY_LOAD)}`.execute(trx);
  });
}

/**
 * Drops person_key's constraints and indexes, as PostgreSQL itself writes them down; answers the
 * statements that make them again (primary key first, foreign keys last).
 */
async function dropKeyIndexes(trx: Transaction<Database>): Promise<string[]> {
  const constraints = (
    await sql<{ name: string; type: string; def: string }>`
      SELECT conname AS name, contype AS type, pg_get_constraintdef(oid) AS def
      FROM pg_constraint WHERE conrelid = 'person_key'::regclass AND contype IN ('p', 'u', 'f')
      ORDER BY CASE contype WHEN 'p' THEN 0 WHEN 'u' THEN 1 ELSE 2 END, conname`.execute(trx)
  ).rows;
  const indexes = (
    await sql<{ name: string; def: string }>`
      SELECT indexname AS name, indexdef AS def FROM pg_indexes
      WHERE schemaname = current_schema() AND tablename = 'person_key'
        AND indexname NOT IN (SELECT conname FROM pg_constraint
          WHERE conrelid = 'person_key'::regclass)`.execute(trx)
  ).rows;
  for (const c of [...constraints].reverse())
    await sql`ALTER TABLE person_key DROP CONSTRAINT ${sql.id(c.name)}`.execute(trx);
  for (const i of indexes) await sql`DROP INDEX ${sql.id(i.name)}`.execute(trx);
  const add = (c: { name: string; def: string }) =>
    `ALTER TABLE person_key ADD CONSTRAINT "${c.name.replaceAll('"', '""')}" ${c.def}`;
  return [
    ...constraints.filter((c) => c.type !== 'f').map(add),
    ...indexes.map((i) => i.def),
    ...constraints.filter((c) => c.type === 'f').map(add),
  ];
}

// Every column of person_key (the compiler checks the list is whole).
const KEY_COLUMNS = Object.keys({
  agency_id: 1,
  key: 1,
  person_id: 1,
  given_name: 1,
  family_name: 1,
  sex: 1,
  birth_date: 1,
  estimated_age: 1,
  age_recorded_on: 1,
  area_code: 1,
} satisfies Record<keyof Database['person_key'], 1>);

/** Makes the table the run's keys wait in (after moveLoadedKeys has moved and dropped any left). */
export async function openKeyLoad(deps: Deps): Promise<void> {
  await sql`CREATE TABLE ${sql.table(KEY_LOAD)} (LIKE person_key)`.execute(deps.db);
}
