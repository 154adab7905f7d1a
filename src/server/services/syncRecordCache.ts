// Case records the sync pull has just built (or is building: the entry is the read's promise), shared by every device that pulls the same change
// (docs/sync.md "Many devices at once"). When one worker adds a note, each device of the agency
// pulls that case again; without this, 200 devices meant 200 reads of the same case.
//
// An entry is keyed by the reading agency, the case and the feed row being served (its `seq`):
// a later change to the case is a later row, so a new key. Parts of a record that change without
// a case row (the person's name, the assignee's display name, the age on a new day) can be at most
// TTL_MS old — no older than if the device had pulled a few seconds earlier, and the person's own
// row still reaches the device.
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
