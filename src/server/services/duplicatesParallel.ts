import { Worker } from 'node:worker_threads';
import {
  activeFields,
  type CandidatePairs,
  candidatePairs,
  comparePatterns,
  type DedupOptions,
  type DedupResult,
  dedupCompared,
  dedupPersons,
  type FieldName,
  type PersonRecord,
  prepareRecord,
} from '../../core/index.ts';

/** Below this many records a second thread costs more (starting it, copying) than it saves. */
const PARALLEL_FROM = 50_000;

/** What the comparing worker is sent once blocking is done: its share of the candidate pairs. */
export interface CompareShare {
  fields: FieldName[];
  a: Int32Array;
  b: Int32Array;
}

/**
 * `dedupPersons` with the comparing step split across two threads: a worker
 * prepares the records itself (interned word ids belong to one thread) while this
 * thread prepares and blocks, then each compares half of the candidate pairs.
 * Same result as `dedupPersons`, pair for pair.
 */
export async function dedupInParallel(
  records: readonly PersonRecord[],
  options: DedupOptions & { parallelFrom?: number } = {},
): Promise<DedupResult> {
  if (records.length < (options.parallelFrom ?? PARALLEL_FROM))
    return dedupPersons(records, options);
  const worker = new Worker(new URL('./duplicatesCompareWorker.mjs', import.meta.url), {
    workerData: { records },
  });
  try {
    const codes = new Promise<Int32Array>((resolve, reject) => {
      worker.once('message', (m: Int32Array) => resolve(m));
      worker.once('error', reject);
      worker.once('exit', (code) =>
        reject(new Error(`duplicate compare worker stopped with code ${code}`)),
      );
    });
    codes.catch(() => undefined);
    const prepared = records.map(prepareRecord);
    options.onProgress?.('preparing', records.length, records.length);
    const fields = options.fields ?? activeFields(prepared, prepared);
    const pairs: CandidatePairs = candidatePairs(prepared, null, options);
    const n = pairs.a.length;
    options.onProgress?.('blocking', n, n);
    const mid = n >> 1;
    const a = pairs.a.slice(mid);
    const b = pairs.b.slice(mid);
    worker.postMessage({ fields, a, b } satisfies CompareShare, [
      a.buffer as ArrayBuffer,
      b.buffer as ArrayBuffer,
    ]);
    const low = comparePatterns(prepared, null, fields, pairs, 0, mid);
    const high = await codes;
    const all = new Int32Array(n);
    all.set(low, 0);
    all.set(high, mid);
    options.onProgress?.('comparing', n, n);
    return dedupCompared(prepared, fields, pairs, all, options);
  } finally {
    void worker.terminate();
  }
}
