import { Worker } from 'node:worker_threads';
import {
  explainPair,
  type PairExplanation,
  type PersonRecord,
  pairLevels,
  type StoredModel,
  storeModel,
  withReviewerLabels,
} from '../../core/index.ts';
import { dedupInParallel } from './duplicatesParallel.ts';
import { DEDUP_FIELDS } from './linkageModel.ts';

/** What the background pass computes on: the node's live persons and reviewers' labels. */
export interface PassInput {
  records: PersonRecord[];
  /** Confirmed matches (merged pairs), as the two persons' records. */
  labelledMatches: [PersonRecord, PersonRecord][];
  nonMatches: number;
  /** "a|b" (a < b) of every decided pair: never proposed again. */
  decided: string[];
}

export interface PassOutput {
  /** Persons de-duplicated, and reviewers' labels folded in. */
  persons: number;
  labelledMatches: number;
  labelledNonMatches: number;
  model: StoredModel | null;
  /** The pairs found, unless a sink took them (then empty: see `pairCount`). */
  pairs: PassPair[];
  pairCount: number;
  matches: number;
}

/** A pair the pass proposes, with its explanation under the corrected model. */
export interface PassPair {
  a: string;
  b: string;
  explanation: PairExplanation;
}

/** Pairs handed on as they are explained, in chunks of this many (memory stays flat). */
const SINK_CHUNK = 1000;

/**
 * The engine's part of the pass (pure CPU, no database): de-duplicate, fold
 * reviewers' confirmed matches into m, then re-score and explain every pair
 * under the corrected model; decided pairs and non-matches are left out.
 * With `sink`, pairs go to it in chunks as they are explained instead of piling
 * up (over a million persons they were millions of explanations).
 */
export async function scorePass(
  input: PassInput,
  sink?: (pairs: PassPair[]) => Promise<void>,
): Promise<PassOutput> {
  const { records } = input;
  const counts = {
    persons: records.length,
    labelledMatches: input.labelledMatches.length,
    labelledNonMatches: input.nonMatches,
  };
  if (records.length < 2) return { ...counts, model: null, pairs: [], pairCount: 0, matches: 0 };
  // Large nodes: the comparing step on a second thread as well (same pairs).
  const result = await dedupInParallel(records, { fields: [...DEDUP_FIELDS] });
  const corrected = withReviewerLabels(
    result.model,
    input.labelledMatches.map(([a, b]) => pairLevels(result.model, a, b)),
    input.nonMatches,
  );
  const decided = new Set(input.decided);
  const pairs: PassPair[] = [];
  let matches = 0;
  let pairCount = 0;
  for (const p of result.pairs) {
    const a = records[p.a] as PersonRecord;
    const b = records[p.b] as PersonRecord;
    if (decided.has(a.id < b.id ? `${a.id}|${b.id}` : `${b.id}|${a.id}`)) continue;
    const explanation = explainPair(corrected.model, a, b);
    if (explanation.decision === 'non-match') continue;
    if (explanation.decision === 'match') matches++;
    pairs.push({ a: a.id, b: b.id, explanation });
    pairCount++;
    if (sink && pairs.length >= SINK_CHUNK) await sink(pairs.splice(0));
  }
  if (sink && pairs.length > 0) await sink(pairs.splice(0));
  const model = storeModel(corrected.model);
  model.labels = corrected.labels;
  return { ...counts, model, pairs, pairCount, matches };
}

/** Where the pass's worker finds the node's database (the node's settings), and the pass's time. */
export interface PassSource {
  databaseUrl: string | undefined;
  dataDir: string;
  /** When the pass started: the `found_at` of the pairs the worker writes. */
  at: string;
}

/**
 * Runs the pass on a worker thread that reads the persons itself, through its own
 * database connection, runs `scorePass` and writes the pairs as they come: a pass over
 * a million persons (minutes of CPU, seconds of reading, millions of pairs) never holds
 * up the requests the node is serving, nor fills its memory. The answer has no pairs.
 */
export function scorePassInWorker(source: PassSource): Promise<PassOutput> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./duplicatesPassWorker.mjs', import.meta.url), {
      workerData: source,
    });
    worker.once('message', (output: PassOutput) => {
      resolve(output);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`duplicate pass worker stopped with code ${code}`));
    });
  });
}
