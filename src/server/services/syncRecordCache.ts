// Records the sync pull has just built (or is building: the entry is the read's promise), shared
// by every device that pulls the same change (docs/sync.md "Many devices at once"). When one
// worker adds a note, each device of the agency pulls that note (and, for a follow-up, the case)
// again; without this, 200 devices meant 200 reads of the same record.
//
// An entry is keyed by the reading agency, the entity, the record and the feed row being served
// (its `seq`): a later change to the record is a later row, so a new key. What is kept depends on
// nothing but the key — never on the reader: who of the agency may be sent a record is decided
// for each reader, by the feed query (`in_scope`) and for a note by its author and sensitivity,
// on every read and every hit (syncRecords.ts `pullNotes`). Parts of a record that change
// without a row of its own (the person's name, the assignee's or author's display name, the age
// on a new day) can be at most TTL_MS old — no older than if the device had pulled a few seconds
// earlier, and the person's own row still reaches the device.
import type { Clock } from '../clock.ts';

/** What the cache hangs on: the node (its deps), and the clock that ages the entries. */
type Owner = { clock: Clock };

export const TTL_MS = 10_000;
export const MAX_ENTRIES = 10_000;

interface Entry<T> {
  value: T;
  until: number;
}

const caches = new WeakMap<Owner, Map<string, Entry<unknown>>>();

function cacheOf(deps: Owner): Map<string, Entry<unknown>> {
  let cache = caches.get(deps);
  if (!cache) {
    cache = new Map();
    caches.set(deps, cache);
  }
  return cache;
}

export const recordKey = (agencyId: string, entity: string, id: string, seq: string | number) =>
  `${agencyId}\u0000${entity}\u0000${id}\u0000${seq}`;

/** The record built for `key` less than TTL_MS ago, if any. */
export function cachedRecord<T>(deps: Owner, key: string): T | undefined {
  const cache = cacheOf(deps);
  const entry = cache.get(key);
  if (!entry) return undefined;
  if (entry.until <= deps.clock.now().getTime()) {
    cache.delete(key);
    return undefined;
  }
  return entry.value as T;
}

/** Drops a record (its read failed). */
export function forgetRecord(deps: Owner, key: string): void {
  cacheOf(deps).delete(key);
}

/** Keeps a built record for TTL_MS; the oldest entries go first past MAX_ENTRIES. */
export function keepRecord(deps: Owner, key: string, value: unknown): void {
  const cache = cacheOf(deps);
  cache.delete(key);
  cache.set(key, { value, until: deps.clock.now().getTime() + TTL_MS });
  for (const oldest of cache.keys()) {
    if (cache.size <= MAX_ENTRIES) break;
    cache.delete(oldest);
  }
}

/**
 * The records of `ids` as the agency reads them (absent: not the agency's, or gone), in that
 * order. A record being read for another device, or read for one a moment ago, for the same feed
 * row (`seqs`) is that read's; the rest are read at once by `read` and kept.
 */
export async function sharedRecords<T extends object>(
  deps: Owner,
  key: { agencyId: string; entity: string; seqs: ReadonlyMap<string, string> },
  ids: readonly string[],
  read: (ids: string[]) => Promise<ReadonlyMap<string, T>>,
): Promise<Map<string, T>> {
  const keyOf = (id: string) => recordKey(key.agencyId, key.entity, id, key.seqs.get(id) ?? '');
  const pending = new Map<string, Promise<T | null>>();
  const missing: string[] = [];
  for (const id of ids) {
    const hit = cachedRecord<Promise<T | null>>(deps, keyOf(id));
    if (hit) pending.set(id, hit);
    else missing.push(id);
  }
  if (missing.length > 0) {
    const reading = read(missing);
    for (const id of missing) {
      // Absent is remembered as such: every device of the agency must purge it.
      const record = reading.then((records) => records.get(id) ?? null);
      // Awaited below or by another device; never an unhandled rejection if a sibling fails first.
      record.catch(() => undefined);
      pending.set(id, record);
      keepRecord(deps, keyOf(id), record);
    }
    // A failed read is not kept: the next device reads again.
    reading.catch(() => {
      for (const id of missing) forgetRecord(deps, keyOf(id));
    });
  }
  const out = new Map<string, T>();
  for (const id of ids) {
    const record = await pending.get(id);
    if (record) out.set(id, record);
  }
  return out;
}
