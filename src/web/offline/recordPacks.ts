// A pulled page sealed as one pack (see store.ts): the rows that name packs, the packs' live
// counts and purge marks, re-sealing, and reads that open each pack once.

import { type IDBPDatabase, type IDBPTransaction, unwrap } from 'idb';
import type { OfflineDb, OfflineRecord } from './store.ts';
import {
  decryptRecord,
  encryptRecord,
  type SealedRecord,
  type Vault,
  VaultError,
} from './vault.ts';

/** A record's row: sealed alone (`iv`, `data`), or in the pack it names. */
export type StoredRecord = { entity: string; id: string; version: number } & (
  | (SealedRecord & { pack?: undefined })
  | { pack: string; iv?: undefined; data?: undefined }
);

export interface StoredPack {
  id: string;
  iv: Uint8Array<ArrayBuffer>;
  data: Uint8Array<ArrayBuffer>;
  /** Records sealed in it. */
  size: number;
  /** Records whose row still names it; at 0 the pack goes. */
  live: number;
  /** 1 while a revoked record is still sealed in it (an index key: booleans are not). */
  purge?: 1;
}

/** A pack's plaintext: its records as [entity, id, version, value]. */
export type PackEntry = [string, string, number, unknown];

/**
 * Re-seals a pack with only the records whose rows still name it (a pack nothing names goes).
 * A concurrent write to the same rows makes it try again; a pack marked for a purge keeps its
 * mark until this succeeds, and the next write or deletion tries again (`purgeMarked`).
 */
async function compact(db: IDBPDatabase<OfflineDb>, vault: Vault, packId: string) {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const read = db.transaction(['records', 'packs'], 'readonly');
    const [old, rows] = await Promise.all([
      read.objectStore('packs').get(packId),
      read.objectStore('records').index('byPack').getAll(packId),
      read.done,
    ]);
    if (!old) return;
    const entries = rows.length > 0 ? await openPack(vault, old) : new Map();
    const keep = rows.flatMap((r) => {
      const entry = entries.get(rowKey(r.entity, r.id));
      return entry && entry[2] === r.version ? [entry] : [];
    });
    const id = crypto.randomUUID();
    const sealed = keep.length > 0 ? await encryptRecord(vault, keep, packAad(id)) : null;
    const tx = db.transaction(['records', 'packs'], 'readwrite');
    const records = tx.objectStore('records');
    const now = await records.index('byPack').getAll(packId);
    const same =
      now.length === rows.length &&
      now.every((r, i) => r.id === rows[i]?.id && r.version === rows[i]?.version) &&
      now.length === keep.length;
    if (!same) {
      tx.abort();
      await tx.done.catch(() => undefined);
      continue;
    }
    await Promise.all(
      now.map((r) => records.put({ entity: r.entity, id: r.id, version: r.version, pack: id })),
    );
    if (sealed)
      await tx.objectStore('packs').put({ id, ...sealed, size: keep.length, live: keep.length });
    await tx.objectStore('packs').delete(packId);
    await tx.done;
    return;
  }
}

/** After a write: packs now half stale are re-sealed, and any purge left pending. */
export async function afterWrite(
  db: IDBPDatabase<OfflineDb>,
  vault: Vault,
  lost: readonly StoredPack[],
) {
  for (const pack of lost)
    if (pack.live > 0 && pack.live * 2 <= pack.size) await compact(db, vault, pack.id);
  await purgeMarked(db, vault);
}

/** Re-seals every pack marked for a purge (revoked records still sealed inside). */
export async function purgeMarked(db: IDBPDatabase<OfflineDb>, vault: Vault) {
  for (const id of await db.getAllKeysFromIndex('packs', 'byPurge', 1))
    await compact(db, vault, id);
}

type RecordsTx = IDBPTransaction<OfflineDb, ('records' | 'packs')[], 'readwrite'>;

/**
 * Writes rows (and the pack they name) in one transaction; answers the packs that lost records
 * to them, as they stand after. `absent`: the rows are known not to exist, so the old ones are
 * not read (a wrong guess leaves an old pack's count high: it stays, nothing is lost).
 */
export async function writeRows(
  db: IDBPDatabase<OfflineDb>,
  rows: readonly StoredRecord[],
  pack?: StoredPack,
  absent = false,
): Promise<StoredPack[]> {
  const tx = db.transaction(['records', 'packs'], 'readwrite');
  // The raw store: a page is 500 gets and 500 puts, and a promise with its listeners for each
  // was most of a fresh device's main-thread time. A failed request aborts the transaction, and
  // `tx.done` rejects.
  const records = unwrap(tx.objectStore('records'));
  const olds = absent
    ? []
    : await getEach<StoredRecord>(
        records,
        rows.map((r) => [r.entity, r.id]),
      );
  for (const r of rows) records.put(r);
  if (pack) await tx.objectStore('packs').put({ ...pack, live: rows.length });
  const lost = await dropFromPacks(tx, olds, false);
  await tx.done;
  return lost;
}

/** The values of `keys` in `store`, in order, by one promise for all the requests. */
function getEach<T>(store: IDBObjectStore, keys: IDBValidKey[]): Promise<(T | undefined)[]> {
  return new Promise((resolve, reject) => {
    const out: (T | undefined)[] = new Array(keys.length);
    let left = keys.length;
    if (left === 0) resolve(out);
    keys.forEach((key, i) => {
      const request = store.get(key);
      request.onsuccess = () => {
        out[i] = request.result as T | undefined;
        left -= 1;
        if (left === 0) resolve(out);
      };
      request.onerror = () => reject(request.error);
    });
  });
}

/**
 * Deletes rows (a key or a range) in one transaction; the packs that still hold a sealed copy
 * of one are marked for a purge in the same transaction, so a stop before the re-seal leaves
 * the mark for the next write or deletion to act on.
 */
export async function deleteRows(
  db: IDBPDatabase<OfflineDb>,
  which: readonly [string, string][] | IDBKeyRange,
): Promise<void> {
  const tx = db.transaction(['records', 'packs'], 'readwrite');
  const records = tx.objectStore('records');
  const olds = Array.isArray(which)
    ? await Promise.all(which.map((k) => records.get(k)))
    : await records.getAll(which as IDBKeyRange);
  await Promise.all(olds.flatMap((o) => (o ? [records.delete([o.entity, o.id])] : [])));
  await dropFromPacks(tx, olds, true);
  await tx.done;
}

/** Counts rows that no longer name their pack; a pack nothing names goes, a purge is marked. */
async function dropFromPacks(
  tx: RecordsTx,
  olds: readonly (StoredRecord | undefined)[],
  purge: boolean,
): Promise<StoredPack[]> {
  const counts = new Map<string, number>();
  for (const old of olds)
    if (old?.pack !== undefined) counts.set(old.pack, (counts.get(old.pack) ?? 0) + 1);
  const packs = tx.objectStore('packs');
  const out: StoredPack[] = [];
  for (const [id, n] of counts) {
    const pack = await packs.get(id);
    if (!pack) continue;
    pack.live -= n;
    if (purge) pack.purge = 1;
    if (pack.live <= 0) await packs.delete(id);
    else await packs.put(pack);
    out.push(pack);
  }
  return out;
}

/** A pack's records by rowKey. */
async function openPack(vault: Vault, pack: StoredPack): Promise<Map<string, PackEntry>> {
  const entries = (await decryptRecord(vault, pack, packAad(pack.id))) as PackEntry[];
  return new Map(entries.map((e) => [rowKey(e[0], e[1]), e]));
}

/**
 * Reads rows (a key or a range) and the packs they name in one transaction — one state of the
 * store, whatever a sync writes meanwhile — then opens each pack once. A row whose pack holds
 * no such record (or another version) fails.
 */
export async function readRecords(
  db: IDBPDatabase<OfflineDb>,
  vault: Vault,
  which: [string, string] | IDBKeyRange,
): Promise<OfflineRecord[]> {
  const tx = db.transaction(['records', 'packs'], 'readonly');
  const rows = await tx.objectStore('records').getAll(which);
  const packIds = [...new Set(rows.flatMap((r) => (r.pack === undefined ? [] : [r.pack])))];
  const stored = await Promise.all(packIds.map((id) => tx.objectStore('packs').get(id)));
  await tx.done;
  const packs = new Map(
    await Promise.all(
      stored.map(async (pack, i) => [packIds[i], pack && (await openPack(vault, pack))] as const),
    ),
  );
  return Promise.all(
    rows.map(async (row): Promise<OfflineRecord> => {
      const { entity, id, version } = row;
      if (row.pack === undefined)
        return {
          entity,
          id,
          version,
          value: await decryptRecord(vault, row, recordAad(entity, id, version)),
        };
      const entry = packs.get(row.pack)?.get(rowKey(entity, id));
      if (!entry || entry[2] !== version) throw new VaultError('decrypt_failed');
      return { entity, id, version, value: entry[3] };
    }),
  );
}

export function rowKey(entity: string, id: string): string {
  return JSON.stringify([entity, id]);
}

// JSON arrays keep the parts unambiguous whatever characters an id holds. The version is bound
// too, so the clear version cannot be changed or an older ciphertext replayed under a newer one.
export function recordAad(entity: string, id: string, version: number): string {
  return JSON.stringify(['pathfinder/records', entity, id, version]);
}

export function packAad(packId: string): string {
  return JSON.stringify(['pathfinder/packs', packId]);
}
