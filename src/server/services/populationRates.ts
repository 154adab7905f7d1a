// Case rates per population (docs/alerts.md "Rates per population"): cases per
// 100,000 people, from the pack's `areaPopulation` setting. A rate is given only
// where the count is shown and the area has its own population figure: a withheld
// count gives a withheld rate (so no one can multiply a rate back into a small
// count), and an area without a figure gets none (never its parent's).
import type { Ctx } from '../context.ts';
import { areaPopulationOf, latestPackSettings } from '../packs/packSettings.ts';

/** Rates are per this many people. */
export const RATE_PER = 100_000;

/** The population of each area the pack gives one for, with its source and year. */
export interface AreaPopulation {
  figures: ReadonlyMap<string, number>;
  source: string | null;
  year: number | null;
}

/** The latest pack's `areaPopulation` setting (no figures when the pack has none). */
export async function areaPopulation(ctx: Ctx): Promise<AreaPopulation> {
  return areaPopulationOf(await latestPackSettings(ctx.deps.db));
}

/**
 * Cases per 100,000 population, to two decimals; null when the count is
 * withheld (null), when there is no population figure, or when it is 0.
 */
export function caseRate(
  cases: number | null,
  population: number | null | undefined,
): number | null {
  if (cases === null || population === null || population === undefined || population <= 0)
    return null;
  return Math.round((cases * RATE_PER * 100) / population) / 100;
}

/**
 * The rate of several areas together (the country view: the areas a reader
 * sees): their cases over their people, only when every count is shown and
 * every area has a figure; otherwise null (not shown).
 */
export function combinedRate(
  areas: readonly { cases: number | null; population: number | null }[],
): number | null {
  if (areas.length === 0) return null;
  let cases = 0;
  let people = 0;
  for (const a of areas) {
    if (a.cases === null || a.population === null) return null;
    cases += a.cases;
    people += a.population;
  }
  return caseRate(cases, people);
}
