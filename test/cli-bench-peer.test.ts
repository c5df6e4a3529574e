// `npm run bench:peer -- --quick` and a small growth curve (`npm run bench -- --scale 300`) as child
// processes against a temp index built once from the real corpus. Timings depend on the machine, so
// they are checked for shape, for being measured and for zero errors, not for speed.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScript } from './helpers/cli.ts';
import { ingestCorpus } from './helpers/ingested-corpus.ts';

let dataDir: string;
let records = 0;

beforeAll(async () => {
  const { dataDir: dir, kb } = await ingestCorpus('policykb-bench-peer-');
  dataDir = dir;
  records = kb.records.length;
  kb.close();
});
afterAll(() => {
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const NUM = '(\\d+(?:\\.\\d+)?)';

describe('npm run bench:peer -- --quick', () => {
  it('runs Orama and PolicyKB in alternation and prints quality, rounds, ratios and a summary', () => {
    const res = runScript('scripts/bench-peer.ts', ['--quick'], { POLICYKB_DATA: dataDir }, 300_000);
    expect(res.status, res.stderr).toBe(0);
    const lines = res.stdout.split('\n');
    expect(lines[0]).toBe(`using the index in ${dataDir}`);
    expect(lines[1]).toMatch(/^PolicyKB vs Orama 3\.\d+\.\d+ \(mandarin tokenizer, 300-character chunks, 50 overlap\) — \d+ CPUs, node v20\.\d+\.\d+$/);
    const peer = new RegExp(`^index ${dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ${records} records; peer: (\\d+) chunks, built in \\d+ ms$`).exec(lines[2]);
    expect(peer, lines[2]).not.toBeNull();
    expect(Number(peer![1])).toBeGreaterThan(100);
    expect(lines[3]).toBe('5 rotating queries, 2 connections, 1 s per round, 1 round alternating; PolicyKB result cache off, 1 worker process');
    expect(lines[4]).toBe('PolicyKB query plans kept: the server default; "no plans": a second server with POLICYKB_PLAN_CACHE=0');
    const q = lines.indexOf('  system            R@10   MRR@10  Hit@1  chars');
    expect(q).toBeGreaterThan(0);
    expect(lines[q - 1]).toMatch(/^quality on (\.\.\/shared\/eval\/dev-queries\.json|test\/queries\.json) \(5 queries, k=10\):$/);
    const quality = lines.slice(q + 1, q + 4).map((l) => new RegExp(`^  (orama|policykb keyword|policykb hybrid) +${NUM}  ${NUM}   ${NUM} +(\\d+)$`).exec(l));
    expect(quality.map((m) => m?.[1])).toEqual(['orama', 'policykb keyword', 'policykb hybrid']);
    for (const m of quality) for (const x of m!.slice(2, 5).map(Number)) expect(x >= 0 && x <= 1).toBe(true);
    // Orama's hits are 300-character chunks; PolicyKB's are clauses.
    expect(Number(quality[0]![5])).toBeGreaterThan(Number(quality[2]![5]));

    const rounds = lines.filter((l) => l.startsWith('round 1  ') && !l.includes('ratios'));
    expect(rounds.map((l) => l.slice(9, 26).trim())).toEqual(['orama', 'policykb keyword', 'policykb hybrid', 'keyword, no plans', 'hybrid, no plans']);
    for (const l of rounds) {
      const m = /req\/s {2}p50 (\d+) ms {2}p99 (\d+) ms {2}errors (\d+) {2}\((\d+) requests\)$/.exec(l);
      expect(m, l).not.toBeNull();
      expect(Number(m![3]), l).toBe(0);
      expect(Number(m![4]), l).toBeGreaterThan(0);
    }
    expect(lines).toContainEqual(
      expect.stringMatching(/^round 1 {2}ratios: keyword \d+\.\d\d×, hybrid \d+\.\d\d×; no plans: keyword \d+\.\d\d×, hybrid \d+\.\d\d× the peer's req\/s$/),
    );
    const s = lines.indexOf('  system             req/s  p50 ms  p99 ms  errors   ratio  target  verdict');
    expect(s).toBeGreaterThan(0);
    expect(lines[s + 1]).toMatch(/^ {2}orama +\d+ +[\d.]+ +[\d.]+ +0\s*$/);
    expect(lines[s + 2]).toMatch(/^ {2}policykb keyword +\d+ +[\d.]+ +[\d.]+ +0 +\d+\.\d\d× +≥ 1\.0× {2}(met|MISSED)$/);
    expect(lines[s + 3]).toMatch(/^ {2}policykb hybrid +\d+ +[\d.]+ +[\d.]+ +0 +\d+\.\d\d× +≥ 0\.6× {2}(met|MISSED)$/);
    expect(lines[s + 4]).toMatch(/^ {2}keyword, no plans +\d+ +[\d.]+ +[\d.]+ +0 +\d+\.\d\d× +≥ 1\.0× {2}(met|MISSED)$/);
    expect(lines[s + 5]).toMatch(/^ {2}hybrid, no plans +\d+ +[\d.]+ +[\d.]+ +0 +\d+\.\d\d× +≥ 0\.6× {2}(met|MISSED)$/);
  }, 320_000);
});

describe('npm run bench -- --scale 300', () => {
  it('builds a synthetic collection, probes it in a fresh process, starts the server on it and prints the growth table', () => {
    const res = runScript('scripts/bench.ts', ['--skip-ingest', '--data', dataDir, '--rounds', '1', '--scale', '300'], {}, 300_000);
    expect(res.status, res.stderr).toBe(0);
    const lines = res.stdout.split('\n');
    expect(lines).toContain(`== scale run: 300 synthetic records built from ${records} real ones`);
    expect(lines.find((l) => l.startsWith('  build: '))).toMatch(/^ {2}build: synthesize .+; total \d+\.\d s$/);
    expect(lines.find((l) => l.startsWith('  load (fresh process): '))).toMatch(/\(BM25 [\d,]+ terms, [\d,]+ postings, [\d.]+ MB typed arrays\)$/);
    // The real index's memory line comes first; the synthetic collection's says "after load".
    expect(lines.find((l) => l.startsWith('  memory: RSS ') && l.includes(' MB after load, '))).toMatch(
      /^ {2}memory: RSS \d+\.\d MB after load, \d+\.\d MB after the queries \(heap used \d+\.\d MB\)$/,
    );
    expect(lines.find((l) => l.startsWith('  server (npm start on this index)'))).toMatch(/answered a search \d+\.\d s after start, RSS \d+\.\d MB$/);
    const t = lines.indexOf('| records | build | on disk | RSS after load | keyword p50 / p95 | hybrid p50 / p95 | server: first answer, RSS |');
    expect(t).toBeGreaterThan(0);
    expect(lines[t + 2]).toMatch(/^\| 300 \| \d+ s \| [\d.]+ MB \| [\d.]+ MB \| [\d.]+ ms \/ [\d.]+ ms \| [\d.]+ ms \/ [\d.]+ ms \| \d+ s, [\d.]+ MB \|$/);
  }, 320_000);
});
