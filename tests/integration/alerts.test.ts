import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areaNodes, areaTopicCounts, seriesKey } from '../../src/server/services/series.ts';
import {
  lastCompleteWeek,
  weekLabel,
  weekOf,
  weekOfLabel,
  weekStart,
} from '../../src/server/services/seriesWeeks.ts';
import { generateCases } from '../../src/server/synthetic/generate.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { PEOPLE, per100k, withoutPopulation } from '../helpers/population.ts';
import { type Client, createTestNode, type TestNode } from '../helpers/testNode.ts';

/** The Child Protection Office covers Kathmandu, Lalitpur and Bhaktapur: its supervisor is a focal point. */
const SURGE_AREA = 'NPL-D-LALITPUR';
interface MapValueRow {
  code: string;
  cases: number | null;
  population: number | null;
  rate: number | null;
  openAlerts: number;
}

interface AlertRow {
  id: string;
  number: string;
  areaCode: string;
  topic: string;
  week: string;
  observed: number;
  expected: number | null;
  threshold: number | null;
  method: string;
  state: string;
  version: number;
}

describe.each(DIALECTS)('area alerts on %s', (dialect) => {
  let node: TestNode;
  let admin: Client;
  let supervisor: Client;
  let inspector: Client;
  let analyst: Client;
  let week = '';

  beforeAll(async () => {
    node = await createTestNode(dialect);
    // Six years of cases, and in the last two complete weeks eight times Lalitpur's usual count.
    await generateCases(node.deps, {
      cases: 12_000,
      duplicateShare: 0,
      seed: 11,
      weeks: 312,
      surge: { area: SURGE_AREA, weeks: 2, factor: 8 },
    });
    admin = await node.login('admin');
    supervisor = await node.login('supervisor');
    inspector = await node.login('inspector');
    analyst = await node.login('analyst');
    week = weekLabel(lastCompleteWeek(node.clock.now()));
  }, 120_000);
  afterAll(() => node?.dispose());

  it('numbers weeks the ISO way', () => {
    expect(weekLabel(weekOf('2026-01-01'))).toBe('2026-W01');
    expect(weekLabel(weekOf('2024-12-30'))).toBe('2025-W01');
    expect(weekLabel(weekOf('2021-01-03'))).toBe('2020-W53');
    expect(weekStart(weekOfLabel('2020-W53') ?? 0)).toBe('2020-12-28');
    expect(weekOfLabel('2021-W53')).toBeNull();
  });

  it('counts each week of every area level from the cases themselves', async () => {
    const to = lastCompleteWeek(node.clock.now());
    const from = to - 51;
    const tree = await areaNodes(node.deps);
    const counts = await areaTopicCounts(node.deps, from, to, tree);
    const inRange = await node.deps.db
      .selectFrom('case_file')
      .select(['area_code', 'topics', 'identified_at'])
      .where('identified_at', '>=', weekStart(from))
      .where('identified_at', '<', weekStart(to + 1))
      .execute();
    const sum = (key: string) => Array.from(counts.get(key) ?? []).reduce((a, b) => a + b, 0);
    expect(sum(seriesKey('NPL', 'all'))).toBe(inRange.length);
    const lalitpurChild = inRange.filter(
      (c) => c.area_code === SURGE_AREA && c.topics.split(',').includes('child_labour'),
    );
    expect(sum(seriesKey(SURGE_AREA, 'child_labour'))).toBe(lalitpurChild.length);
    // Bagmati (the province) holds Lalitpur's cases, and the country holds Bagmati's.
    expect(sum(seriesKey('NPL-P3', 'trafficking'))).toBeGreaterThanOrEqual(
      sum(seriesKey(SURGE_AREA, 'trafficking')),
    );
    const last = (key: string) => counts.get(key)?.[51] ?? 0;
    const lastWeekCases = inRange.filter((c) => weekOf(c.identified_at) === to);
    expect(last(seriesKey('NPL', 'all'))).toBe(lastWeekCases.length);
  });

  it('gives an area series by week, broken down by sex and age band that add up', async () => {
    const base = `/api/v1/series?area=${SURGE_AREA}`;
    const all = (await supervisor.get(base)).json() as {
      weeks: string[];
      lines: { key: string | null; counts: number[] }[];
    };
    expect(all.weeks).toHaveLength(52);
    expect(all.weeks.at(-1)).toBe(week);
    const total = all.lines[0]?.counts ?? [];
    for (const by of ['sex', 'ageBand', 'topic'] as const) {
      const res = await supervisor.get(`${base}&by=${by}`);
      expect(res.statusCode, res.body).toBe(200);
      const lines = (res.json() as typeof all).lines;
      expect(lines.length).toBeGreaterThan(1);
      const sum = total.map((_, i) => lines.reduce((a, l) => a + (l.counts[i] ?? 0), 0));
      // A case with two topics counts under each: the topic lines add up to at least the total.
      if (by === 'topic') expect(sum.every((n, i) => n >= (total[i] ?? 0))).toBe(true);
      else expect(sum).toEqual(total);
    }
    const girls = (await supervisor.get(`${base}&sex=female&ageBand=12-14`)).json() as typeof all;
    const expected = await node.deps.db
      .selectFrom('case_file')
      .innerJoin('person', 'person.id', 'case_file.person_id')
      .select([
        'case_file.identified_at',
        'person.birth_date',
        'person.estimated_age',
        'person.sex',
      ])
      .where('case_file.area_code', '=', SURGE_AREA)
      .where('person.sex', '=', 'female')
      .where('case_file.identified_at', '>=', weekStart(weekOfLabel(all.weeks[0] ?? '') ?? 0))
      .execute();
    const age = (r: (typeof expected)[number]) => {
      if (r.birth_date === null) return r.estimated_age ?? -1;
      const [y, md] = [Number(r.identified_at.slice(0, 4)), r.identified_at.slice(5, 10)];
      return y - Number(r.birth_date.slice(0, 4)) - (md < r.birth_date.slice(5, 10) ? 1 : 0);
    };
    const want = expected.filter((r) => age(r) >= 12 && age(r) <= 14).length;
    expect(girls.lines[0]?.counts.reduce((a, b) => a + b, 0)).toBe(want);
    // Outside the supervisor's areas the series is not theirs to read.
    expect((await supervisor.get('/api/v1/series?area=NPL-D-BANKE')).statusCode).toBe(404);
    expect((await inspector.get(base)).statusCode).toBe(403);
  });

  it('breaks a series down by ISIC section from the child-labour screening', async () => {
    const made = await supervisor.post('/api/v1/cases', {
      person: { givenName: 'Maya', familyName: 'Lama', sex: 'female', estimatedAge: 13 },
      topics: ['child_labour'],
      riskLevel: 'high',
      areaCode: SURGE_AREA,
    });
    expect(made.statusCode, made.body).toBe(201);
    const { id } = made.json() as { id: string };
    const screened = await supervisor.post(`/api/v1/cases/${id}/screenings`, {
      kind: 'child_labour',
      inputs: {
        economicActivityHours: 30,
        householdChoresHours: 0,
        industry: '2392',
        conditions: [],
        worstForms: [],
      },
    });
    expect(screened.statusCode, screened.body).toBe(201);
    const now = weekLabel(weekOf(node.clock.now().toISOString()));
    const res = await supervisor.get(
      `/api/v1/series?area=${SURGE_AREA}&from=${now}&to=${now}&by=sector`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const lines = (res.json() as { lines: { key: string; counts: number[] }[] }).lines;
    expect(lines.find((l) => l.key === 'C')?.counts).toEqual([1]);
    const onlyC = (
      await supervisor.get(`/api/v1/series?area=${SURGE_AREA}&from=${now}&to=${now}&sector=C`)
    ).json() as { lines: { counts: number[] }[] };
    expect(onlyC.lines[0]?.counts).toEqual([1]);
  });

  it('runs the week once: the surge becomes alerts, its focal point is told, a rerun adds nothing', async () => {
    expect((await supervisor.post('/api/v1/alerts/runs', {})).statusCode).toBe(403);
    const run = await admin.post('/api/v1/alerts/runs', { week });
    expect(run.statusCode, run.body).toBe(200);
    const summary = run.json() as { created: number; evaluated: number; method: string };
    expect(summary.method).toBe('farrington');
    expect(summary.created).toBeGreaterThan(0);
    expect(summary.evaluated).toBeGreaterThan(100);
    const alerts = (await analyst.get('/api/v1/alerts?limit=200')).json() as { items: AlertRow[] };
    const surge = alerts.items.find((a) => a.areaCode === SURGE_AREA && a.topic === 'child_labour');
    expect(surge, JSON.stringify(alerts.items.map((a) => [a.areaCode, a.topic]))).toBeDefined();
    expect(surge?.week).toBe(week);
    expect(surge?.state).toBe('new');
    const stored = await node.deps.db
      .selectFrom('alert')
      .select(['observed', 'threshold'])
      .where('id', '=', surge?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(stored.observed).toBeGreaterThan(Number(stored.threshold));
    // The analyst reads aggregates only: a count under 5 is withheld.
    expect(surge?.observed).toBe(stored.observed < 5 ? null : stored.observed);
    // Few districts alarm by chance: the surge stands out.
    expect(alerts.items.filter((a) => a.areaCode.startsWith('NPL-D-')).length).toBeLessThan(15);

    const again = (await admin.post('/api/v1/alerts/runs', { week })).json() as { created: number };
    expect(again.created).toBe(0);
    const count = await node.deps.db
      .selectFrom('alert')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(alerts.items.length);

    const inbox = (await supervisor.get('/api/v1/notifications')).json() as {
      items: { kind: string; link: string; params: Record<string, string | number> }[];
    };
    const told = inbox.items.filter((n) => n.kind.startsWith('area_alert'));
    expect(told).toHaveLength(1);
    expect(told[0]?.params.week).toBe(week);
    // The inspector holds no alert permission: told nothing.
    const inspectorInbox = (await inspector.get('/api/v1/notifications')).json() as {
      items: { kind: string }[];
    };
    expect(inspectorInbox.items.some((n) => n.kind.startsWith('area_alert'))).toBe(false);

    const runs = (await admin.get('/api/v1/alerts/runs')).json() as {
      items: { week: string; alerts: number }[];
    };
    expect(runs.items[0]).toMatchObject({ week, alerts: summary.created });
  });

  it('shows focal points only their areas, explains an alert and moves it on with comments', async () => {
    const mine = (await supervisor.get('/api/v1/alerts?state=new')).json() as {
      items: AlertRow[];
    };
    expect(mine.items.length).toBeGreaterThan(0);
    const covered = ['NPL', 'NPL-P3', 'NPL-D-KATHMANDU', 'NPL-D-LALITPUR', 'NPL-D-BHAKTAPUR'];
    for (const a of mine.items) expect(covered).toContain(a.areaCode);
    const alert = mine.items.find((a) => a.areaCode === SURGE_AREA && a.topic === 'child_labour');
    if (!alert) throw new Error('no surge alert for the supervisor');
    const filtered = (
      await supervisor.get(`/api/v1/alerts?area=NPL-P3&topic=child_labour`)
    ).json() as { items: AlertRow[] };
    expect(filtered.items.map((a) => a.id)).toContain(alert.id);
    const page1 = (await analyst.get('/api/v1/alerts?limit=1')).json() as {
      items: AlertRow[];
      nextCursor: string | null;
    };
    if (page1.nextCursor) {
      const page2 = (
        await analyst.get(`/api/v1/alerts?limit=1&cursor=${page1.nextCursor}`)
      ).json() as { items: AlertRow[] };
      expect(page2.items[0]?.id).not.toBe(page1.items[0]?.id);
    }

    const detail = (await supervisor.get(`/api/v1/alerts/${alert.id}`)).json() as {
      chart: { week: string; observed: number; threshold: number | null }[];
      settings: { method: string; alpha: number; sources: { method: string } };
      nextStates: string[];
      version: number;
    };
    expect(detail.settings).toMatchObject({ method: 'farrington', alpha: 0.05 });
    expect(detail.chart.at(-1)).toMatchObject({ week, observed: alert.observed });
    expect(detail.chart.at(-1)?.threshold).toBeCloseTo(alert.threshold ?? -1, 9);
    expect(detail.nextStates).toEqual(['acknowledged', 'investigating', 'closed']);

    const fr = await supervisor.request(
      'POST',
      `/api/v1/alerts/${alert.id}/state`,
      { state: 'closed', comment: 'x', version: detail.version },
      { 'accept-language': 'fr' },
    );
    expect(fr.statusCode).toBe(400);
    expect(fr.json()).toMatchObject({ code: 'alert_closed_as' });

    expect(
      (
        await analyst.post(`/api/v1/alerts/${alert.id}/state`, {
          state: 'acknowledged',
          comment: 'seen',
          version: 1,
        })
      ).statusCode,
    ).toBe(403);
    const ack = await supervisor.post(`/api/v1/alerts/${alert.id}/state`, {
      state: 'acknowledged',
      comment: 'Seen; calling the district office.',
      version: 1,
    });
    expect(ack.statusCode, ack.body).toBe(200);
    const stale = await supervisor.post(`/api/v1/alerts/${alert.id}/state`, {
      state: 'investigating',
      comment: 'again',
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    const back = await supervisor.post(`/api/v1/alerts/${alert.id}/state`, {
      state: 'new',
      comment: 'undo',
      version: 2,
    });
    expect(back.json()).toMatchObject({ code: 'alert_transition' });
    await supervisor.post(`/api/v1/alerts/${alert.id}/state`, {
      state: 'investigating',
      comment: 'Inspection visit planned.',
      version: 2,
    });
    const closed = await supervisor.post(`/api/v1/alerts/${alert.id}/state`, {
      state: 'closed',
      closedAs: 'true_signal',
      comment: 'Kiln season: children found at two sites.',
      version: 3,
    });
    expect(closed.statusCode, closed.body).toBe(200);
    const after = closed.json() as {
      state: string;
      closedAs: string;
      events: { toState: string; comment: string }[];
      nextStates: string[];
    };
    expect(after).toMatchObject({ state: 'closed', closedAs: 'true_signal', nextStates: [] });
    expect(after.events.map((e) => e.toState)).toEqual([
      'new',
      'acknowledged',
      'investigating',
      'closed',
    ]);
    const audits = await node.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'alert.state')
      .execute();
    expect(audits).toHaveLength(3);
    // Without an alert permission, no alert is readable.
    expect((await inspector.get(`/api/v1/alerts/${alert.id}`)).statusCode).toBe(403);
  });

  it('gives the map its outlines and per-area figures', async () => {
    const areas = (await supervisor.get('/api/v1/map/areas?level=2')).json() as {
      levels: number[];
      areas: { code: string; geometry: { type: string } | null }[];
    };
    expect(areas.levels).toEqual([0, 1, 2]);
    expect(areas.areas).toHaveLength(77);
    expect(areas.areas.every((a) => a.geometry?.type?.endsWith('Polygon'))).toBe(true);
    const values = (await supervisor.get('/api/v1/map/values?level=2&weeks=2')).json() as {
      values: MapValueRow[];
      ratePer: number;
      populationSource: string | null;
      populationYear: number | null;
      combinedRate: number | null;
    };
    // The supervisor sees the districts of their agency only.
    expect(values.values.map((v) => v.code).sort()).toEqual([
      'NPL-D-BHAKTAPUR',
      'NPL-D-KATHMANDU',
      'NPL-D-LALITPUR',
    ]);
    // Cases per 100,000 population beside each count, from the pack's census figures.
    expect(values).toMatchObject({ ratePer: 100_000, populationYear: 2021 });
    expect(values.populationSource).toMatch(/Census 2021/);
    for (const v of values.values) {
      expect(v.population).toBe(PEOPLE[v.code]);
      expect(v.rate).toBe(per100k(v.cases ?? -1, PEOPLE[v.code] ?? 0));
    }
    const together = values.values.reduce(
      (s, v) => ({ cases: s.cases + (v.cases ?? 0), people: s.people + (v.population ?? 0) }),
      { cases: 0, people: 0 },
    );
    expect(values.combinedRate).toBe(per100k(together.cases, together.people));
    const national = (await analyst.get('/api/v1/map/values?level=2&weeks=2')).json() as {
      values: MapValueRow[];
      combinedRate: number | null;
    };
    expect(national.values).toHaveLength(77);
    const lalitpur = national.values.find((v) => v.code === SURGE_AREA)?.cases ?? 0;
    // Withheld counts are under 5.
    const others = national.values.filter((v) => v.code !== SURGE_AREA).map((v) => v.cases ?? 4);
    expect(lalitpur).toBeGreaterThan(Math.max(...others));
    for (const v of national.values) {
      expect(v.population).toBe(PEOPLE[v.code]);
      // A withheld count gives a withheld rate; a shown one its rate.
      expect(v.rate).toBe(v.cases === null ? null : per100k(v.cases, PEOPLE[v.code] ?? 0));
    }
    // The rate of the areas together only when no count of theirs is withheld.
    expect(national.combinedRate === null).toBe(national.values.some((v) => v.cases === null));
    // Provinces: each its own census figure (not the sum of what the reader sees).
    const provinces = (await analyst.get('/api/v1/map/values?level=1&weeks=52')).json() as {
      values: MapValueRow[];
      combinedRate: number | null;
    };
    expect(provinces.values.map((v) => [v.code, v.population])).toEqual(
      ['NPL-P1', 'NPL-P2', 'NPL-P3', 'NPL-P4', 'NPL-P5', 'NPL-P6', 'NPL-P7'].map((c) => [
        c,
        PEOPLE[c],
      ]),
    );
    const year = provinces.values.reduce((s, v) => s + (v.cases ?? 0), 0);
    expect(provinces.values.every((v) => v.cases !== null && v.rate !== null)).toBe(true);
    // All seven together: the national rate, over the national population.
    expect(provinces.combinedRate).toBe(per100k(year, PEOPLE.NPL ?? 0));
  });

  it("ranks areas by a combined score that explains itself, with the pack's weights", async () => {
    const res = await analyst.get('/api/v1/risk?level=2&weeks=2&limit=5');
    expect(res.statusCode, res.body).toBe(200);
    const ranking = res.json() as {
      weights: {
        openAlerts: number;
        cases: number;
        caseRate: number;
        factors: Record<string, number>;
      };
      items: {
        rank: number;
        code: string;
        score: number;
        parts: {
          key: string;
          raw: number;
          scaled: number;
          weight: number;
          points: number;
          note: string | null;
        }[];
      }[];
      nextCursor: string | null;
    };
    expect(ranking.weights).toMatchObject({
      openAlerts: 2,
      cases: 1,
      caseRate: 1,
      factors: { brick_kilns: 1 },
    });
    expect(ranking.items.map((i) => i.rank)).toEqual([1, 2, 3, 4, 5]);
    const [top] = ranking.items;
    expect(top?.code).toBe(SURGE_AREA);
    for (const item of ranking.items) {
      expect(item.score).toBeCloseTo(
        item.parts.reduce((s, p) => s + p.points, 0),
        9,
      );
      // Weights 2 + 1 + 1 + 1 + 0.5: each part gives at most its share of 100.
      for (const p of item.parts)
        expect(p.points).toBeCloseTo((100 * p.scaled * p.weight) / 5.5, 9);
      expect(item.parts.map((p) => p.key)).toEqual([
        'openAlerts',
        'cases',
        'caseRate',
        'factor:brick_kilns',
        'factor:carpet_workshops',
      ]);
      const cases = item.parts.find((p) => p.key === 'cases')?.raw;
      const rate = item.parts.find((p) => p.key === 'caseRate');
      // The analyst reads aggregates: a withheld count gives a withheld rate.
      expect(rate?.raw ?? null).toBe(
        cases === null || cases === undefined ? null : per100k(cases, PEOPLE[item.code] ?? 0),
      );
      expect(rate?.note ?? null).toBe(cases === null ? 'withheld' : null);
    }
    const scores = ranking.items.map((i) => i.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(top?.parts.find((p) => p.key === 'cases')?.scaled).toBe(1);
    expect(top?.parts.find((p) => p.key === 'factor:brick_kilns')?.raw).toBe(1);
    const next = (
      await analyst.get(`/api/v1/risk?level=2&weeks=2&limit=5&cursor=${ranking.nextCursor}`)
    ).json() as { items: { rank: number }[] };
    expect(next.items[0]?.rank).toBe(6);
    const mine = (await supervisor.get('/api/v1/risk?level=2&weeks=2')).json() as {
      items: { code: string }[];
    };
    expect(mine.items.map((i) => i.code).sort()).toEqual([
      'NPL-D-BHAKTAPUR',
      'NPL-D-KATHMANDU',
      'NPL-D-LALITPUR',
    ]);
    expect((await inspector.get('/api/v1/risk')).statusCode).toBe(403);
  });

  it('withholds small counts from aggregate-only readers, never one alone in a row or column', async () => {
    const res = await analyst.get(`/api/v1/series?area=${SURGE_AREA}&by=sex`);
    expect(res.statusCode, res.body).toBe(200);
    const { lines } = res.json() as { lines: { counts: (number | null)[] }[] };
    const full = (
      (await supervisor.get(`/api/v1/series?area=${SURGE_AREA}&by=sex`)).json() as {
        lines: { counts: number[] }[];
      }
    ).lines;
    let withheld = 0;
    lines.forEach((line, i) => {
      const nulls = line.counts.filter((n) => n === null).length;
      withheld += nulls;
      expect(nulls === 0 || nulls >= 2).toBe(true);
      line.counts.forEach((n, w) => {
        const real = full[i]?.counts[w] ?? 0;
        if (real > 0 && real < 5) expect(n).toBeNull();
        if (n !== null) expect(n).toBe(real);
      });
    });
    expect(withheld).toBeGreaterThan(0);
    const weeks = lines[0]?.counts.length ?? 0;
    for (let w = 0; w < weeks; w++) {
      const nulls = lines.filter((l) => l.counts[w] === null).length;
      expect(nulls === 0 || nulls >= 2).toBe(true);
    }
    const map = (await analyst.get('/api/v1/map/values?level=2&weeks=1')).json() as {
      values: { cases: number | null; rate: number | null }[];
    };
    const hidden = map.values.filter((v) => v.cases === null).length;
    expect(hidden === 0 || hidden >= 2).toBe(true);
    for (const v of map.values)
      if (v.cases !== null) expect(v.cases === 0 || v.cases >= 5).toBe(true);
    const risk = (await analyst.get('/api/v1/risk?level=2&weeks=1&limit=200')).json() as {
      items: { parts: { key: string; raw: number | null }[] }[];
    };
    const cases = risk.items.map((i) => i.parts.find((p) => p.key === 'cases')?.raw ?? null);
    expect(cases.filter((n) => n === null).length).toBe(hidden);
    for (const n of cases) if (n !== null) expect(n === 0 || n >= 5).toBe(true);
    const rates = risk.items.map((i) => i.parts.find((p) => p.key === 'caseRate')?.raw ?? null);
    rates.forEach((r, i) => {
      expect(r === null).toBe(cases[i] === null);
    });
    const mapRates = map.values.map((v) => v.rate);
    expect(mapRates.filter((r) => r === null).length).toBe(hidden);
  });

  it("marks the case-rate part missing where the pack gives no population, never a parent's", async () => {
    await withoutPopulation(node, [SURGE_AREA], async () => {
      const map = (await supervisor.get('/api/v1/map/values?level=2&weeks=2')).json() as {
        values: MapValueRow[];
        combinedRate: number | null;
      };
      const lalitpur = map.values.find((v) => v.code === SURGE_AREA);
      expect(lalitpur).toMatchObject({ population: null, rate: null });
      expect(lalitpur?.cases).toBeGreaterThan(0);
      // Bagmati's population is not Lalitpur's; the three districts together have no rate.
      expect(map.combinedRate).toBeNull();
      const risk = (await supervisor.get('/api/v1/risk?level=2&weeks=2')).json() as {
        items: {
          code: string;
          score: number;
          parts: {
            key: string;
            raw: number | null;
            weight: number;
            points: number;
            note: string | null;
          }[];
        }[];
      };
      const item = risk.items.find((i) => i.code === SURGE_AREA);
      const part = item?.parts.find((p) => p.key === 'caseRate');
      expect(part).toMatchObject({ raw: null, points: 0, note: 'noPopulation', weight: 1 });
      // Left out of the score, not counted as 0: the other parts share 100 over 4.5.
      expect(item?.score).toBeCloseTo(
        (item?.parts ?? []).reduce((s, p) => s + p.points, 0),
        9,
      );
      const cases = item?.parts.find((p) => p.key === 'cases');
      expect(cases?.points).toBeCloseTo((100 * 1 * 1) / 4.5, 9);
      const other = risk.items.find((i) => i.code === 'NPL-D-KATHMANDU');
      expect(other?.parts.find((p) => p.key === 'caseRate')?.note).toBeNull();
    });
  });
});
