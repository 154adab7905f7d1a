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
// is stale. Records put one at a time are sealed alone, as were all records before packs. The
// pack bookkeeping is in recordPacks.ts.
//
// Crypto runs before each transaction opens: an IndexedDB transaction commits itself as soon as
// it waits on anything that is not an IndexedDB request.

import { type DBSchema, deleteDB, type IDBPDatabase, openDB } from 'idb';
import {
  afterWrite,
  deleteRows,
  type PackEntry,
  packAad,
  purgeMarked,
  readRecords,
  recordAad,
  rowKey,
  type StoredPack,
  type StoredRecord,
  writeRows,
} from './recordPacks.ts';
import {
  decryptBytes,
  decryptRecord,
  encryptBytes,
  encryptRecord,
  type Vault,
  type VaultHeader,
} from './vault.ts';

// 2: queued files ('files', 'file_chunks'). 3: packs ('packs', records' 'byPack' index).
const DB_VERSION = 3;

/** The size of each sealed chunk of a queued file, and of each part sent to the server. */
export const FILE_CHUNK_BYTES = 256 * 1024;

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

export interface OfflineDb extends DBSchema {
  records: { key: [string, string]; value: StoredRecord; indexes: { byPack: string } };
  packs: { key: string; value: StoredPack; indexes: { byPurge: number } };
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
  /**
   * Stores many records in one transaction (a pulled page), sealed as one pack. `absent`: the
   * caller knows none of them is stored yet (a fresh pull's new records), so their old rows are
   * not looked up; were one stored after all, its old pack would only stay until compacted
   * otherwise — never a record lost.
   */
  putRecords(
    vault: Vault,
    records: readonly OfflineRecord[],
    options?: { absent?: boolean },
  ): Promise<void>;
  getRecord(vault: Vault, entity: string, id: string): Promise<OfflineRecord | undefined>;
  listRecords(vault: Vault, entity: string): Promise<OfflineRecord[]>;
  /** True when any record of these entities is stored (no key needed: rows are counted). */
  holdsAny(entities: readonly string[]): Promise<boolean>;
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
        database.createObjectStore('packs', { keyPath: 'id' }).createIndex('byPurge', 'purge');
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
  const store: OfflineStore = {
    name,

    async putRecord(vault, entity, id, version, value) {
      const sealed = await encryptRecord(vault, value, recordAad(entity, id, version));
      await afterWrite(db, vault, await writeRows(db, [{ entity, id, version, ...sealed }]));
    },

    async putRecords(vault, records, options) {
      // The last of several changes to one record wins, as if put one after the other.
      const latest = [...new Map(records.map((r) => [rowKey(r.entity, r.id), r])).values()];
      const only = latest[0];
      if (latest.length <= 1) {
        if (only) await store.putRecord(vault, only.entity, only.id, only.version, only.value);
        else await purgeMarked(db, vault);
        return;
      }
      const pack = crypto.randomUUID();
      const entries: PackEntry[] = latest.map((r) => [r.entity, r.id, r.version, r.value]);
      const sealed = await encryptRecord(vault, entries, packAad(pack));
      const rows = latest.map((r) => ({ entity: r.entity, id: r.id, version: r.version, pack }));
      await afterWrite(
        db,
        vault,
        await writeRows(
          db,
          rows,
          { id: pack, ...sealed, size: rows.length, live: 0 },
          options?.absent === true,
        ),
      );
    },

    async getRecord(vault, entity, id) {
      return (await readRecords(db, vault, [entity, id]))[0];
    },

    async listRecords(vault, entity) {
      // [entity] sorts before every [entity, id], and an array after every string id.
      return readRecords(db, vault, IDBKeyRange.bound([entity], [entity, []]));
    },

    async holdsAny(entities) {
      for (const entity of entities)
        if ((await db.count('records', IDBKeyRange.bound([entity], [entity, []]))) > 0) return true;
      return false;
    },

    async deleteRecords(vault, entity, ids) {
      await deleteRows(
        db,
        ids.map((id): [string, string] => [entity, id]),
      );
      await purgeMarked(db, vault);
    },

    async deleteEntity(vault, entity) {
      await deleteRows(db, IDBKeyRange.bound([entity], [entity, []]));
      await purgeMarked(db, vault);
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

function fileAad(fileId: string): string {
  return JSON.stringify(['pathfinder/files', fileId]);
}

function chunkAad(fileId: string, index: number): string {
  return JSON.stringify(['pathfinder/file_chunks', fileId, index]);
}

function outboxAad(mutationId: string): string {
  return JSON.stringify(['pathfinder/outbox', mutationId]);
}
