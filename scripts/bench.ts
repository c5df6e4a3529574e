// npm run bench [-- --scale 100000] [--rounds 5] [--skip-ingest] [--skip-scale] [--data DIR] [--quick]
//
// --quick (a smoke run for the test suite): 8 queries of test/queries.json, one round, no scale run.
// Prints (never asserts):
//  1. ingest time of the real corpus (into a temp dir)
//  2. warm query latency p50/p95 per mode on the real index (dev + own queries, several rounds)
//     and matching one applicant profile against every document (scripts/bench-match.ts; target < 20 ms)
//  3. resident memory after loading
//  4. a scale run: a synthetic corpus of N records (default 100,000) recombined from sentences of the
//     real records, written as a real index (SQLite + HNSW) and loaded through loadKnowledgeBase:
//     build time, size on disk, load time, p50/p95 per mode.
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

/** N synthetic records: each joins 2–5 clause pieces drawn from different real records, ≤ 200 chars. */
function synthesize(real: KbRecord[], n: number): KbRecord[] {
  const rand = mulberry32(42); // seeded: the synthetic corpus is the same on every run
  const pick = <T,>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const bodies = real.filter((r) => r.kind !== 'heading' && r.kind !== 'form_field' && r.norm.length >= 10);
  const pieces = bodies.flatMap((r) => r.text.split(/(?<=[，；。、,;])/u).map((s) => s.trim()).filter((s) => s.length >= 4));
  const out: KbRecord[] = [];
  for (let i = 0; i < n; i++) {
    const host = pick(bodies);
    const parts = 2 + Math.floor(rand() * 4);
    let text = '';
    for (let p = 0; p < parts && text.length < 160; p++) text += pick(pieces);
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

async function scaleRun(real: LoadedKnowledgeBase, realDir: string, n: number, rounds: number, queries: string[]) {
  console.log(`\n== scale run: ${n.toLocaleString('en')} synthetic records recombined from ${real.records.length} real ones`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policykb-bench-'));
  try {
    let t = performance.now();
    const records = synthesize(real.records, n);
    const tSynth = performance.now() - t;
    console.log(`  synthesized in ${ms(tSynth)}; tokenizing…`);

    t = performance.now();
    const tokens = records.map((r) => tokenizeForIndex(r.text).join(' '));
    const pathCache = new Map<string, string>();
    const pathTokens = records.map((r) => {
      const text = pathText(r);
      let v = pathCache.get(text);
      if (v === undefined) pathCache.set(text, (v = tokenizeForIndex(text).join(' ')));
      return v;
    });
    const tTok = performance.now() - t;
    console.log(`  tokenized in ${ms(tTok)}; embedding…`);

    t = performance.now();
    const vectors: Float32Array[] = [];
    const texts = records.map((r) => embeddingText(r));
    for (let i = 0; i < texts.length; i += 512) vectors.push(...(await real.embedder.embedDocuments(texts.slice(i, i + 512))));
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
    const meta = Object.fromEntries(metaRows.filter((r) => r.key !== 'hnsw_file').map((r) => [r.key, r.value]));
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
    console.log(
      `  build: synthesize ${ms(tSynth)}, tokenize ${ms(tTok)}, embed ${ms(tEmb)}, hnsw ${ms(tHnsw)}, ` +
        `sqlite ${ms(tWrite - tHnsw)}; total ${((tSynth + tTok + tEmb + tWrite) / 1000).toFixed(1)} s`,
    );
    console.log(`  memory: ${rssProbe(dir)}`);
    for (const f of fs.readdirSync(dir)) console.log(`  on disk: ${f} ${mb(fs.statSync(path.join(dir, f)).size)}`);
    console.log(`  on disk total: ${mb(dirSize(dir))}`);

    t = performance.now();
    const kb = await loadKnowledgeBase(dir);
    console.log(
      `  load: ${ms(performance.now() - t)} ${JSON.stringify(kb.loadPhases)} (BM25 ${kb.index.bm25.vocabularySize.toLocaleString('en')} terms, ` +
        `${kb.index.bm25.postingCount.toLocaleString('en')} postings, ${mb(kb.index.bm25.byteSize)} typed arrays)`,
    );
    const lat = await latency(kb, queries, rounds);
    printLatency(`${n / 1000}k`, lat, { keyword: 20, hybrid: 50 });
    kb.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
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

async function probeMain(dataDir: string) {
  const before = process.memoryUsage().rss;
  const kb = await loadKnowledgeBase(dataDir);
  for (const mode of MODES) for (const q of queriesFor()) await kb.search({ q, k: 10, mode });
  const m = process.memoryUsage();
  console.log(JSON.stringify({ before, after: m.rss, heap: m.heapUsed }));
  kb.close();
}

async function main() {
  if (flag('rss-probe')) return probeMain(opt('rss-probe')!);
  const rounds = quick ? 1 : Number(opt('rounds') ?? 5);
  const scale = quick ? 0 : Number(opt('scale') ?? 100_000);
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
    console.log(benchMatch(kb, rounds));
    console.log(`  memory: ${rssProbe(dataDir)}`);
    if (!flag('skip-scale') && scale > 0) await scaleRun(kb, dataDir, scale, rounds, queries);
    kb.close();
  } finally {
    if (tmpIngest) fs.rmSync(tmpIngest, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack ?? err.message : String(err));
  process.exit(1);
});
