// The encrypted IndexedDB store for the offline app (issue #5). Only what sync must see without
// the key stays in clear: a record's entity, id and version; a mutation's id and device time.
// Everything else is sealed by vault.ts, with the record's identity as additional data.
//
// Crypto runs before each transaction opens: an IndexedDB transaction commits itself as soon as
// it waits on anything that is not an IndexedDB request.

import { type DBSchema, deleteDB, type IDBPDatabase, openDB } from 'idb';
import { decryptRecord, encryptRecord, type Vault, type VaultHeader } from './vault.ts';

const DB_VERSION = 1;

interface StoredRecord {
  entity: string;
  id: string;
  version: number;
  iv: Uint8Array<ArrayBuffer>;
  data: Uint8Array<ArrayBuffer>;
}

interface StoredMutation {
  /** Auto-increment: the push order. Device clocks never order anything. */
  seq?: number;
  mutationId: string;
  createdAt: number;
  iv: Uint8Array<ArrayBuffer>;
  data: Uint8Array<ArrayBuffer>;
}

interface OfflineDb extends DBSchema {
  records: { key: [string, string]; value: StoredRecord };
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

export interface OfflineStore {
  readonly name: string;
  putRecord(
    vault: Vault,
    entity: string,
    id: string,
    version: number,
    value: unknown,
  ): Promise<void>;
  /** Stores many records in one transaction (a pulled page); encryption runs first. */
  putRecords(vault: Vault, records: readonly OfflineRecord[]): Promise<void>;
  getRecord(vault: Vault, entity: string, id: string): Promise<OfflineRecord | undefined>;
  listRecords(vault: Vault, entity: string): Promise<OfflineRecord[]>;
  /** Removes records the device may no longer hold (revocations). No key needed. */
  deleteRecords(entity: string, ids: readonly string[]): Promise<void>;
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
    upgrade(database) {
      database.createObjectStore('records', { keyPath: ['entity', 'id'] });
      const outbox = database.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
      outbox.createIndex('byMutationId', 'mutationId', { unique: true });
      database.createObjectStore('meta');
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
  return {
    name,

    async putRecord(vault, entity, id, version, value) {
      const sealed = await encryptRecord(vault, value, recordAad(entity, id, version));
      await db.put('records', { entity, id, version, ...sealed });
    },

    async putRecords(vault, records) {
      const sealed = await Promise.all(
        records.map(async (r) => ({
          entity: r.entity,
          id: r.id,
          version: r.version,
          ...(await encryptRecord(vault, r.value, recordAad(r.entity, r.id, r.version))),
        })),
      );
      const tx = db.transaction('records', 'readwrite');
      await Promise.all([...sealed.map((row) => tx.store.put(row)), tx.done]);
    },

    async getRecord(vault, entity, id) {
      const row = await db.get('records', [entity, id]);
      return row === undefined ? undefined : openRecord(vault, row);
    },

    async listRecords(vault, entity) {
      // [entity] sorts before every [entity, id], and an array after every string id.
      const rows = await db.getAll('records', IDBKeyRange.bound([entity], [entity, []]));
      return Promise.all(rows.map((row) => openRecord(vault, row)));
    },

    async deleteRecords(entity, ids) {
      const tx = db.transaction('records', 'readwrite');
      await Promise.all([...ids.map((id) => tx.store.delete([entity, id])), tx.done]);
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
}

async function openRecord(vault: Vault, row: StoredRecord): Promise<OfflineRecord> {
  const { entity, id, version } = row;
  const value = await decryptRecord(vault, row, recordAad(entity, id, version));
  return { entity, id, version, value };
}

// JSON arrays keep the parts unambiguous whatever characters an id holds. The version is bound
// too, so the clear version cannot be changed or an older ciphertext replayed under a newer one.
function recordAad(entity: string, id: string, version: number): string {
  return JSON.stringify(['pathfinder/records', entity, id, version]);
}

function outboxAad(mutationId: string): string {
  return JSON.stringify(['pathfinder/outbox', mutationId]);
}
