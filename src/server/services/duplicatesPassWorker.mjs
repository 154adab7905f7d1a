// Worker thread of the duplicate pass (duplicatesPass.ts): opens its own connection to the
// node's database, reads the persons and reviewers' labels, and runs the pass, so the
// node's main thread neither reads nor copies them. Workers do not inherit the TypeScript
// loader, so this plain module registers it before loading the pass.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { openDatabase } = await import('../db/database.ts');
const { readPassInput } = await import('./duplicatesDetect.ts');
const { scorePass } = await import('./duplicatesPass.ts');
const database = openDatabase({ ...workerData, poolSize: 1 });
try {
  const input = await readPassInput({ db: database.db });
  parentPort?.postMessage(await scorePass(input));
} finally {
  await database.close();
}
