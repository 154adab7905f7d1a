// The device's sync client (src/web/offline/syncClient.ts) against a real node: the same code
// the PWA runs, over an encrypted store in fake-indexeddb, on both databases.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/web/offline/store.ts';
import {
  fetchTransport,
  REJECTED_ENTITY,
  registerDevice,
  SyncClient,
  type SyncTransport,
} from '../../src/web/offline/syncClient.ts';
import { createVault } from '../../src/web/offline/vault.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { type Client, createTestNode, type TestNode } from '../helpers/testNode.ts';

const uuid = () => crypto.randomUUID();

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
    await a.sync.enqueue({
      mutationId: uuid(),
      kind: 'case.open',
      payload: {
        id: caseId,
        person: { id: uuid(), givenName: 'Kamala', sex: 'female', estimatedAge: 11 },
        topics: ['child_labour'],
        riskLevel: 'high',
        areaCode: 'NPL-D-BHAKTAPUR',
      },
    });
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
    const held = await a.store.getRecord(a.vault, 'case', caseId);
    expect(held?.value).toMatchObject({ id: caseId, person: { givenName: 'Kamala' } });

    // Another device of the same agency receives it; a second sync brings nothing new.
    const b = await device('labsupervisor');
    const first = await b.sync.sync();
    expect(first.pulled).toBeGreaterThan(0);
    expect((await b.store.getRecord(b.vault, 'case', caseId))?.value).toMatchObject({ id: caseId });
    const again = await b.sync.sync();
    expect(again.pulled).toBe(0);
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
});
