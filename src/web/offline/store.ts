// The encrypted IndexedDB store for the offline app (issue #5). Only what sync must see without
// the key stays in clear: a record's entity, id and version; a mutation's id and device time.
// Everything else is sealed by vault.ts, with the record's identity as additional data.
//
// A pulled page is sealed as one *pack* (one AES-GCM message holding all its records), not
// record by record: a WebCrypto call costs far more than the bytes it encrypts, and a page holds
// up to 500 records. Each record's row then names its pack; the pack's plaintext repeats every
// record's entity, id and version, which reading checks against the row. A pack whose records
// were revoked is re-sealed without them at once (the device must not keep what it may no longer
// hold); one whose records were mostly replaced by newer versions is re-sealed when half of it
// is stale. Records put one at a time are sealed alone, as were all records before packs.
//
// Crypto runs before each transaction opens: an IndexedDB transaction commits itself as soon as
// it waits on anything that is not an IndexedDB request.

import { type DBSchema, deleteDB, type IDBPDatabase, type IDBPTransaction, openDB } from 'idb';
import {
  decryptBytes,
  decryptRecord,
  encryptBytes,
  encryptRecord,
  type SealedRecord,
  type Vault,
  VaultError,
  type VaultHeader,
} from './vault.ts';

// 2: queued files ('files', 'file_chunks'). 3: packs ('packs', records' 'byPack' index).
const DB_VERSION = 3;

/** The size of each sealed chunk of a queued file, and of each part sent to the server. */
export const FILE_CHUNK_BYTES = 256 * 1024;

/** A record's row: sealed alone (`iv`, `data`), or in the pack it names. */
type StoredRecord = { entity: string; id: string; version: number } & (
  | (SealedRecord & { pack?: undefined })
  | { pack: string; iv?: undefined; data?: undefined }
);

interface StoredPack {
  id: string;
  iv: Uint8Array<ArrayBuffer>;
  data: Uint8Array<ArrayBuffer>;
  /** Records sealed in it. */
  size: number;
  /** Records whose row still names it; at 0 the pack goes. */
  live: number;
}

/** A pack's plaintext: its records as [entity, id, version, value]. */
type PackEntry = [string, string, number, unknown];

interface StoredMutation {
  /** Auto-increment: the push order. Device clocks never order anything. */
  seq?: number;
  mutationId: string;
  createdAt: number;
  iv: Uint8Array<ArrayBuffer>;
  data: Uint8Array<ArrayBuffer>;
}

interface StoredFile {
  id: string;
  iv: Uint8Array<ArrayBuffer>;
  data: Uint8Array<ArrayBuffer>;
}

interface StoredChunk {
  fileId: string;
  index: number;
  iv: Uint8Array<ArrayBuffer>;
  data: Uint8Array<ArrayBuffer>;
}

interface OfflineDb extends DBSchema {
  records: { key: [string, string]; value: StoredRecord; indexes: { byPack: string } };
  packs: { key: string; value: StoredPack };
  files: { key: string; value: StoredFile };
  file_chunks: { key: [string, number]; value: StoredChunk };
  outbox: { key: number; value: StoredMutation; indexes: { byMutationId: string } };
  meta: { key: 'header' | 'cursor'; value: VaultHeader | string };
}

export interface OfflineRecord {
  entity: string;
  id: string;
  version: number;
  value: unknown;
}

export interface OutboxEntry {
  seq: number;
  mutationId: string;
  /** Device time in ms, for display only. */
  createdAt: number;
  mutation: unknown;
}

/**
 * A file queued on the device for a case (a photo, a scanned document), sent in chunks after the
 * outbox (docs/sync.md, "Attachments"). Its description and its bytes are sealed like records.
 */
export interface QueuedFile {
  /** Made on the device; the server's upload and attachment take it. */
  id: string;
  caseId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  sensitive: boolean;
  /** Device time in ms, for display only. */
  createdAt: number;
  /** Set when the server refused the file: the user sees why and removes it. */
  problem?: { status: number; code: string; message: string };
}

export interface OfflineStore {
  readonly name: string;
  putRecord(
    vault: Vault,
    entity: string,
    id: string,
    version: number,
    value: unknown,
  ): Promise<void>;
  /** Stores many records in one transaction (a pulled page), sealed as one pack. */
  putRecords(vault: Vault, records: readonly OfflineRecord[]): Promise<void>;
  getRecord(vault: Vault, entity: string, id: string): Promise<OfflineRecord | undefined>;
  listRecords(vault: Vault, entity: string): Promise<OfflineRecord[]>;
  /**
   * Removes records the device may no longer hold (revocations): their rows, and their sealed
   * copies inside packs (the packs are re-sealed without them, hence the key).
   */
  deleteRecords(vault: Vault, entity: string, ids: readonly string[]): Promise<void>;
  /** Removes every record of an entity (the scope changed), as deleteRecords does. */
  deleteEntity(vault: Vault, entity: string): Promise<void>;
  /** Queues a whole mutation, encrypted; returns its sequence number. mutationId is unique. */
  enqueue<M extends { mutationId: string }>(
    vault: Vault,
    mutation: M,
    createdAt?: number,
  ): Promise<number>;
  /** The first `n` queued mutations, oldest first. */
  peekOutbox(vault: Vault, n: number): Promise<OutboxEntry[]>;
  /** Removes exactly these mutations; returns how many were found. */
  ackOutbox(mutationIds: readonly string[]): Promise<number>;
  countOutbox(): Promise<number>;
  /** Queues a file: its description and its bytes in chunks of FILE_CHUNK_BYTES, in one transaction. */
  queueFile(vault: Vault, file: QueuedFile, content: Uint8Array<ArrayBuffer>): Promise<void>;
  /** The queued files, oldest first. */
  listFiles(vault: Vault): Promise<QueuedFile[]>;
  /** Rewrites a queued file's description (a refusal). */
  updateFile(vault: Vault, file: QueuedFile): Promise<void>;
  /** Chunk `index` of a queued file. */
  readFileChunk(vault: Vault, fileId: string, index: number): Promise<Uint8Array<ArrayBuffer>>;
  /** Forgets a file and its bytes (sent, or discarded). No key needed. */
  removeFile(fileId: string): Promise<void>;
  readHeader(): Promise<VaultHeader | undefined>;
  writeHeader(header: VaultHeader): Promise<void>;
  readCursor(): Promise<string | undefined>;
  writeCursor(cursor: string): Promise<void>;
  close(): void;
  /** Closes this connection and deletes the whole database. */
  wipeAll(): Promise<void>;
}

/** Opens (creating if needed) the encrypted store; use one database name per user. */
export async function openStore(name: string): Promise<OfflineStore> {
  const db: IDBPDatabase<OfflineDb> = await openDB<OfflineDb>(name, DB_VERSION, {
    upgrade(database, oldVersion, _newVersion, transaction) {
      if (oldVersion < 1) {
        database.createObjectStore('records', { keyPath: ['entity', 'id'] });
        const outbox = database.createObjectStore('outbox', {
          keyPath: 'seq',
          autoIncrement: true,
        });
        outbox.createIndex('byMutationId', 'mutationId', { unique: true });
        database.createObjectStore('meta');
      }
      if (oldVersion < 2) {
        database.createObjectStore('files', { keyPath: 'id' });
        database.createObjectStore('file_chunks', { keyPath: ['fileId', 'index'] });
      }
      if (oldVersion < 3) {
        database.createObjectStore('packs', { keyPath: 'id' });
        // Rows sealed alone have no `pack` and stay out of the index.
        transaction.objectStore('records').createIndex('byPack', 'pack');
      }
    },
    // Another tab wants to wipe or upgrade: let it, rather than block it forever.
    blocking() {
      db.close();
    },
  });
  return idbStore(name, db);
}

/** Deletes a store's database without opening it (a revoked device, a sign-out with wipe). */
export function wipeStore(name: string): Promise<void> {
  return deleteDB(name);
}

function idbStore(name: string, db: IDBPDatabase<OfflineDb>): OfflineStore {
  /**
   * Re-seals packs that lost records with only the records whose rows still name them: always
   * after a revocation (`purge`), else once half of a pack is stale. A concurrent write to the
   * same rows makes it try again.
   */
  async function compact(vault: Vault, lost: readonly StoredPack[], purge: boolean) {
    for (const old of lost) {
      if (old.live <= 0 || (!purge && old.live * 2 > old.size)) continue;
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const rows = await db.getAllFromIndex('records', 'byPack', old.id);
        const entries = (await readPacks(db, vault, [old.id])).get(old.id) ?? new Map();
        const keep = rows.flatMap((r) => {
          const entry = entries.get(rowKey(r.entity, r.id));
          return entry && entry[2] === r.version ? [entry] : [];
        });
        const id = crypto.randomUUID();
        const sealed = keep.length > 0 ? await encryptRecord(vault, keep, packAad(id)) : null;
        const tx = db.transaction(['records', 'packs'], 'readwrite');
        const records = tx.objectStore('records');
        const now = await records.index('byPack').getAll(old.id);
        const same =
          now.length === rows.length &&
          now.every((r, i) => r.id === rows[i]?.id && r.version === rows[i]?.version);
        if (!same || (sealed === null && now.length > 0)) {
          tx.abort();
          await tx.done.catch(() => undefined);
          continue;
        }
        await Promise.all(
          now.map((r) => records.put({ entity: r.entity, id: r.id, version: r.version, pack: id })),
        );
        if (sealed)
          await tx
            .objectStore('packs')
            .put({ id, ...sealed, size: keep.length, live: keep.length });
        await tx.objectStore('packs').delete(old.id);
        await tx.done;
        break;
      }
    }
  }

  const store: OfflineStore = {
    name,

    async putRecord(vault, entity, id, version, value) {
      const sealed = await encryptRecord(vault, value, recordAad(entity, id, version));
      const lost = await writeRows(db, [{ entity, id, version, ...sealed }]);
      await compact(vault, lost, false);
    },

    async putRecords(vault, records) {
      // The last of several changes to one record wins, as if put one after the other.
      const latest = [...new Map(records.map((r) => [rowKey(r.entity, r.id), r])).values()];
      const only = latest[0];
      if (latest.length <= 1) {
        if (only) await store.putRecord(vault, only.entity, only.id, only.version, only.value);
        return;
      }
      const pack = crypto.randomUUID();
      const entries: PackEntry[] = latest.map((r) => [r.entity, r.id, r.version, r.value]);
      const sealed = await encryptRecord(vault, entries, packAad(pack));
      const rows = latest.map((r) => ({ entity: r.entity, id: r.id, version: r.version, pack }));
      const lost = await writeRows(db, rows, { id: pack, ...sealed, size: rows.length, live: 0 });
      await compact(vault, lost, false);
    },

    async getRecord(vault, entity, id) {
      const row = await db.get('records', [entity, id]);
      return row === undefined ? undefined : (await openRows(db, vault, [row]))[0];
    },

    async listRecords(vault, entity) {
      // [entity] sorts before every [entity, id], and an array after every string id.
      const rows = await db.getAll('records', IDBKeyRange.bound([entity], [entity, []]));
      return openRows(db, vault, rows);
    },

    async deleteRecords(vault, entity, ids) {
      const keys = ids.map((id): [string, string] => [entity, id]);
      await compact(vault, await deleteRows(db, keys), true);
    },

    async deleteEntity(vault, entity) {
      const range = IDBKeyRange.bound([entity], [entity, []]);
      const keys = (await db.getAllKeys('records', range)) as [string, string][];
      await compact(vault, await deleteRows(db, keys), true);
    },

    async enqueue(vault, mutation, createdAt = Date.now()) {
      const { mutationId } = mutation;
      const sealed = await encryptRecord(vault, mutation, outboxAad(mutationId));
      return db.add('outbox', { mutationId, createdAt, ...sealed });
    },

    async peekOutbox(vault, n) {
      const rows = await db.getAll('outbox', undefined, n);
      return Promise.all(
        rows.map(async (row) => ({
          seq: row.seq ?? 0,
          mutationId: row.mutationId,
          createdAt: row.createdAt,
          mutation: await decryptRecord(vault, row, outboxAad(row.mutationId)),
        })),
      );
    },

    async ackOutbox(mutationIds) {
      const tx = db.transaction('outbox', 'readwrite');
      const index = tx.store.index('byMutationId');
      let removed = 0;
      for (const mutationId of mutationIds) {
        const seq = await index.getKey(mutationId);
        if (seq === undefined) continue;
        await tx.store.delete(seq);
        removed += 1;
      }
      await tx.done;
      return removed;
    },

    countOutbox() {
      return db.count('outbox');
    },

    async queueFile(vault, file, content) {
      const description = await encryptRecord(vault, file, fileAad(file.id));
      const chunks: StoredChunk[] = [];
      for (let index = 0; index * FILE_CHUNK_BYTES < content.length; index += 1) {
        const part = content.slice(index * FILE_CHUNK_BYTES, (index + 1) * FILE_CHUNK_BYTES);
        const sealed = await encryptBytes(vault, part, chunkAad(file.id, index));
        chunks.push({ fileId: file.id, index, ...sealed });
      }
      const tx = db.transaction(['files', 'file_chunks'], 'readwrite');
      await Promise.all([
        tx.objectStore('files').put({ id: file.id, ...description }),
        ...chunks.map((c) => tx.objectStore('file_chunks').put(c)),
        tx.done,
      ]);
    },

    async listFiles(vault) {
      const rows = await db.getAll('files');
      const files = await Promise.all(
        rows.map(async (row) => (await decryptRecord(vault, row, fileAad(row.id))) as QueuedFile),
      );
      return files.sort((a, b) => a.createdAt - b.createdAt);
    },

    async updateFile(vault, file) {
      const description = await encryptRecord(vault, file, fileAad(file.id));
      await db.put('files', { id: file.id, ...description });
    },

    async readFileChunk(vault, fileId, index) {
      const row = await db.get('file_chunks', [fileId, index]);
      if (!row) throw new Error(`file ${fileId} has no chunk ${index}`);
      return decryptBytes(vault, row, chunkAad(fileId, index));
    },

    async removeFile(fileId) {
      const tx = db.transaction(['files', 'file_chunks'], 'readwrite');
      await Promise.all([
        tx.objectStore('files').delete(fileId),
        tx.objectStore('file_chunks').delete(IDBKeyRange.bound([fileId, 0], [fileId, Infinity])),
        tx.done,
      ]);
    },

    async readHeader() {
      const header = await db.get('meta', 'header');
      return typeof header === 'object' ? header : undefined;
    },

    async writeHeader(header) {
      await db.put('meta', header, 'header');
    },

    async readCursor() {
      const cursor = await db.get('meta', 'cursor');
      return typeof cursor === 'string' ? cursor : undefined;
    },

    async writeCursor(cursor) {
      await db.put('meta', cursor, 'cursor');
    },

    close() {
      db.close();
    },

    async wipeAll() {
      db.close();
      await deleteDB(name);
    },
  };
  return store;
}

type RecordsTx = IDBPTransaction<OfflineDb, ('records' | 'packs')[], 'readwrite'>;

/**
 * Writes rows (and the pack they name) in one transaction; answers the packs that lost records
 * to them, as they stand after.
 */
async function writeRows(
  db: IDBPDatabase<OfflineDb>,
  rows: readonly StoredRecord[],
  pack?: StoredPack,
): Promise<StoredPack[]> {
  const tx = db.transaction(['records', 'packs'], 'readwrite');
  const records = tx.objectStore('records');
  const olds = await Promise.all(rows.map((r) => records.get([r.entity, r.id])));
  await Promise.all(rows.map((r) => records.put(r)));
  if (pack) await tx.objectStore('packs').put({ ...pack, live: rows.length });
  const lost = await dropFromPacks(tx, olds);
  await tx.done;
  return lost;
}

/** Deletes rows in one transaction; answers the packs that lost records, as they stand after. */
async function deleteRows(
  db: IDBPDatabase<OfflineDb>,
  keys: readonly [string, string][],
): Promise<StoredPack[]> {
  const tx = db.transaction(['records', 'packs'], 'readwrite');
  const records = tx.objectStore('records');
  const olds = await Promise.all(keys.map((k) => records.get(k)));
  await Promise.all(keys.map((k) => records.delete(k)));
  const lost = await dropFromPacks(tx, olds);
  await tx.done;
  return lost;
}

/** Counts rows that no longer name their pack; a pack nothing names goes. */
async function dropFromPacks(
  tx: RecordsTx,
  olds: readonly (StoredRecord | undefined)[],
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
    if (pack.live <= 0) await packs.delete(id);
    else await packs.put(pack);
    out.push(pack);
  }
  return out;
}

/** Opens packs, each once: their records by rowKey. */
async function readPacks(
  db: IDBPDatabase<OfflineDb>,
  vault: Vault,
  ids: readonly string[],
): Promise<Map<string, Map<string, PackEntry>>> {
  const opened = await Promise.all(
    ids.map(async (id) => {
      const pack = await db.get('packs', id);
      if (!pack) throw new VaultError('decrypt_failed');
      const entries = (await decryptRecord(vault, pack, packAad(id))) as PackEntry[];
      return [id, new Map(entries.map((e) => [rowKey(e[0], e[1]), e]))] as const;
    }),
  );
  return new Map(opened);
}

/** Opens rows, each pack once. A row whose pack holds no such record (or another version) fails. */
async function openRows(
  db: IDBPDatabase<OfflineDb>,
  vault: Vault,
  rows: readonly StoredRecord[],
): Promise<OfflineRecord[]> {
  const packIds = [...new Set(rows.flatMap((r) => (r.pack === undefined ? [] : [r.pack])))];
  const packs = await readPacks(db, vault, packIds);
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

function rowKey(entity: string, id: string): string {
  return JSON.stringify([entity, id]);
}

// JSON arrays keep the parts unambiguous whatever characters an id holds. The version is bound
// too, so the clear version cannot be changed or an older ciphertext replayed under a newer one.
function recordAad(entity: string, id: string, version: number): string {
  return JSON.stringify(['pathfinder/records', entity, id, version]);
}

function packAad(packId: string): string {
  return JSON.stringify(['pathfinder/packs', packId]);
}

function fileAad(fileId: string): string {
  return JSON.stringify(['pathfinder/files', fileId]);
}

function chunkAad(fileId: string, index: number): string {
  return JSON.stringify(['pathfinder/file_chunks', fileId, index]);
}

function outboxAad(mutationId: string): string {
  return JSON.stringify(['pathfinder/outbox', mutationId]);
}
