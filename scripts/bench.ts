// npm run bench [-- --scale 10000,100000,1000000] [--rounds 20] [--scale-rounds 2] [--skip-ingest] [--skip-scale] [--data DIR] [--keep DIR] [--quick]
//
// --quick (a smoke run for the test suite): 8 queries of test/queries.json, one round, no scale run.
// Prints (never asserts):
//  1. ingest time of the real corpus (into a temp dir)
//  2. warm query latency p50/p95 per mode on the real index (dev + own queries, several rounds), with
//     query plans kept (as served) and with none kept (each query analyzed anew)
//     and matching one applicant profile against every document (scripts/bench-match.ts; target < 20 ms)
//  3. resident memory after loading
//  4. the growth curve: for each size of --scale (default 100,000), a synthetic collection built from
//     the real clauses with varied vocabulary (synthesize), written as a real index (SQLite + HNSW):
//     build time, bytes on disk; then, in a fresh process, load time, memory after load and keyword /
//     hybrid p50/p95; then `npm start`'s server on it (time to its first search answer, its RSS).
//     Ends with the growth curve as a Markdown table (README.md carries it).
// Targets on the 2-core box: real hybrid p95 ≤ 15 ms; at 100k keyword p95 ≤ 20 ms, hybrid p95 ≤ 50 ms.

import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { loadKnowledgeBase, pathText, DB_FILE, type LoadedKnowledgeBase } from '../server/kb/knowledge-base.ts';
import { tokenizeForIndex } from '../server/kb/tokenize.ts';
import { normalize } from '../server/kb/normalize.ts';
import { embeddingText } from '../server/kb/embed/text.ts';
import { mulberry32 } from '../server/kb/embed/seeded-random.ts';
import { writeVectorIndex } from '../server/kb/vector-index.ts';
import { writeDatabase, type DbDocument } from '../server/ingest/write-db.ts';
import { loadQueries, pct } from './eval.ts';
import { benchMatch } from './bench-match.ts';
import type { KbRecord, SearchMode } from '../server/kb/types.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHARED_DIR = path.resolve(process.env.POLICYKB_SHARED_DIR ?? path.join(ROOT, '..', 'shared'));
const MODES: SearchMode[] = ['keyword', 'vector', 'hybrid'];
/** Queries timed under --quick. */
const QUICK_QUERIES = 8;

const argv = process.argv.slice(2);
const opt = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const flag = (name: string) => argv.includes(`--${name}`);
const quick = flag('quick');

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;

function queriesFor(): string[] {
  const own = path.join(ROOT, 'test', 'queries.json');
  if (quick) return loadQueries(own).slice(0, QUICK_QUERIES).map((q) => q.q);
  const files = [path.join(SHARED_DIR, 'eval', 'dev-queries.json'), own];
  return files.filter((f) => fs.existsSync(f)).flatMap((f) => loadQueries(f).map((q) => q.q));
}

async function latency(kb: LoadedKnowledgeBase, queries: string[], rounds: number): Promise<Record<SearchMode, number[]>> {
  const out = { keyword: [], vector: [], hybrid: [] } as Record<SearchMode, number[]>;
  for (const mode of MODES) for (const q of queries) await kb.search({ q, k: 10, mode }); // warm-up
  for (let r = 0; r < rounds; r++) {
    for (const mode of MODES) {
      for (const q of queries) {
        const t0 = performance.now();
        await kb.search({ q, k: 10, mode });
        out[mode].push(performance.now() - t0);
      }
    }
  }
  return out;
}

function printLatency(label: string, lat: Record<SearchMode, number[]>, targets: Partial<Record<SearchMode, number>>) {
  for (const mode of MODES) {
    const p95 = pct(lat[mode], 0.95);
    const t = targets[mode];
    const verdict = t === undefined ? '' : p95 <= t ? `  (target p95 ≤ ${t} ms: met)` : `  (target p95 ≤ ${t} ms: MISSED)`;
    console.log(`  ${label} ${mode.padEnd(7)} n=${lat[mode].length}  p50 ${ms(pct(lat[mode], 0.5))}  p95 ${ms(p95)}  max ${ms(pct(lat[mode], 1))}${verdict}`);
  }
}

/** A Pareto-distributed rank ≥ 1 (heavy tail: new ranks keep appearing as more are drawn, like new words in a growing corpus). */
function paretoRank(rand: () => number, alpha = 1.1): number {
  return Math.floor(Math.pow(1 - rand(), -1 / alpha));
}

/**
 * N synthetic records built from the real clauses, not copies: each joins 2–5 clause pieces drawn from
 * different real records (≤ 200 chars), and its vocabulary varies the way a larger collection's does —
 * one to three coined terms (a real domain word with characters of the corpus around it, the variant
 * drawn from a heavy-tailed distribution, so the vocabulary keeps growing with N) and, in half of the
 * records, other figures (amounts, years, counts). Seeded: the same N gives the same collection.
 */
function synthesize(real: KbRecord[], n: number): KbRecord[] {
  const rand = mulberry32(42);
  const pick = <T,>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const bodies = real.filter((r) => r.kind !== 'heading' && r.kind !== 'form_field' && r.norm.length >= 10);
  const pieces = bodies.flatMap((r) => r.text.split(/(?<=[，；。、,;])/u).map((s) => s.trim()).filter((s) => s.length >= 4));
  const words = [...new Set(bodies.flatMap((r) => tokenizeForIndex(r.text)).filter((w) => /^\p{Script=Han}{2,4}$/u.test(w)))];
  const chars = [...new Set(bodies.flatMap((r) => [...r.norm]).filter((c) => /\p{Script=Han}/u.test(c)))];
  const coin = () => {
    const v = paretoRank(rand);
    const w = pick(words);
    if (v === 1) return w;
    // Variant v of w: a corpus character before and/or after it, fixed by v.
    const a = chars[(v * 7919) % chars.length];
    const b = chars[Math.floor(v / chars.length + v * 104729) % chars.length];
    return v % 3 === 0 ? a + w : v % 3 === 1 ? w + b : a + w + b;
  };
  const out: KbRecord[] = [];
  for (let i = 0; i < n; i++) {
    const host = pick(bodies);
    const parts = 2 + Math.floor(rand() * 4);
    let text = '';
    for (let p = 0; p < parts && text.length < 160; p++) text += pick(pieces);
    const coined = 1 + Math.floor(rand() * 3);
    for (let c = 0; c < coined; c++) {
      const at = Math.floor(rand() * text.length);
      text = text.slice(0, at) + coin() + text.slice(at);
    }
    if (rand() < 0.5) text = text.replace(/\d+/gu, () => String(1 + Math.floor(rand() * 5000)));
    text = text.replace(/[，；、,;]$/u, '') + (/[。]$/u.test(text) ? '' : '。');
    text = text.slice(0, 200);
    out.push({
      id: `synth-${i}`,
      docId: host.docId,
      kind: rand() < 0.1 ? 'zhuanlan_item' : 'clause',
      section: host.section,
      text,
      norm: normalize(text),
      order: i,
      start: 0,
      end: text.length,
      parentId: null,
      ...(host.zhuanlan ? { zhuanlan: host.zhuanlan } : {}),
    });
  }
  return out;
}

function dirSize(dir: string): number {
  return fs.readdirSync(dir).reduce((s, f) => s + fs.statSync(path.join(dir, f)).size, 0);
}

/** One row of the growth curve. */
interface ScaleRow {
  n: number;
  buildS: number;
  diskBytes: number;
  probe: Probe | null;
  serve: ServeCheck | null;
}

async function scaleRun(real: LoadedKnowledgeBase, realDir: string, n: number, rounds: number, queries: string[]): Promise<ScaleRow> {
  console.log(`\n== scale run: ${n.toLocaleString('en')} synthetic records built from ${real.records.length} real ones`);
  // --keep DIR keeps each synthetic index in DIR/<n> (to query it afterwards); otherwise a temp folder.
  const keep = opt('keep');
  const dir = keep ? path.resolve(keep, String(n)) : fs.mkdtempSync(path.join(os.tmpdir(), 'policykb-bench-'));
  if (keep) fs.mkdirSync(dir, { recursive: true });
  try {
    let t = performance.now();
    let records: KbRecord[] = synthesize(real.records, n);
    const tSynth = performance.now() - t;
    console.log(`  synthesized in ${ms(tSynth)}; tokenizing…`);

    t = performance.now();
    let tokens: string[] = records.map((r) => tokenizeForIndex(r.text).join(' '));
    const pathCache = new Map<string, string>();
    let pathTokens: string[] = records.map((r) => {
      const text = pathText(r);
      let v = pathCache.get(text);
      if (v === undefined) pathCache.set(text, (v = tokenizeForIndex(text).join(' ')));
      return v;
    });
    const tTok = performance.now() - t;
    console.log(`  tokenized in ${ms(tTok)}; embedding…`);

    t = performance.now();
    let vectors: Float32Array[] = [];
    for (let i = 0; i < records.length; i += 512) vectors.push(...(await real.embedder.embedDocuments(records.slice(i, i + 512).map((r) => embeddingText(r)))));
    const tEmb = performance.now() - t;
    console.log(`  embedded in ${ms(tEmb)}; writing HNSW + SQLite…`);

    // The embedder's trained model travels with the index: copy its row from the real database.
    const src = new Database(path.join(realDir, DB_FILE), { readonly: true });
    const emb = src.prepare('SELECT id, config, model FROM embedder WHERE id = ?').get(real.embedder.id) as
      | { id: string; config: string; model: Buffer | null }
      | undefined;
    const metaRows = src.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[];
    src.close();
    if (!emb) throw new Error(`embedder ${real.embedder.id} not found in the real index`);
    const meta = Object.fromEntries(metaRows.filter((r) => !r.key.startsWith('hnsw_') && r.key !== 'content_sha256').map((r) => [r.key, r.value]));
    meta.build_id = `bench-${n}`;

    t = performance.now();
    let tHnsw = 0;
    writeDatabase({
      dataDir: dir,
      buildId: `bench-${n}`,
      documents: real.documents as DbDocument[],
      records,
      tokens,
      pathTokens,
      vectors,
      dim: real.embedder.dim,
      embedder: { id: emb.id, config: JSON.parse(emb.config), model: emb.model },
      meta,
      writeVectors: (v, d, f) => {
        const h = performance.now();
        writeVectorIndex(v, d, f);
        tHnsw = performance.now() - h;
      },
    });
    const tWrite = performance.now() - t;
    // The build's inputs are not needed any more: the probes below measure the index alone.
    records = tokens = pathTokens = [];
    vectors = [];
    const buildS = (tSynth + tTok + tEmb + tWrite) / 1000;
    console.log(
      `  build: synthesize ${ms(tSynth)}, tokenize ${ms(tTok)}, embed ${ms(tEmb)}, hnsw ${ms(tHnsw)}, ` +
        `sqlite ${ms(tWrite - tHnsw)}; total ${buildS.toFixed(1)} s`,
    );
    for (const f of fs.readdirSync(dir)) console.log(`  on disk: ${f} ${mb(fs.statSync(path.join(dir, f)).size)}`);
    const diskBytes = dirSize(dir);
    console.log(`  on disk total: ${mb(diskBytes)}`);

    const probe = runProbe(dir, rounds);
    if (probe) {
      console.log(
        `  load (fresh process): ${ms(probe.loadMs)} ${JSON.stringify(probe.phases)} (BM25 ${probe.vocabulary.toLocaleString('en')} terms, ` +
          `${probe.postings.toLocaleString('en')} postings, ${mb(probe.bm25Bytes)} typed arrays)`,
      );
      console.log(`  memory: RSS ${mb(probe.rssLoaded)} after load, ${mb(probe.rssAfter)} after the queries (heap used ${mb(probe.heap)})`);
      printLatency(`${n / 1000}k`, probe.latency, { keyword: 20, hybrid: 50 });
    }
    const serve = serveCheck(dir);
    console.log(
      serve
        ? `  server (npm start on this index): answered a search ${(serve.firstAnswerMs / 1000).toFixed(1)} s after start, RSS ${mb(serve.rss)}`
        : '  server (npm start on this index): did not answer',
    );
    return { n, buildS, diskBytes, probe, serve };
  } finally {
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** What a fresh process measures after loading an index (scripts/bench.ts --probe DIR). */
interface Probe {
  loadMs: number;
  phases: Record<string, number>;
  vocabulary: number;
  postings: number;
  bm25Bytes: number;
  /** RSS after load, after the timed queries; baseline of an empty node process. */
  rssLoaded: number;
  rssAfter: number;
  rssBefore: number;
  heap: number;
  latency: Record<SearchMode, number[]>;
}

/** Loads the index in a fresh process and times the queries there (the bench process's own memory stays out of it). */
function runProbe(dataDir: string, rounds: number): Probe | null {
  try {
    const out = execFileSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), '--probe', dataDir, '--rounds', String(rounds), ...(quick ? ['--quick'] : [])],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 3_600_000, maxBuffer: 64 << 20 },
    );
    return JSON.parse(out.trim().split('\n').pop() ?? 'null') as Probe;
  } catch (err) {
    console.log(`  probe failed: ${(err as Error).message.split('\n')[0]}`);
    return null;
  }
}

async function probeMain(dataDir: string) {
  const before = process.memoryUsage().rss;
  const kb = await loadKnowledgeBase(dataDir);
  const rssLoaded = process.memoryUsage().rss;
  const rounds = Number(opt('rounds') ?? 1);
  // Every query analyzed anew (no kept query plans), as the curve was first measured: what grows is retrieval.
  kb.index.params.planCache = 0;
  const latencies = await latency(kb, queriesFor(), rounds);
  const m = process.memoryUsage();
  const bm25 = kb.index.bm25;
  const probe: Probe = {
    loadMs: kb.loadMs,
    phases: kb.loadPhases,
    vocabulary: bm25.vocabularySize,
    postings: bm25.postingCount,
    bm25Bytes: bm25.byteSize,
    rssLoaded,
    rssAfter: m.rss,
    rssBefore: before,
    heap: m.heapUsed,
    latency: latencies,
  };
  console.log(JSON.stringify(probe));
  kb.close();
}

/** How `npm start` fares on an index: seconds from start to the first search answered, and its resident memory then. */
interface ServeCheck {
  firstAnswerMs: number;
  rss: number;
}

function serveCheck(dataDir: string): ServeCheck | null {
  try {
    const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--serve-check', dataDir], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      timeout: 3_600_000,
    });
    return JSON.parse(out.trim().split('\n').pop() ?? 'null') as ServeCheck | null;
  } catch (err) {
    console.log(`  server check failed: ${(err as Error).message.split('\n')[0]}`);
    return null;
  }
}

/** Starts server/main.ts on dataDir (the real corpus: the index counts as current) and waits for a search answer. */
async function serveCheckMain(dataDir: string) {
  const { freePort, startChild } = await import('./bench-support.ts');
  const port = await freePort();
  const t0 = performance.now();
  const server = await startChild('server/main.ts', {
    port,
    readyPath: `/api/search?k=10&q=${encodeURIComponent('氢能 储能')}`,
    timeoutMs: 3_000_000,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', POLICYKB_DATA: dataDir, POLICYKB_RATE_LIMIT: 'off', LOG_LEVEL: 'warn', POLICYKB_WEB_ROOT: path.join(dataDir, 'no-web') },
  });
  const firstAnswerMs = performance.now() - t0;
  let rss = 0;
  try {
    const status = fs.readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
    rss = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    /* no /proc here */
  }
  await server.stop();
  console.log(JSON.stringify({ firstAnswerMs, rss } satisfies ServeCheck));
}

/** Resident memory of a fresh process that only loads the index and runs the queries once. */
function rssProbe(dataDir: string): string {
  try {
    const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--rss-probe', dataDir, ...(quick ? ['--quick'] : [])], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 300_000,
    });
    const m = JSON.parse(out.trim().split('\n').pop() ?? '{}') as { before: number; after: number; heap: number };
    return `RSS ${mb(m.after)} in a fresh process after load + one pass of queries (node baseline ${mb(m.before)}; heap used ${mb(m.heap)})`;
  } catch (err) {
    return `RSS probe failed: ${(err as Error).message.split('\n')[0]}`;
  }
}

async function rssProbeMain(dataDir: string) {
  const before = process.memoryUsage().rss;
  const kb = await loadKnowledgeBase(dataDir);
  for (const mode of MODES) for (const q of queriesFor()) await kb.search({ q, k: 10, mode });
  const m = process.memoryUsage();
  console.log(JSON.stringify({ before, after: m.rss, heap: m.heapUsed }));
  kb.close();
}

/** The growth curve as a Markdown table (the README carries it). */
function growthTable(rows: ScaleRow[]): string {
  const p = (r: ScaleRow, mode: SearchMode, q: number) => (r.probe ? ms(pct(r.probe.latency[mode], q)) : '–');
  const lines = [
    '| records | build | on disk | RSS after load | keyword p50 / p95 | hybrid p50 / p95 | server: first answer, RSS |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.n.toLocaleString('en')} | ${r.buildS.toFixed(0)} s | ${mb(r.diskBytes)} | ${r.probe ? mb(r.probe.rssLoaded) : '–'} | ` +
        `${p(r, 'keyword', 0.5)} / ${p(r, 'keyword', 0.95)} | ${p(r, 'hybrid', 0.5)} / ${p(r, 'hybrid', 0.95)} | ` +
        `${r.serve ? `${(r.serve.firstAnswerMs / 1000).toFixed(0)} s, ${mb(r.serve.rss)}` : '–'} |`,
    ),
  ];
  return lines.join('\n');
}

async function main() {
  if (flag('rss-probe')) return rssProbeMain(opt('rss-probe')!);
  if (flag('probe')) return probeMain(opt('probe')!);
  if (flag('serve-check')) return serveCheckMain(opt('serve-check')!);
  // 20 rounds on the real index (1,280 timed queries per mode): with 5, the p95 was the tail of 320
  // queries in a process whose JIT had not settled, and moved 2–10× between runs (2026-11-30: hybrid
  // p95 2.6–8.5 ms with 5 rounds, 0.61–0.86 ms with 20, same code, same sitting). The growth curve's
  // larger collections take --scale-rounds (default 2): a million-record round is slow.
  const rounds = quick ? 1 : Number(opt('rounds') ?? 20);
  const scaleRounds = quick ? 1 : Number(opt('scale-rounds') ?? 2);
  const scales = quick ? [] : (opt('scale') ?? '100000').split(',').map((x) => Number(x.trim()));
  if (scales.some((x) => !Number.isInteger(x) || x <= 0)) throw new Error('--scale takes record counts: --scale 10000,100000,1000000');
  const queries = queriesFor();
  console.log(`PolicyKB bench — ${os.cpus().length} CPUs, node ${process.version}, ${queries.length} queries × ${rounds} rounds per mode`);

  let dataDir = path.resolve(opt('data') ?? process.env.POLICYKB_DATA ?? path.join(ROOT, 'data'));
  let tmpIngest: string | null = null;
  if (!flag('skip-ingest')) {
    tmpIngest = fs.mkdtempSync(path.join(os.tmpdir(), 'policykb-ingest-'));
    const { ingest } = await import('../server/ingest/pipeline.ts');
    const t = performance.now();
    await ingest({ dataDir: tmpIngest, corpusDir: path.join(ROOT, 'corpus') });
    console.log(`\n== ingest (real corpus, into a temp dir): ${((performance.now() - t) / 1000).toFixed(2)} s`);
    dataDir = tmpIngest;
  }
  try {
    const t = performance.now();
    const kb = await loadKnowledgeBase(dataDir);
    console.log(`\n== real index: ${kb.records.length} records, embedder ${kb.embedder.id}`);
    console.log(`  load ${ms(performance.now() - t)} ${JSON.stringify(kb.loadPhases)}; recorded ingest_ms ${kb.info.ingestMs}`);
    const lat = await latency(kb, queries, rounds);
    printLatency('real', lat, { hybrid: 15 });
    // The same with no query plans kept (server/kb/query/plan.ts): each query analyzed, tokenized and
    // embedded anew, as a query asked for the first time.
    const planCache = kb.index.params.planCache;
    kb.index.params.planCache = 0;
    printLatency('real, no plans', await latency(kb, queries, rounds), {});
    kb.index.params.planCache = planCache;
    console.log(benchMatch(kb, rounds));
    console.log(`  memory: ${rssProbe(dataDir)}`);
    const rows: ScaleRow[] = [];
    if (!flag('skip-scale')) for (const n of scales) rows.push(await scaleRun(kb, dataDir, n, scaleRounds, queries));
    if (rows.length) console.log(`\n== growth curve (${queries.length} queries × ${scaleRounds} rounds per mode, in a fresh process after load)\n${growthTable(rows)}`);
    kb.close();
  } finally {
    if (tmpIngest) fs.rmSync(tmpIngest, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack ?? err.message : String(err));
  process.exit(1);
});
