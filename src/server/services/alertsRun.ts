// The weekly alert pass (docs/alerts.md "The weekly alert job"): for one ISO
// week, every area at every level × every topic is evaluated with the pack's
// method; each alarm becomes an alert (state `new`) and its area's focal points
// are told in-app. Alerts are unique per area, topic and week, so a second run
// for the same week adds nothing and tells no one again.
import {
  ABERRATION_METHODS,
  type AberrationMethod,
  type AreaNode,
  CASE_TOPICS,
  detectAberrations,
  FARRINGTON_FLEXIBLE_DEFAULTS,
} from '../../core/index.ts';
import { appendAudit } from '../audit/auditLog.ts';
import type { Deps } from '../context.ts';
import { bulkInsert } from '../db/bulkInsert.ts';
import type { Database } from '../db/schema.ts';
import { announce, type NotificationItem, queueNotifications } from '../notify/notifications.ts';
import { latestPackSettings } from '../packs/packSettings.ts';
import { alertFocalPoints } from './alertsScope.ts';
import { areaNodes, areaTopicCounts, firstCaseAt, seriesKey } from './series.ts';
import { lastCompleteWeek, weekLabel, weekOf, weekStart } from './seriesWeeks.ts';

/** How far back a series reaches: six years, more than Farrington's five plus its window. */
export const HISTORY_WEEKS = 6 * 52;
const SYSTEM = 'system:alerts';

/** The method and its settings, each with where it comes from. */
export interface AlertSettings {
  method: AberrationMethod;
  alpha: number | null;
  sources: { method: string; alpha: string };
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  method: 'farrington',
  alpha: FARRINGTON_FLEXIBLE_DEFAULTS.alpha,
  sources: {
    method:
      'Pathfinder default: Farrington flexible (Noufaily et al. 2013 improvements off), the package defaults of R surveillance',
    alpha: 'Pathfinder default: 0.05, as R surveillance farringtonFlexible',
  },
};

const isFarrington = (m: AberrationMethod) =>
  m === 'farrington' || m === 'farrington-1996' || m === 'noufaily';

/**
 * The pack's `alertMethod` and `alertAlpha` settings (each `{ value, source }`),
 * else the defaults. A setting the methods cannot use is ignored, with the
 * default's source saying so — a wrong setting must not silence alerts.
 */
export async function alertSettings(deps: Deps): Promise<AlertSettings> {
  const settings = await latestPackSettings(deps.db);
  const out: AlertSettings = {
    ...DEFAULT_ALERT_SETTINGS,
    sources: { ...DEFAULT_ALERT_SETTINGS.sources },
  };
  const method = settings.alertMethod;
  if (
    typeof method?.value === 'string' &&
    (ABERRATION_METHODS as readonly string[]).includes(method.value)
  ) {
    out.method = method.value as AberrationMethod;
    out.sources.method = method.source ?? 'country pack';
  }
  const alpha = settings.alertAlpha;
  if (typeof alpha?.value === 'number' && alpha.value > 0 && alpha.value < 0.5) {
    out.alpha = alpha.value;
    out.sources.alpha = alpha.source ?? 'country pack';
  }
  if (!isFarrington(out.method)) {
    out.alpha = null;
    out.sources.alpha = 'not used: EARS and CUSUM keep the package defaults (docs/alerts.md)';
  }
  return out;
}

/** What one pass did. */
export interface AlertRunSummary {
  week: string;
  method: AberrationMethod;
  series: number;
  evaluated: number;
  created: number;
  /** Series not evaluated, by reason (an aberration error code, or `no_cases`). */
  skipped: Record<string, number>;
  notified: number;
}

interface Alarm {
  area: string;
  topic: string;
  observed: number;
  expected: number | null;
  threshold: number | null;
}

/** Evaluates one week (default: the last complete one) and stores its alerts; idempotent. */
export async function runAlertWeek(deps: Deps, week?: number): Promise<AlertRunSummary> {
  const evaluated = week ?? lastCompleteWeek(deps.clock.now());
  const label = weekLabel(evaluated);
  const settings = await alertSettings(deps);
  const startedAt = deps.clock.now().toISOString();
  const tree = await areaNodes(deps);
  const first = await firstCaseAt(deps);
  const summary: AlertRunSummary = {
    week: label,
    method: settings.method,
    series: tree.size * CASE_TOPICS.length,
    evaluated: 0,
    created: 0,
    skipped: {},
    notified: 0,
  };
  const skip = (reason: string) => {
    summary.skipped[reason] = (summary.skipped[reason] ?? 0) + 1;
  };
  const alarms: Alarm[] = [];
  if (first !== null && weekOf(first) <= evaluated) {
    const from = Math.max(weekOf(first), evaluated - HISTORY_WEEKS);
    const counts = await areaTopicCounts(deps, from, evaluated, tree);
    const zeros = new Int32Array(evaluated - from + 1);
    for (const area of tree.keys())
      for (const topic of CASE_TOPICS) {
        const series = counts.get(seriesKey(area, topic)) ?? zeros;
        if (!series.some((n) => n > 0)) {
          skip('no_cases');
          continue;
        }
        const outcome = detectAberrations(settings.method, {
          counts: Array.from(series),
          evaluate: 1,
          ...(settings.alpha === null ? {} : { alpha: settings.alpha }),
        });
        if (!outcome.ok) {
          skip(outcome.error.code);
          continue;
        }
        summary.evaluated += 1;
        const [result] = outcome.weeks;
        if (result?.alarm === true)
          alarms.push({
            area,
            topic,
            observed: result.observed,
            expected: result.expected,
            threshold: result.upper,
          });
      }
  } else skip('no_cases');
  const { created, notified } = await storeAlarms(deps, alarms, evaluated, settings, tree);
  summary.created = created.length;
  summary.notified = notified.length;
  await recordRun(deps, summary, settings, startedAt);
  announce(deps, notified);
  return summary;
}

/** Inserts the alarms not yet stored, with their first event, audit row and notifications. */
async function storeAlarms(
  deps: Deps,
  alarms: readonly Alarm[],
  week: number,
  settings: AlertSettings,
  tree: ReadonlyMap<string, AreaNode>,
): Promise<{ created: { id: string; area_code: string }[]; notified: string[] }> {
  if (alarms.length === 0) return { created: [], notified: [] };
  const at = deps.clock.now().toISOString();
  const label = weekLabel(week);
  const settingsJson = JSON.stringify(settings);
  return deps.db.transaction().execute(async (trx) => {
    const created: { id: string; area_code: string }[] = [];
    for (let i = 0; i < alarms.length; i += 200) {
      const rows = alarms.slice(i, i + 200).map((a): Database['alert'] => ({
        id: crypto.randomUUID(),
        area_code: a.area,
        topic: a.topic,
        week: label,
        week_start: weekStart(week),
        observed: a.observed,
        expected: a.expected,
        threshold: a.threshold,
        method: settings.method,
        settings: settingsJson,
        state: 'new',
        closed_as: null,
        version: 1,
        created_at: at,
        updated_at: at,
      }));
      // An alert already stored for the area, topic and week stays as it is.
      const inserted = await trx
        .insertInto('alert')
        .values(rows)
        .onConflict((oc) => oc.columns(['area_code', 'topic', 'week']).doNothing())
        .returning(['id', 'area_code'])
        .execute();
      created.push(...inserted);
    }
    if (created.length === 0) return { created, notified: [] };
    await bulkInsert(
      trx,
      deps.dialect,
      'alert_event',
      created.map((c) => ({
        id: crypto.randomUUID(),
        alert_id: c.id,
        at,
        actor_user_id: SYSTEM,
        from_state: null,
        to_state: 'new',
        closed_as: null,
        comment: '',
      })),
    );
    await appendAudit(
      trx,
      deps.clock,
      { userId: SYSTEM, agencyId: null, requestId: null, ip: null },
      {
        action: 'alert.create',
        entity: 'alert',
        entityIds: created.map((c) => c.id),
        details: { week: label, method: settings.method, count: created.length },
      },
    );
    const focal = await alertFocalPoints(
      trx,
      created.map((c) => c.area_code),
      tree,
    );
    const told = new Map<string, string[]>();
    for (const c of created)
      for (const user of focal.get(c.area_code) ?? [])
        told.set(user, [...(told.get(user) ?? []), c.id]);
    // One message per person per week: the alert itself, or how many and the list.
    const items = [...told].map(([userId, ids]): NotificationItem => {
      const [only] = ids;
      return ids.length === 1 && only
        ? {
            userIds: [userId],
            kind: 'area_alert',
            params: { number: alertNumber(only), week: label },
            link: `/alerts/${only}`,
          }
        : {
            userIds: [userId],
            kind: 'area_alert_many',
            params: { count: ids.length, week: label },
            link: `/alerts?state=new`,
          };
    });
    const notified = await queueNotifications(deps, trx, items);
    return { created, notified };
  });
}

async function recordRun(
  deps: Deps,
  summary: AlertRunSummary,
  settings: AlertSettings,
  startedAt: string,
): Promise<void> {
  const values = {
    method: settings.method,
    settings: JSON.stringify(settings),
    started_at: startedAt,
    finished_at: deps.clock.now().toISOString(),
    series: summary.series,
    evaluated: summary.evaluated,
    alerts: summary.created,
    skipped: JSON.stringify(summary.skipped),
  };
  await deps.db
    .insertInto('alert_run')
    .values({ week: summary.week, ...values })
    .onConflict((oc) =>
      oc.column('week').doUpdateSet({
        ...values,
        // A second run adds to the count of alerts this week produced.
        alerts: (eb) => eb('alert_run.alerts', '+', summary.created),
      }),
    )
    .execute();
}

/** A short number people can read out: A- and the first 8 hex digits of the id. */
export function alertNumber(id: string): string {
  return `A-${id.replaceAll('-', '').slice(0, 8).toUpperCase()}`;
}

/** True when the week has not been evaluated yet (the job's cheap test). */
export async function weekPending(deps: Deps, week: number): Promise<boolean> {
  const row = await deps.db
    .selectFrom('alert_run')
    .select('finished_at')
    .where('week', '=', weekLabel(week))
    .executeTakeFirst();
  return !row?.finished_at;
}
