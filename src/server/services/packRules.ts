import type { ResponseTargets } from '../../core/index.ts';
import type { Ctx } from '../context.ts';
import type { PackRules } from '../packs/loadPack.ts';
import { actorOf } from './access.ts';

/** Used when a pack sets no targets; the source says so. */
export const DEFAULT_RESPONSE_TARGETS: ResponseTargets = {
  hours: { high: 24, medium: 72, low: 168 },
  source:
    'Pathfinder default (common field practice, not verified); set rules/response-targets.json in the country pack',
};

const RULES_CACHE_MS = 10_000;
const rulesCache = new WeakMap<
  object,
  { until: number; value: PackRules & { country: string | null } }
>();

/** Forgets cached rules (after a pack is loaded in this process). */
export function forgetPackRules(db: object): void {
  rulesCache.delete(db);
}

/**
 * The screening rules and response targets of the most recently loaded pack,
 * cached for a few seconds (a pack loaded by another process applies within 10 s).
 */
export async function packRules(ctx: Ctx): Promise<PackRules & { country: string | null }> {
  const hit = rulesCache.get(ctx.deps.db);
  if (hit && hit.until > Date.now()) return hit.value;
  const row = await ctx.deps.db
    .selectFrom('pack')
    .select(['rules', 'country_code'])
    .orderBy('loaded_at', 'desc')
    .executeTakeFirst();
  const value = {
    ...(row ? (JSON.parse(row.rules) as PackRules) : {}),
    country: row?.country_code ?? null,
  };
  rulesCache.set(ctx.deps.db, { until: Date.now() + RULES_CACHE_MS, value });
  return value;
}

/** The rules a device needs to screen offline (reference data: any signed-in user). */
export async function screeningRules(ctx: Ctx) {
  actorOf(ctx);
  const rules = await packRules(ctx);
  return {
    childLabour: rules.childLabour ?? null,
    forcedLabour: rules.forcedLabour ?? null,
    trafficking: rules.trafficking ?? null,
    responseTargets: rules.responseTargets ?? DEFAULT_RESPONSE_TARGETS,
    forms: { intake: rules.forms?.intake ?? null, assessment: rules.forms?.assessment ?? null },
  };
}
