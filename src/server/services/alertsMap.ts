// What the map page draws (docs/alerts.md "The map"): the pack's area outlines
// at one level, and per area the cases of the last weeks, the cases per 100,000
// population (populationRates.ts) and the open alerts.
// Outlines change rarely and are sent apart from the figures, so a device keeps them.
import { areaAncestors, type CaseTopic } from '../../core/index.ts';
import type { Ctx } from '../context.ts';
import { ProblemError } from '../http/problem.ts';
import { alertScope, requireCovered, scopeCovers } from './alertsScope.ts';
import { smallCellThreshold, suppressed } from './alertsSuppression.ts';
import { areaPopulation, caseRate, combinedRate, RATE_PER } from './populationRates.ts';
import {
  type AgeBand,
  ALL_TOPICS,
  areaNodes,
  areaSeries,
  areaTopicCounts,
  type SeriesDimension,
  seriesKey,
} from './series.ts';
import { lastCompleteWeek, weekLabel, weekOfLabel } from './seriesWeeks.ts';

export interface MapArea {
  code: string;
  name: string;
  names: Record<string, string>;
  parentCode: string | null;
  /** GeoJSON geometry (Polygon or MultiPolygon, lon/lat), null when the pack has none. */
  geometry: unknown;
}

/** The outlines of every area at one level, and the levels there are. */
export async function mapAreas(
  ctx: Ctx,
  level: number,
): Promise<{ level: number; levels: number[]; areas: MapArea[] }> {
  await alertScope(ctx);
  const levels = (
    await ctx.deps.db.selectFrom('area').select('level').distinct().orderBy('level').execute()
  ).map((l) => l.level);
  if (!levels.includes(level)) throw new ProblemError(400, 'unknown_reference', { field: 'level' });
  const rows = await ctx.deps.db
    .selectFrom('area')
    .select(['code', 'default_name', 'names', 'parent_code', 'geometry'])
    .where('level', '=', level)
    .orderBy('code')
    .execute();
  return {
    level,
    levels,
    areas: rows.map((r) => ({
      code: r.code,
      name: r.default_name,
      names: JSON.parse(r.names) as Record<string, string>,
      parentCode: r.parent_code,
      geometry: r.geometry === null ? null : (JSON.parse(r.geometry) as unknown),
    })),
  };
}

export interface MapValue {
  code: string;
  /** Cases newly identified in the weeks shown (all topics, or the one asked for); null when withheld. */
  cases: number | null;
  /** The area's own population figure from the pack; null when it has none. */
  population: number | null;
  /** Cases per 100,000 population; null when the count is withheld or there is no population figure. */
  rate: number | null;
  openAlerts: number;
}

export interface MapValues {
  from: string;
  to: string;
  values: MapValue[];
  /** Rates are per this many people. */
  ratePer: number;
  /** Where the population figures come from, and their year (null without any). */
  populationSource: string | null;
  populationYear: number | null;
  /**
   * The rate of all the areas in `values` together (the country view): null
   * unless every count is shown and every area has a population figure.
   */
  combinedRate: number | null;
}

/**
 * Per area of a level: cases of the last `weeks` complete weeks and open
 * alerts in it or below it. Areas outside the actor's scope are left out.
 */
export async function mapValues(
  ctx: Ctx,
  q: { level: number; weeks: number; topic?: CaseTopic | undefined },
): Promise<MapValues> {
  const scope = await alertScope(ctx);
  const tree = await areaNodes(ctx.deps);
  const levels = await ctx.deps.db
    .selectFrom('area')
    .select(['code', 'level'])
    .where('level', '=', q.level)
    .execute();
  const to = lastCompleteWeek(ctx.deps.clock.now());
  const from = to - q.weeks + 1;
  const counts = await areaTopicCounts(ctx.deps, from, to, tree);
  const population = await areaPopulation(ctx);
  const open = await ctx.deps.db
    .selectFrom('alert')
    .select(['area_code', 'topic'])
    .where('state', '!=', 'closed')
    .execute();
  const openByArea = new Map<string, number>();
  for (const a of open) {
    if (q.topic !== undefined && a.topic !== q.topic) continue;
    for (const code of areaAncestors(a.area_code, tree))
      openByArea.set(code, (openByArea.get(code) ?? 0) + 1);
  }
  const values: MapValue[] = [];
  for (const { code } of levels) {
    if (!scopeCovers(scope, code, tree)) continue;
    let cases = 0;
    for (const n of counts.get(seriesKey(code, q.topic ?? ALL_TOPICS)) ?? []) cases += n;
    values.push({
      code,
      cases,
      population: population.figures.get(code) ?? null,
      rate: null,
      openAlerts: openByArea.get(code) ?? 0,
    });
  }
  if (scope.aggregateOnly) {
    // One column (the areas) whose total, the area above, is known: small counts and a partner withheld.
    const shown = suppressed(
      values.map((v) => [v.cases ?? 0]),
      await smallCellThreshold(ctx),
    );
    values.forEach((v, i) => {
      v.cases = shown[i]?.[0] ?? null;
    });
  }
  // Rates after suppression: a withheld count gives a withheld rate.
  for (const v of values) v.rate = caseRate(v.cases, v.population);
  return {
    from: weekLabel(from),
    to: weekLabel(to),
    values,
    ratePer: RATE_PER,
    populationSource: population.source,
    populationYear: population.year,
    combinedRate: combinedRate(values),
  };
}

export interface SeriesRequest {
  area: string;
  /** ISO weeks, inclusive; default: the 52 weeks up to the last complete one. */
  from?: string | undefined;
  to?: string | undefined;
  topic?: CaseTopic | undefined;
  sex?: string | undefined;
  ageBand?: AgeBand | undefined;
  sector?: string | undefined;
  by?: SeriesDimension | undefined;
}

const MAX_SERIES_WEEKS = 6 * 53;

/** One area's weekly series (the area and all below it), filtered, optionally broken down. */
export async function readSeries(
  ctx: Ctx,
  q: SeriesRequest,
): Promise<{
  area: string;
  weeks: string[];
  lines: { key: string | null; counts: (number | null)[] }[];
}> {
  const scope = await alertScope(ctx);
  const tree = await areaNodes(ctx.deps);
  if (!tree.has(q.area)) throw new ProblemError(400, 'unknown_reference', { field: 'area' });
  await requireCovered(ctx, scope, q.area, tree);
  const to = q.to === undefined ? lastCompleteWeek(ctx.deps.clock.now()) : weekOfLabel(q.to);
  const from = q.from === undefined && to !== null ? to - 51 : weekOfLabel(q.from ?? '');
  if (to === null) throw new ProblemError(400, 'invalid_week', { field: 'to' });
  if (from === null) throw new ProblemError(400, 'invalid_week', { field: 'from' });
  if (from > to || to - from + 1 > MAX_SERIES_WEEKS)
    throw new ProblemError(400, 'invalid_week_range', { max: MAX_SERIES_WEEKS });
  const areaCodes = [...tree.keys()].filter((c) => areaAncestors(c, tree).includes(q.area));
  const lines = await areaSeries(ctx.deps, { ...q, areaCodes, from, to });
  const weeks: string[] = [];
  for (let w = from; w <= to; w++) weeks.push(weekLabel(w));
  if (!scope.aggregateOnly) return { area: q.area, weeks, lines };
  const shown = suppressed(
    lines.map((l) => l.counts),
    await smallCellThreshold(ctx),
  );
  return {
    area: q.area,
    weeks,
    lines: lines.map((l, i) => ({ key: l.key, counts: shown[i] ?? [] })),
  };
}
