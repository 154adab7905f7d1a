import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areaAncestors, CASE_STEPS, CASE_TOPICS, RISK_LEVELS } from '../../src/core/index.ts';
import { suppressed } from '../../src/server/services/alertsSuppression.ts';
import { areaNodes } from '../../src/server/services/series.ts';
import { lastCompleteWeek, weekLabel, weekOf } from '../../src/server/services/seriesWeeks.ts';
import { generateCases } from '../../src/server/synthetic/generate.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { PEOPLE, per100k, withoutPopulation } from '../helpers/population.ts';
import { type Client, createTestNode, type TestNode } from '../helpers/testNode.ts';

interface Table {
  rows: string[];
  columns: string[];
  cells: (number | null)[][];
}
interface Dashboard {
  view: string;
  views: string[];
  from: string;
  to: string;
  aggregateOnly: boolean;
  minimumCell: number;
  agencyChoices: { id: string }[];
  areaChoices: { code: string }[];
  tables: Record<'topicStep' | 'riskStep' | 'byArea' | 'weekly' | 'referrals' | 'outcomes', Table>;
  areaRates: { code: string; population: number | null; rate: number | null }[];
  ratePer: number;
  populationSource: string | null;
}

/** The case-count tables counted straight from case_file, the way the dashboard should show them. */
async function direct(
  node: TestNode,
  scope: { areaIn?: string; agency?: string },
  rowAreas: string[],
  weeks: number,
) {
  const tree = await areaNodes(node.deps);
  const cases = (
    await node.deps.db
      .selectFrom('case_file')
      .select(['area_code', 'owner_agency_id', 'topics', 'step', 'risk_level', 'identified_at'])
      .execute()
  ).filter(
    (c) =>
      (scope.areaIn === undefined || areaAncestors(c.area_code, tree).includes(scope.areaIn)) &&
      (scope.agency === undefined || c.owner_agency_id === scope.agency),
  );
  const to = lastCompleteWeek(node.clock.now());
  const weekKeys = Array.from({ length: weeks }, (_, i) => weekLabel(to - weeks + 1 + i));
  const grid = (rows: readonly string[], cols: readonly string[]) =>
    rows.map(() => cols.map(() => 0));
  const topicStep = grid(CASE_TOPICS, CASE_STEPS);
  const riskStep = grid(RISK_LEVELS, CASE_STEPS);
  const weekly = grid(['all', ...CASE_TOPICS], weekKeys);
  const byArea = grid(rowAreas, ['all', ...CASE_TOPICS]);
  const bump = (g: number[][], i: number, j: number) => {
    const row = g[i];
    if (row && i >= 0 && j >= 0) row[j] = (row[j] ?? 0) + 1;
  };
  for (const c of cases) {
    const topics = c.topics.split(',');
    const s = CASE_STEPS.indexOf(c.step as (typeof CASE_STEPS)[number]);
    for (const t of topics) bump(topicStep, CASE_TOPICS.indexOf(t as 'trafficking'), s);
    bump(riskStep, RISK_LEVELS.indexOf(c.risk_level as 'high'), s);
    const w = weekKeys.indexOf(weekLabel(weekOf(c.identified_at)));
    if (w >= 0) {
      bump(weekly, 0, w);
      for (const t of topics) bump(weekly, 1 + CASE_TOPICS.indexOf(t as 'trafficking'), w);
    }
    const a = rowAreas.findIndex((r) => areaAncestors(c.area_code, tree).includes(r));
    if (a >= 0) {
      bump(byArea, a, 0);
      for (const t of topics) bump(byArea, a, 1 + CASE_TOPICS.indexOf(t as 'trafficking'));
    }
  }
  return { topicStep, riskStep, weekly, byArea, count: cases.length };
}

async function countCases(node: TestNode): Promise<number> {
  const row = await node.deps.db
    .selectFrom('case_file')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe.each(DIALECTS)('dashboards on %s', (dialect) => {
  let node: TestNode;
  let inspector: Client;
  let supervisor: Client;
  let analyst: Client;
  const provinces: string[] = [];
  const agencies = new Map<string, string>();
  /** An agency's id from its code. */
  const id = (code: string) => agencies.get(code) ?? code;

  beforeAll(async () => {
    node = await createTestNode(dialect);
    await generateCases(node.deps, { cases: 3000, duplicateShare: 0.05, seed: 7, weeks: 30 });
    inspector = await node.login('inspector');
    supervisor = await node.login('supervisor');
    analyst = await node.login('analyst');
    const rows = await node.deps.db
      .selectFrom('area')
      .select('code')
      .where('parent_code', '=', 'NPL')
      .orderBy('level')
      .orderBy('code')
      .execute();
    provinces.push(...rows.map((r) => r.code));
    for (const a of await node.deps.db.selectFrom('agency').select(['id', 'code']).execute())
      agencies.set(a.code, a.id);
  }, 120_000);
  afterAll(() => node?.dispose());

  const get = async (who: Client, query: string): Promise<Dashboard> => {
    const res = await who.get(`/api/v1/dashboards?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Dashboard;
  };

  it('keeps its counts equal to a direct count of the cases after creates, moves, edits and generate', async () => {
    const made: { id: string; version: number }[] = [];
    for (const [topics, risk] of [
      [['child_labour'], 'high'],
      [['trafficking', 'forced_labour'], 'low'],
      [['forced_labour'], 'medium'],
    ] as const) {
      const res = await inspector.post('/api/v1/cases', {
        person: { givenName: 'Sita', familyName: 'Lama', sex: 'female', estimatedAge: 14 },
        topics,
        riskLevel: risk,
        areaCode: 'NPL-D-BHAKTAPUR',
      });
      expect(res.statusCode, res.body).toBe(201);
      made.push(res.json());
    }
    const [first, second, third] = made;
    if (!first || !second || !third) throw new Error('cases not made');
    const moved = await inspector.post(`/api/v1/cases/${first.id}/transitions`, {
      action: 'start_assessment',
      version: first.version,
    });
    expect(moved.json()).toMatchObject({ step: 'assessment' });
    const edited = await inspector.patch(`/api/v1/cases/${second.id}/fields`, {
      version: second.version,
      fields: { 'case.riskLevel': { value: 'high' } },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    // A case transferred to another district and agency (as a merge or correction would, in SQL).
    await node.deps.db
      .updateTable('case_file')
      .set({ area_code: 'NPL-D-LALITPUR', owner_agency_id: id('NPL-CP-KTM') })
      .where('id', '=', third.id)
      .execute();
    await generateCases(node.deps, { cases: 500, duplicateShare: 0, seed: 8, weeks: 30 });

    // The maintained tables against case_file, key by key, under areas and under agencies.
    for (const [scope, column] of [
      ['area', 'area_code'],
      ['agency', 'owner_agency_id'],
    ] as const) {
      const stored = await node.deps.db
        .selectFrom('dashboard_state_count')
        .selectAll()
        .where('scope', '=', scope)
        .where('n', '!=', 0)
        .execute();
      const counted = await node.deps.db
        .selectFrom('case_file')
        .select([`${column} as code`, 'topics', 'step', 'risk_level'])
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .groupBy([column, 'topics', 'step', 'risk_level'])
        .execute();
      const key = (r: { code: string; topics: string; step: string; risk_level: string }) =>
        `${r.code}|${r.topics}|${r.step}|${r.risk_level}`;
      expect(new Map(stored.map((r) => [key(r), Number(r.n)]))).toEqual(
        new Map(counted.map((r) => [key(r), Number(r.n)])),
      );
      const weeks = await node.deps.db
        .selectFrom('dashboard_week_count')
        .select((eb) => eb.fn.sum<number | string>('n').as('n'))
        .where('scope', '=', scope)
        .executeTakeFirstOrThrow();
      expect(Number(weeks.n)).toBe(await countCases(node));
    }

    // The inspector's agency view and the supervisor's Lalitpur view: exact, nothing withheld.
    const own = await get(inspector, 'view=agency&weeks=30');
    expect(own.aggregateOnly).toBe(false);
    const mine = await direct(node, { agency: id('NPL-LI-BAGMATI') }, provinces, 30);
    expect(own.tables.topicStep.cells).toEqual(mine.topicStep);
    expect(own.tables.riskStep.cells).toEqual(mine.riskStep);
    expect(own.tables.weekly.cells).toEqual(mine.weekly);
    expect(own.tables.byArea.rows).toEqual([]);
    const area = await get(supervisor, 'view=area&area=NPL-D-LALITPUR&weeks=30');
    const there = await direct(node, { areaIn: 'NPL-D-LALITPUR' }, [], 30);
    expect(area.tables.topicStep.cells).toEqual(there.topicStep);
    expect(area.tables.weekly.cells).toEqual(there.weekly);
  });

  it('gives each area row its cases per 100,000 population, withheld with its count, none without a figure', async () => {
    for (const [who, query] of [
      [analyst, 'view=national&weeks=30'],
      [analyst, 'view=area&area=NPL-P3&weeks=30'],
      [supervisor, 'view=area&area=NPL-P3&weeks=30'],
    ] as const) {
      const res = await who.get(`/api/v1/dashboards?${query}`);
      if (res.statusCode === 404) continue; // the supervisor's scope is three districts
      const board = res.json() as Dashboard;
      expect(board.ratePer).toBe(100_000);
      expect(board.populationSource).toMatch(/Census 2021/);
      expect(board.areaRates.map((r) => r.code)).toEqual(board.tables.byArea.rows);
      expect(board.areaRates.length).toBeGreaterThan(0);
      board.areaRates.forEach((r, i) => {
        const cases = board.tables.byArea.cells[i]?.[0] ?? null;
        expect(r.population).toBe(PEOPLE[r.code]);
        expect(r.rate).toBe(cases === null ? null : per100k(cases, PEOPLE[r.code] ?? 0));
      });
    }
    // An area the pack gives no figure: no rate (Bagmati's is not Kathmandu's).
    await withoutPopulation(node, ['NPL-D-KATHMANDU'], async () => {
      const board = await get(supervisor, 'view=area&area=NPL-D-KATHMANDU&weeks=30');
      expect(board.areaRates).toEqual([]);
      const bagmati = await get(analyst, 'view=area&area=NPL-P3&weeks=30');
      const ktm = bagmati.areaRates.find((r) => r.code === 'NPL-D-KATHMANDU');
      expect(ktm).toEqual({ code: 'NPL-D-KATHMANDU', population: null, rate: null });
      expect(bagmati.areaRates.filter((r) => r.rate !== null).length).toBeGreaterThan(0);
    });
  });

  it('withholds small cells and their partners for an aggregate-only reader, on the server', async () => {
    const national = await get(analyst, 'view=national&weeks=30');
    expect(national.aggregateOnly).toBe(true);
    expect(national.views).toEqual(['national', 'area', 'agency']);
    const k = national.minimumCell;
    expect(k).toBe(5);
    const all = await direct(node, {}, provinces, 30);
    expect(national.tables.topicStep.cells).toEqual(suppressed(all.topicStep, k));
    expect(national.tables.byArea.cells).toEqual(suppressed(all.byArea, k));
    // A district's weeks are small: some withheld, and never a count from 1 to k − 1.
    const district = await get(analyst, 'view=area&area=NPL-D-LALITPUR&weeks=30');
    const there = await direct(node, { areaIn: 'NPL-D-LALITPUR' }, [], 30);
    expect(district.tables.weekly.cells).toEqual(suppressed(there.weekly, k));
    const cells = district.tables.weekly.cells.flat();
    expect(cells.some((c) => c === null)).toBe(true);
    expect(cells.every((c) => c === null || c === 0 || c >= k)).toBe(true);
    for (const row of district.tables.weekly.cells)
      expect(row.filter((c) => c === null).length).not.toBe(1);
    // An agency, as aggregates.
    const agency = await get(analyst, `view=agency&agency=${id('NPL-CP-KTM')}&weeks=30`);
    const theirs = await direct(node, { agency: id('NPL-CP-KTM') }, provinces, 30);
    expect(agency.tables.riskStep.cells).toEqual(suppressed(theirs.riskStep, k));
  });

  it('counts follow-up outcomes of the cases in scope', async () => {
    const cases = await node.deps.db
      .selectFrom('case_file')
      .select('id')
      .where('owner_agency_id', '=', id('NPL-LI-BAGMATI'))
      .limit(7)
      .execute();
    const day = node.clock.now().toISOString().slice(0, 10);
    const past = new Date(node.clock.now().getTime() - 14 * 86_400_000).toISOString().slice(0, 10);
    await node.deps.db
      .insertInto('follow_up')
      .values(
        cases.map((c, i) => ({
          id: crypto.randomUUID(),
          case_id: c.id,
          visited_on: past,
          still_working: i < 2 ? 1 : 0,
          in_school: i < 5 ? 1 : null,
          safe: 1,
          with_family: i === 0 ? 0 : 1,
          created_by: 'test',
          created_at: day,
        })),
      )
      .execute();
    const own = await get(inspector, 'view=agency&weeks=8');
    expect(own.tables.outcomes.rows).toEqual(['still_working', 'in_school', 'safe', 'with_family']);
    expect(own.tables.outcomes.columns).toEqual(['yes', 'no', 'unknown']);
    expect(own.tables.outcomes.cells).toEqual([
      [2, 5, 0],
      [5, 0, 2],
      [7, 0, 0],
      [6, 1, 0],
    ]);
    // Another agency's dashboard does not see them.
    const other = await get(analyst, `view=agency&agency=${id('NPL-CP-KTM')}&weeks=8`);
    expect(other.tables.outcomes.cells.flat().every((c) => c === 0)).toBe(true);
  });

  it("refuses another agency's or area's figures, and views beyond the reader's role", async () => {
    const foreignAgency = await inspector.get(
      `/api/v1/dashboards?view=agency&agency=${id('NPL-CP-KTM')}`,
    );
    expect(foreignAgency.statusCode).toBe(404);
    const foreignArea = await supervisor.get('/api/v1/dashboards?view=area&area=NPL-D-BANKE');
    expect(foreignArea.statusCode).toBe(404);
    expect((await inspector.get('/api/v1/dashboards?view=national')).statusCode).toBe(403);
    expect((await inspector.get('/api/v1/dashboards?view=area')).statusCode).toBe(403);
    expect((await supervisor.get('/api/v1/dashboards?view=national')).statusCode).toBe(403);
    const own = await get(supervisor, 'weeks=8');
    expect(own.view).toBe('area');
    expect(own.areaChoices.map((a) => a.code)).not.toContain('NPL-D-BANKE');
    expect(own.agencyChoices.map((a) => a.id)).toEqual([id('NPL-CP-KTM')]);
    const denials = await node.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'access.denied')
      .execute();
    expect(
      denials.some((d) => (d.details ?? '').includes(`dashboard:agency ${id('NPL-CP-KTM')}`)),
    ).toBe(true);
  });

  it('counts referrals against their acceptance target, for the agency whose cases they are', async () => {
    let social = await node.login('socialworker');
    let ngo = await node.login('ngo');
    const SHELTER = '5e7c0000-0000-4000-8000-000000000001'; // accepts within 2 h
    let key = 0;
    const refer = async () => {
      const opened = await social.post('/api/v1/cases', {
        person: { givenName: 'Maya', familyName: 'Tharu', sex: 'female', estimatedAge: 15 },
        topics: ['trafficking'],
        riskLevel: 'high',
        areaCode: 'NPL-D-BANKE',
      });
      expect(opened.statusCode, opened.body).toBe(201);
      const caseId = opened.json().id as string;
      const consent = await social.post(`/api/v1/cases/${caseId}/consents`, {
        purpose: 'sharing',
        given: true,
        givenBy: 'parent_or_guardian',
        agencyTypes: ['ngo'],
      });
      expect(consent.statusCode, consent.body).toBe(201);
      const sent = await social.post(`/api/v1/cases/${caseId}/referrals`, {
        serviceId: SHELTER,
        shareLevel: 'summary',
        reason: 'Needs a safe place tonight.',
        idempotencyKey: `dashboard-${Date.now()}-${key++}`,
      });
      expect(sent.statusCode, sent.body).toBe(201);
      return sent.json().id as string;
    };
    const accept = async (id: string) => {
      const res = await ngo.post(`/api/v1/referrals/${id}/actions`, { type: 'accept', version: 1 });
      expect(res.statusCode, res.body).toBe(200);
    };
    const inTime = await refer();
    const late = await refer();
    await refer(); // never answered
    await accept(inTime);
    node.clock.advance(3 * 3_600_000);
    // Three idle hours end a session: sign in again.
    social = await node.login('socialworker');
    ngo = await node.login('ngo');
    await accept(late);
    await refer(); // sent just now: not yet due

    const own = await get(social, 'view=agency&weeks=4');
    const table = own.tables.referrals;
    expect(table.columns).toEqual(['withinTarget', 'overTarget', 'pending', 'notAccepted']);
    expect(table.rows).toHaveLength(1);
    expect(table.cells[0]).toEqual([1, 2, 1, 0]);
    // Another agency's dashboard has none of them.
    const other = await get(await node.login('inspector'), 'view=agency&weeks=4');
    expect(other.tables.referrals.rows).toEqual([]);
  });
});
