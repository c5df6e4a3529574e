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
    // And each query analyzed anew (no query plans kept).
    for (const mode of ['keyword', 'vector', 'hybrid']) {
      expect(lines.find((l) => l.startsWith(`  real, no plans ${mode}`))).toMatch(new RegExp(`^ {2}real, no plans ${mode.padEnd(7)} n=8 {2}p50 ${MS} {2}p95 ${MS} {2}max ${MS}$`));
    }
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

describe('npm run bench:swap', () => {
  it('checks and loads the given index both ways in alternating rounds and reports the longest pauses', () => {
    const res = runScript('scripts/bench-swap.ts', ['--data', dataDir, '--rounds', '2'], {}, 120_000);
    expect(res.status, res.stderr).toBe(0);
    const lines = res.stdout.trim().split('\n');
    expect(lines[0]).toBe(`index: ${dataDir}; warming up (dictionaries, one load) …`);
    expect(lines).toHaveLength(4);
    for (const [i, line] of lines.slice(1, 3).entries()) {
      const m = new RegExp(`^round ${i + 1} {2}blocking: check \\+ load ${MS}, longest pause ${MS} {2}\\| {2}cooperative: ${MS}, longest pause ${MS}$`).exec(line);
      expect(m, line).not.toBeNull();
      const [bTotal, bPause, cTotal, cPause] = m!.slice(1).map(Number);
      // A pause is at most the whole check + load, and a check + load takes measurable time.
      expect(bTotal).toBeGreaterThan(0);
      expect(bPause).toBeLessThanOrEqual(bTotal + 1);
      expect(cPause).toBeLessThanOrEqual(cTotal + 1);
    }
    expect(lines[3]).toMatch(new RegExp(`^median longest pause: blocking ${MS}, cooperative ${MS} \\(check \\+ load ${MS} → ${MS}\\)$`));
  });

  it('refuses a bad --rounds with a message', () => {
    const res = runScript('scripts/bench-swap.ts', ['--data', dataDir, '--rounds', '0'], {}, 60_000);
    expect(res.status).toBe(1);
    expect(res.stderr.trim()).toBe('--rounds needs a positive integer');
  });
});
