// The device's sync client (src/web/offline/syncClient.ts) against a real node: the same code
// the PWA runs, over an encrypted store in fake-indexeddb, on both databases.
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDB } from 'idb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateCases } from '../../src/server/synthetic/generate.ts';
import { openStore } from '../../src/web/offline/store.ts';
import { REJECTED_ENTITY, registerDevice, SyncClient } from '../../src/web/offline/syncClient.ts';
import {
  fetchTransport,
  SyncHttpError,
  type SyncTransport,
} from '../../src/web/offline/syncTransport.ts';
import { createVault } from '../../src/web/offline/vault.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { TINY_PNG } from '../helpers/routeCases.ts';
import { type Client, countCases, createTestNode, type TestNode } from '../helpers/testNode.ts';

const uuid = () => crypto.randomUUID();

/** `case.open` of a case (with the device's ids) in Bhaktapur, as a worker queues it offline. */
const openCase = (caseId: string, givenName: string, sex: 'female' | 'male', age: number) => ({
  mutationId: uuid(),
  kind: 'case.open',
  payload: {
    id: caseId,
    person: { id: uuid(), givenName, sex, estimatedAge: age },
    topics: ['child_labour'],
    riskLevel: 'high',
    areaCode: 'NPL-D-BHAKTAPUR',
  },
});

describe.each(DIALECTS)('sync client against the node (%s)', (dialect) => {
  let node: TestNode;
  let url: string;
  let n = 0;

  beforeAll(async () => {
    node = await createTestNode(dialect);
    url = (await node.app.listen({ port: 0, host: '127.0.0.1' })).replace(/\/$/, '');
  });
  afterAll(async () => node?.dispose());

  function transportOf(client: Client): SyncTransport {
    return fetchTransport({
      baseUrl: url,
      headers: () => ({
        ...(client.cookie ? { cookie: `pf_session=${client.cookie}` } : {}),
        ...(client.csrf ? { 'x-csrf-token': client.csrf } : {}),
      }),
    });
  }

  async function device(username: string) {
    n += 1;
    const client = await node.login(username);
    const transport = transportOf(client);
    const deviceId = uuid();
    await registerDevice(transport, { id: deviceId, label: `test device ${n}` });
    const store = await openStore(`sync-client-${dialect}-${n}`);
    const { vault } = await createVault('device password', `user-${n}`, { iterations: 1000 });
    return {
      client,
      deviceId,
      store,
      vault,
      sync: new SyncClient({ transport, store, vault, deviceId }),
    };
  }

  it('pushes the outbox once, then pulls what the agency holds, encrypted on the device', async () => {
    const a = await device('inspector');
    const caseId = uuid();
    await a.sync.enqueue(openCase(caseId, 'Kamala', 'female', 11));
    await a.sync.enqueue({
      mutationId: uuid(),
      kind: 'case.note',
      caseId,
      payload: { text: 'Found at the brick kiln.', sensitive: false },
    });
    const report = await a.sync.sync();
    expect(report).toMatchObject({ pushed: 2, rejected: 0, conflicts: 0 });
    expect(report.stopped).toBeUndefined();
    expect(await a.store.countOutbox()).toBe(0);
    // On PostgreSQL a change is served once every older transaction of the cluster has ended
    // (other test files run beside this one): sync again until it has come.
    await vi.waitFor(
      async () => {
        await a.sync.sync();
        const held = await a.store.getRecord(a.vault, 'case', caseId);
        expect(held?.value).toMatchObject({ id: caseId, person: { givenName: 'Kamala' } });
      },
      { timeout: 10_000, interval: 100 },
    );

    // Another device of the same agency receives it; then syncs bring nothing new.
    const b = await device('labsupervisor');
    const first = await b.sync.sync();
    expect(first.pulled).toBeGreaterThan(0);
    await vi.waitFor(
      async () => {
        await b.sync.sync();
        const got = await b.store.getRecord(b.vault, 'case', caseId);
        expect(got?.value).toMatchObject({ id: caseId });
      },
      { timeout: 10_000, interval: 100 },
    );
    await vi.waitFor(async () => expect((await b.sync.sync()).pulled).toBe(0), {
      timeout: 10_000,
      interval: 100,
    });
    // The case changes: b's next pull replaces its row, and the pack that held it counts one less.
    const version = (await b.store.getRecord(b.vault, 'case', caseId))?.version ?? 0;
    expect(version).toBeGreaterThan(0);
    const edited = await a.client.patch(`/api/v1/cases/${caseId}/fields`, {
      version,
      fields: { 'person.familyName': { value: 'Tamang' } },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    await vi.waitFor(
      async () => {
        await b.sync.sync();
        const got = await b.store.getRecord(b.vault, 'case', caseId);
        expect(got?.version).toBeGreaterThan(version);
      },
      { timeout: 10_000, interval: 100 },
    );
    // A fresh pull writes its pages without looking up old rows; later pulls look them up: every
    // pack counts exactly the rows that name it (a count too low would let a pack go while rows
    // still name it; too high, a stale copy would stay sealed).
    for (const name of [a.store.name, b.store.name]) {
      const raw = await openDB(name);
      const rows = await raw.getAll('records');
      for (const pack of await raw.getAll('packs'))
        expect(pack.live, name).toBe(rows.filter((r) => r.pack === pack.id).length);
      raw.close();
    }
  });

  it('moves a refused mutation out of the way, for the user to see, and sends the rest', async () => {
    const a = await device('inspector');
    const bad = uuid();
    await a.sync.enqueue({
      mutationId: bad,
      kind: 'case.note',
      caseId: uuid(),
      payload: { text: 'On a case that does not exist.', sensitive: false },
    });
    const report = await a.sync.sync();
    expect(report.rejected).toBe(1);
    expect(await a.store.countOutbox()).toBe(0);
    const kept = await a.store.listRecords(a.vault, REJECTED_ENTITY);
    expect(kept.map((r) => r.id)).toEqual([bad]);
    expect(kept[0]?.value).toMatchObject({ problem: { status: 404 } });
  });

  it('keeps the outbox when the session has ended, and says so', async () => {
    const a = await device('inspector');
    await a.sync.enqueue({
      mutationId: uuid(),
      kind: 'case.open',
      payload: {
        id: uuid(),
        person: { id: uuid(), givenName: 'Late', sex: 'male', estimatedAge: 14 },
        topics: ['trafficking'],
        riskLevel: 'medium',
        areaCode: 'NPL-D-BHAKTAPUR',
      },
    });
    await a.client.post('/api/v1/auth/logout');
    const report = await a.sync.sync();
    expect(report.stopped).toBe('signin');
    expect(await a.store.countOutbox()).toBe(1);
  });

  it('stops with "revoked" once an administrator revokes the device', async () => {
    const a = await device('inspector');
    const admin = await node.login('admin');
    expect((await admin.post(`/api/v1/devices/${a.deviceId}/revoke`)).statusCode).toBe(200);
    const report = await a.sync.sync();
    expect(report.stopped).toBe('revoked');
  });

  it('sends the last outbox batch with the first pull (one request for a small sync), the rest by push', async () => {
    const a = await device('inspector');
    const calls: string[] = [];
    const inner = transportOf(a.client);
    const counting = new SyncClient({
      ...a,
      transport: {
        ...inner,
        request: (method, path, body) => {
          calls.push(`${method} ${path.split('?')[0]}`);
          return inner.request(method, path, body);
        },
      },
    });
    // Pulled to the head first, so the next syncs carry little.
    await vi.waitFor(async () => expect((await counting.sync()).pulled).toBe(0), {
      timeout: 15_000,
    });
    const caseId = uuid();
    await counting.enqueue(openCase(caseId, 'Mina', 'female', 12));
    calls.length = 0;
    expect((await counting.sync()).pushed).toBe(1);
    expect(calls).toEqual(['POST /sync']);
    // 150 notes: a first batch of 100 by push, the last 50 with the pull.
    for (let i = 0; i < 150; i++)
      await counting.enqueue({
        mutationId: uuid(),
        kind: 'case.note',
        caseId,
        payload: { text: `Visit ${i}.`, sensitive: false },
      });
    calls.length = 0;
    const report = await counting.sync();
    expect(report).toMatchObject({ pushed: 150, rejected: 0 });
    expect(calls.slice(0, 2)).toEqual(['POST /sync/push', 'POST /sync']);
    expect(await a.store.countOutbox()).toBe(0);
  });

  it('a scope changed in one tab is the scope of the next sync in every tab, pulled from the start', async () => {
    const a = await device('inspector');
    // A case of the agency that is not the inspector's: the supervisor's.
    const supervisor = await node.login('labsupervisor');
    const theirs = (
      await supervisor.post('/api/v1/cases', {
        person: { givenName: 'Bishnu', sex: 'male', estimatedAge: 13 },
        topics: ['child_labour'],
        riskLevel: 'medium',
        areaCode: 'NPL-D-BHAKTAPUR',
      })
    ).json().id as string;
    const held = async () => (await a.store.listRecords(a.vault, 'case')).map((r) => r.id);
    await vi.waitFor(
      async () => {
        await a.sync.sync();
        expect(await held()).toContain(theirs);
      },
      { timeout: 15_000 },
    );
    // Another tab: the same store (its own connection), the same key and device.
    const otherTab = new SyncClient({
      transport: transportOf(a.client),
      store: await openStore(a.store.name),
      vault: a.vault,
      deviceId: a.deviceId,
    });
    await otherTab.changeScope({ scope: 'mine' });
    expect(await held()).toEqual([]);
    const report = await a.sync.sync();
    expect(report.stopped).toBeUndefined();
    expect(a.sync.scope).toEqual({ scope: 'mine' });
    expect(await held()).not.toContain(theirs);
    // A sync in the tab that changed it goes on from the same cursor: nothing refused.
    expect((await otherTab.sync()).stopped).toBeUndefined();
  });

  it('sends the outbox even when the server refuses the stored cursor, then pulls its scope again from the start', async () => {
    const a = await device('inspector');
    await vi.waitFor(async () => expect((await a.sync.sync()).pulled).toBe(0), {
      timeout: 15_000,
    });
    const caseId = uuid();
    await a.sync.enqueue(openCase(caseId, 'Sita', 'female', 13));
    // A cursor the server cannot read (say, written by a node on the other database).
    await a.store.writeCursor(dialect === 'postgres' ? '17' : '1.17');
    const before = (await a.store.listRecords(a.vault, 'case')).length;
    expect(before).toBeGreaterThan(0);
    const report = await a.sync.sync();
    expect(report).toMatchObject({ pushed: 1, restarted: true });
    expect(report.stopped).toBeUndefined();
    expect(await a.store.countOutbox()).toBe(0);
    // What it held came again (from the start: at least as many cases), and its cursor is good.
    expect(report.pulled).toBeGreaterThanOrEqual(before);
    expect((await a.store.listRecords(a.vault, 'case')).length).toBeGreaterThanOrEqual(before);
    const again = await a.sync.sync();
    expect(again.stopped).toBeUndefined();
    expect(again.restarted).toBeUndefined();
    expect(await countCases(node, caseId)).toBe(1);
  });

  it('sends the batch alone when the exchange fails after applying it, and empties the outbox', async () => {
    const a = await device('inspector');
    await vi.waitFor(async () => expect((await a.sync.sync()).pulled).toBe(0), {
      timeout: 15_000,
    });
    const caseId = uuid();
    await a.sync.enqueue(openCase(caseId, 'Nima', 'female', 12));
    const inner = transportOf(a.client);
    const calls: string[] = [];
    // The server applies the batch, then the answer is lost to a failure of its page (a 503).
    const failing = new SyncClient({
      ...a,
      transport: {
        ...inner,
        request: async <T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) => {
          calls.push(`${method} ${path.split('?')[0]}`);
          const answer = await inner.request<T>(method, path, body);
          if (path === '/sync') throw new SyncHttpError(503, 'http_503');
          return answer;
        },
      },
    });
    const report = await failing.sync();
    expect(report.stopped).toBeUndefined();
    expect(report.pushed).toBe(1);
    expect(calls.slice(0, 3)).toEqual(['POST /sync', 'POST /sync/push', 'GET /sync/pull']);
    expect(await a.store.countOutbox()).toBe(0);
    expect(await countCases(node, caseId)).toBe(1);
  });

  it('looks up old rows when a first pull stopped before keeping its cursor: no pack left behind', async () => {
    const a = await device('inspector');
    // The first page is stored, then the device stops before its cursor is written.
    const stopping = new SyncClient({
      ...a,
      transport: transportOf(a.client),
      store: new Proxy(a.store, {
        get: (target, key, receiver) =>
          key === 'writeCursor'
            ? () => Promise.reject(new Error('the tab was closed'))
            : Reflect.get(target, key, receiver),
      }),
    });
    await expect(stopping.sync()).rejects.toThrow('the tab was closed');
    expect(await a.store.readCursor()).toBeUndefined();
    expect(await a.store.holdsAny(['case'])).toBe(true);
    // The next sync starts from the empty cursor again, with the records held: it must look
    // their rows up, so the first pack is counted down and goes.
    expect((await a.sync.sync()).stopped).toBeUndefined();
    const raw = await openDB(a.store.name);
    const rows = await raw.getAll('records');
    for (const pack of await raw.getAll('packs'))
      expect(pack.live).toBe(rows.filter((r) => r.pack === pack.id).length);
    raw.close();
  });

  it('keeps each page it stored when the network drops while the next page is on its way', async () => {
    // Enough for several pages of 500 (a quarter of generated cases are the inspector's agency).
    await generateCases(node.deps, { cases: 1500, duplicateShare: 0, seed: 11, weeks: 4 });
    const a = await device('inspector');
    let pulls = 0;
    const inner = transportOf(a.client);
    const dropping = new SyncClient({
      ...a,
      transport: {
        ...inner,
        request: (method, path, body) => {
          // The first page comes with the push (POST /sync); the second by GET /sync/pull.
          if ((path === '/sync' || path.startsWith('/sync/pull')) && ++pulls === 2)
            return Promise.reject(new SyncHttpError(0, 'network_error'));
          return inner.request(method, path, body);
        },
      },
    });
    const cut = await dropping.sync();
    expect(cut.stopped).toBe('offline');
    // The first page is stored with its cursor; nothing of the lost one.
    expect(cut.pulled).toBe(500);
    const afterCut = await a.store.readCursor();
    expect(afterCut).toBeTruthy();
    // The next sync goes on from there and ends with what a device that never lost a page holds.
    const resumed = await a.sync.sync();
    expect(resumed.stopped).toBeUndefined();
    // (On PostgreSQL a row waits behind any older transaction of the cluster: sync both until
    // they agree.)
    const b = await device('inspector');
    await vi.waitFor(
      async () => {
        await Promise.all([a.sync.sync(), b.sync.sync()]);
        for (const entity of ['case', 'person']) {
          const held = (await a.store.listRecords(a.vault, entity)).map((r) => r.id).sort();
          const fresh = (await b.store.listRecords(b.vault, entity)).map((r) => r.id).sort();
          expect(held.length).toBeGreaterThan(200);
          expect(held).toEqual(fresh);
        }
      },
      { timeout: 15_000, interval: 200 },
    );
    expect(cut.pulled + resumed.pulled).toBeGreaterThan(500);
  });

  it('reports "offline" when the server cannot be reached, and loses nothing', async () => {
    const store = await openStore(`sync-client-${dialect}-unreachable`);
    const { vault } = await createVault('device password', 'user-x', { iterations: 1000 });
    const sync = new SyncClient({
      transport: fetchTransport({ baseUrl: 'http://127.0.0.1:9' }),
      store,
      vault,
      deviceId: uuid(),
    });
    await sync.enqueue({ mutationId: uuid(), kind: 'case.note', caseId: uuid(), payload: {} });
    expect((await sync.sync()).stopped).toBe('offline');
    expect(await store.countOutbox()).toBe(1);
  });

  it('sends a file queued offline in parts after its case, resuming after a drop, once', async () => {
    const a = await device('inspector');
    const caseId = uuid();
    await a.sync.enqueue(openCase(caseId, 'Photo', 'female', 13));
    // A PNG of three chunks (256 KiB each on the device).
    const content = new Uint8Array(600_000);
    content.set(TINY_PNG);
    for (let i = TINY_PNG.length; i < content.length; i += 1) content[i] = (i * 7919) % 251;
    const sha = createHash('sha256').update(content).digest('hex');
    const fileId = uuid();
    const file = {
      id: fileId,
      caseId,
      fileName: 'kiln.png',
      contentType: 'image/png',
      sizeBytes: content.length,
      sha256: sha,
      sensitive: false,
      createdAt: Date.now(),
    };
    await a.store.queueFile(a.vault, file, content);

    // The network drops after the server took the second part, before its answer arrives.
    const real = transportOf(a.client);
    let sent = 0;
    const calls: string[] = [];
    const dropping: SyncTransport = {
      request: (method, path, body) => {
        calls.push(`${method} ${path.split('?')[0]}`);
        return real.request(method, path, body);
      },
      async sendChunk<T>(path: string, offset: number, bytes: Uint8Array<ArrayBuffer>) {
        sent += 1;
        const answer = await real.sendChunk<T>(path, offset, bytes);
        if (sent === 2) throw new SyncHttpError(0, 'network_error');
        return answer;
      },
    };
    const progress: number[] = [];
    const flaky = new SyncClient({
      transport: dropping,
      store: a.store,
      vault: a.vault,
      deviceId: a.deviceId,
      onFileProgress: (_f, received) => progress.push(received),
    });
    const first = await flaky.sync();
    expect(first).toMatchObject({ pushed: 1, stopped: 'offline', filesSent: 0 });
    // With a file queued, the case goes first (push), then the file, then the pull.
    expect(calls.slice(0, 2)).toEqual(['POST /sync/push', 'POST /uploads']);
    expect(await a.store.listFiles(a.vault)).toHaveLength(1);
    const second = await flaky.sync();
    expect(second.stopped).toBeUndefined();
    expect(second.filesSent).toBe(1);
    expect(calls.at(-1)).toBe('GET /sync/pull');
    // It resumed at the third part: nothing sent twice.
    expect(sent).toBe(3);
    expect(progress).toContain(2 * 256 * 1024);
    expect(await a.store.listFiles(a.vault)).toEqual([]);

    const list = (await a.client.get(`/api/v1/cases/${caseId}/attachments`)).json().items;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: fileId, sha256: sha, sizeBytes: content.length });
  });

  it('keeps a refused file on the device with the reason', async () => {
    const a = await device('inspector');
    const caseId = (
      await a.client.post('/api/v1/cases', {
        person: { givenName: 'Refused', sex: 'male', estimatedAge: 12 },
        topics: ['child_labour'],
        riskLevel: 'low',
        areaCode: 'NPL-D-BHAKTAPUR',
      })
    ).json().id;
    const content = new TextEncoder().encode('#!/bin/sh\necho not a picture\n');
    await a.store.queueFile(
      a.vault,
      {
        id: uuid(),
        caseId,
        fileName: 'run.sh',
        contentType: 'application/x-sh',
        sizeBytes: content.length,
        sha256: createHash('sha256').update(content).digest('hex'),
        sensitive: false,
        createdAt: Date.now(),
      },
      content,
    );
    const report = await a.sync.sync();
    expect(report).toMatchObject({ filesRefused: 1, filesSent: 0 });
    expect(report.stopped).toBeUndefined();
    const [kept] = await a.store.listFiles(a.vault);
    expect(kept?.problem).toMatchObject({ status: 415, code: 'attachment_type_refused' });
    expect(kept?.problem?.message).toMatch(/cannot be attached/);
  });
});

describe('sync client on a link that stalls or lies', () => {
  /**
   * One sync of one queued note through a server that does `answer` with each request (or
   * nothing: a stalled link); the server, and any answer left open, go at the end.
   */
  async function syncThrough(answer: (response: ServerResponse) => void) {
    const open: ServerResponse[] = [];
    const server = createServer((_request, response) => {
      open.push(response);
      answer(response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const store = await openStore(`sync-client-link-${uuid()}`);
      const { vault } = await createVault('device password', 'user-link', { iterations: 1000 });
      const sync = new SyncClient({
        transport: fetchTransport({
          baseUrl: `http://127.0.0.1:${port}`,
          limits: { stallMs: 300, bytesPerSecond: 1e9 },
        }),
        store,
        vault,
        deviceId: uuid(),
      });
      await sync.enqueue({ mutationId: uuid(), kind: 'case.note', caseId: uuid(), payload: {} });
      const report = await sync.sync();
      return { report, waiting: await store.countOutbox(), requests: open.length };
    } finally {
      for (const r of open) r.destroy();
      server.close();
    }
  }

  it('gives up on a request that gets no answer, reports "offline", and keeps the outbox', async () => {
    const { report, waiting, requests } = await syncThrough(() => undefined);
    expect(report.stopped).toBe('offline');
    expect(waiting).toBe(1);
    expect(requests).toBe(1);
  });

  it('gives up on an answer whose body stops half way', async () => {
    const { report, waiting } = await syncThrough((response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"results":[');
    });
    expect(report.stopped).toBe('offline');
    expect(waiting).toBe(1);
  });

  it('lets a slow answer finish while it keeps moving, however long it takes in all', async () => {
    // An exchange's answer arriving in pieces 150 ms apart: over a second in all, five times the
    // stall limit, but never 300 ms without a byte.
    const started = performance.now();
    const { report, waiting } = await syncThrough((response) => {
      let body = '';
      response.req.on('data', (piece: Buffer) => {
        body += piece.toString();
      });
      response.req.on('end', () => {
        const { mutations } = JSON.parse(body) as { mutations: { mutationId: string }[] };
        const answer = JSON.stringify({
          results: mutations.map((m) => ({ mutationId: m.mutationId, status: 'applied' })),
          changes: [],
          revoked: [],
          cursor: 'c1',
          more: false,
        });
        response.writeHead(200, { 'content-type': 'application/json' });
        const pieces = answer.match(/.{1,12}/gs) ?? [];
        const next = () => {
          const piece = pieces.shift();
          if (piece === undefined) return response.end();
          response.write(piece);
          setTimeout(next, 150);
        };
        next();
      });
    });
    expect(performance.now() - started).toBeGreaterThan(1_000);
    expect(report.stopped).toBeUndefined();
    expect(report.pushed).toBe(1);
    expect(waiting).toBe(0);
  });

  it.each([
    [
      'a captive portal’s page',
      'text/html',
      '<html><body>Sign in to the hotel Wi-Fi</body></html>',
    ],
    ['an empty answer', 'application/json', ''],
  ])('takes a success that is not ours (%s) for no network', async (_what, type, body) => {
    const { report, waiting } = await syncThrough((response) => {
      response.writeHead(200, { 'content-type': type });
      response.end(body);
    });
    expect(report.stopped).toBe('offline');
    expect(waiting).toBe(1);
  });
});
