// The sync push (docs/sync.md "Push"): a device's queued mutations, each applied exactly once
// by its client-made id (a retried batch answers what was stored), through the same services as
// the online API, with per-field merge for edits (syncMerge.ts).
import { CATALOGUES, translate } from '../../core/index.ts';
import type { Actor, Ctx } from '../context.ts';
import { ProblemError } from '../http/problem.ts';
import { requireAny } from './access.ts';
import { addFollowUp } from './casePlan.ts';
import { addNote, recordConsent, withdrawConsent } from './caseRecords.ts';
import { type CaseIntake, openCase } from './cases.ts';
import { activeDevice, checkDevice } from './devices.ts';
import { createReferral, type NewReferral } from './referrals.ts';
import { addScreening, type ScreeningRequest } from './screenings.ts';
import { type ConflictView, changeFields, type FieldsInput } from './syncMerge.ts';
import { enlist, enlistedPending, isUniqueViolation } from './trail.ts';

/** The body of `POST /cases/:id/consents`. */
export type ConsentInput = Parameters<typeof recordConsent>[2];

/** The body of `POST /cases/:id/follow-ups`. */
export type FollowUpInput = Parameters<typeof addFollowUp>[2];

/** One mutation of a push, as the route checked it (`invalid` when its payload failed the schema). */
export type Mutation = { mutationId: string } & (
  | { kind: 'case.open'; payload: CaseIntake }
  | { kind: 'case.fields'; caseId: string; payload: FieldsInput }
  | { kind: 'case.note'; caseId: string; payload: { text: string; sensitive: boolean } }
  | { kind: 'case.screening'; caseId: string; payload: ScreeningRequest }
  | { kind: 'case.followUp'; caseId: string; payload: FollowUpInput }
  | { kind: 'referral.create'; caseId: string; payload: NewReferral }
  | { kind: 'case.consent'; caseId: string; payload: ConsentInput }
  | { kind: 'case.consentWithdraw'; caseId: string; payload: { consentId: string } }
  | { kind: 'invalid'; detail: string }
);

export interface MutationResult {
  mutationId: string;
  status: 'applied' | 'duplicate' | 'conflict' | 'rejected';
  result?: unknown;
  conflicts?: ConflictView[];
  problem?: { status: number; code: string; message: string };
}

/** What is stored for an applied mutation and replayed to a retry. */
interface Stored {
  status: 'applied' | 'conflict';
  result?: unknown;
  conflicts?: ConflictView[];
}

async function apply(ctx: Ctx, m: Mutation, deviceId: string): Promise<Stored> {
  switch (m.kind) {
    case 'case.open':
      return { status: 'applied', result: await openCase(ctx, m.payload) };
    case 'case.note':
      return { status: 'applied', result: await addNote(ctx, m.caseId, m.payload) };
    case 'case.screening':
      return { status: 'applied', result: await addScreening(ctx, m.caseId, m.payload) };
    case 'case.followUp':
      return { status: 'applied', result: await addFollowUp(ctx, m.caseId, m.payload) };
    case 'referral.create':
      // The same idempotency key again answers the first referral (as online).
      return {
        status: 'applied',
        result: (await createReferral(ctx, m.caseId, m.payload)).referral,
      };
    case 'case.consent':
      return { status: 'applied', result: await recordConsent(ctx, m.caseId, m.payload) };
    case 'case.consentWithdraw':
      return {
        status: 'applied',
        result: await withdrawConsent(ctx, m.caseId, m.payload.consentId),
      };
    case 'case.fields': {
      // The conflict names the device the change came from, for the reviewer.
      const { conflicts, ...result } = await changeFields(ctx, m.caseId, m.payload, deviceId);
      return conflicts.length > 0
        ? { status: 'conflict', result, conflicts }
        : { status: 'applied', result };
    }
    case 'invalid':
      throw new ProblemError(400, 'validation_failed', { detail: m.detail });
  }
}

function rejected(actor: Actor, mutationId: string, p: ProblemError): MutationResult {
  const message = translate(CATALOGUES, [actor.language, 'en'], `errors.${p.messageKey}`, p.params);
  return { mutationId, status: 'rejected', problem: { status: p.status, code: p.code, message } };
}

/** A mutation seen before: its stored answer, or a refusal when it is another user's id. */
function answerOf(
  actor: Actor,
  mutationId: string,
  row: { user_id: string; result: string | null },
): MutationResult {
  if (row.user_id !== actor.userId)
    return rejected(actor, mutationId, new ProblemError(409, 'id_taken', { field: 'mutationId' }));
  // A null result: the server stopped between the commit and storing the answer.
  const stored = row.result ? (JSON.parse(row.result) as Stored) : null;
  return {
    mutationId,
    status: 'duplicate',
    ...(stored?.result === undefined ? {} : { result: stored.result }),
    ...(stored?.conflicts ? { conflicts: stored.conflicts } : {}),
  };
}

/** The answer stored for a mutation id, if any (asked again after a clash or a repeat). */
async function seenOne(ctx: Ctx, actor: Actor, mutationId: string): Promise<MutationResult | null> {
  const row = await ctx.deps.db
    .selectFrom('sync_mutation')
    .select(['user_id', 'result'])
    .where('mutation_id', '=', mutationId)
    .executeTakeFirst();
  return row ? answerOf(actor, mutationId, row) : null;
}

/**
 * Checks the caller's device (as `activeDevice`) and reads the answers already stored for the
 * batch's mutation ids, in one query: a sync of one note is a round trip shorter.
 */
export async function deviceAndSeen(
  ctx: Ctx,
  actor: Actor,
  deviceId: string,
  mutationIds: readonly string[],
): Promise<Map<string, MutationResult>> {
  if (mutationIds.length === 0) {
    await activeDevice(ctx, actor, deviceId);
    return new Map();
  }
  const ids = [...new Set(mutationIds)];
  const rows = await ctx.deps.db
    .selectFrom('device as d')
    .leftJoin('sync_mutation as m', (join) => join.on('m.mutation_id', 'in', ids))
    .select([
      'd.user_id',
      'd.revoked_at',
      'd.last_seen_at',
      'm.mutation_id',
      'm.user_id as mutation_user_id',
      'm.result',
    ])
    .where('d.id', '=', deviceId)
    .execute();
  await checkDevice(ctx, actor, deviceId, rows[0]);
  const out = new Map<string, MutationResult>();
  for (const r of rows)
    if (r.mutation_id !== null && r.mutation_user_id !== null)
      out.set(
        r.mutation_id,
        answerOf(actor, r.mutation_id, { user_id: r.mutation_user_id, result: r.result }),
      );
  return out;
}

/**
 * Applies a device's batch in order, each mutation in its own transaction
 * together with its `sync_mutation` row, so a retried batch applies each once.
 * A refused mutation is reported and does not stop the others.
 */
export async function push(
  ctx: Ctx,
  deviceId: string,
  mutations: readonly Mutation[],
): Promise<MutationResult[]> {
  const actor = await requireAny(ctx, 'case:write:agency');
  const ids = mutations.map((m) => m.mutationId);
  return applyMutations(
    ctx,
    actor,
    deviceId,
    mutations,
    await deviceAndSeen(ctx, actor, deviceId, ids),
  );
}

/**
 * `push` for a caller whose permission and device are checked; `stored`: the answers stored
 * for the batch's ids when it arrived (`deviceAndSeen`).
 */
export async function applyMutations(
  ctx: Ctx,
  actor: Actor,
  deviceId: string,
  mutations: readonly Mutation[],
  stored: ReadonlyMap<string, MutationResult>,
): Promise<MutationResult[]> {
  const results: MutationResult[] = [];
  const met = new Set<string>();
  for (const m of mutations) {
    // The same id again in one batch: asked again, after the first one's outcome.
    const before = met.has(m.mutationId)
      ? await seenOne(ctx, actor, m.mutationId)
      : stored.get(m.mutationId);
    met.add(m.mutationId);
    if (before) {
      results.push(before);
      continue;
    }
    // A context of its own: the mutation row is enlisted in this mutation's transaction only.
    const own: Ctx = { ...ctx };
    const row = (result: Stored | null) => ({
      mutation_id: m.mutationId,
      device_id: deviceId,
      user_id: actor.userId,
      kind: m.kind,
      received_at: ctx.deps.clock.now().toISOString(),
      result: result ? JSON.stringify(result) : null,
    });
    const pending = row(null);
    // A write that knows its outcome before it writes (a note) stores the answer with the
    // mutation row; any other gets it by an update once applied.
    enlist(own, [{ table: 'sync_mutation', rows: [pending] }], (outcome) => {
      pending.result = JSON.stringify({ status: 'applied', result: outcome } satisfies Stored);
    });
    try {
      const stored = await apply(own, m, deviceId);
      const answer = JSON.stringify(stored);
      if (enlistedPending(own))
        await ctx.deps.db.insertInto('sync_mutation').values(row(stored)).execute();
      else if (pending.result !== answer)
        await ctx.deps.db
          .updateTable('sync_mutation')
          .set({ result: answer })
          .where('mutation_id', '=', m.mutationId)
          .execute();
      results.push({ mutationId: m.mutationId, ...stored });
    } catch (error) {
      // The same mutation arriving twice at once: the second finds the first's row — whether
      // it failed on that row's key or on a check the first one's records now fail (`id_taken`).
      if (isUniqueViolation(error, 'sync_mutation') || error instanceof ProblemError) {
        const again = await seenOne(ctx, actor, m.mutationId);
        if (again) {
          results.push(again);
          continue;
        }
      }
      if (error instanceof ProblemError && error.status < 500) {
        results.push(rejected(actor, m.mutationId, error));
        continue;
      }
      throw error;
    }
  }
  return results;
}
