// The pack's settings (docs/country-packs.md "Settings"): read from the latest loaded pack,
// and the checks that need more than their shape — the population of each area
// (`areaPopulation`) must be whole numbers of people for areas the pack defines, so no rate
// is ever divided by a made-up figure.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** A setting as pack.json holds it: the value, where it comes from and, optionally, its year. */
export interface PackSetting {
  value: unknown;
  source: string;
  year?: number | undefined;
}

/**
 * The settings of the most recently loaded pack, each as pack.json holds it (`{}` before any
 * pack). Read on each call: a pack loaded meanwhile applies at once.
 */
export async function latestPackSettings(
  db: Kysely<Database>,
): Promise<Record<string, Partial<PackSetting> | undefined>> {
  const row = await db
    .selectFrom('pack')
    .select('settings')
    .orderBy('loaded_at', 'desc')
    .executeTakeFirst();
  return JSON.parse(row?.settings ?? '{}') as Record<string, Partial<PackSetting> | undefined>;
}

const isPeople = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/**
 * What is wrong with the pack's settings, in words naming the setting and the
 * area (empty when nothing is). `areaPopulation.value` is { AREA_CODE: people }:
 * every code an area of the pack, every figure a whole number at least 0.
 */
export function settingsProblems(
  settings: Readonly<Record<string, PackSetting>> | undefined,
  areaCodes: ReadonlySet<string>,
): string[] {
  const problems: string[] = [];
  const population = settings?.areaPopulation;
  if (population === undefined) return problems;
  const value = population.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    problems.push('areaPopulation: value must be an object of area code → population');
    return problems;
  }
  for (const [code, people] of Object.entries(value as Record<string, unknown>)) {
    if (!areaCodes.has(code)) problems.push(`areaPopulation: unknown area ${code}`);
    else if (!isPeople(people))
      problems.push(
        `areaPopulation: the population of ${code} must be a whole number at least 0 (is ${JSON.stringify(people)})`,
      );
  }
  if (population.source.trim() === '')
    problems.push('areaPopulation: source must say where the figures come from');
  return problems;
}

/** The population of each area from the pack's settings (only valid figures; none when absent). */
export function areaPopulationOf(settings: Record<string, Partial<PackSetting> | undefined>): {
  figures: Map<string, number>;
  source: string | null;
  year: number | null;
} {
  const setting = settings.areaPopulation;
  const figures = new Map<string, number>();
  const value = setting?.value;
  if (value && typeof value === 'object' && !Array.isArray(value))
    for (const [code, people] of Object.entries(value as Record<string, unknown>))
      if (isPeople(people)) figures.set(code, people);
  return {
    figures,
    source: typeof setting?.source === 'string' ? setting.source : null,
    year: typeof setting?.year === 'number' ? setting.year : null,
  };
}
