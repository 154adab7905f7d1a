// The encrypted store of a simulated device for the sync benchmark (bench/sync.ts), in memory.
import {
  FILE_CHUNK_BYTES,
  type OfflineRecord,
  type OfflineStore,
  type QueuedFile,
} from '../src/web/offline/store.ts';
import {
  decryptBytes,
  decryptRecord,
  encryptBytes,
  encryptRecord,
  type SealedRecord,
  type VaultHeader,
} from '../src/web/offline/vault.ts';

/**
 * The encrypted store of a simulated device, kept in memory: the same encryption as the PWA's
 * IndexedDB store (a pulled page sealed as one pack, a single record or mutation alone, with the
 * device key), without
 * fake-indexeddb's cost — 200 devices share this one process and its CPU, which real phones
 * do not, so the figure is about the server, not about this process.
 */
export function memoryStore(name: string): OfflineStore {
  // A record sealed alone, or the id of the pack (a pulled page, sealed in one call) holding it.
  const records = new Map<string, { version: number; sealed: SealedRecord | string }>();
  const packs = new Map<string, SealedRecord>();
  const outbox: { seq: number; mutationId: string; createdAt: number; sealed: SealedRecord }[] = [];
  let seq = 0;
  let cursor: string | undefined;
  let header: VaultHeader | undefined;
  const files = new Map<string, { file: SealedRecord; content: SealedRecord }>();
  const key = (entity: string, id: string) => `${entity}\u0000${id}`;
  const aad = (entity: string, id: string, version: number) =>
    JSON.stringify([entity, id, version]);
  const store: OfflineStore = {
    name,
    async putRecord(vault, entity, id, version, value) {
      records.set(key(entity, id), {
        version,
        sealed: await encryptRecord(vault, value, aad(entity, id, version)),
      });
    },
    async putRecords(vault, list) {
      // As the PWA's store: nothing for an empty page, a single record sealed alone.
      const [only, ...more] = list;
      if (!only) return;
      if (more.length === 0)
        return store.putRecord(vault, only.entity, only.id, only.version, only.value);
      const pack = crypto.randomUUID();
      const entries = list.map((r) => [r.entity, r.id, r.version, r.value]);
      packs.set(pack, await encryptRecord(vault, entries, pack));
      for (const r of list) records.set(key(r.entity, r.id), { version: r.version, sealed: pack });
    },
    async getRecord(vault, entity, id) {
      const row = records.get(key(entity, id));
      if (!row) return undefined;
      if (typeof row.sealed !== 'string') {
        const value = await decryptRecord(vault, row.sealed, aad(entity, id, row.version));
        return { entity, id, version: row.version, value };
      }
      const pack = packs.get(row.sealed);
      const entries = pack ? ((await decryptRecord(vault, pack, row.sealed)) as unknown[][]) : [];
      const found = entries.find((e) => e[0] === entity && e[1] === id);
      return found && { entity, id, version: row.version, value: found[3] };
    },
    async holdsAny(entities) {
      for (const k of records.keys())
        if (entities.includes(k.split('\u0000')[0] ?? '')) return true;
      return false;
    },
    async listRecords(vault, entity) {
      const out: OfflineRecord[] = [];
      for (const k of records.keys()) {
        const [e, id] = k.split('\u0000');
        if (e !== entity || id === undefined) continue;
        const found = await store.getRecord(vault, entity, id);
        if (found) out.push(found);
      }
      return out;
    },
    async deleteRecords(_vault, entity, ids) {
      for (const id of ids) records.delete(key(entity, id));
    },
    async deleteEntity(_vault, entity) {
      for (const k of [...records.keys()]) if (k.startsWith(`${entity}\u0000`)) records.delete(k);
    },
    async queueFile(vault, file, content) {
      files.set(file.id, {
        file: await encryptRecord(vault, file, file.id),
        content: await encryptBytes(vault, content, file.id),
      });
    },
    async listFiles(vault) {
      return Promise.all(
        [...files.entries()].map(
          async ([id, f]) => (await decryptRecord(vault, f.file, id)) as QueuedFile,
        ),
      );
    },
    async updateFile(vault, file) {
      const found = files.get(file.id);
      if (found) found.file = await encryptRecord(vault, file, file.id);
    },
    async readFileChunk(vault, fileId, index) {
      const found = files.get(fileId);
      if (!found) throw new Error(`no file ${fileId}`);
      const all = await decryptBytes(vault, found.content, fileId);
      return all.slice(index * FILE_CHUNK_BYTES, (index + 1) * FILE_CHUNK_BYTES);
    },
    async removeFile(fileId) {
      files.delete(fileId);
    },
    async enqueue(vault, mutation, createdAt = Date.now()) {
      seq += 1;
      outbox.push({
        seq,
        mutationId: mutation.mutationId,
        createdAt,
        sealed: await encryptRecord(vault, mutation, mutation.mutationId),
      });
      return seq;
    },
    async peekOutbox(vault, n) {
      return Promise.all(
        outbox.slice(0, n).map(async (o) => ({
          seq: o.seq,
          mutationId: o.mutationId,
          createdAt: o.createdAt,
          mutation: await decryptRecord(vault, o.sealed, o.mutationId),
        })),
      );
    },
    async ackOutbox(ids) {
      const before = outbox.length;
      const gone = new Set(ids);
      outbox.splice(0, outbox.length, ...outbox.filter((o) => !gone.has(o.mutationId)));
      return before - outbox.length;
    },
    async countOutbox() {
      return outbox.length;
    },
    async readHeader() {
      return header;
    },
    async writeHeader(h) {
      header = h;
    },
    async readCursor() {
      return cursor;
    },
    async writeCursor(c) {
      cursor = c;
    },
    close() {},
    async wipeAll() {
      records.clear();
      outbox.length = 0;
    },
  };
  return store;
}
