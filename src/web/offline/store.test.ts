import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { packAad } from './recordPacks.ts';
import { FILE_CHUNK_BYTES, type OfflineStore, openStore, wipeStore } from './store.ts';
import { createVault, decryptRecord, encryptRecord, type Vault, VaultError } from './vault.ts';

const FAST = { iterations: 1_000 };
let dbCount = 0;
const opened: OfflineStore[] = [];

async function freshStore(): Promise<{ store: OfflineStore; vault: Vault }> {
  dbCount += 1;
  const store = await openStore(`pathfinder-test-${dbCount}`);
  opened.push(store);
  const { vault } = await createVault('pw', 'user-1', FAST);
  return { store, vault };
}

afterEach(async () => {
  for (const store of opened.splice(0)) await store.wipeAll();
});

/** Every stored value of every object store, as raw as IndexedDB returns it. */
async function rawValues(name: string): Promise<unknown[]> {
  const db = await openDB(name);
  const values: unknown[] = [];
  for (const storeName of db.objectStoreNames) values.push(...(await db.getAll(storeName)));
  db.close();
  return values;
}

// Reads every string and byte array (as UTF-8) in a value, to search it for plaintext.
function allText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  if (Array.isArray(value)) return value.map(allText).join('\n');
  if (value !== null && typeof value === 'object') {
    return Object.entries(value)
      .map(([key, v]) => `${key}\n${allText(v)}`)
      .join('\n');
  }
  return String(value);
}

describe('offline store', () => {
  it('round-trips records and lists them by entity', async () => {
    const { store, vault } = await freshStore();
    await store.putRecord(vault, 'person', 'p1', 3, { name: 'Amina Diallo' });
    await store.putRecord(vault, 'person', 'p2', 1, { name: 'Kofi' });
    await store.putRecord(vault, 'case', 'c1', 1, { status: 'open' });

    expect(await store.getRecord(vault, 'person', 'p1')).toEqual({
      entity: 'person',
      id: 'p1',
      version: 3,
      value: { name: 'Amina Diallo' },
    });
    expect(await store.getRecord(vault, 'person', 'missing')).toBeUndefined();
    const people = await store.listRecords(vault, 'person');
    expect(people.map((r) => r.id)).toEqual(['p1', 'p2']);
    expect(await store.listRecords(vault, 'case')).toHaveLength(1);
    expect(await store.listRecords(vault, 'pers')).toEqual([]);
  });

  it('stores no plaintext: only entity, id and version are in clear', async () => {
    const { store, vault } = await freshStore();
    await store.putRecord(vault, 'person', 'p1', 1, { name: 'Amina Diallo', village: 'Kpalimé' });
    await store.enqueue(vault, { mutationId: 'm1', field: 'name', value: 'Amina Diallo' });

    const values = await rawValues(store.name);
    // Ciphertexts come back as bytes, which allText decodes; a sanity check on the search itself.
    expect(values.some((v) => (v as { data?: unknown }).data instanceof Uint8Array)).toBe(true);
    const raw = allText(values);
    expect(raw).toContain('p1');
    expect(raw).toContain('m1');
    expect(raw).not.toContain('Amina');
    expect(raw).not.toContain('Kpalim');
    expect(raw).not.toContain('village');
  });

  it('refuses a ciphertext swapped between two records', async () => {
    const { store, vault } = await freshStore();
    await store.putRecord(vault, 'person', 'p1', 1, { name: 'Amina' });
    await store.putRecord(vault, 'person', 'p2', 1, { name: 'Kofi' });
    const db = await openDB(store.name);
    const p1 = await db.get('records', ['person', 'p1']);
    const p2 = await db.get('records', ['person', 'p2']);
    await db.put('records', { ...p2, iv: p1.iv, data: p1.data });
    db.close();

    const error = await store.getRecord(vault, 'person', 'p2').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VaultError);
    expect((error as VaultError).code).toBe('decrypt_failed');
  });

  it('refuses a record whose clear version was changed', async () => {
    const { store, vault } = await freshStore();
    await store.putRecord(vault, 'person', 'p1', 1, { name: 'Amina' });
    const db = await openDB(store.name);
    const row = await db.get('records', ['person', 'p1']);
    await db.put('records', { ...row, version: 2 });
    db.close();
    await expect(store.getRecord(vault, 'person', 'p1')).rejects.toBeInstanceOf(VaultError);
  });

  it('deletes revoked records', async () => {
    const { store, vault } = await freshStore();
    for (const id of ['p1', 'p2', 'p3']) await store.putRecord(vault, 'person', id, 1, { id });
    await store.putRecord(vault, 'case', 'p1', 1, {});
    await store.deleteRecords(vault, 'person', ['p1', 'p3', 'unknown']);
    expect((await store.listRecords(vault, 'person')).map((r) => r.id)).toEqual(['p2']);
    expect(await store.getRecord(vault, 'case', 'p1')).toBeDefined();
  });

  it('keeps the outbox order across reloads and acks exactly what was acknowledged', async () => {
    const { store, vault } = await freshStore();
    // Device clock runs backwards: order must still follow the queue, not createdAt.
    await store.enqueue(vault, { mutationId: 'm1', n: 1 }, 3_000);
    await store.enqueue(vault, { mutationId: 'm2', n: 2 }, 2_000);
    await store.enqueue(vault, { mutationId: 'm3', n: 3 }, 1_000);
    store.close();

    const reopened = await openStore(store.name);
    opened.push(reopened);
    await reopened.enqueue(vault, { mutationId: 'm4', n: 4 });
    const firstTwo = await reopened.peekOutbox(vault, 2);
    expect(firstTwo.map((e) => e.mutationId)).toEqual(['m1', 'm2']);
    expect(firstTwo[0]).toMatchObject({ createdAt: 3_000, mutation: { mutationId: 'm1', n: 1 } });

    expect(await reopened.ackOutbox(['m2', 'm4', 'never-queued'])).toBe(2);
    const left = await reopened.peekOutbox(vault, 10);
    expect(left.map((e) => e.mutationId)).toEqual(['m1', 'm3']);
    expect(await reopened.countOutbox()).toBe(2);
  });

  it('refuses a duplicate mutation id', async () => {
    const { store, vault } = await freshStore();
    await store.enqueue(vault, { mutationId: 'm1' });
    await expect(store.enqueue(vault, { mutationId: 'm1' })).rejects.toThrow();
    expect(await store.countOutbox()).toBe(1);
  });

  it('keeps the vault header and sync cursor', async () => {
    const { store } = await freshStore();
    const { header } = await createVault('pw', 'user-1', FAST);
    expect(await store.readHeader()).toBeUndefined();
    expect(await store.readCursor()).toBeUndefined();
    await store.writeHeader(header);
    await store.writeCursor('c-42');
    expect(await store.readHeader()).toEqual(header);
    expect(await store.readCursor()).toBe('c-42');
  });

  it('keeps a queued file sealed in chunks, reads each chunk back, and forgets it', async () => {
    const { store, vault } = await freshStore();
    const content = new Uint8Array(FILE_CHUNK_BYTES * 2 + 10);
    content.set(new TextEncoder().encode('PHOTO-OF-AMINA'), FILE_CHUNK_BYTES + 5);
    const file = {
      id: 'f1',
      caseId: 'c1',
      fileName: 'amina-kiln.png',
      contentType: 'image/png',
      sizeBytes: content.length,
      sha256: '0'.repeat(64),
      sensitive: true,
      createdAt: 1,
    };
    await store.queueFile(vault, file, content);
    expect(await store.listFiles(vault)).toEqual([file]);
    const parts = await Promise.all([0, 1, 2].map((i) => store.readFileChunk(vault, 'f1', i)));
    expect(parts.map((p) => p.length)).toEqual([FILE_CHUNK_BYTES, FILE_CHUNK_BYTES, 10]);
    expect(new Uint8Array(await new Blob(parts).arrayBuffer())).toEqual(content);
    const raw = allText(await rawValues(store.name));
    expect(raw).not.toContain('amina-kiln');
    expect(raw).not.toContain('PHOTO-OF-AMINA');
    await expect(store.readFileChunk(vault, 'f1', 3)).rejects.toThrow();

    const refused = { ...file, problem: { status: 415, code: 'x', message: 'No.' } };
    await store.updateFile(vault, refused);
    expect(await store.listFiles(vault)).toEqual([refused]);
    await store.removeFile('f1');
    expect(await store.listFiles(vault)).toEqual([]);
    await expect(store.readFileChunk(vault, 'f1', 0)).rejects.toThrow();
  }, 30_000); // half a megabyte through fake-indexeddb: slow on a busy machine

  it('drops every record of an entity at once (a new scope)', async () => {
    const { store, vault } = await freshStore();
    await store.putRecord(vault, 'case', 'c1', 1, {});
    await store.putRecord(vault, 'case', 'c2', 1, {});
    await store.putRecord(vault, 'cases', 'c3', 1, {});
    await store.deleteEntity(vault, 'case');
    expect(await store.listRecords(vault, 'case')).toEqual([]);
    expect(await store.listRecords(vault, 'cases')).toHaveLength(1);
  });

  it('wipeAll leaves nothing', async () => {
    const { store, vault } = await freshStore();
    await store.putRecord(vault, 'person', 'p1', 1, { name: 'Amina' });
    await store.enqueue(vault, { mutationId: 'm1' });
    await store.writeCursor('c-1');
    await store.wipeAll();

    const databases = await indexedDB.databases();
    expect(databases.map((d) => d.name)).not.toContain(store.name);
    const reopened = await openStore(store.name);
    opened.push(reopened);
    expect(await reopened.listRecords(vault, 'person')).toEqual([]);
    expect(await reopened.countOutbox()).toBe(0);
    expect(await reopened.readCursor()).toBeUndefined();
  });

  it('wipeStore deletes a database even while another connection has it open', async () => {
    const { store, vault } = await freshStore();
    await store.putRecord(vault, 'person', 'p1', 1, { name: 'Amina' });
    await wipeStore(store.name);
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).not.toContain(store.name);
  });
});

const page = (n: number, version = 1, from = 1) =>
  Array.from({ length: n }, (_, i) => ({
    entity: 'case',
    id: `c${from + i}`,
    version,
    value: { name: `Child ${from + i}`, version },
  }));

/** Every pack in the store, opened: its id, size, live count and the records it holds. */
async function packsOf(name: string, vault: Vault) {
  const db = await openDB(name);
  const packs = await db.getAll('packs');
  db.close();
  return Promise.all(
    packs.map(async (p) => ({
      id: p.id as string,
      size: p.size as number,
      live: p.live as number,
      entries: (
        (await decryptRecord(vault, p, packAad(p.id))) as [string, string, number, unknown][]
      ).map(([entity, id, version]) => `${entity}/${id}@${version}`),
    })),
  );
}

describe('offline store: a pulled page sealed as one pack', () => {
  it('seals a page in one pack that every row names, and reads each record back', async () => {
    const { store, vault } = await freshStore();
    await store.putRecords(vault, [
      ...page(3),
      { entity: 'note', id: 'n1', version: 1, value: 'x' },
    ]);

    const packs = await packsOf(store.name, vault);
    expect(packs).toHaveLength(1);
    expect(packs[0]).toMatchObject({ size: 4, live: 4 });
    const db = await openDB(store.name);
    const rows = await db.getAll('records');
    db.close();
    expect(rows.map((r) => [r.id, r.pack, r.data])).toEqual(
      ['c1', 'c2', 'c3', 'n1'].map((id) => [id, packs[0]?.id, undefined]),
    );
    expect(await store.getRecord(vault, 'case', 'c2')).toEqual(page(3)[1]);
    expect((await store.listRecords(vault, 'case')).map((r) => r.value)).toEqual(
      page(3).map((r) => r.value),
    );
    expect(await store.listRecords(vault, 'note')).toHaveLength(1);
    expect(allText(await rawValues(store.name))).not.toContain('Child');
  });

  it('writes a fresh page without looking up old rows; a wrong guess keeps the old pack, loses nothing', async () => {
    const { store, vault } = await freshStore();
    await store.putRecords(vault, page(2), { absent: true });
    expect((await packsOf(store.name, vault))[0]).toMatchObject({ size: 2, live: 2 });
    expect((await store.listRecords(vault, 'case')).map((r) => r.id)).toEqual(['c1', 'c2']);
    // Told absent, but c1 and c2 are there: the new versions are read, and the old pack is not
    // counted down (nor deleted), so no row can ever name a pack that is gone.
    await store.putRecords(vault, page(2, 2), { absent: true });
    expect((await store.listRecords(vault, 'case')).map((r) => r.version)).toEqual([2, 2]);
    const packs = await packsOf(store.name, vault);
    expect(packs.map((p) => p.live).sort()).toEqual([2, 2]);
    // Without the hint the old rows are looked up and the stale pack goes.
    await store.putRecords(vault, page(2, 3));
    expect(await packsOf(store.name, vault)).toHaveLength(2);
  });

  it('keeps the last of two changes to one record in a page', async () => {
    const { store, vault } = await freshStore();
    await store.putRecords(vault, [...page(2, 1), ...page(1, 2)]);
    expect(await store.getRecord(vault, 'case', 'c1')).toMatchObject({ version: 2 });
    expect((await packsOf(store.name, vault))[0]).toMatchObject({ size: 2, live: 2 });
  });

  it('refuses a row pointed at another pack, or whose clear version was changed', async () => {
    const { store, vault } = await freshStore();
    await store.putRecords(vault, page(2));
    await store.putRecords(vault, page(2, 1, 3));
    const db = await openDB(store.name);
    const c1 = await db.get('records', ['case', 'c1']);
    const c3 = await db.get('records', ['case', 'c3']);
    await db.put('records', { ...c1, pack: c3.pack });
    await db.put('records', { ...c3, version: 2 });
    db.close();
    for (const id of ['c1', 'c3']) {
      const error = await store.getRecord(vault, 'case', id).catch((e: unknown) => e);
      expect((error as VaultError).code).toBe('decrypt_failed');
    }
    expect(await store.getRecord(vault, 'case', 'c2')).toBeDefined();
  });

  it('refuses a pack whose ciphertext was swapped with another pack', async () => {
    const { store, vault } = await freshStore();
    await store.putRecords(vault, page(2));
    await store.putRecords(vault, page(2, 1, 3));
    const db = await openDB(store.name);
    const [a, b] = await db.getAll('packs');
    await db.put('packs', { ...a, iv: b.iv, data: b.data });
    db.close();
    const results = await Promise.allSettled(
      ['c1', 'c3'].map((id) => store.getRecord(vault, 'case', id)),
    );
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
  });

  it('re-seals a pack without its revoked records: no sealed copy of them is left', async () => {
    const { store, vault } = await freshStore();
    await store.putRecords(vault, page(4));
    await store.deleteRecords(vault, 'case', ['c2', 'c4']);

    expect((await store.listRecords(vault, 'case')).map((r) => r.id)).toEqual(['c1', 'c3']);
    const packs = await packsOf(store.name, vault);
    expect(packs).toEqual([
      { id: expect.any(String), size: 2, live: 2, entries: ['case/c1@1', 'case/c3@1'] },
    ]);
    // Revoking the rest leaves no pack at all.
    await store.deleteEntity(vault, 'case');
    expect(await packsOf(store.name, vault)).toEqual([]);
  });

  it('finishes a purge a stop interrupted at the next write, and two at once both succeed', async () => {
    const { store, vault } = await freshStore();
    await store.putRecords(vault, page(4));
    // What a stop between deleting c2's row and re-sealing its pack leaves: the mark.
    const db = await openDB(store.name);
    const [pack] = await db.getAll('packs');
    await db.delete('records', ['case', 'c2']);
    await db.put('packs', { ...pack, live: 3, purge: 1 });
    db.close();
    expect((await packsOf(store.name, vault))[0]?.entries).toContain('case/c2@1');
    await store.putRecords(vault, []);
    expect((await packsOf(store.name, vault)).map((p) => p.entries)).toEqual([
      ['case/c1@1', 'case/c3@1', 'case/c4@1'],
    ]);
    // Two revocations from the same pack at once.
    await Promise.all([
      store.deleteRecords(vault, 'case', ['c1']),
      store.deleteRecords(vault, 'case', ['c3']),
    ]);
    expect((await packsOf(store.name, vault)).map((p) => p.entries)).toEqual([['case/c4@1']]);
    expect((await store.listRecords(vault, 'case')).map((r) => r.id)).toEqual(['c4']);
  });

  it('drops a pack once newer versions replaced all of it, and re-seals one half stale', async () => {
    const { store, vault } = await freshStore();
    await store.putRecords(vault, page(4));
    await store.putRecords(vault, page(1, 2));
    // One stale record of four (c1, now sealed alone): the pack stays as it is.
    let packs = await packsOf(store.name, vault);
    expect(packs.map((p) => [p.size, p.live])).toEqual([[4, 3]]);

    await store.putRecords(vault, page(2, 2, 2));
    packs = await packsOf(store.name, vault);
    // Half stale: re-sealed with only c4; c1 was put alone (a page of one), c2 and c3 together.
    expect(packs.map((p) => p.entries).sort()).toEqual([['case/c2@2', 'case/c3@2'], ['case/c4@1']]);
    expect((await store.listRecords(vault, 'case')).map((r) => [r.id, r.version])).toEqual([
      ['c1', 2],
      ['c2', 2],
      ['c3', 2],
      ['c4', 1],
    ]);
    await store.putRecords(vault, [...page(2, 3), ...page(2, 3, 3)]);
    packs = await packsOf(store.name, vault);
    expect(packs.map((p) => p.entries)).toEqual([
      ['case/c1@3', 'case/c2@3', 'case/c3@3', 'case/c4@3'],
    ]);
  });

  it('reads records stored one by one before packs (version 2) and replaces them', async () => {
    const name = `pathfinder-test-legacy-${dbCount++}`;
    const { vault } = await createVault('pw', 'user-1', FAST);
    const legacy = await openDB(name, 2, {
      upgrade(database) {
        database.createObjectStore('records', { keyPath: ['entity', 'id'] });
        database
          .createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true })
          .createIndex('byMutationId', 'mutationId', { unique: true });
        database.createObjectStore('meta');
        database.createObjectStore('files', { keyPath: 'id' });
        database.createObjectStore('file_chunks', { keyPath: ['fileId', 'index'] });
      },
    });
    const aad = JSON.stringify(['pathfinder/records', 'case', 'c1', 1]);
    await legacy.put('records', {
      entity: 'case',
      id: 'c1',
      version: 1,
      ...(await encryptRecord(vault, { name: 'Old' }, aad)),
    });
    legacy.close();

    const store = await openStore(name);
    opened.push(store);
    expect(await store.getRecord(vault, 'case', 'c1')).toMatchObject({ value: { name: 'Old' } });
    await store.putRecords(vault, page(2, 2));
    expect((await store.listRecords(vault, 'case')).map((r) => r.version)).toEqual([2, 2]);
    expect((await packsOf(store.name, vault))[0]).toMatchObject({ size: 2, live: 2 });
  });
});
