// The monitoring dashboards (docs/dashboards.md): national, area and agency
// views of cases by topic, step and risk, new identifications per week,
// referrals against their acceptance target and outcomes at follow-up.
// Case counts come from the trigger-maintained tables of migration 0013
// (thousands of rows, not a million cases), rolled up the area tree in memory.

import { type SelectQueryBuilder, sql } from 'kysely';
import {
  type AreaNode,
  areaAncestors,
  CASE_STEPS,
  CASE_TOPICS,
  hasPermission,
  RISK_LEVELS,
} from '../../core/index.ts';
import type { Actor, Ctx } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { ProblemError } from '../http/problem.ts';
import { deny, requireAny } from './access.ts';
import { type AlertScope, alertScope, requireCovered } from './alertsScope.ts';
import { smallCellThreshold } from './alertsSuppression.ts';
import {
  answerKey,
  type DashboardTable,
  emptyTable,
  protect,
  REFERRAL_STANDINGS,
  referralStanding,
  topicsOf,
} from './dashboardTables.ts';
import { areaPopulation, caseRate, RATE_PER } from './populationRates.ts';
import { lastCompleteWeek, weekLabel, weekStart } from './seriesWeeks.ts';
import { audit } from './trail.ts';

export const DASHBOARD_VIEWS = ['national', 'area', 'agency'] as const;
export type DashboardView = (typeof DASHBOARD_VIEWS)[number];
export const FOLLOW_UP_OUTCOMES = ['still_working', 'in_school', 'safe', 'with_family'] as const;
const ALL = 'all';

export interface DashboardRequest {
  view?: DashboardView | undefined;
  area?: string | undefined;
  agency?: string | undefined;
  /** Complete weeks up to the last one (default 52). */
  weeks?: number | undefined;
}

interface Named {
  code: string;
  name: string;
  names: Record<string, string>;
}

export interface Dashboard {
  view: DashboardView;
  /** The views this reader may open. */
  views: DashboardView[];
  area: Named | null;
  agency: { id: string; name: string } | null;
  /** Areas and agencies this reader may choose in the area and agency views. */
  areaChoices: (Named & { level: number })[];
  agencyChoices: { id: string; name: string }[];
  from: string;
  to: string;
  aggregateOnly: boolean;
  minimumCell: number;
  /** Labels of the area rows of `byArea`. */
  areaNames: Named[];
  /**
   * Per row of `byArea`: the area's own population figure (null without one) and
   * its cases (all topics) per 100,000 population — null when that count is
   * withheld or there is no figure.
   */
  areaRates: { code: string; population: number | null; rate: number | null }[];
  ratePer: number;
  populationSource: string | null;
  populationYear: number | null;
  tables: {
    topicStep: DashboardTable;
    riskStep: DashboardTable;
    byArea: DashboardTable;
    weekly: DashboardTable;
    referrals: DashboardTable;
    outcomes: DashboardTable;
  };
}

interface Scope {
  actor: Actor;
  readAll: boolean;
  aggregateOnly: boolean;
  /** The area view's scope: the alerts' (alertsScope.ts), one rule for both; null without it. */
  areas: AlertScope | null;
  views: DashboardView[];
}

async function dashboardScope(ctx: Ctx): Promise<Scope> {
  const actor = await requireAny(
    ctx,
    'stats:read:aggregate',
    'alert:read:area',
    'case:read:agency',
  );
  const readAll = hasPermission(actor, 'stats:read:aggregate');
  const areas = readAll || hasPermission(actor, 'alert:read:area') ? await alertScope(ctx) : null;
  const views: DashboardView[] = [];
  if (readAll) views.push('national');
  if (areas) views.push('area');
  if (readAll || hasPermission(actor, 'case:read:agency')) views.push('agency');
  return {
    actor,
    readAll,
    aggregateOnly: !hasPermission(actor, 'case:read:agency'),
    areas,
    views,
  };
}

/**
 * One dashboard: the national view (aggregate readers), an area with
 * everything below it (aggregate readers anywhere, focal points within their
 * agency's areas), or an agency's own cases (its staff; aggregate readers any
 * agency). Anything else is refused and audited: 403 for a view, 404 for an
 * area or agency outside the reader's scope (existence is need-to-know).
 */
export async function readDashboard(ctx: Ctx, q: DashboardRequest): Promise<Dashboard> {
  const db = ctx.deps.db;
  // Who may see what, the area tree (read once, also for the roll-up) and the agencies, together.
  const [scope, areaRows, agencies] = await Promise.all([
    dashboardScope(ctx),
    db
      .selectFrom('area')
      .select(['code', 'default_name', 'names', 'level', 'parent_code'])
      .orderBy('level')
      .orderBy('code')
      .execute(),
    db
      .selectFrom('agency')
      .select(['id', 'name'])
      .where('type', '!=', 'statistics_office')
      .orderBy('name')
      .execute(),
  ]);
  const view = q.view ?? scope.views[0] ?? 'agency';
  if (!scope.views.includes(view)) {
    await deny(ctx, `dashboard:${view}`);
    throw new ProblemError(403, 'forbidden');
  }
  const tree = new Map<string, AreaNode>(
    areaRows.map((r) => [r.code, { code: r.code, parentCode: r.parent_code }]),
  );
  const named = (r: (typeof areaRows)[number]): Named => ({
    code: r.code,
    name: r.default_name,
    names: JSON.parse(r.names) as Record<string, string>,
  });

  let area: (typeof areaRows)[number] | undefined;
  let agencyId: string | null = null;
  if (view === 'area') {
    const code = q.area ?? scope.areas?.coverage[0] ?? areaRows[0]?.code ?? '';
    area = areaRows.find((a) => a.code === code);
    if (!area) throw new ProblemError(400, 'unknown_reference', { field: 'area' });
    if (scope.areas) await requireCovered(ctx, scope.areas, code, tree);
  }
  if (view === 'agency') {
    // An aggregate reader outside the case-working agencies starts at the first of them.
    const ownWorks = agencies.some((a) => a.id === scope.actor.agencyId);
    agencyId = q.agency ?? (ownWorks ? scope.actor.agencyId : (agencies[0]?.id ?? ''));
    const own = agencyId === scope.actor.agencyId && hasPermission(scope.actor, 'case:read:agency');
    if (!own && !scope.readAll) {
      await deny(ctx, `dashboard:agency ${agencyId}`);
      throw new ProblemError(404, 'not_found', { entity: 'agency' });
    }
    if (!agencies.some((a) => a.id === agencyId))
      throw new ProblemError(404, 'not_found', { entity: 'agency' });
  }

  // Leaves inside the area (cases sit at any level; every code below is listed).
  const inArea = area
    ? areaRows.filter((r) => areaAncestors(r.code, tree).includes(area.code)).map((r) => r.code)
    : null;
  // The rows of the by-area table: the areas one level below the view's area (or the top level).
  const parent = area?.code ?? null;
  const topLevel = areaRows.filter((r) => r.parent_code === null);
  // (None in the agency view: its counts are kept by agency, not by area.)
  const rowAreas =
    view === 'agency'
      ? []
      : parent !== null
        ? areaRows.filter((r) => r.parent_code === parent)
        : topLevel.length === 1
          ? areaRows.filter((r) => r.parent_code === topLevel[0]?.code)
          : topLevel;
  const wanted = new Set(rowAreas.map((r) => r.code));
  /** The by-area row an area's counts roll up to (none outside the rows). */
  const rowOf = (code: string): string | null =>
    areaAncestors(code, tree).find((c) => wanted.has(c)) ?? null;
  // The roll-up done by the database: each area in scope named by its row, so a national
  // view receives hundreds of grouped rows instead of thousands.
  const rolled = (inArea ?? areaRows.map((r) => r.code))
    .map((code) => [code, rowOf(code)] as const)
    .filter((e): e is readonly [string, string] => e[1] !== null);
  const rowSql =
    agencyId !== null || rolled.length === 0
      ? sql<string>`''`
      : sql<string>`(case code ${sql.join(
          rolled.map(([code, row]) => sql`when ${code} then ${row}`),
          sql` `,
        )} else '' end)`;

  const to = lastCompleteWeek(ctx.deps.clock.now());
  const weeks = q.weeks ?? 52;
  const from = to - weeks + 1;
  const weekKeys: string[] = [];
  for (let w = from; w <= to; w++) weekKeys.push(weekLabel(w));
  const periodStart = weekStart(from);
  // Referrals and follow-up visits include the current week so far: recent work shows at once.
  const periodEnd = weekStart(to + 2);

  // Area rows for the national and area views, the agency's own rows for its view.
  const scoped = <
    Q extends SelectQueryBuilder<
      Database,
      'dashboard_state_count' | 'dashboard_week_count',
      object
    >,
  >(
    q: Q,
  ): Q =>
    (agencyId !== null
      ? q.where('scope', '=', 'agency').where('code', '=', agencyId)
      : inArea !== null
        ? q.where('scope', '=', 'area').where('code', 'in', inArea)
        : q.where('scope', '=', 'area')) as Q;
  const [stateRows, weekRows, referralRows, visits, k, population] = await Promise.all([
    db
      .selectFrom('dashboard_state_count')
      .select([rowSql.as('row'), 'topics', 'step', 'risk_level'])
      .select((eb) => eb.fn.sum<number | string>('n').as('n'))
      .$call(scoped)
      .groupBy([sql`1`, 'topics', 'step', 'risk_level'])
      .execute(),
    db
      .selectFrom('dashboard_week_count')
      .select(['week', 'topics'])
      .select((eb) => eb.fn.sum<number | string>('n').as('n'))
      .where('week', '>=', from)
      .where('week', '<=', to)
      .$call(scoped)
      .groupBy(['week', 'topics'])
      .execute(),
    referralsOf(ctx, { inArea, agencyId, periodStart, periodEnd }),
    visitsOf(ctx, { inArea, agencyId, periodStart, periodEnd }),
    smallCellThreshold(ctx),
    areaPopulation(ctx),
    // The read is audited alongside (what was asked), not after: one round trip fewer.
    audit(ctx, db, {
      action: 'stats.dashboard',
      entity: 'case',
      entityIds: [],
      details: {
        view,
        area: area?.code ?? null,
        agency: agencyId,
        weeks,
        aggregateOnly: scope.aggregateOnly,
      },
    }),
  ]);

  const topicStep = emptyTable(CASE_TOPICS, CASE_STEPS);
  const riskStep = emptyTable(RISK_LEVELS, CASE_STEPS);
  const byArea = emptyTable(
    rowAreas.map((r) => r.code),
    [ALL, ...CASE_TOPICS],
  );
  for (const r of stateRows) {
    const n = Number(r.n);
    if (n === 0) continue;
    const topics = topicsOf(r.topics, CASE_TOPICS);
    for (const t of topics) topicStep.add(t, r.step, n);
    riskStep.add(r.risk_level, r.step, n);
    const row = r.row;
    if (row !== '') {
      byArea.add(row, ALL, n);
      for (const t of topics) byArea.add(row, t, n);
    }
  }
  const weekly = emptyTable([ALL, ...CASE_TOPICS], weekKeys);
  for (const r of weekRows) {
    const n = Number(r.n);
    const label = weekLabel(Number(r.week));
    weekly.add(ALL, label, n);
    for (const t of topicsOf(r.topics, CASE_TOPICS)) weekly.add(t, label, n);
  }

  const serviceTypes = [...new Set(referralRows.map((r) => r.service_type))].sort();
  const referrals = emptyTable(serviceTypes, REFERRAL_STANDINGS);
  const now = ctx.deps.clock.now().toISOString();
  for (const r of referralRows) referrals.add(r.service_type, referralStanding(r, now), 1);

  const outcomes = emptyTable(FOLLOW_UP_OUTCOMES, ['yes', 'no', 'unknown']);
  for (const v of visits)
    for (const o of FOLLOW_UP_OUTCOMES) outcomes.add(o, answerKey(v[o]), Number(v.n));

  const hide = scope.aggregateOnly;
  const coverage = new Set(scope.areas?.coverage ?? []);
  const coveredAreas = scope.readAll
    ? areaRows
    : areaRows.filter((r) => areaAncestors(r.code, tree).some((c) => coverage.has(c)));
  const agencyName = agencies.find((a) => a.id === agencyId)?.name;
  const shownByArea = protect(byArea.table, hide, k);
  // Rates from the counts as shown: a withheld count (column "all") gives a withheld rate.
  const areaRates = shownByArea.rows.map((code, i) => {
    const people = population.figures.get(code) ?? null;
    return { code, population: people, rate: caseRate(shownByArea.cells[i]?.[0] ?? null, people) };
  });
  return {
    view,
    views: scope.views,
    area: area ? named(area) : null,
    agency: agencyId !== null ? { id: agencyId, name: agencyName ?? agencyId } : null,
    areaChoices: scope.areas ? coveredAreas.map((r) => ({ ...named(r), level: r.level })) : [],
    agencyChoices: scope.readAll ? agencies : agencies.filter((a) => a.id === scope.actor.agencyId),
    from: weekLabel(from),
    to: weekLabel(to),
    aggregateOnly: hide,
    minimumCell: k,
    areaNames: rowAreas.map(named),
    areaRates,
    ratePer: RATE_PER,
    populationSource: population.source,
    populationYear: population.year,
    tables: {
      topicStep: protect(topicStep.table, hide, k),
      riskStep: protect(riskStep.table, hide, k),
      byArea: shownByArea,
      weekly: protect(weekly.table, hide, k),
      referrals: protect(referrals.table, hide, k),
      outcomes: protect(outcomes.table, hide, k),
    },
  };
}

interface InScope {
  inArea: string[] | null;
  agencyId: string | null;
  periodStart: string;
  periodEnd: string;
}

/** Referrals sent in the period from cases in scope: their state and acceptance target. */
function referralsOf(ctx: Ctx, q: InScope) {
  return ctx.deps.db
    .selectFrom('referral')
    .innerJoin('case_file as c', 'c.id', 'referral.case_id')
    .innerJoin('service', 'service.id', 'referral.service_id')
    .innerJoin('taxonomy_term', 'taxonomy_term.id', 'service.taxonomy_term_id')
    .select([
      'referral.state',
      'referral.accepted_at',
      'referral.accept_due_at',
      'taxonomy_term.code as service_type',
    ])
    .where('referral.sent_at', '>=', q.periodStart)
    .where('referral.sent_at', '<', q.periodEnd)
    .$if(q.inArea !== null, (qb) => qb.where('c.area_code', 'in', q.inArea ?? []))
    .$if(q.agencyId !== null, (qb) => qb.where('c.owner_agency_id', '=', q.agencyId ?? ''))
    .execute();
}

/** Follow-up visits in the period to cases in scope, grouped by their four answers. */
function visitsOf(ctx: Ctx, q: InScope) {
  return ctx.deps.db
    .selectFrom('follow_up as f')
    .innerJoin('case_file as c', 'c.id', 'f.case_id')
    .select(['f.still_working', 'f.in_school', 'f.safe', 'f.with_family'])
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('f.visited_on', '>=', q.periodStart)
    .where('f.visited_on', '<', q.periodEnd)
    .$if(q.inArea !== null, (qb) => qb.where('c.area_code', 'in', q.inArea ?? []))
    .$if(q.agencyId !== null, (qb) => qb.where('c.owner_agency_id', '=', q.agencyId ?? ''))
    .groupBy(['f.still_working', 'f.in_school', 'f.safe', 'f.with_family'])
    .execute();
}
