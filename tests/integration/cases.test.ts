import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUES, type Reason, translate } from '../../src/core/index.ts';
import { isUniqueViolation } from '../../src/server/services/trail.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { type Client, createTestNode, type TestNode } from '../helpers/testNode.ts';

describe.each(DIALECTS)('intake, screening and caseload on %s', (dialect) => {
  let node: TestNode;
  let inspector: Client;
  beforeAll(async () => {
    node = await createTestNode(dialect);
    inspector = await node.login('inspector');
  });
  afterAll(() => node?.dispose());

  const intake = (over: Record<string, unknown> = {}) => ({
    person: { givenName: 'Anita', familyName: 'Thapa Magar', sex: 'female', estimatedAge: 13 },
    topics: ['child_labour'],
    riskLevel: 'high',
    areaCode: 'NPL-D-BHAKTAPUR',
    ...over,
  });

  it('registers a 13-year-old from a brick kiln, opens a high-risk case with a task due within 24 hours', async () => {
    const res = await inspector.post('/api/v1/cases', intake());
    expect(res.statusCode, res.body).toBe(201);
    const kase = res.json();
    expect(kase).toMatchObject({
      step: 'identification',
      riskLevel: 'high',
      topics: ['child_labour'],
      person: { age: 13, ageEstimated: true },
    });
    expect(kase.reference).toMatch(/^NPL-\d{4}-[A-Z2-9]{8}$/);
    const due = Date.parse(kase.tasks[0].dueAt) - Date.parse(kase.identifiedAt);
    expect(kase.tasks[0].kind).toBe('first_response');
    expect(due).toBe(24 * 3_600_000);
    expect(kase.events.map((e: { type: string }) => e.type)).toEqual(['opened']);

    const screening = await inspector.post(`/api/v1/cases/${kase.id}/screenings`, {
      kind: 'child_labour',
      inputs: {
        economicActivityHours: 20,
        householdChoresHours: 0,
        industry: '2392',
        conditions: ['dangerous_machinery_or_heavy_loads'],
        worstForms: [],
      },
    });
    expect(screening.statusCode, screening.body).toBe(201);
    const s = screening.json();
    expect(s).toMatchObject({
      kind: 'child_labour',
      summary: 'child_labour_hazardous',
      rulesId: 'npl-child-labour',
    });
    const reasons: Reason[] = s.result.sdg.SL_TLF_CHLDEA.reasons;
    const french = reasons.map((r) =>
      translate(CATALOGUES, ['fr'], `screening.reasons.${r.code}`, r.params),
    );
    expect(french.join(' ')).toMatch(/quel que soit le nombre d'heures/);
    expect(translate(CATALOGUES, ['fr'], `screening.summary.${s.summary}`)).toBe(
      'Travail des enfants (travail dangereux)',
    );

    const stored = await node.deps.db
      .selectFrom('screening')
      .selectAll()
      .where('id', '=', s.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(stored.inputs)).toMatchObject({
      age: 13,
      ageEstimated: true,
      economicActivityHours: 20,
    });
    expect(stored.rules_version).toBe('2026.11.0');
  });

  it('searches before creating: accents and word order do not matter, age is approximate', async () => {
    await inspector.post(
      '/api/v1/cases',
      intake({
        person: {
          givenName: 'Nguyễn Thị',
          familyName: 'Ánh',
          sex: 'female',
          birthDate: '2012-01-15',
        },
      }),
    );
    const hits = (await inspector.get('/api/v1/persons?q=anh%20nguyen&age=14')).json().items;
    expect(hits.map((p: { givenName: string }) => p.givenName)).toEqual(['Nguyễn Thị']);
    expect(hits[0]).toMatchObject({ caseCount: 1, age: 14 });
    expect((await inspector.get('/api/v1/persons?q=anh%20nguyen&age=30')).json().items).toEqual([]);
    const existing = hits[0].id;
    const second = await inspector.post(
      '/api/v1/cases',
      intake({ person: { personId: existing }, topics: ['trafficking'] }),
    );
    expect(second.statusCode).toBe(201);
    expect(second.json().person.id).toBe(existing);
  });

  it('finds persons by the start of any name word, narrowed by area, over the indexed keys', async () => {
    await inspector.post(
      '/api/v1/cases',
      intake({
        person: {
          givenName: 'Bishnu Maya',
          familyName: 'Shrestha',
          sex: 'female',
          estimatedAge: 12,
        },
        areaCode: 'NPL-D-BHAKTAPUR',
      }),
    );
    const names = async (query: string) =>
      (await inspector.get(`/api/v1/persons?${query}`))
        .json()
        .items.map(
          (p: { givenName: string; familyName: string }) => `${p.givenName} ${p.familyName}`,
        );
    expect(await names('q=shres')).toContain('Bishnu Maya Shrestha');
    expect(await names('q=may%20bish')).toContain('Bishnu Maya Shrestha');
    expect(await names('q=SHRESTHA&sex=female&area=NPL-P3')).toContain('Bishnu Maya Shrestha');
    expect(await names('q=shrestha&area=NPL-D-KATHMANDU')).toEqual([]);
    expect(await names('q=hrestha')).toEqual([]);
    // One row per distinct word, so a name with a repeated word is found once.
    const keys = await node.deps.db
      .selectFrom('person_key')
      .innerJoin('person', 'person.id', 'person_key.person_id')
      .select('person_key.key')
      .where('person.given_name', '=', 'Bishnu Maya')
      .execute();
    // Words a user types; '#…' keys are the linkage filing keys (name skeletons, issue #6).
    expect(
      keys
        .map((k) => k.key)
        .filter((k) => !k.startsWith('#'))
        .sort(),
    ).toEqual(['bishnu', 'maya', 'shrestha']);
  });

  it('assigns cases: the opener holds it, a supervisor gives it to another worker, "my cases" and tasks follow', async () => {
    const labsupervisor = await node.login('labsupervisor');
    const opened = (await inspector.post('/api/v1/cases', intake())).json();
    expect(opened.assignedTo).toMatchObject({ username: 'inspector' });

    const workers = (await inspector.get('/api/v1/case-assignees')).json().items;
    expect(workers.map((w: { username: string }) => w.username).sort()).toEqual([
      'inspector',
      'labsupervisor',
    ]);
    const supervisorId = workers.find(
      (w: { username: string }) => w.username === 'labsupervisor',
    ).id;

    // A worker may not give a case away…
    const refused = await inspector.post(`/api/v1/cases/${opened.id}/assignment`, {
      userId: supervisorId,
      version: opened.version,
    });
    expect(refused.statusCode).toBe(403);
    // …a supervisor may; a stale version is a conflict, a user of another agency unknown.
    const stale = await labsupervisor.post(`/api/v1/cases/${opened.id}/assignment`, {
      userId: supervisorId,
      version: opened.version + 5,
    });
    expect(stale.statusCode).toBe(409);
    const outsider = (
      await node.deps.db
        .selectFrom('app_user')
        .select('id')
        .where('username', '=', 'socialworker')
        .executeTakeFirstOrThrow()
    ).id;
    const foreign = await labsupervisor.post(`/api/v1/cases/${opened.id}/assignment`, {
      userId: outsider,
      version: opened.version,
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().code).toBe('unknown_reference');
    const given = await labsupervisor.post(`/api/v1/cases/${opened.id}/assignment`, {
      userId: supervisorId,
      version: opened.version,
    });
    expect(given.statusCode, given.body).toBe(200);
    expect(given.json()).toMatchObject({
      version: opened.version + 1,
      assignedTo: { username: 'labsupervisor' },
    });
    expect(given.json().events.at(-1)).toMatchObject({
      type: 'assigned',
      actorUsername: 'labsupervisor',
      details: { to: 'labsupervisor' },
    });

    const mine = async (client: Client) =>
      (await client.get('/api/v1/cases?assigned=me&limit=100'))
        .json()
        .items.map((c: { id: string }) => c.id);
    expect(await mine(labsupervisor)).toContain(opened.id);
    expect(await mine(inspector)).not.toContain(opened.id);
    const myTasks = (await labsupervisor.get('/api/v1/tasks?mine=true&limit=100')).json().items;
    expect(myTasks.find((t: { caseId: string }) => t.caseId === opened.id)).toMatchObject({
      kind: 'first_response',
      caseReference: opened.reference,
      assignedTo: 'labsupervisor',
      overdue: false,
    });
    expect(
      (await inspector.get('/api/v1/tasks?mine=true&limit=100'))
        .json()
        .items.some((t: { caseId: string }) => t.caseId === opened.id),
    ).toBe(false);

    // The worker takes it back; a supervisor may leave it unassigned.
    const taken = await inspector.post(`/api/v1/cases/${opened.id}/assignment`, {
      userId: null,
      version: opened.version + 1,
    });
    expect(taken.statusCode).toBe(403);
    const back = await inspector.post(`/api/v1/cases/${opened.id}/assignment`, {
      userId: given.json().assignedTo === null ? null : opened.assignedTo.id,
      version: opened.version + 1,
    });
    expect(back.statusCode, back.body).toBe(200);
    const none = await labsupervisor.post(`/api/v1/cases/${opened.id}/assignment`, {
      userId: null,
      version: opened.version + 2,
    });
    expect(none.json().assignedTo).toBeNull();
    const unassigned = (await inspector.get('/api/v1/cases?assigned=none&limit=100')).json();
    expect(unassigned.items.map((c: { id: string }) => c.id)).toContain(opened.id);

    // Not overdue yet (the caseload test below moves the clock past the target).
    const overdue = (await inspector.get('/api/v1/tasks?overdue=true&limit=100')).json().items;
    expect(overdue.some((t: { caseId: string }) => t.caseId === opened.id)).toBe(false);
    // Soonest due first, then page by page without repeats.
    const first = (await inspector.get('/api/v1/tasks?limit=2')).json();
    const second = (
      await inspector.get(`/api/v1/tasks?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`)
    ).json();
    const dues = [...first.items, ...second.items].map((t: { dueAt: string }) => t.dueAt);
    expect(dues).toEqual([...dues].sort());
    expect(new Set([...first.items, ...second.items].map((t: { id: string }) => t.id)).size).toBe(
      4,
    );
  });

  it('recognises a clash of case references on this database (openCase retries it)', async () => {
    const existing = await node.deps.db
      .selectFrom('case_file')
      .selectAll()
      .limit(1)
      .executeTakeFirstOrThrow();
    const clash = await node.deps.db
      .insertInto('case_file')
      .values({ ...existing, id: crypto.randomUUID() })
      .execute()
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(clash).not.toBeNull();
    expect(isUniqueViolation(clash, 'reference')).toBe(true);
    expect(isUniqueViolation(clash, 'username')).toBe(false);
    expect(isUniqueViolation(new Error('reference'), 'reference')).toBe(false);
  });

  it('runs forced labour and trafficking screenings with the pack’s rules', async () => {
    const kase = (
      await inspector.post(
        '/api/v1/cases',
        intake({
          topics: ['forced_labour', 'trafficking'],
          person: { givenName: 'Ram', sex: 'male', estimatedAge: 16 },
        }),
      )
    ).json();
    const fl = await inspector.post(`/api/v1/cases/${kase.id}/screenings`, {
      kind: 'forced_labour',
      inputs: { answers: { deceived_about_work: 'yes', documents_kept: 'yes' } },
    });
    expect(fl.json()).toMatchObject({ summary: 'indicators_of_forced_labour' });
    expect(fl.json().result.indicatorsPresent).toEqual([
      'deception',
      'retention_of_identity_documents',
    ]);
    const tr = await inspector.post(`/api/v1/cases/${kase.id}/screenings`, {
      kind: 'trafficking',
      inputs: { acts: ['transportation'], means: [], purposes: ['forced_labour_or_services'] },
    });
    expect(tr.json()).toMatchObject({
      summary: 'indicators_present',
      result: { child: true, elements: { means: 'not_required' } },
    });
    const unknown = await inspector.post(`/api/v1/cases/${kase.id}/screenings`, {
      kind: 'forced_labour',
      inputs: { answers: { made_up: 'yes' } },
    });
    expect(unknown.json().code).toBe('unknown_reference');
  });

  it('refuses impossible input with clear codes and writes nothing', async () => {
    const before = (await node.deps.db.selectFrom('case_file').select('id').execute()).length;
    for (const [body, code] of [
      [
        intake({ person: { givenName: 'X', sex: 'female', birthDate: '2025-02-29' } }),
        'invalid_birth_date',
      ],
      [
        intake({ person: { givenName: 'X', sex: 'female', birthDate: '1890-01-01' } }),
        'invalid_birth_date',
      ],
      [
        intake({ person: { givenName: 'X', sex: 'female', birthDate: '2099-01-01' } }),
        'invalid_birth_date',
      ],
      [intake({ person: { givenName: 'X', sex: 'female' } }), 'age_required'],
      [
        intake({ person: { givenName: 'X', sex: 'female', estimatedAge: 121 } }),
        'validation_failed',
      ],
      [intake({ topics: [] }), 'validation_failed'],
      [intake({ areaCode: 'NPL-D-NOWHERE' }), 'unknown_reference'],
    ] as const) {
      const res = await inspector.post('/api/v1/cases', body);
      expect(res.json().code, JSON.stringify(body)).toBe(code);
    }
    expect((await node.deps.db.selectFrom('case_file').select('id').execute()).length).toBe(before);
    const kase = (await inspector.get('/api/v1/cases?limit=1')).json().items[0];
    const hours = await inspector.post(`/api/v1/cases/${kase.id}/screenings`, {
      kind: 'child_labour',
      inputs: {
        economicActivityHours: 100,
        householdChoresHours: 100,
        conditions: [],
        worstForms: [],
      },
    });
    expect(hours.json().code).toBe('hours_exceed_week');
  });

  it('lists the caseload by risk, step, name and overdue tasks, page by page', async () => {
    for (let i = 0; i < 5; i++)
      await inspector.post(
        '/api/v1/cases',
        intake({
          riskLevel: i % 2 ? 'low' : 'medium',
          person: { givenName: `Child ${i}`, sex: 'male', estimatedAge: 10 },
        }),
      );
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (
        await inspector.get(`/api/v1/cases?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      all.push(...page.items.map((c: { id: string }) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBeGreaterThanOrEqual(9);
    const inBagmati = (await inspector.get('/api/v1/cases?area=NPL-P3&limit=200')).json().items;
    expect(inBagmati.length).toBe(all.length);
    expect((await inspector.get('/api/v1/cases?area=NPL-P1')).json().items).toEqual([]);
    const low = (await inspector.get('/api/v1/cases?risk=low')).json().items;
    expect(low.every((c: { riskLevel: string }) => c.riskLevel === 'low')).toBe(true);
    expect((await inspector.get('/api/v1/cases?q=anita')).json().items[0].personName).toBe(
      'Anita Thapa Magar',
    );
    expect((await inspector.get('/api/v1/cases?overdue=true')).json().items).toEqual([]);
    node.clock.advance(25 * 3_600_000);
    const again = await node.login('inspector');
    const overdue = (await again.get('/api/v1/cases?overdue=true')).json().items;
    expect(overdue.length).toBeGreaterThan(0);
    const lateTasks = (await again.get('/api/v1/tasks?overdue=true&limit=100')).json().items;
    expect(lateTasks.length).toBeGreaterThan(0);
    expect(lateTasks.every((t: { overdue: boolean }) => t.overdue)).toBe(true);
    expect(
      overdue.every(
        (c: { overdue: boolean; riskLevel: string }) => c.overdue && c.riskLevel === 'high',
      ),
    ).toBe(true);
    inspector = again;
  });

  it('keeps a case within its agency: another agency gets "not found", and the attempt is audited', async () => {
    const kase = (await inspector.get('/api/v1/cases?limit=1')).json().items[0];
    const other = await node.login('socialworker');
    expect((await other.get(`/api/v1/cases/${kase.id}`)).statusCode).toBe(404);
    expect((await other.get('/api/v1/cases')).json().items).toEqual([]);
    expect((await other.get('/api/v1/persons?q=anita')).json().items).toEqual([]);
    const denial = await node.deps.db
      .selectFrom('audit_log')
      .select(['action', 'entity_ids'])
      .where('action', '=', 'access.denied')
      .where('entity_ids', 'like', `%${kase.id}%`)
      .execute();
    expect(denial.length).toBe(1);
    expect((await inspector.get(`/api/v1/cases/${kase.id}`)).statusCode).toBe(200);
    const reads = await node.deps.db
      .selectFrom('audit_log')
      .select(['action', 'entity_ids'])
      .where('action', '=', 'case.read')
      .execute();
    expect(reads.length).toBe(1);
    expect(JSON.parse(reads[0]?.entity_ids ?? '[]')).toContain(kase.id);
  });

  it('moves a case by its workflow and refuses a step whose needs are missing', async () => {
    const kase = (await inspector.post('/api/v1/cases', intake())).json();
    const started = await inspector.post(`/api/v1/cases/${kase.id}/transitions`, {
      action: 'start_assessment',
      version: kase.version,
    });
    expect(started.json()).toMatchObject({ step: 'assessment', version: 2 });
    expect(started.json().tasks[0].doneAt).not.toBeNull();
    const early = await inspector.post(`/api/v1/cases/${kase.id}/transitions`, {
      action: 'complete_assessment',
      version: 2,
    });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({
      code: 'workflow_refused',
      problems: ['screening_required'],
    });
    await inspector.post(`/api/v1/cases/${kase.id}/screenings`, {
      kind: 'child_labour',
      inputs: {
        economicActivityHours: 20,
        householdChoresHours: 0,
        conditions: [],
        worstForms: [],
      },
    });
    const planned = await inspector.post(`/api/v1/cases/${kase.id}/transitions`, {
      action: 'complete_assessment',
      version: 2,
    });
    expect(planned.json()).toMatchObject({ step: 'case_planning', actions: ['approve_plan'] });
    const stale = await inspector.post(`/api/v1/cases/${kase.id}/transitions`, {
      action: 'approve_plan',
      version: 2,
    });
    expect(stale.json().code).toBe('version_conflict');
    const timeline = (await inspector.get(`/api/v1/cases/${kase.id}`))
      .json()
      .events.map((e: { type: string }) => e.type);
    expect(timeline).toEqual(['opened', 'start_assessment', 'screening', 'complete_assessment']);
  });

  it('plans, intervenes, follows up, and closes only with a supervisor’s approval; reopens with a reason', async () => {
    const url = (id: string, tail: string) => `/api/v1/cases/${id}/${tail}`;
    let kase = (await inspector.post('/api/v1/cases', intake())).json();
    const move = async (action: string, reason?: string, who = inspector) => {
      const res = await who.post(url(kase.id, 'transitions'), {
        action,
        version: kase.version,
        ...(reason ? { reason } : {}),
      });
      if (res.statusCode === 200) kase = res.json();
      return res;
    };
    await move('start_assessment');
    await inspector.post(url(kase.id, 'screenings'), {
      kind: 'child_labour',
      inputs: {
        economicActivityHours: 20,
        householdChoresHours: 0,
        conditions: [],
        worstForms: [],
      },
    });
    await move('complete_assessment');
    expect((await move('approve_plan')).json().problems).toEqual(['plan_goal_required']);
    const goal = await inspector.post(url(kase.id, 'goals'), {
      description: 'Back in school',
      dueDate: '2027-01-31',
    });
    expect(goal.statusCode, goal.body).toBe(201);
    expect(
      (
        await inspector.post(url(kase.id, 'goals'), { description: 'x', dueDate: '2027-02-30' })
      ).json().code,
    ).toBe('invalid_date');
    expect((await move('approve_plan')).statusCode).toBe(200);
    expect((await move('start_follow_up')).json().problems).toEqual(['intervention_required']);
    await inspector.post(url(kase.id, 'interventions'), {
      type: 'school_enrolment',
      startedOn: '2026-11-20',
      provider: 'Bhaktapur school',
    });
    expect((await move('start_follow_up')).statusCode).toBe(200);
    const visit = await inspector.post(url(kase.id, 'follow-ups'), {
      visitedOn: '2026-11-25',
      stillWorking: false,
      inSchool: true,
      safe: true,
      withFamily: null,
    });
    expect(visit.json()).toMatchObject({ stillWorking: false, inSchool: true, withFamily: null });
    expect((await move('request_closure')).json().problems).toEqual(['reason_required']);
    expect((await move('request_closure', 'In school and safe for three months')).json().step).toBe(
      'closure_requested',
    );
    expect((await move('approve_closure')).json().problems).toEqual([
      'supervisor_required',
      'approver_must_differ',
    ]);
    const supervisor = await node.login('labsupervisor');
    const closed = await move('approve_closure', undefined, supervisor);
    expect(closed.json()).toMatchObject({ step: 'closed' });
    expect(kase.closedAt).not.toBeNull();
    expect(kase.goals).toHaveLength(1);
    expect(kase.interventions[0]).toMatchObject({
      type: 'school_enrolment',
      provider: 'Bhaktapur school',
    });
    expect((await inspector.post(url(kase.id, 'goals'), { description: 'late' })).json().code).toBe(
      'case_closed',
    );
    expect((await move('reopen', 'Seen again at the kiln')).json().step).toBe('assessment');
    const types = kase.events.map((e: { type: string }) => e.type);
    expect(types).toEqual([
      'opened',
      'start_assessment',
      'screening',
      'complete_assessment',
      'goal',
      'approve_plan',
      'intervention',
      'start_follow_up',
      'follow_up',
      'request_closure',
      'approve_closure',
      'reopen',
    ]);
  });

  it('gives the device the pack’s screening rules', async () => {
    const rules = (await inspector.get('/api/v1/screening-rules')).json();
    expect(rules.childLabour.id).toBe('npl-child-labour');
    expect(rules.forcedLabour.items).toHaveLength(11);
    expect(rules.responseTargets.hours).toEqual({ high: 24, medium: 72, low: 168 });
  });
});
