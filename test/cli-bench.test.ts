// `npm run bench -- --quick` and `npm run bench:http -- --quick` as child processes against a temp index
// built once from the real corpus: few queries, no 100k scale run, no HTTP flood. Timings depend on the
// machine, so they are checked for shape and for being measured (non-zero), not for speed.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScript } from './helpers/cli.ts';
import { ingestCorpus } from './helpers/ingested-corpus.ts';

let dataDir: string;
let records = 0;
let embedderId = '';

beforeAll(async () => {
  const { dataDir: dir, kb } = await ingestCorpus('policykb-bench-data-');
  dataDir = dir;
  records = kb.records.length;
  embedderId = kb.info.embedderId;
  kb.close();
});
afterAll(() => {
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const MS = '(\\d+(?:\\.\\d+)?) ms';

describe('npm run bench -- --quick', () => {
  it('times 8 queries per mode once on the given index, reports memory, and skips the scale run', () => {
    const res = runScript('scripts/bench.ts', ['--quick', '--skip-ingest', '--data', dataDir], {}, 120_000);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const lines = res.stdout.split('\n');
    expect(lines[0]).toMatch(/^PolicyKB bench — \d+ CPUs, node v20\.\d+\.\d+, 8 queries × 1 rounds per mode$/);
    expect(lines).toContain(`== real index: ${records} records, embedder ${embedderId}`);
    expect(lines.find((l) => l.startsWith('  load '))).toMatch(/^ {2}load \d+(\.\d+)? ms \{"read":\d+.*\}; recorded ingest_ms [1-9]\d*$/);
    for (const mode of ['keyword', 'vector', 'hybrid']) {
      const line = lines.find((l) => l.startsWith(`  real ${mode}`));
      const m = new RegExp(`^ {2}real ${mode.padEnd(7)} n=8 {2}p50 ${MS} {2}p95 ${MS} {2}max ${MS}`).exec(line ?? '');
      expect(m, `${mode}: ${line}`).not.toBeNull();
      const [p50, p95, max] = m!.slice(1).map(Number);
      expect(p50, mode).toBeGreaterThan(0);
      expect(p50).toBeLessThanOrEqual(p95);
      expect(p95).toBeLessThanOrEqual(max);
    }
    expect(lines.find((l) => l.startsWith('  real hybrid'))).toMatch(/\(target p95 ≤ 15 ms: (met|MISSED)\)$/);
    const memory = /^ {2}memory: RSS (\d+\.\d) MB in a fresh process after load \+ one pass of queries \(node baseline (\d+\.\d) MB; heap used (\d+\.\d) MB\)$/
      .exec(lines.find((l) => l.startsWith('  memory:')) ?? '');
    expect(memory).not.toBeNull();
    expect(Number(memory![1])).toBeGreaterThan(Number(memory![2]));
    expect(res.stdout).not.toContain('== scale run');
  });
});

describe('npm run bench:http -- --quick', () => {
  it('loads the server briefly per mode, cache on and off, and reports throughput, latency and zero errors', () => {
    const res = runScript('scripts/bench-http.ts', ['--quick'], { POLICYKB_DATA: dataDir }, 120_000);
    expect(res.status, res.stderr).toBe(0);
    const lines = res.stdout.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      `using the index in ${dataDir}`,
      `${records} records; embedder ${embedderId}`,
      '5 rotating queries, 2 connections, 1 s per run',
    ]);
    const runs = lines.filter((l) => /^(keyword|hybrid) +cache (on |off) /.test(l));
    expect(runs.map((l) => l.slice(0, 18))).toEqual(['keyword  cache on ', 'hybrid   cache on ', 'keyword  cache off', 'hybrid   cache off']);
    for (const l of runs) {
      const m = /^\w+ +cache (?:on |off) +(\d+) req\/s {2}p50 (\d+) ms {2}p99 (\d+) ms {2}errors (\d+) {2}\((\d+) requests\)$/.exec(l);
      expect(m, l).not.toBeNull();
      const [reqPerSec, p50, p99, errors, requests] = m!.slice(1).map(Number);
      expect(reqPerSec, l).toBeGreaterThan(0);
      expect(requests, l).toBeGreaterThan(0);
      expect(p99, l).toBeGreaterThanOrEqual(p50);
      expect(errors, l).toBe(0);
    }
    expect(lines).toContain('mode     cache   req/s   target   p50 ms  p99 ms  errors  verdict');
    expect(lines.filter((l) => / (meets|MISSES) target$/.test(l))).toHaveLength(4);
  });
});
