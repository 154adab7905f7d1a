import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PACK_DIR, PackError, readPack } from '../../src/server/packs/loadPack.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { type Client, createTestNode, type TestNode } from '../helpers/testNode.ts';

describe('country forms in the pack', () => {
  it('loads the Nepal intake and assessment forms, checked', () => {
    const pack = readPack(DEMO_PACK_DIR);
    expect(pack.rules.forms?.intake?.id).toBe('npl_intake');
    expect(pack.rules.forms?.assessment?.id).toBe('npl_assessment');
  });

  it('refuses a pack whose form has a broken expression or an unknown reference, naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pf-pack-'));
    cpSync(DEMO_PACK_DIR, dir, { recursive: true });
    const file = join(dir, 'forms', 'intake.json');
    const form = JSON.parse(readFileSync(file, 'utf8'));
    form.fields[2].relevant = '${nowhere} = 1';
    writeFileSync(file, JSON.stringify(form));
    expect(() => readPack(dir)).toThrow(PackError);
    expect(() => readPack(dir)).toThrow(/forms\/intake\.json: .*nowhere/);
    form.fields[2].relevant = "${school_enrolled} = 'yes' and";
    writeFileSync(file, JSON.stringify(form));
    expect(() => readPack(dir)).toThrow(/forms\/intake\.json/);
    writeFileSync(file, '{"id": "x"}');
    expect(() => readPack(dir)).toThrow(/forms\/intake\.json/);
  });
});

describe.each(DIALECTS)('country questions on cases on %s', (dialect) => {
  let node: TestNode;
  let inspector: Client;
  beforeAll(async () => {
    node = await createTestNode(dialect);
    inspector = await node.login('inspector');
  });
  afterAll(() => node?.dispose());

  const intake = (answers?: Record<string, unknown>) => ({
    person: { givenName: 'Kamala', familyName: 'Chaudhary', sex: 'female', estimatedAge: 12 },
    topics: ['child_labour'],
    riskLevel: 'high',
    areaCode: 'NPL-D-BHAKTAPUR',
    ...(answers ? { answers } : {}),
  });

  it('gives the device the forms with the screening rules', async () => {
    const rules = (await inspector.get('/api/v1/screening-rules')).json();
    expect(rules.forms.intake.id).toBe('npl_intake');
    expect(rules.forms.assessment.fields.length).toBeGreaterThan(0);
  });

  it('stores valid intake answers with the form version; drops answers to skipped questions', async () => {
    const res = await inspector.post(
      '/api/v1/cases',
      intake({
        school_enrolled: 'no',
        school_grade: 5, // not relevant when not enrolled: dropped
        workplace_type: 'brick_kiln',
        kamaiya_family: 'yes',
        hazards_seen: ['heavy_loads'],
        debt_owed_npr: '15000.50',
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const stored = res.json().forms[0];
    expect(stored).toMatchObject({ formId: 'npl_intake', formVersion: '2026.11.0' });
    expect(stored.answers.school_grade).toBeUndefined();
    expect(stored.answers.workplace_type).toBe('brick_kiln');
    const read = (await inspector.get(`/api/v1/cases/${res.json().id}`)).json();
    expect(read.forms).toEqual(res.json().forms);
  });

  it('refuses invalid answers field by field, in the user’s language, and writes nothing', async () => {
    const count = async () =>
      Number(
        (
          await node.deps.db
            .selectFrom('case_file')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    await node.deps.db
      .updateTable('app_user')
      .set({ language: 'fr' })
      .where('username', '=', 'inspector')
      .execute();
    const french = await node.login('inspector');
    const res = await french.post(
      '/api/v1/cases',
      intake({
        school_enrolled: 'yes',
        school_grade: 14,
        workplace_type: 'other',
        date_started_work: '2025-02-30',
        guardian_phone: 'call me',
        mystery: 'x',
      }),
    );
    expect(res.statusCode).toBe(400);
    const problem = res.json();
    expect(problem.code).toBe('form_invalid');
    expect(problem.detail).toBe('Certaines réponses sont à corriger.');
    const byField = Object.fromEntries(
      problem.fields.map((f: { field: string; code: string; message: string }) => [f.field, f]),
    );
    expect(byField.school_grade).toMatchObject({
      code: 'constraint',
      message: 'Au Népal, les classes vont de 1 à 12.',
    });
    expect(byField.workplace_other.code).toBe('required');
    expect(byField.date_started_work.code).toMatch(/date/);
    expect(byField.guardian_phone.code).toBe('constraint');
    expect(byField.mystery.code).toBe('unknown_field');
    expect(await count()).toBe(before);
    await node.deps.db
      .updateTable('app_user')
      .set({ language: 'en' })
      .where('username', '=', 'inspector')
      .execute();
  });

  it('saves assessment answers later, replacing the previous ones, in the timeline', async () => {
    inspector = await node.login('inspector');
    const kase = (await inspector.post('/api/v1/cases', intake())).json();
    expect(kase.forms).toEqual([]);
    const url = `/api/v1/cases/${kase.id}/forms/assessment`;
    const first = await inspector.request('PUT', url, {
      answers: { sleeps_at_workplace: 'yes', hours_rest_per_day: 6 },
    });
    expect(first.statusCode, first.body).toBe(200);
    const second = await inspector.request('PUT', url, {
      answers: { sleeps_at_workplace: 'no' },
    });
    expect(second.json().answers).toEqual({ sleeps_at_workplace: 'no' });
    const bad = await inspector.request('PUT', url, { answers: { hours_rest_per_day: 30 } });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['hours_rest_per_day', 'sleeps_at_workplace']);
    const read = (await inspector.get(`/api/v1/cases/${kase.id}`)).json();
    expect(read.forms).toHaveLength(1);
    expect(read.forms[0].answers).toEqual({ sleeps_at_workplace: 'no' });
    expect(read.events.filter((e: { type: string }) => e.type === 'form_saved').length).toBe(2);
    const wrongSlot = await inspector.request('PUT', `/api/v1/cases/${kase.id}/forms/other`, {
      answers: {},
    });
    expect(wrongSlot.statusCode).toBe(400);
  });
});
