// Worker-thread side of inspectIndexInThread (index-check.ts): one inspection, posted back.
import { parentPort, workerData } from 'node:worker_threads';
import { inspectIndex } from './index-check.ts';

const { dataDir } = workerData as { dataDir: string };
parentPort?.postMessage(inspectIndex(dataDir));
