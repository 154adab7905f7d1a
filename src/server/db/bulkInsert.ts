import { type Kysely, sql, type Transaction } from 'kysely';
import type { Dialect } from './database.ts';
import type { Database } from './schema.ts';

/**
 * Inserts many rows in one statement with one parameter: the rows as JSON,
 * unpacked by the database (`json_populate_recordset` on PostgreSQL,
 * `json_each` on SQLite). No statement text grows with the row count, so
 * nothing has to be compiled or parsed per row — the fast path for jobs that
 * write tens of thousands of rows. Every row must have the same keys.
 */
export async function bulkInsert<T extends keyof Database>(
  db: Kysely<Database> | Transaction<Database>,
  dialect: Dialect,
  table: T,
  rows: readonly Database[T][] | readonly Record<string, unknown>[],
  chunk = 5000,
): Promise<void> {
  const first = rows[0] as Record<string, unknown> | undefined;
  if (!first) return;
  const columns = Object.keys(first);
  const names = sql.join(columns.map((c) => sql.ref(c)));
  for (let i = 0; i < rows.length; i += chunk) {
    const json = JSON.stringify(rows.slice(i, i + chunk));
    if (dialect === 'postgres') {
      await sql`INSERT INTO ${sql.table(table)} (${names})
        SELECT ${names} FROM json_populate_recordset(NULL::${sql.table(table)}, ${json}::json)`.execute(
        db,
      );
    } else {
      const values = sql.join(columns.map((c) => sql`json_extract(value, ${`$."${c}"`})`));
      await sql`INSERT INTO ${sql.table(table)} (${names})
        SELECT ${values} FROM json_each(${json})`.execute(db);
    }
  }
}
