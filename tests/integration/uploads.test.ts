import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/databases.ts';
import { TINY_PNG } from '../helpers/routeCases.ts';
import { type Client, createTestNode, type TestNode } from '../helpers/testNode.ts';

const CHUNK_TYPE = 'application/offset+octet-stream';

/** A PNG (by its first bytes) of `size` bytes. */
function png(size: number): Buffer {
  return Buffer.concat([TINY_PNG, randomBytes(size - TINY_PNG.length)]);
}
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe.each(DIALECTS)('resumable uploads on %s', (dialect) => {
  let node: TestNode;
  let inspector: Client;
  let socialworker: Client;
  let caseId: string;
  beforeAll(async () => {
    node = await createTestNode(dialect, { PATHFINDER_ATTACHMENT_MAX_BYTES: '10000' });
    inspector = await node.login('inspector');
    socialworker = await node.login('socialworker');
    const opened = await inspector.post('/api/v1/cases', {
      person: { givenName: 'Maya', familyName: 'Gurung', sex: 'female', estimatedAge: 14 },
      topics: ['child_labour'],
      riskLevel: 'medium',
      areaCode: 'NPL-D-BHAKTAPUR',
    });
    caseId = opened.json().id;
  });
  afterAll(() => node?.dispose());

  const announce = (client: Client, file: Buffer, id = crypto.randomUUID(), extra = {}) =>
    client.post('/api/v1/uploads', {
      id,
      caseId,
      fileName: 'kiln.png',
      contentType: 'image/png',
      sizeBytes: file.length,
      sha256: sha(file),
      ...extra,
    });
  const send = (client: Client, id: string, offset: number, chunk: Buffer) =>
    client.request('PATCH', `/api/v1/uploads/${id}`, chunk, {
      'content-type': CHUNK_TYPE,
      'upload-offset': String(offset),
    });

  it('takes a file in chunks, resumes after a lost answer, and stores it once', async () => {
    const file = png(2500);
    const id = crypto.randomUUID();
    const started = await announce(inspector, file, id);
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json()).toMatchObject({ receivedBytes: 0, sizeBytes: 2500, attachment: null });

    expect((await send(inspector, id, 0, file.subarray(0, 1000))).json().receivedBytes).toBe(1000);
    // The answer was lost: the device sends the same chunk again; it is not stored twice.
    const again = await send(inspector, id, 0, file.subarray(0, 1000));
    expect(again.statusCode).toBe(200);
    expect(again.json().receivedBytes).toBe(1000);
    // A chunk beyond what the server holds is refused with where to resume.
    const gap = await send(inspector, id, 2000, file.subarray(2000));
    expect(gap.statusCode).toBe(409);
    expect(gap.json()).toMatchObject({ code: 'upload_offset_mismatch', receivedBytes: 1000 });
    expect((await inspector.get(`/api/v1/uploads/${id}`)).json().receivedBytes).toBe(1000);
    // Announcing again (the device restarted) answers where it stands.
    expect((await announce(inspector, file, id)).json().receivedBytes).toBe(1000);

    await send(inspector, id, 1000, file.subarray(1000, 2000));
    const last = await send(inspector, id, 2000, file.subarray(2000));
    expect(last.statusCode, last.body).toBe(200);
    expect(last.json()).toMatchObject({ receivedBytes: 2500, attachment: { id } });

    const got = await inspector.get(`/api/v1/cases/${caseId}/attachments/${id}`);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(file)).toBe(true);
    // Completing again (a retried last chunk) changes nothing.
    expect((await send(inspector, id, 2000, file.subarray(2000))).json().attachment).toEqual({
      id,
    });
    const list = (await inspector.get(`/api/v1/cases/${caseId}/attachments`)).json().items;
    expect(list.filter((a: { id: string }) => a.id === id)).toHaveLength(1);
    const parts = await node.deps.db
      .selectFrom('upload_part')
      .select('offset_bytes')
      .where('upload_id', '=', id)
      .execute();
    expect(parts).toEqual([]);
  });

  it('stores a chunk sent twice at once only once', async () => {
    const file = png(1200);
    const id = crypto.randomUUID();
    await announce(inspector, file, id);
    const both = await Promise.all([
      send(inspector, id, 0, file.subarray(0, 600)),
      send(inspector, id, 0, file.subarray(0, 600)),
    ]);
    for (const r of both) expect(r.statusCode, r.body).toBe(200);
    const parts = await node.deps.db
      .selectFrom('upload_part')
      .select('offset_bytes')
      .where('upload_id', '=', id)
      .execute();
    expect(parts).toEqual([{ offset_bytes: 0 }]);
    const done = await send(inspector, id, 600, file.subarray(600));
    expect(done.json().attachment).toEqual({ id });
  });

  it('starts again from zero when the file arrives damaged', async () => {
    const file = png(800);
    const id = crypto.randomUUID();
    await announce(inspector, file, id);
    const damaged = Buffer.from(file);
    damaged[700] = (damaged[700] ?? 0) ^ 0xff;
    const res = await send(inspector, id, 0, damaged);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('upload_checksum_mismatch');
    expect((await inspector.get(`/api/v1/uploads/${id}`)).json().receivedBytes).toBe(0);
    expect((await send(inspector, id, 0, file)).json().attachment).toEqual({ id });
  });

  it('refuses what it must, and keeps an upload its owner’s', async () => {
    const file = png(900);
    const id = crypto.randomUUID();
    await announce(inspector, file, id);
    // Another user cannot see, feed or cancel it.
    expect((await socialworker.get(`/api/v1/uploads/${id}`)).statusCode).toBe(404);
    expect((await send(socialworker, id, 0, file)).statusCode).toBe(404);
    // The same id describing another file.
    expect((await announce(inspector, png(901), id)).json().code).toBe('upload_conflict');
    // Too large for the node, a refused type, a chunk past the end, a chunk in the wrong type.
    const big = await announce(inspector, png(10_001));
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('attachment_too_large');
    const exe = await announce(inspector, file, crypto.randomUUID(), {
      contentType: 'application/x-msdownload',
    });
    expect(exe.statusCode).toBe(415);
    expect((await send(inspector, id, 0, png(901))).json().code).toBe('upload_beyond_size');
    const json = await inspector.request('PATCH', `/api/v1/uploads/${id}`, '{}', {
      'content-type': 'application/json',
      'upload-offset': '0',
    });
    expect(json.statusCode).toBe(415);
    // Malformed ids and offsets are validation errors, not crashes.
    expect((await inspector.get('/api/v1/uploads/not-a-uuid')).statusCode).toBe(400);
    const badOffset = await inspector.request('PATCH', `/api/v1/uploads/${id}`, file, {
      'content-type': CHUNK_TYPE,
      'upload-offset': '-1',
    });
    expect(badOffset.statusCode).toBe(400);
    // A file whose bytes are not what its type says is refused when it is whole.
    const fake = Buffer.from('not a png at all, only text that pretends');
    const fakeId = crypto.randomUUID();
    await announce(inspector, fake, fakeId);
    const refused = await send(inspector, fakeId, 0, fake);
    expect(refused.statusCode).toBe(415);
    expect(refused.json().code).toBe('attachment_content_mismatch');

    // Cancelled: gone, parts and all.
    await send(inspector, id, 0, file.subarray(0, 100));
    expect((await inspector.delete(`/api/v1/uploads/${id}`)).statusCode).toBe(204);
    expect((await inspector.get(`/api/v1/uploads/${id}`)).statusCode).toBe(404);
  });

  it('lets housekeeping delete an upload abandoned for two weeks', async () => {
    const file = png(700);
    const id = crypto.randomUUID();
    await announce(inspector, file, id);
    await send(inspector, id, 0, file.subarray(0, 300));
    node.clock.advance(15 * 86_400_000);
    const { housekeepingJob } = await import('../../src/server/jobs/housekeeping.ts');
    await housekeepingJob.run(node.deps);
    const left = await node.deps.db
      .selectFrom('upload')
      .select('id')
      .where('id', '=', id)
      .execute();
    expect(left).toEqual([]);
  });
});
