import { ProblemError } from '../http/problem.ts';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

/** A page of results and the opaque cursor for the next one (null at the end). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Encodes the sort key of the last item seen as an opaque cursor. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Decodes a cursor made by `encodeCursor`; a forged or damaged one is a 400. */
export function decodeCursor(
  cursor: string | undefined,
  arity: number,
): (string | number)[] | null {
  if (cursor === undefined || cursor === '') return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === arity &&
      value.every((v) => typeof v === 'string' || typeof v === 'number')
    ) {
      return value as (string | number)[];
    }
  } catch {
    // fall through to the error below
  }
  throw new ProblemError(400, 'invalid_cursor');
}

/** The page size from a query string value, with the default and the ceiling applied. */
export function pageLimit(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_LIMIT;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new ProblemError(400, 'invalid_limit', { max: MAX_LIMIT });
  return Math.min(n, MAX_LIMIT);
}

/** Cuts one extra row fetched to learn whether another page exists. */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  view: (r: R) => T,
  key: (r: R) => (string | number)[],
): Page<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  const last = kept[kept.length - 1];
  return {
    items: kept.map(view),
    nextCursor: more && last !== undefined ? encodeCursor(key(last)) : null,
  };
}
