// `npm run bench:swap [-- --data DIR] [--rounds 5]`
// How long a serving process stops answering while it checks and loads its next index: the longest
// gap of a 1 ms timer (the event loop's longest pause) during the check + load of the index in DIR
// (default: data/ when current, else a fresh temp index), in alternating pairs in one process:
//   blocking    — the check in the main thread, then a plain load (the .hnsw file hashed twice);
//   cooperative — as the server swaps (server/live/live-index.ts): the check in a worker thread, a load
//                 that yields to the event loop and trusts the checksum the check just verified.
// Prints both per round and the medians; asserts nothing (shared, noisy machine).
import path from 'node:path';
import { loadKnowledgeBase } from '../server/kb/knowledge-base.ts';
import { inspectIndex, inspectIndexInThread, verifiedVectors } from '../server/live/index-check.ts';
import { arg, prepareData } from './bench-support.ts';

interface Probe {
  totalMs: number;
  longestPauseMs: number;
}

/** Runs fn while a 1 ms timer measures the longest time the event loop did not turn. */
async function probe(fn: () => Promise<void>): Promise<Probe> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  const t0 = performance.now();
  try {
    await fn();
  } finally {
    clearInterval(timer);
  }
  longest = Math.max(longest, performance.now() - last);
  return { totalMs: performance.now() - t0, longestPauseMs: longest };
}

async function main(): Promise<void> {
  const rounds = Number(arg('rounds', '5'));
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds needs a positive integer');
  const given = arg('data', '');
  const { dataDir, cleanup } = given ? { dataDir: path.resolve(given), cleanup: () => {} } : await prepareData();
  try {
    console.log(`index: ${dataDir}; warming up (dictionaries, one load) …`);
    (await loadKnowledgeBase(dataDir)).close();
    const blocking: Probe[] = [];
    const cooperative: Probe[] = [];
    for (let r = 0; r < rounds; r++) {
      blocking.push(
        await probe(async () => {
          const ins = inspectIndex(dataDir);
          (await loadKnowledgeBase(dataDir, { vectors: ins.state === 'ok' })).close();
        }),
      );
      cooperative.push(
        await probe(async () => {
          const ins = await inspectIndexInThread(dataDir);
          (await loadKnowledgeBase(dataDir, { vectors: ins.state === 'ok', cooperative: true, verifiedVectors: verifiedVectors(ins) })).close();
        }),
      );
      const [b, c] = [blocking[r], cooperative[r]];
      console.log(
        `round ${r + 1}  blocking: check + load ${b.totalMs.toFixed(0)} ms, longest pause ${b.longestPauseMs.toFixed(0)} ms` +
          `  |  cooperative: ${c.totalMs.toFixed(0)} ms, longest pause ${c.longestPauseMs.toFixed(0)} ms`,
      );
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    console.log(
      `median longest pause: blocking ${median(blocking.map((p) => p.longestPauseMs)).toFixed(0)} ms, ` +
        `cooperative ${median(cooperative.map((p) => p.longestPauseMs)).toFixed(0)} ms ` +
        `(check + load ${median(blocking.map((p) => p.totalMs)).toFixed(0)} ms → ${median(cooperative.map((p) => p.totalMs)).toFixed(0)} ms)`,
    );
  } finally {
    cleanup();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
