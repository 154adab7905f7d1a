// One round trip of the sync (docs/sync.md "Exchange"): a device's outbox batch and the first
// page of its pull in one request. Where each round trip costs seconds (2G, a satellite link),
// a sync with little to send and little to fetch takes one instead of two, and the server
// checks the session and the device once.
import type { Ctx } from '../context.ts';
import { requireAny } from './access.ts';
import { type PullPage, type PullQuery, planPull, pullPage } from './sync.ts';
import { applyMutations, deviceAndSeen, type Mutation, type MutationResult } from './syncPush.ts';

export interface Exchanged extends PullPage {
  results: MutationResult[];
}

/**
 * Applies `mutations` as `POST /sync/push` does, then answers the page `GET /sync/pull` would
 * answer after them. A refused cursor or area is refused before anything is applied.
 */
export async function exchange(
  ctx: Ctx,
  deviceId: string,
  mutations: readonly Mutation[],
  query: PullQuery,
): Promise<Exchanged> {
  const actor = await requireAny(ctx, 'case:read:agency');
  if (mutations.length > 0) await requireAny(ctx, 'case:write:agency');
  const ids = mutations.map((m) => m.mutationId);
  const stored = await deviceAndSeen(ctx, actor, deviceId, ids);
  const plan = await planPull(ctx, query);
  const results = await applyMutations(ctx, actor, deviceId, mutations, stored);
  return { results, ...(await pullPage(ctx, actor, deviceId, plan)) };
}
