// Risk ranking of areas (docs/alerts.md "Risk ranking"): a combined score per
// area of one level, to decide where to send inspectors first. Each part —
// open alerts, recent cases, recent cases per 100,000 population, and the
// pack's risk factors — is scaled to 0–1 across the areas ranked (0 = the
// lowest, 1 = the highest), multiplied by its weight from the pack; the score
// is the sum over the sum of the weights of the area's parts, 0–100. A part an
// area lacks (the case rate where the pack gives no population figure) is
// marked missing and left out of both sums, not counted as 0.
// Every part is returned, so the score explains itself.
import { areaAncestors } from '../../core/index.ts';
import type { Ctx } from '../context.ts';
import { ProblemError } from '../http/problem.ts';
import { latestPackSettings } from '../packs/packSettings.ts';
import { alertScope, scopeCovers } from './alertsScope.ts';
import { smallCellThreshold, suppressed } from './alertsSuppression.ts';
import { decodeCursor, encodeCursor, pageLimit } from './pagination.ts';
import { areaPopulation, caseRate, RATE_PER } from './populationRates.ts';
import { ALL_TOPICS, areaNodes, areaTopicCounts, seriesKey } from './series.ts';
import { lastCompleteWeek, weekLabel } from './seriesWeeks.ts';

/** The weights of the parts and where they come from. */
export interface RiskWeights {
  openAlerts: number;
  cases: number;
  /** Recent cases per 100,000 population (areas with a population figure). */
  caseRate: number;
  /** One weight per risk factor named in the pack. */
  factors: Record<string, number>;
  source: string;
}

export const DEFAULT_RISK_WEIGHTS: RiskWeights = {
  openAlerts: 1,
  cases: 1,
  caseRate: 1,
  factors: {},
  source:
    'Pathfinder default: open alerts, recent cases and recent cases per 100,000 population weigh the same; no risk factors',
};

interface RiskSettings {
  weights: RiskWeights;
  /** Area code → factor → value (any scale; scaled across areas). */
  factors: Record<string, Record<string, number>>;
  factorsSource: string | null;
}

const isWeight = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/**
 * The pack's `riskWeights` ({ openAlerts, cases, caseRate, factors: { name: weight } })
 * and `riskFactors` ({ AREA: { name: value } }) settings. Values that are not
 * numbers at least 0 are left out (and the default weight kept).
 */
async function riskSettings(ctx: Ctx): Promise<RiskSettings> {
  const settings = await latestPackSettings(ctx.deps.db);
  const weights: RiskWeights = { ...DEFAULT_RISK_WEIGHTS, factors: {} };
  const w = settings.riskWeights?.value as Partial<Record<string, unknown>> | undefined;
  if (w && typeof w === 'object') {
    if (isWeight(w.openAlerts)) weights.openAlerts = w.openAlerts;
    if (isWeight(w.cases)) weights.cases = w.cases;
    if (isWeight(w.caseRate)) weights.caseRate = w.caseRate;
    const f = w.factors as Record<string, unknown> | undefined;
    if (f && typeof f === 'object')
      for (const [name, value] of Object.entries(f))
        if (isWeight(value)) weights.factors[name] = value;
    weights.source = settings.riskWeights?.source ?? 'country pack';
  }
  const factors: Record<string, Record<string, number>> = {};
  const raw = settings.riskFactors?.value as Record<string, unknown> | undefined;
  if (raw && typeof raw === 'object')
    for (const [area, values] of Object.entries(raw)) {
      if (!values || typeof values !== 'object') continue;
      factors[area] = {};
      for (const [name, value] of Object.entries(values as Record<string, unknown>))
        if (isWeight(value)) factors[area][name] = value;
    }
  return { weights, factors, factorsSource: settings.riskFactors?.source ?? null };
}

/** Why a part has no raw figure: a withheld small count, or no population figure for a rate. */
export type RiskPartNote = 'withheld' | 'noPopulation';

/** One part of an area's score: the raw figure, scaled 0–1, its weight and the points it gives. */
export interface RiskPart {
  key: string;
  /** Null when withheld from an aggregate-only reader or missing (see `note`). */
  raw: number | null;
  scaled: number;
  weight: number;
  points: number;
  /** Null for a part shown; `noPopulation`: the part is missing and left out of the score. */
  note: RiskPartNote | null;
}

export interface RiskItem {
  rank: number;
  code: string;
  name: string;
  names: Record<string, string>;
  score: number;
  parts: RiskPart[];
}

/** Scales values to 0–1 across the areas (all equal → 0: nothing sets one apart). */
function scaler(values: readonly number[]): (v: number) => number {
  const min = Math.min(...values);
  const max = Math.max(...values);
  return (v) => (max > min ? (v - min) / (max - min) : 0);
}

/** The areas of a level the actor may see, ranked by their combined score, highest first. */
export async function riskRanking(
  ctx: Ctx,
  q: { level: number; weeks: number; cursor?: string | undefined; limit?: string | undefined },
) {
  const scope = await alertScope(ctx);
  const limit = pageLimit(q.limit);
  const after = decodeCursor(q.cursor, 1);
  const start = after ? Number(after[0]) : 0;
  const tree = await areaNodes(ctx.deps);
  const areas = await ctx.deps.db
    .selectFrom('area')
    .select(['code', 'default_name', 'names'])
    .where('level', '=', q.level)
    .orderBy('code')
    .execute();
  if (areas.length === 0) throw new ProblemError(400, 'unknown_reference', { field: 'level' });
  const seen = areas.filter((a) => scopeCovers(scope, a.code, tree));
  const settings = await riskSettings(ctx);
  const to = lastCompleteWeek(ctx.deps.clock.now());
  const from = to - q.weeks + 1;
  const counts = await areaTopicCounts(ctx.deps, from, to, tree);
  const open = await ctx.deps.db
    .selectFrom('alert')
    .select('area_code')
    .where('state', '!=', 'closed')
    .execute();
  const openBy = new Map<string, number>();
  for (const a of open)
    for (const code of areaAncestors(a.area_code, tree))
      openBy.set(code, (openBy.get(code) ?? 0) + 1);
  const factorNames = Object.keys(settings.weights.factors);
  // An area's factor is its own value, else the nearest value above it (a province-wide factor).
  const factorOf = (code: string, name: string) => {
    for (const c of areaAncestors(code, tree)) {
      const v = settings.factors[c]?.[name];
      if (v !== undefined) return v;
    }
    return 0;
  };
  const population = await areaPopulation(ctx);
  const raw = seen.map((a) => ({
    openAlerts: openBy.get(a.code) ?? 0,
    cases: Array.from(counts.get(seriesKey(a.code, ALL_TOPICS)) ?? []).reduce((s, n) => s + n, 0),
    // The area's own figure only: a parent's population is never used for its children.
    population: population.figures.get(a.code) ?? null,
    factors: factorNames.map((f) => factorOf(a.code, f)),
  }));
  // Aggregate-only readers: small case counts are withheld (with partners), and a withheld
  // count enters the score as half of k (its rate too), so no part of the score gives it away.
  const withheld = new Set<number>();
  if (scope.aggregateOnly) {
    const k = await smallCellThreshold(ctx);
    const shown = suppressed(
      raw.map((r) => [r.cases]),
      k,
    );
    raw.forEach((r, i) => {
      if (shown[i]?.[0] !== null) return;
      withheld.add(i);
      r.cases = (k - 1) / 2;
    });
  }
  // Unrounded for scaling; null where the area has no population figure (the part is missing).
  const rates = raw.map((r) =>
    r.population === null || r.population <= 0 ? null : (r.cases * RATE_PER) / r.population,
  );
  const scaleAlerts = scaler(raw.map((r) => r.openAlerts));
  const scaleCases = scaler(raw.map((r) => r.cases));
  const scaleRates = scaler(rates.filter((r): r is number => r !== null));
  const scaleFactors = factorNames.map((_, i) => scaler(raw.map((r) => r.factors[i] ?? 0)));
  const w = settings.weights;
  const factorWeights = factorNames.reduce((s, f) => s + (w.factors[f] ?? 0), 0);
  const ranked = seen
    .map((a, i) => {
      const r = raw[i] ?? { openAlerts: 0, cases: 0, population: null, factors: [] };
      const rate = rates[i] ?? null;
      // The weights of the parts this area has: a missing part is out of the score, not 0.
      const total = w.openAlerts + w.cases + (rate === null ? 0 : w.caseRate) + factorWeights;
      const part = (
        key: string,
        value: number | null,
        scaled: number,
        weight: number,
        note: RiskPartNote | null = null,
      ): RiskPart => ({
        key,
        raw: value,
        scaled,
        weight,
        points: total > 0 && note !== 'noPopulation' ? (100 * scaled * weight) / total : 0,
        note,
      });
      const hidden = withheld.has(i);
      const parts = [
        part('openAlerts', r.openAlerts, scaleAlerts(r.openAlerts), w.openAlerts),
        part(
          'cases',
          hidden ? null : r.cases,
          scaleCases(r.cases),
          w.cases,
          hidden ? 'withheld' : null,
        ),
        rate === null
          ? part('caseRate', null, 0, w.caseRate, 'noPopulation')
          : part(
              'caseRate',
              hidden ? null : caseRate(r.cases, r.population),
              scaleRates(rate),
              w.caseRate,
              hidden ? 'withheld' : null,
            ),
        ...factorNames.map((f, j) => {
          const value = r.factors[j] ?? 0;
          return part(`factor:${f}`, value, scaleFactors[j]?.(value) ?? 0, w.factors[f] ?? 0);
        }),
      ];
      return {
        code: a.code,
        name: a.default_name,
        names: JSON.parse(a.names) as Record<string, string>,
        score: parts.reduce((s, p) => s + p.points, 0),
        parts,
      };
    })
    .sort((a, b) => b.score - a.score || a.code.localeCompare(b.code))
    .map((item, i): RiskItem => ({ rank: i + 1, ...item }));
  const items = ranked.slice(start, start + limit);
  return {
    from: weekLabel(from),
    to: weekLabel(to),
    weights: w,
    factorsSource: settings.factorsSource,
    ratePer: RATE_PER,
    populationSource: population.source,
    populationYear: population.year,
    items,
    nextCursor: start + limit < ranked.length ? encodeCursor([start + limit]) : null,
  };
}
