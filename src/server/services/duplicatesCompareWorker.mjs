// Second thread of a parallel de-duplication (duplicatesParallel.ts): prepares every record
// as soon as it starts, then compares the share of candidate pairs it is sent and posts back
// their level patterns. Workers do not inherit the TypeScript loader: registered here.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { comparePatterns, prepareRecord } = await import('../../core/index.ts');
const prepared = workerData.records.map(prepareRecord);
parentPort?.once('message', (share) => {
  const codes = comparePatterns(prepared, null, share.fields, share);
  parentPort?.postMessage(codes, [codes.buffer]);
});
