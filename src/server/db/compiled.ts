import { type Compilable, CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

const cache = new WeakMap<object, Map<string, string>>();

/**
 * Runs a hot query whose only parameters are `params`, building and compiling
 * it once per database: the SQL text is kept, later calls bind new values.
 * (Building a large query is most of a simple request's CPU time.) The first
 * compile must yield exactly `params` — anything inlined or added would be
 * wrong to reuse, so such a query is simply compiled every time.
 */
export async function runCompiled<R>(
  db: Executor,
  key: string,
  params: readonly unknown[],
  build: () => Compilable<R>,
): Promise<R[]> {
  let byKey = cache.get(db);
  if (!byKey) {
    byKey = new Map();
    cache.set(db, byKey);
  }
  const sql = byKey.get(key);
  if (sql !== undefined)
    return (await db.executeQuery<R>(CompiledQuery.raw(sql, [...params]))).rows;
  const compiled = build().compile();
  const same =
    compiled.parameters.length === params.length &&
    compiled.parameters.every((p, i) => p === params[i]);
  if (same) byKey.set(key, compiled.sql);
  return (await db.executeQuery<R>(compiled)).rows;
}
