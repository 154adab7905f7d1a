// Worker thread of the duplicate pass (duplicatesPass.ts): opens its own connection to the
// node's database, reads the persons and reviewers' labels, runs the pass and writes its
// pairs, so the node's main thread neither reads nor copies them. Workers do not inherit the TypeScript
// loader, so this plain module registers it before loading the pass.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { openDatabase } = await import('../db/database.ts');
const { readPassInput, writePassPairs } = await import('./duplicatesDetect.ts');
const { scorePass } = await import('./duplicatesPass.ts');
const database = openDatabase({ ...workerData, poolSize: 1 });
try {
  const input = await readPassInput({ db: database.db });
  // The pairs are written here as they are explained; only the counts and the model go back.
  const output = await scorePass(input, (pairs) =>
    writePassPairs({ db: database.db }, pairs, workerData.at),
  );
  parentPort?.postMessage(output);
} finally {
  await database.close();
}
