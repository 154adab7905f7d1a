import { type RawBuilder, sql } from 'kysely';

/**
 * A case-insensitive "contains" test on one or more text columns, the same on
 * SQLite and PostgreSQL; `%`, `_` and `\` in the search text match literally.
 */
export function containsText(columns: readonly string[], text: string): RawBuilder<boolean> {
  const like = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const tests = columns.map((c) => sql`lower(${sql.ref(c)}) LIKE ${like} ESCAPE '\\'`);
  return sql<boolean>`(${sql.join(tests, sql` OR `)})`;
}
