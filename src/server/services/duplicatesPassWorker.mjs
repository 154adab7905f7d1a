// Worker thread of the duplicate pass (duplicatesPass.ts): workers do not inherit the
// TypeScript loader, so this plain module registers it before loading the pass.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { scorePass } = await import('./duplicatesPass.ts');
parentPort?.postMessage(await scorePass(workerData));
