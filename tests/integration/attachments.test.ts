import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { TINY_PNG } from '../helpers/routeCases.ts';
import { type Client, createTestNode, type TestNode } from '../helpers/testNode.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describe.each(DIALECTS)('case attachments on %s', (dialect) => {
  let node: TestNode;
  let inspector: Client;
  let labsupervisor: Client;
  let socialworker: Client;
  let caseId: string;
  beforeAll(async () => {
    node = await createTestNode(dialect, {
      PATHFINDER_ATTACHMENT_MAX_BYTES: '4096',
      PATHFINDER_ATTACHMENT_TYPES: 'image/png,image/jpeg,text/plain',
    });
    inspector = await node.login('inspector');
    labsupervisor = await node.login('labsupervisor');
    socialworker = await node.login('socialworker');
    const opened = await inspector.post('/api/v1/cases', {
      person: { givenName: 'Ram', familyName: 'Tamang', sex: 'male', estimatedAge: 12 },
      topics: ['child_labour'],
      riskLevel: 'medium',
      areaCode: 'NPL-D-BHAKTAPUR',
    });
    caseId = opened.json().id;
  });
  afterAll(() => node?.dispose());

  const upload = (
    client: Client,
    name: string,
    content: Buffer | string,
    type: string,
    sensitive = false,
  ) =>
    client.request(
      'POST',
      `/api/v1/cases/${caseId}/attachments?name=${encodeURIComponent(name)}&sensitive=${sensitive}`,
      content,
      { 'content-type': type },
    );

  it('stores a photo, lists it, and gives back the same bytes as a download', async () => {
    const res = await upload(inspector, 'ईंट भट्टा/../kiln photo.png', TINY_PNG, 'image/png');
    expect(res.statusCode, res.body).toBe(201);
    const file = res.json();
    expect(file).toMatchObject({
      fileName: 'kiln photo.png',
      mediaType: 'image/png',
      sizeBytes: TINY_PNG.length,
      sensitive: false,
      uploadedBy: 'inspector',
      canOpen: true,
    });
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    const list = (await labsupervisor.get(`/api/v1/cases/${caseId}/attachments`)).json().items;
    expect(list.map((f: { id: string }) => f.id)).toContain(file.id);

    const got = await labsupervisor.get(`/api/v1/cases/${caseId}/attachments/${file.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(TINY_PNG)).toBe(true);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['content-disposition']).toBe(
      `attachment; filename="kiln photo.png"; filename*=UTF-8''kiln%20photo.png`,
    );
    expect(got.headers['cache-control']).toBe('no-store');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    const reads = await node.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'case.attachment.read')
      .execute();
    expect(reads.length).toBeGreaterThan(0);
    const kase = (await inspector.get(`/api/v1/cases/${caseId}`)).json();
    expect(kase.events.map((e: { type: string }) => e.type)).toContain('attachment_added');
  });

  it('keeps a sensitive file for its uploader and supervisors; others see that it exists, not its name', async () => {
    const res = await upload(
      labsupervisor,
      'statement.txt',
      'She was locked in at night.',
      'text/plain; charset=utf-8',
      true,
    );
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    const seen = (await inspector.get(`/api/v1/cases/${caseId}/attachments`))
      .json()
      .items.find((f: { id: string }) => f.id === id);
    expect(seen).toMatchObject({ fileName: null, sensitive: true, canOpen: false });
    const refused = await inspector.get(`/api/v1/cases/${caseId}/attachments/${id}`);
    expect(refused.statusCode).toBe(403);
    const removal = await inspector.delete(`/api/v1/cases/${caseId}/attachments/${id}`);
    expect(removal.statusCode).toBe(403);
    const denials = await node.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'access.denied')
      .where('details', 'like', '%attachment:sensitive%')
      .execute();
    expect(denials.length).toBe(2);
    // Another agency does not learn the case exists.
    expect((await socialworker.get(`/api/v1/cases/${caseId}/attachments`)).statusCode).toBe(404);
    expect((await socialworker.get(`/api/v1/cases/${caseId}/attachments/${id}`)).statusCode).toBe(
      404,
    );
  });

  it('refuses disguised, unknown, empty, oversized and unnamed files, and writes nothing', async () => {
    const count = async () =>
      Number(
        (
          await node.deps.db
            .selectFrom('attachment')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const cases: [string, Buffer | string, string, number, string][] = [
      [
        'photo.jpg',
        Buffer.from('MZ\x90\x00 this is a program'),
        'image/jpeg',
        415,
        'attachment_content_mismatch',
      ],
      [
        'tool.exe',
        Buffer.from('MZ\x90\x00'),
        'application/x-msdownload',
        415,
        'attachment_type_refused',
      ],
      ['report.pdf', PDF, 'application/pdf', 415, 'attachment_type_refused'],
      ['empty.txt', '', 'text/plain', 400, 'attachment_empty'],
      ['big.txt', 'x'.repeat(5000), 'text/plain', 413, 'payload_too_large'],
      ['\u202e/..', 'hello', 'text/plain', 400, 'validation_failed'],
      [
        'binary.txt',
        Buffer.from([0x41, 0, 0x42]),
        'text/plain',
        415,
        'attachment_content_mismatch',
      ],
    ];
    for (const [name, content, type, status, code] of cases) {
      const res = await upload(inspector, name, content, type);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(status);
      expect(res.json().code, name).toBe(code);
    }
    // The message is in the user's language (saved preference first).
    await node.deps.db
      .updateTable('app_user')
      .set({ language: 'fr' })
      .where('username', '=', 'inspector')
      .execute();
    const french = await (await node.login('inspector')).request(
      'POST',
      `/api/v1/cases/${caseId}/attachments?name=x.pdf`,
      PDF,
      { 'content-type': 'application/pdf', 'accept-language': 'fr' },
    );
    expect(french.json().detail).toMatch(/ne peut pas être joint/);
    expect(await count()).toBe(before);
    expect(() => loadConfig({ PATHFINDER_ATTACHMENT_TYPES: 'image/png,application/x-sh' })).toThrow(
      ConfigError,
    );
  });

  it('removes a file: bytes erased, record and timeline kept', async () => {
    const id = (await upload(inspector, 'wrong.png', TINY_PNG, 'image/png')).json().id;
    const removed = await inspector.delete(`/api/v1/cases/${caseId}/attachments/${id}`);
    expect(removed.statusCode).toBe(204);
    const list = (await inspector.get(`/api/v1/cases/${caseId}/attachments`)).json().items;
    expect(list.some((f: { id: string }) => f.id === id)).toBe(false);
    expect((await inspector.get(`/api/v1/cases/${caseId}/attachments/${id}`)).statusCode).toBe(404);
    const bytes = await node.deps.db
      .selectFrom('attachment_content')
      .select('attachment_id')
      .where('attachment_id', '=', id)
      .execute();
    expect(bytes).toEqual([]);
    const row = await node.deps.db
      .selectFrom('attachment')
      .select(['deleted_at', 'file_name'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.deleted_at).not.toBeNull();
    const kase = (await inspector.get(`/api/v1/cases/${caseId}`)).json();
    expect(kase.events.map((e: { type: string }) => e.type)).toContain('attachment_removed');
  });
});
