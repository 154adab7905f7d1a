import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealAudit, verifyAudit } from '../../src/server/audit/auditLog.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { createTestNode, type TestNode } from '../helpers/testNode.ts';

const CLI = join(import.meta.dirname, '..', '..', 'bin', 'pathfinder.mjs');

function cli(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

async function seal(node: TestNode): Promise<void> {
  while ((await sealAudit(node.deps.db, node.clock, node.deps.dialect)) > 0) {
    // drain
  }
}

describe.each(DIALECTS)('tamper-evident audit log on %s', (dialect) => {
  let node: TestNode;
  beforeAll(async () => {
    node = await createTestNode(dialect);
  });
  afterAll(() => node?.dispose());

  it('appends one row per audited request and seals concurrent writes into one contiguous chain', async () => {
    const admin = await node.login('admin');
    const before = await node.deps.db.selectFrom('audit_log').select('id').execute();
    const writes = Array.from({ length: 40 }, (_, i) =>
      admin.patch('/api/v1/me', { language: i % 2 ? 'fr' : 'en' }),
    );
    // Two sealers race the writers: chaining must neither block requests nor break the chain.
    const sealers = [seal(node), seal(node)];
    const results = await Promise.all(writes);
    await Promise.all(sealers);
    expect(results.every((r) => r.statusCode === 200)).toBe(true);
    await seal(node);
    const rows = await node.deps.db
      .selectFrom('audit_log')
      .select(['id', 'seq', 'action', 'request_id'])
      .orderBy('seq')
      .execute();
    expect(rows.length - before.length).toBeGreaterThanOrEqual(40);
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
    const requestIds = results.map((r) => r.headers['x-request-id']);
    const audited = new Set(
      rows.filter((r) => r.action === 'user.language').map((r) => r.request_id),
    );
    for (const id of requestIds) expect(audited.has(String(id))).toBe(true);
    const check = await verifyAudit(node.deps.db, 7); // small pages exercise paging
    expect(check).toMatchObject({
      ok: true,
      unsealed: 0,
      sealed: rows.length,
      headSeq: rows.length,
    });
  });

  it('reports the unsealed tail without calling it broken', async () => {
    const admin = await node.login('admin');
    await admin.get('/api/v1/users');
    const check = await verifyAudit(node.deps.db);
    expect(check.ok).toBe(true);
    expect(check.unsealed).toBeGreaterThan(0);
    await seal(node);
  });

  it('names the first altered row', async () => {
    await seal(node);
    const target = await node.deps.db
      .selectFrom('audit_log')
      .select(['id', 'seq', 'action'])
      .where('seq', '=', 5)
      .executeTakeFirstOrThrow();
    await node.deps.db
      .updateTable('audit_log')
      .set({ action: 'something.else' })
      .where('id', '=', target.id)
      .execute();
    const check = await verifyAudit(node.deps.db);
    expect(check.ok).toBe(false);
    expect(check.firstBroken).toMatchObject({ seq: 5, id: target.id });
    expect(check.firstBroken?.reason).toMatch(/altered/);
    await node.deps.db
      .updateTable('audit_log')
      .set({ action: target.action })
      .where('id', '=', target.id)
      .execute();
    expect((await verifyAudit(node.deps.db)).ok).toBe(true);
  });

  it('names the first missing row when one is removed', async () => {
    const row = await node.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '=', 3)
      .executeTakeFirstOrThrow();
    await node.deps.db.deleteFrom('audit_log').where('id', '=', row.id).execute();
    const check = await verifyAudit(node.deps.db);
    expect(check.ok).toBe(false);
    expect(check.firstBroken?.seq).toBe(3);
    expect(check.firstBroken?.reason).toMatch(/missing/);
    await node.deps.db.insertInto('audit_log').values(row).execute();
    expect((await verifyAudit(node.deps.db)).ok).toBe(true);
  });

  it('detects that the newest rows were cut off', async () => {
    const last = await node.deps.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('seq').as('m'))
      .executeTakeFirstOrThrow();
    const max = Number(last.m);
    await node.deps.db
      .deleteFrom('audit_log')
      .where('seq', '>', max - 2)
      .execute();
    const check = await verifyAudit(node.deps.db);
    expect(check.ok).toBe(false);
    expect(check.firstBroken?.seq).toBe(max - 1);
    expect(check.firstBroken?.reason).toMatch(/truncated/);
  });
});

describe('audit verify, backup and restore from the command line (SQLite)', () => {
  it('backs up a live database, restores it elsewhere and verifies its chain; exits non-zero when altered', async () => {
    const node = await createTestNode('sqlite');
    try {
      const admin = await node.login('admin');
      for (let i = 0; i < 5; i++) await admin.patch('/api/v1/me', { language: 'es' });
      const env = { PATHFINDER_DATA_DIR: node.config.dataDir };
      const backupFile = join(mkdtempSync(join(tmpdir(), 'pf-bak-')), 'copy.sqlite');
      const backup = cli(['backup', '--out', backupFile], env);
      expect(backup.code, backup.err).toBe(0);

      const restoredDir = mkdtempSync(join(tmpdir(), 'pf-restore-'));
      const restore = cli(['restore', backupFile], { PATHFINDER_DATA_DIR: restoredDir });
      expect(restore.code, restore.err).toBe(0);
      expect(restore.out).toMatch(/audit chain verified/);
      const verify = cli(['audit', 'verify'], { PATHFINDER_DATA_DIR: restoredDir });
      expect(verify.code, verify.err).toBe(0);
      expect(verify.out).toMatch(/audit chain OK: \d+ sealed rows/);

      const again = cli(['restore', backupFile], { PATHFINDER_DATA_DIR: restoredDir });
      expect(again.code).toBe(1);
      expect(again.err).toMatch(/--force/);

      await node.deps.db
        .updateTable('audit_log')
        .set({ ip: '6.6.6.6' })
        .where('seq', '=', 2)
        .execute();
      const broken = cli(['audit', 'verify'], env);
      expect(broken.code).toBe(3);
      expect(broken.err).toMatch(/BROKEN at row 2/);
    } finally {
      await node.dispose();
    }
  });

  it('prints help, and a clear error with a non-zero exit for an unknown command', () => {
    const help = cli(['--help'], {});
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/audit verify/);
    const bad = cli(['frobnicate'], {});
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/unknown command "frobnicate"/);
  });
});
