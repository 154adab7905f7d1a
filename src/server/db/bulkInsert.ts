import { type Kysely, sql, type Transaction } from 'kysely';
import type { Dialect } from './database.ts';
import type { Database } from './schema.ts';

/**
 * Inserts many rows fast. On PostgreSQL, one statement per chunk with one
 * parameter — the rows as JSON, unpacked by `json_populate_recordset` — so no
 * statement text grows with the row count and nothing is parsed per row; on
 * SQLite (in-process, no round trips) multi-row VALUES. Every row must have
 * the same keys.
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
    const slice = rows.slice(i, i + chunk);
    if (dialect === 'postgres') {
      const json = JSON.stringify(slice);
      await sql`INSERT INTO ${sql.table(table)} (${names})
        SELECT ${names} FROM json_populate_recordset(NULL::${sql.table(table)}, ${json}::json)`.execute(
        db,
      );
    } else {
      // SQLite runs in-process: plain multi-row VALUES under its 32,766-parameter limit.
      const per = Math.max(1, Math.floor(30_000 / columns.length));
      for (let j = 0; j < slice.length; j += per)
        await db
          .insertInto(table)
          .values(slice.slice(j, j + per) as never)
          .execute();
    }
  }
}
