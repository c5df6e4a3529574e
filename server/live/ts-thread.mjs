// Bootstrap of a worker thread that runs a TypeScript module (workerData.entry, a file: URL): the
// tsx loader given to the process on its command line does not reach worker threads on Node 20, so
// the thread registers it itself before importing the entry.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
