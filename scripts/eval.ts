// npm run eval [-- --verbose] [--data DIR] [--k 10] [--json] [--queries FILE]… [--quick] [--no-relevance]
// Retrieval quality, in-process (loadKnowledgeBase), with the metrics of ../shared/eval/run-eval.mjs:
//   Recall@k  share of a query's targets found in the top k hits (a hit counts for its first 600
//             normalized characters; NFKC, whitespace/punctuation/symbols removed)
//   MRR@k     1 / rank of the first hit containing any target;  Hit@1  first hit contains a target
// For each mode (keyword, vector, hybrid) on the shared dev set, our own test/queries.json and the
// held-out test/queries-holdout.json (when present),
// plus hybrid with the other fusion method, so the fusion choice stays measured.
// If the index is missing it ingests first. --queries FILE (repeatable) evaluates those files instead of
// the three sets; --quick takes the first 5 queries of each set (a smoke run for the test suite).
// The shared folder is ../shared unless POLICYKB_SHARED_DIR names another.
// A set whose queries have no targets (test/queries-absent.json: subjects the corpus lacks) is scored
// as the share of its queries answered with no hits. --no-relevance turns the relevance decision off
// (every ranked candidate is a hit, the behaviour before issue 11) to compare in one sitting.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadKnowledgeBase, DB_FILE, type LoadedKnowledgeBase } from '../server/kb/knowledge-base.ts';
import type { SearchMode } from '../server/kb/types.ts';
import type { FusionMethod } from '../server/kb/fuse.ts';
import { normalizeLoose } from '../server/kb/normalize.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHARED_DIR = path.resolve(process.env.POLICYKB_SHARED_DIR ?? path.join(ROOT, '..', 'shared'));
const HIT_CHARS = 600;
/** Queries per set under --quick. */
const QUICK_QUERIES = 5;

export interface EvalQuery {
  id: string;
  persona: string;
  q: string;
  targets: string[];
}

export interface QueryResult {
  id: string;
  persona: string;
  q: string;
  recall: number;
  rr: number;
  hit1: number;
  missing: string[];
  avgHitChars: number;
  ms: number;
}

export interface Summary {
  queries: number;
  recall: number;
  mrr: number;
  hit1: number;
}

const norm = normalizeLoose;
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

export function loadQueries(file: string): EvalQuery[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { queries: EvalQuery[] }).queries;
}

export async function runQueries(kb: LoadedKnowledgeBase, queries: EvalQuery[], mode: SearchMode, k = 10): Promise<QueryResult[]> {
  const rows: QueryResult[] = [];
  for (const q of queries) {
    const t0 = performance.now();
    const res = await kb.search({ q: q.q, k, mode });
    const ms = performance.now() - t0;
    const hits = res.hits.slice(0, k).map((h) => norm(h.text).slice(0, HIT_CHARS));
    const targets = q.targets.map(norm);
    const found = targets.filter((t) => hits.some((h) => h.includes(t)));
    const first = hits.findIndex((h) => targets.some((t) => h.includes(t)));
    rows.push({
      id: q.id,
      persona: q.persona,
      q: q.q,
      recall: found.length / targets.length,
      rr: first >= 0 ? 1 / (first + 1) : 0,
      hit1: first === 0 ? 1 : 0,
      missing: q.targets.filter((t) => !found.includes(norm(t))),
      avgHitChars: hits.length ? mean(hits.map((h) => h.length)) : 0,
      ms,
    });
  }
  return rows;
}

export function summarize(rows: QueryResult[]): Summary {
  return {
    queries: rows.length,
    recall: +mean(rows.map((r) => r.recall)).toFixed(3),
    mrr: +mean(rows.map((r) => r.rr)).toFixed(3),
    hit1: +mean(rows.map((r) => r.hit1)).toFixed(3),
  };
}

/** p-th percentile (nearest rank) of xs; 0 when empty. */
export function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : 0;
}

function line(label: string, rows: QueryResult[]): string {
  const s = summarize(rows);
  const chars = mean(rows.map((r) => r.avgHitChars)).toFixed(0);
  return (
    `${label.padEnd(22)} n=${String(s.queries).padStart(2)}  R@10 ${s.recall.toFixed(3)}  MRR@10 ${s.mrr.toFixed(3)}  ` +
    `Hit@1 ${s.hit1.toFixed(3)}  chars ${chars.padStart(3)}  p50 ${pct(rows.map((r) => r.ms), 0.5).toFixed(1)} ms`
  );
}

async function main() {
  const argv = process.argv.slice(2);
  const opt = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const verbose = argv.includes('--verbose');
  const quick = argv.includes('--quick');
  const queryFiles = argv.flatMap((a, i) => (a === '--queries' && argv[i + 1] ? [path.resolve(argv[i + 1])] : []));
  const k = Number(opt('k') ?? 10);
  const dataDir = path.resolve(opt('data') ?? process.env.POLICYKB_DATA ?? path.join(ROOT, 'data'));
  if (!existsSync(path.join(dataDir, DB_FILE))) {
    console.log(`no index in ${dataDir}: ingesting first`);
    const { ingest } = await import('../server/ingest/pipeline.ts');
    await ingest({ dataDir, corpusDir: path.join(ROOT, 'corpus'), log: (l) => console.log(`  ingest: ${l}`) });
  }
  const kb = await loadKnowledgeBase(dataDir);
  console.log(`index ${kb.info.buildId}  records ${kb.records.length}  embedder ${kb.embedder.id}  (loaded in ${kb.loadMs.toFixed(0)} ms)`);
  const sets: [string, string][] = queryFiles.length
    ? queryFiles.map((f) => [path.relative(ROOT, f) || f, f])
    : [
        ['dev (../shared/eval)', path.join(SHARED_DIR, 'eval', 'dev-queries.json')],
        ['own (test/queries.json)', path.join(ROOT, 'test', 'queries.json')],
        // Held-out set written from the documents alone: not used for tuning, only to check generalisation.
        ['holdout (test/queries-holdout.json)', path.join(ROOT, 'test', 'queries-holdout.json')],
        // English queries with Chinese targets: cross-lingual search (query/translate.ts).
        ['english (test/queries-english.json)', path.join(ROOT, 'test', 'queries-english.json')],
        // Paraphrases sharing no word with their targets, and subjects the corpus lacks (issue 11).
        ['paraphrase (test/queries-paraphrase.json)', path.join(ROOT, 'test', 'queries-paraphrase.json')],
        ['absent (test/queries-absent.json)', path.join(ROOT, 'test', 'queries-absent.json')],
      ];
  // --no-relevance: every ranked candidate is a hit, as before the relevance decision (for comparison).
  if (argv.includes('--no-relevance')) {
    kb.index.params.relevance = null;
    kb.index.params.temper = null;
    console.log('relevance decision off (--no-relevance)');
  }
  const chosen = kb.index.params.fusion.method;
  const other: FusionMethod = chosen === 'rrf' ? 'calibrated' : 'rrf';
  const json: Record<string, unknown> = {};
  for (const [name, file] of sets) {
    if (!existsSync(file)) {
      console.log(`\n${name}: ${file} not found, skipped`);
      continue;
    }
    const queries = quick ? loadQueries(file).slice(0, QUICK_QUERIES) : loadQueries(file);
    if (queries.length && queries.every((q) => !q.targets.length)) {
      // A set of subjects the corpus lacks: the right answer is no hits at all.
      console.log(`\n== ${name}: ${queries.length} queries without targets, k=${k}`);
      const shares: Record<string, number> = {};
      for (const mode of ['keyword', 'vector', 'hybrid'] as SearchMode[]) {
        const empty: string[] = [];
        for (const q of queries) if (!(await kb.search({ q: q.q, k, mode })).hits.length) empty.push(q.id);
        shares[mode] = +(empty.length / queries.length).toFixed(3);
        const answered = queries.filter((q) => !empty.includes(q.id));
        console.log(`${mode.padEnd(22)} n=${String(queries.length).padStart(2)}  share answered with no hits ${shares[mode].toFixed(3)}` +
          (answered.length && (verbose || mode === 'hybrid') ? `  (with hits: ${answered.map((q) => q.q).join(' | ')})` : ''));
      }
      json[name] = { noHits: shares };
      continue;
    }
    console.log(`\n== ${name}: ${queries.length} queries, k=${k}`);
    const results: Record<string, QueryResult[]> = {};
    for (const mode of ['keyword', 'vector', 'hybrid'] as SearchMode[]) {
      results[mode] = await runQueries(kb, queries, mode, k);
    }
    kb.index.params.fusion = { ...kb.index.params.fusion, method: other };
    results[`hybrid (${other})`] = await runQueries(kb, queries, 'hybrid', k);
    kb.index.params.fusion = { ...kb.index.params.fusion, method: chosen };
    for (const [mode, rows] of Object.entries(results)) {
      console.log(line(mode === 'hybrid' ? `hybrid (${chosen})` : mode, rows));
    }
    const personas = [...new Set(queries.map((q) => q.persona))];
    console.log('  by persona (keyword | vector | hybrid):');
    for (const p of personas) {
      for (const mode of ['keyword', 'vector', 'hybrid']) {
        console.log('  ' + line(`  ${p} ${mode}`, results[mode].filter((r) => r.persona === p)));
      }
    }
    for (const r of results.hybrid) {
      if (verbose || r.recall < 1) {
        console.log(`  ${r.id} [${r.persona}] ${r.q}  recall=${r.recall.toFixed(2)} rr=${r.rr.toFixed(2)}` +
          (r.missing.length ? `  missing: ${r.missing.join(' | ')}` : ''));
      }
    }
    json[name] = Object.fromEntries(Object.entries(results).map(([m, rows]) => [m, summarize(rows)]));
  }
  if (argv.includes('--json')) console.log(JSON.stringify(json, null, 1));
  kb.close();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.stack ?? err.message : String(err));
    process.exit(1);
  });
}
