// Area alerts as people work them (docs/alerts.md "Working an alert"): the
// list, one alert with its explanation and its series, and the state changes
// new → acknowledged → investigating → closed (true signal | data artefact).
import {
  type AberrationMethod,
  CASE_TOPICS,
  type CaseTopic,
  detectAberrations,
} from '../../core/index.ts';
import type { Ctx } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { ProblemError } from '../http/problem.ts';
import { deny, requireAny } from './access.ts';
import { aberrationMessage } from './alertsErrors.ts';
import {
  type AlertRunSummary,
  type AlertSettings,
  alertNumber,
  HISTORY_WEEKS,
  runAlertWeek,
} from './alertsRun.ts';
import { type AlertScope, alertScope, requireCovered, scopeCovers } from './alertsScope.ts';
import { smallCellThreshold, suppressed } from './alertsSuppression.ts';
import { decodeCursor, type Page, pageLimit, toPage } from './pagination.ts';
import { areaNodes, areaSeries, firstCaseAt } from './series.ts';
import { lastCompleteWeek, weekLabel, weekOf, weekOfLabel } from './seriesWeeks.ts';
import { audit, inTransaction } from './trail.ts';

export const ALERT_STATES = ['new', 'acknowledged', 'investigating', 'closed'] as const;
export type AlertState = (typeof ALERT_STATES)[number];
export const CLOSED_AS = ['true_signal', 'data_artefact'] as const;
export type ClosedAs = (typeof CLOSED_AS)[number];

/** Each state's possible next states: forward only, closing allowed from any open state. */
const NEXT: Record<AlertState, readonly AlertState[]> = {
  new: ['acknowledged', 'investigating', 'closed'],
  acknowledged: ['investigating', 'closed'],
  investigating: ['closed'],
  closed: [],
};

export interface AlertView {
  id: string;
  number: string;
  areaCode: string;
  areaName: string;
  areaNames: Record<string, string>;
  topic: string;
  week: string;
  weekStart: string;
  /** Null when withheld from an aggregate-only reader (fewer than k cases). */
  observed: number | null;
  expected: number | null;
  threshold: number | null;
  method: string;
  state: string;
  closedAs: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

type AlertRow = Database['alert'] & { default_name: string; names: string };

/** The alert as a reader sees it: `small` (k) withholds a count under k from aggregate-only readers. */
function view(r: AlertRow, small: number | null = null): AlertView {
  return {
    id: r.id,
    number: alertNumber(r.id),
    areaCode: r.area_code,
    areaName: r.default_name,
    areaNames: JSON.parse(r.names) as Record<string, string>,
    topic: r.topic,
    week: r.week,
    weekStart: r.week_start,
    observed: small !== null && r.observed > 0 && r.observed < small ? null : r.observed,
    expected: r.expected === null ? null : Number(r.expected),
    threshold: r.threshold === null ? null : Number(r.threshold),
    method: r.method,
    state: r.state,
    closedAs: r.closed_as,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function alertQuery(ctx: Ctx) {
  return ctx.deps.db
    .selectFrom('alert')
    .innerJoin('area', 'area.code', 'alert.area_code')
    .selectAll('alert')
    .select(['area.default_name', 'area.names']);
}

export interface AlertListQuery {
  state?: AlertState | 'open' | undefined;
  area?: string | undefined;
  topic?: CaseTopic | undefined;
  cursor?: string | undefined;
  limit?: string | undefined;
}

/** Alerts the actor may see, newest week first; `area` takes the area and all below it. */
export async function listAlerts(ctx: Ctx, q: AlertListQuery): Promise<Page<AlertView>> {
  const scope = await alertScope(ctx);
  const limit = pageLimit(q.limit);
  const after = decodeCursor(q.cursor, 2);
  const tree = await areaNodes(ctx.deps);
  // The areas asked for, cut to those the actor sees: their codes are few (a country's tree).
  const below = (code: string) =>
    [...tree.keys()].filter((c) => c === code || ancestorsInclude(tree, c, code));
  let areas: string[] | null = null;
  if (q.area !== undefined) {
    if (!tree.has(q.area)) throw new ProblemError(400, 'unknown_reference', { field: 'area' });
    areas = below(q.area);
  }
  if (!scope.readAll) {
    const mine = [...tree.keys()].filter((c) => scopeCovers(scope, c, tree));
    areas = areas === null ? mine : areas.filter((c) => mine.includes(c));
  }
  let query = alertQuery(ctx)
    .orderBy('alert.week_start', 'desc')
    .orderBy('alert.id', 'desc')
    .limit(limit + 1);
  if (areas !== null) query = query.where('alert.area_code', 'in', areas.length ? areas : ['']);
  if (q.state === 'open') query = query.where('alert.state', '!=', 'closed');
  else if (q.state !== undefined) query = query.where('alert.state', '=', q.state);
  if (q.topic !== undefined) query = query.where('alert.topic', '=', q.topic);
  if (after) {
    const [week, id] = [String(after[0]), String(after[1])];
    query = query.where((eb) =>
      eb.or([
        eb('alert.week_start', '<', week),
        eb.and([eb('alert.week_start', '=', week), eb('alert.id', '<', id)]),
      ]),
    );
  }
  const rows = await query.execute();
  const small = scope.aggregateOnly ? await smallCellThreshold(ctx) : null;
  return toPage(
    rows,
    limit,
    (r) => view(r, small),
    (r) => [r.week_start, r.id],
  );
}

function ancestorsInclude(
  tree: ReadonlyMap<string, { parentCode: string | null }>,
  code: string,
  wanted: string,
): boolean {
  let current = tree.get(code)?.parentCode ?? null;
  for (let depth = 0; current !== null && depth < 20; depth++) {
    if (current === wanted) return true;
    current = tree.get(current)?.parentCode ?? null;
  }
  return false;
}

export interface AlertEventView {
  at: string;
  actor: string;
  fromState: string | null;
  toState: string;
  closedAs: string | null;
  comment: string;
}

/** One week of the chart: the count, and what the method expected and allowed that week. */
export interface ChartWeek {
  week: string;
  observed: number | null;
  expected: number | null;
  threshold: number | null;
  alarm: boolean | null;
}

export interface AlertDetail extends AlertView {
  settings: AlertSettings;
  events: AlertEventView[];
  /** The last weeks up to the alert's, with the threshold the method gives each. */
  chart: ChartWeek[];
  /** Why the method could not give a threshold for some chart weeks (a message), if so. */
  chartNote: string | null;
  mayChange: boolean;
  nextStates: AlertState[];
}

const CHART_WEEKS = 26;

async function loadAlert(ctx: Ctx, id: string): Promise<{ row: AlertRow; scope: AlertScope }> {
  const scope = await alertScope(ctx);
  const row = await alertQuery(ctx).where('alert.id', '=', id).executeTakeFirst();
  if (!row) throw new ProblemError(404, 'not_found', { entity: 'alert' });
  await requireCovered(ctx, scope, row.area_code, await areaNodes(ctx.deps), [id]);
  return { row, scope };
}

/** One alert with its explanation, its series and threshold, and its history (aggregates: no person in it). */
export async function alertDetail(
  ctx: Ctx,
  id: string,
  languages: readonly string[],
): Promise<AlertDetail> {
  const { row, scope } = await loadAlert(ctx, id);
  const tree = await areaNodes(ctx.deps);
  const events = await ctx.deps.db
    .selectFrom('alert_event')
    .leftJoin('app_user', 'app_user.id', 'alert_event.actor_user_id')
    .select([
      'alert_event.at',
      'alert_event.actor_user_id',
      'app_user.display_name',
      'alert_event.from_state',
      'alert_event.to_state',
      'alert_event.closed_as',
      'alert_event.comment',
    ])
    .where('alert_event.alert_id', '=', id)
    .orderBy('alert_event.at')
    .execute();
  const settings = JSON.parse(row.settings) as AlertSettings;
  const { chart, note } = await alertChart(ctx, row, settings, tree, languages);
  const mayChange = scopeCovers(scope, row.area_code, tree, true);
  const small = scope.aggregateOnly ? await smallCellThreshold(ctx) : null;
  if (small !== null) {
    const [shown = []] = suppressed([chart.map((w) => w.observed ?? 0)], small);
    chart.forEach((w, i) => {
      w.observed = shown[i] ?? null;
    });
  }
  return {
    ...view(row, small),
    settings,
    events: events.map((e) => ({
      at: e.at,
      actor: e.display_name ?? e.actor_user_id,
      fromState: e.from_state,
      toState: e.to_state,
      closedAs: e.closed_as,
      comment: e.comment,
    })),
    chart,
    chartNote: note,
    mayChange,
    nextStates: mayChange ? [...NEXT[row.state as AlertState]] : [],
  };
}

/** The series of the alert's area and topic, with the method's threshold for each shown week. */
async function alertChart(
  ctx: Ctx,
  row: AlertRow,
  settings: AlertSettings,
  tree: ReadonlyMap<string, { code: string; parentCode: string | null }>,
  languages: readonly string[],
): Promise<{ chart: ChartWeek[]; note: string | null }> {
  const week = weekOfLabel(row.week) ?? weekOf(row.week_start);
  const first = await firstCaseAt(ctx.deps);
  const from = Math.max(
    first === null ? week : Math.min(weekOf(first), week),
    week - HISTORY_WEEKS,
  );
  const areaCodes = [...tree.keys()].filter(
    (c) => c === row.area_code || ancestorsInclude(tree, c, row.area_code),
  );
  const [line] = await areaSeries(ctx.deps, {
    areaCodes,
    from,
    to: week,
    topic: CASE_TOPICS.includes(row.topic as CaseTopic) ? (row.topic as CaseTopic) : undefined,
  });
  const counts = line?.counts ?? [];
  const shown = Math.min(CHART_WEEKS, counts.length);
  const outcome = detectAberrations(settings.method as AberrationMethod, {
    counts,
    evaluate: shown,
    ...(settings.alpha === null ? {} : { alpha: settings.alpha }),
  });
  // The method may need more history than the older shown weeks have: then only the alert week is judged.
  const judged = outcome.ok
    ? outcome
    : detectAberrations(settings.method as AberrationMethod, {
        counts,
        evaluate: 1,
        ...(settings.alpha === null ? {} : { alpha: settings.alpha }),
      });
  const byWeek = new Map(judged.ok ? judged.weeks.map((w) => [w.week, w]) : []);
  const chart: ChartWeek[] = [];
  for (let i = counts.length - shown; i < counts.length; i++) {
    const w = byWeek.get(i);
    chart.push({
      week: weekLabel(from + i),
      observed: counts[i] ?? 0,
      expected: w?.expected ?? null,
      threshold: w?.upper ?? null,
      alarm: w?.alarm ?? null,
    });
  }
  const note = outcome.ok
    ? null
    : aberrationMessage(
        outcome.error,
        counts.map((_, i) => weekLabel(from + i)),
        languages,
      );
  return { chart, note };
}

export interface StateChange {
  state: AlertState;
  closedAs?: ClosedAs | undefined;
  comment: string;
  version: number;
}

/** Moves an alert on, with a comment; a stale version is a 409; audited with the change. */
export async function changeAlertState(
  ctx: Ctx,
  id: string,
  change: StateChange,
  languages: readonly string[],
): Promise<AlertDetail> {
  await requireAny(ctx, 'alert:write:area');
  const { row, scope } = await loadAlert(ctx, id);
  const tree = await areaNodes(ctx.deps);
  if (!scopeCovers(scope, row.area_code, tree, true)) {
    await deny(ctx, `alert:write:area ${row.area_code}`, [id]);
    throw new ProblemError(403, 'forbidden');
  }
  const from = row.state as AlertState;
  if (!NEXT[from]?.includes(change.state))
    throw new ProblemError(409, 'alert_transition', { from, to: change.state });
  if ((change.state === 'closed') !== (change.closedAs !== undefined))
    throw new ProblemError(400, 'alert_closed_as');
  const comment = change.comment.trim();
  if (comment === '') throw new ProblemError(400, 'alert_comment_required');
  const at = ctx.deps.clock.now().toISOString();
  await inTransaction(
    ctx,
    {
      action: 'alert.state',
      entity: 'alert',
      entityIds: [id],
      details: { from, to: change.state, closedAs: change.closedAs ?? null },
    },
    async (trx) => {
      const updated = await trx
        .updateTable('alert')
        .set({
          state: change.state,
          closed_as: change.closedAs ?? null,
          version: row.version + 1,
          updated_at: at,
        })
        .where('id', '=', id)
        .where('version', '=', change.version)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1)
        throw new ProblemError(409, 'version_conflict', {}, { currentVersion: row.version });
      await trx
        .insertInto('alert_event')
        .values({
          id: crypto.randomUUID(),
          alert_id: id,
          at,
          actor_user_id: scope.userId,
          from_state: from,
          to_state: change.state,
          closed_as: change.closedAs ?? null,
          comment,
        })
        .execute();
    },
  );
  return alertDetail(ctx, id, languages);
}

export interface AlertRunView {
  week: string;
  method: string;
  startedAt: string;
  finishedAt: string | null;
  series: number;
  evaluated: number;
  alerts: number;
  skipped: Record<string, number>;
}

/** Runs the weekly pass now for one week (default: the last complete one); audited. */
export async function runAlertsNow(ctx: Ctx, week: string | undefined): Promise<AlertRunSummary> {
  await requireAny(ctx, 'alert:run:all');
  const at = week === undefined ? undefined : weekOfLabel(week);
  if (at === null) throw new ProblemError(400, 'invalid_week', { field: 'week' });
  if (at !== undefined && at > lastCompleteWeek(ctx.deps.clock.now()))
    throw new ProblemError(400, 'alert_week_not_over', { week: week ?? '' });
  const summary = await runAlertWeek(ctx.deps, at);
  await audit(ctx, ctx.deps.db, {
    action: 'alert.run',
    entity: 'alert',
    details: { week: summary.week, created: summary.created, method: summary.method },
  });
  return summary;
}

/** The evaluated weeks, newest first. */
export async function listAlertRuns(
  ctx: Ctx,
  q: { cursor?: string | undefined; limit?: string | undefined },
): Promise<Page<AlertRunView>> {
  await requireAny(ctx, 'alert:run:all');
  const limit = pageLimit(q.limit);
  const after = decodeCursor(q.cursor, 1);
  let query = ctx.deps.db
    .selectFrom('alert_run')
    .selectAll()
    .orderBy('week', 'desc')
    .limit(limit + 1);
  if (after) query = query.where('week', '<', String(after[0]));
  const rows = await query.execute();
  return toPage(
    rows,
    limit,
    (r) => ({
      week: r.week,
      method: r.method,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      series: r.series,
      evaluated: r.evaluated,
      alerts: r.alerts,
      skipped: JSON.parse(r.skipped) as Record<string, number>,
    }),
    (r) => [r.week],
  );
}
