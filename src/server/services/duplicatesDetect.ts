import { sql } from 'kysely';
import {
  nameFilingKeys,
  PAIR_KEY,
  type PairExplanation,
  type PersonRecord,
  rankCandidates,
  SKELETON_KEY,
} from '../../core/index.ts';
import type { Ctx, Deps } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { type PassInput, type PassPair, scorePass, scorePassInWorker } from './duplicatesPass.ts';
import {
  forgetLinkageModels,
  LINKAGE_COLUMNS,
  linkageModels,
  personRecord,
} from './linkageModel.ts';
import { audit } from './trail.ts';

/** Queue rows handled per batch of the after-write job (a batch runs without yielding). */
const QUEUE_BATCH = 10;
/** A backlog larger than this (a bulk load) is left to the background pass. */
export const QUEUE_BACKLOG = 5000;
/** Candidates read per queued person. */
const CANDIDATES = 300;

/** The job's own context: no user, audited as `system:duplicates`. */
export function jobCtx(deps: Deps): Ctx {
  return { deps, actor: null, requestId: `job-duplicates-${crypto.randomUUID()}`, ip: 'job' };
}

type PairRow = Database['duplicate_pair'];

/** A pair as stored: persons in id order, the explanation as JSON. */
function pairRow(
  a: string,
  b: string,
  e: PairExplanation,
  foundBy: 'write' | 'pass',
  at: string,
): PairRow {
  const [x, y] = a < b ? [a, b] : [b, a];
  const swapped = a > b;
  const fields = e.fields.map((f) => (swapped ? { ...f, left: f.right, right: f.left } : f));
  return {
    id: crypto.randomUUID(),
    person_a: x,
    person_b: y,
    weight: e.weight,
    probability: e.probability,
    decision: e.decision === 'match' ? 'match' : 'review',
    explanation: JSON.stringify({ ...e, fields }),
    status: 'open',
    found_by: foundBy,
    found_at: at,
    decided_by: null,
    decided_at: null,
    version: 1,
  };
}

/**
 * Writes candidate pairs: a new pair is inserted; an open one takes the new
 * score and explanation; a decided one (merged, not the same person) is never
 * touched, so a reviewer's decision stands.
 */
/** Stores pairs the background pass found at `at` (open ones updated, decided ones kept). */
export async function writePassPairs(
  deps: Pick<Deps, 'db'>,
  pairs: readonly PassPair[],
  at: string,
): Promise<void> {
  await upsertPairs(
    deps,
    pairs.map((p) => pairRow(p.a, p.b, p.explanation, 'pass', at)),
  );
}

async function upsertPairs(deps: Pick<Deps, 'db'>, found: PairRow[]): Promise<void> {
  // Two queued persons find each other: one row per pair (PostgreSQL refuses a row twice).
  const rows = [...new Map(found.map((r) => [`${r.person_a}|${r.person_b}`, r])).values()];
  for (let i = 0; i < rows.length; i += 300) {
    const chunk = rows.slice(i, i + 300);
    await deps.db
      .insertInto('duplicate_pair')
      .values(chunk)
      .onConflict((oc) =>
        oc
          .columns(['person_a', 'person_b'])
          .doUpdateSet((eb) => ({
            weight: eb.ref('excluded.weight'),
            probability: eb.ref('excluded.probability'),
            decision: eb.ref('excluded.decision'),
            explanation: eb.ref('excluded.explanation'),
            found_by: eb.ref('excluded.found_by'),
            found_at: eb.ref('excluded.found_at'),
          }))
          .where('duplicate_pair.status', '=', 'open'),
      )
      .execute();
  }
}

/** Persons not merged into another (a merged person's rows point to the kept one). */
function livePersons(deps: Pick<Deps, 'db'>) {
  return deps.db
    .selectFrom('person')
    .select([...LINKAGE_COLUMNS, 'person.name_key'])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('person_merge')
            .select('person_merge.id')
            .whereRef('person_merge.merged_id', '=', 'person.id')
            .where('person_merge.unmerged_at', 'is', null),
        ),
      ),
    );
}

/** Pairs a reviewer has decided: `distinct` ones are never proposed again. */
async function decidedPairs(deps: Pick<Deps, 'db'>, ids?: readonly string[]): Promise<Set<string>> {
  let q = deps.db
    .selectFrom('duplicate_pair')
    .select(['person_a', 'person_b'])
    .where('status', '!=', 'open');
  if (ids) {
    if (ids.length === 0) return new Set();
    q = q.where((eb) => eb.or([eb('person_a', 'in', ids), eb('person_b', 'in', ids)]));
  }
  const rows = await q.execute();
  return new Set(rows.map((r) => `${r.person_a}|${r.person_b}`));
}

const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

/**
 * The after-write job: persons queued by the trigger in their writing
 * transaction are compared with the node's persons who share a filing key
 * (the skeletons of two name words, or of one when the name has one word),
 * in every agency, and the pairs in the match or review band are stored with
 * their explanation. Returns how many queued persons were handled; −1 when the
 * backlog is left to the background pass.
 */
export async function processLinkageQueue(deps: Deps): Promise<number> {
  const backlog = await deps.db
    .selectFrom((eb) =>
      eb
        .selectFrom('linkage_queue')
        .select('seq')
        .limit(QUEUE_BACKLOG + 1)
        .as('q'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(backlog.n) > QUEUE_BACKLOG) return -1;
  const queued = await deps.db
    .selectFrom('linkage_queue')
    .select(['seq', 'person_id'])
    .orderBy('seq')
    .limit(QUEUE_BATCH)
    .execute();
  const last = queued.at(-1);
  if (!last) return 0;
  const ids = [...new Set(queued.map((q) => q.person_id))];
  const persons = await livePersons(deps).where('person.id', 'in', ids).execute();
  const { dedup: model } = await linkageModels(deps);
  const agencies = (await deps.db.selectFrom('agency').select('id').execute()).map((a) => a.id);
  const decided = await decidedPairs(deps, ids);
  const at = deps.clock.now().toISOString();
  const rows: PairRow[] = [];
  for (const p of persons) {
    const keys = nameFilingKeys(p.name_key);
    const pairs = keys.filter((k) => k.startsWith(PAIR_KEY));
    const lookup = pairs.length > 0 ? pairs : keys.filter((k) => k.startsWith(SKELETON_KEY));
    if (lookup.length === 0 || agencies.length === 0) continue;
    // Agency first in the index: one range per agency and key, read in order.
    const found = await deps.db
      .selectFrom('person_key')
      .select('person_id')
      .distinct()
      .where('agency_id', 'in', agencies)
      .where(
        'key',
        'in',
        lookup.map((k) => k.slice(0, 200)),
      )
      .where('person_id', '!=', p.id)
      .limit(CANDIDATES)
      .execute();
    if (found.length === 0) continue;
    const others = await livePersons(deps)
      .where(
        'person.id',
        'in',
        found.map((f) => f.person_id),
      )
      .execute();
    const open = others.filter((o) => !decided.has(pairKey(p.id, o.id)));
    // Weighed all at once; explained only in the match or review band.
    const ranked = rankCandidates(model, personRecord(p), open.map(personRecord), {
      atLeast: model.reviewThreshold,
    });
    for (const r of ranked)
      rows.push(pairRow(p.id, (open[r.index] as { id: string }).id, r.explanation, 'write', at));
  }
  await upsertPairs(deps, rows);
  await deps.db.deleteFrom('linkage_queue').where('seq', '<=', last.seq).execute();
  if (rows.length > 0)
    await audit(jobCtx(deps), deps.db, {
      action: 'duplicate.detect',
      entity: 'person',
      entityIds: ids.slice(0, 50),
      details: { persons: ids.length, pairs: rows.length, by: 'write' },
    });
  return ids.length;
}

/** What a background pass did. */
export interface PassSummary {
  persons: number;
  pairs: number;
  matches: number;
  labelledMatches: number;
  labelledNonMatches: number;
  seconds: number;
}

/**
 * The background pass over the node: every live person of every agency,
 * de-duplicated by the engine (multi-key blocking, EM, clustering); the
 * model is then corrected with reviewers' confirmed matches, every pair
 * re-scored and explained under it, pairs marked "not the same person"
 * skipped, open pairs this pass no longer finds dropped, and the model stored
 * for search and the after-write job. The engine's work runs on a worker
 * thread when `options.worker` is set (the job does), so requests keep flowing.
 */
export async function runDuplicatePass(
  deps: Deps,
  options: { worker?: boolean } = {},
): Promise<PassSummary> {
  const started = performance.now();
  const at = deps.clock.now().toISOString();
  const queueTop = await deps.db
    .selectFrom('linkage_queue')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst();
  // On a worker thread the persons are read there too, through its own connection: reading
  // and copying a million persons here held up every request the node was serving.
  // The pairs are written as they are explained (by the worker, when there is one).
  const output = options.worker
    ? await scorePassInWorker({
        databaseUrl: deps.config.databaseUrl,
        dataDir: deps.config.dataDir,
        at,
      })
    : await scorePass(await readPassInput(deps), (pairs) => writePassPairs(deps, pairs, at));
  if (output.model) {
    await deps.db
      .insertInto('linkage_model')
      .values({
        id: 'node',
        model: JSON.stringify(output.model),
        persons: output.persons,
        pairs: output.pairCount,
        fitted_at: at,
      })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          model: eb.ref('excluded.model'),
          persons: eb.ref('excluded.persons'),
          pairs: eb.ref('excluded.pairs'),
          fitted_at: eb.ref('excluded.fitted_at'),
        })),
      )
      .execute();
    forgetLinkageModels(deps);
  }
  // Open pairs an earlier pass found and this one no longer does (a person corrected) are gone.
  await deps.db
    .deleteFrom('duplicate_pair')
    .where('status', '=', 'open')
    .where('found_by', '=', 'pass')
    .where('found_at', '<', at)
    .execute();
  if (queueTop?.seq !== null && queueTop?.seq !== undefined)
    await deps.db.deleteFrom('linkage_queue').where('seq', '<=', Number(queueTop.seq)).execute();
  const summary: PassSummary = {
    persons: output.persons,
    pairs: output.pairCount,
    matches: output.matches,
    labelledMatches: output.labelledMatches,
    labelledNonMatches: output.labelledNonMatches,
    seconds: (performance.now() - started) / 1000,
  };
  await audit(jobCtx(deps), deps.db, {
    action: 'duplicate.pass',
    entity: 'person',
    details: { ...summary, seconds: Math.round(summary.seconds) },
  });
  return summary;
}

/** What the background pass computes on, read from the database (by the pass's worker, or here). */
export async function readPassInput(deps: Pick<Deps, 'db'>): Promise<PassInput> {
  const records: PersonRecord[] = [];
  let after = '';
  for (;;) {
    const page = await livePersons(deps)
      .where('person.id', '>', after)
      .orderBy('person.id')
      .limit(5000)
      .execute();
    for (const r of page) records.push(personRecord(r));
    const lastRow = page.at(-1);
    if (!lastRow || page.length < 5000) break;
    after = lastRow.id;
  }
  const labelled = await labelledLevels(deps);
  return {
    records,
    labelledMatches: labelled.matches,
    nonMatches: labelled.nonMatches,
    decided: [...(await decidedPairs(deps))],
  };
}

/** Reviewers' labels: the person pairs of merges (matches) and the count of "not the same person". */
async function labelledLevels(
  deps: Pick<Deps, 'db'>,
): Promise<{ matches: [PersonRecord, PersonRecord][]; nonMatches: number }> {
  const merged = await deps.db
    .selectFrom('duplicate_pair')
    .select(['person_a', 'person_b'])
    .where('status', '=', 'merged')
    .limit(10_000)
    .execute();
  const distinct = await deps.db
    .selectFrom('duplicate_pair')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'distinct')
    .executeTakeFirstOrThrow();
  const ids = [...new Set(merged.flatMap((m) => [m.person_a, m.person_b]))];
  const byId = new Map<string, PersonRecord>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await deps.db
      .selectFrom('person')
      .select([...LINKAGE_COLUMNS])
      .where('person.id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) byId.set(r.id, personRecord(r));
  }
  const matches: [PersonRecord, PersonRecord][] = [];
  for (const m of merged) {
    const a = byId.get(m.person_a);
    const b = byId.get(m.person_b);
    if (a && b) matches.push([a, b]);
  }
  return { matches, nonMatches: Number(distinct.n) };
}

/** True when the background pass should run now: never run, a day old, or a bulk backlog. */
export async function duplicatePassDue(deps: Deps, everyMs: number): Promise<boolean> {
  const model = await deps.db
    .selectFrom('linkage_model')
    .select('fitted_at')
    .where('id', '=', 'node')
    .executeTakeFirst();
  const persons = await deps.db.selectFrom('person').select('id').limit(2).execute();
  if (persons.length < 2) return false;
  if (!model) return true;
  if (deps.clock.now().getTime() - Date.parse(model.fitted_at) >= everyMs) return true;
  const backlog = await sql<{
    n: number;
  }>`SELECT count(*) AS n FROM (SELECT 1 FROM linkage_queue LIMIT ${QUEUE_BACKLOG + 1}) q`.execute(
    deps.db,
  );
  return Number(backlog.rows[0]?.n ?? 0) > QUEUE_BACKLOG;
}
