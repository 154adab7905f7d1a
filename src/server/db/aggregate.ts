import { type RawBuilder, sql } from 'kysely';
import type { Dialect } from './database.ts';

/**
 * A correlated subquery that lists `column` of `table` rows whose `key` equals
 * the outer `outerRef`, as comma-separated text (codes never contain commas).
 * One query instead of one per child table, on either dialect.
 */
export function childCodes(
  dialect: Dialect,
  table: string,
  column: string,
  key: string,
  outerRef: string,
): RawBuilder<string | null> {
  const agg =
    dialect === 'postgres'
      ? sql`string_agg(${sql.ref(column)}, ',')`
      : sql`group_concat(${sql.ref(column)}, ',')`;
  return sql<
    string | null
  >`(SELECT ${agg} FROM ${sql.table(table)} WHERE ${sql.ref(`${table}.${key}`)} = ${sql.ref(outerRef)})`;
}

/** Splits what `childCodes` returned into a sorted list. */
export function splitCodes(value: string | null): string[] {
  return value ? value.split(',').sort() : [];
}
