// search(): SearchRequest → SearchResponse over a loaded index. One call used by the CLI, the
// server, the eval and the tests.
//
// keyword: BM25F (bm25.ts) over word + bigram terms (query-terms.ts), with concept coordination
// vector:  the index's own embedder embeds the query; HNSW cosine neighbours
// hybrid:  both candidate lists fused (fuse.ts; calibrated scores, measured better than RRF by
//          scripts/eval.ts; keyword hits that match the query's words well are demoted by the
//          vector side by at most FusionParams.protectMargin places), then record-kind priors,
//          headings below their clauses, dedupe of identical text, light diversification across
//          documents, top k.
// relevance (relevance.ts, issue 11): only candidates judged relevant to the query's concepts become
//          hits; request words and characters left by a question word rank no higher than generic
//          words (temperTerms). When none is relevant: hits [], noMatch, near misses (related),
//          suggested queries (suggest.ts) and the query's words the documents never use.
// User text is data only: validated (k, mode, filters → SearchInputError), tokenized, never parsed.

import type {
  DocumentMeta,
  Embedder,
  KbRecord,
  RecordKind,
  SearchHit,
  SearchMode,
  SearchRequest,
  SearchResponse,
} from './types.ts';
import { Bm25Index, hanBigrams, type Bm25Hit } from './bm25.ts';
import { DEFAULT_QUERY_WEIGHTS, MAX_QUERY_CHARS, type QueryWeights } from './query-terms.ts';
import { planCacheFromEnv, queryPlan, type QueryPlan } from './query/plan.ts';
import { sameFields } from './same-fields.ts';
import { fuse, DEFAULT_FUSION, type FusionParams, type Ranked } from './fuse.ts';
import { highlight } from './highlight.ts';
import { filterMask, validateFilters, SearchInputError } from './filters.ts';
import { queryRuns, startQuery } from './tokenize.ts';
import {
  DEFAULT_RELEVANCE,
  isRelevant,
  matchClause,
  offCorpus,
  type ClauseMatch,
  type QueryConcepts,
  type RelevanceParams,
} from './relevance.ts';
import { suggestQueries } from './suggest.ts';

export { SearchInputError } from './filters.ts';

/** What search needs from a vector index (server/kb/vector-index.ts provides it). */
export interface VectorSearcher {
  search(vector: Float32Array, k: number, filter?: (label: number) => boolean): { label: number; score: number }[];
}

export interface SearchParams {
  fusion: FusionParams;
  query: QueryWeights;
  /** Candidates taken from each side before fusion. */
  candidates: number;
  /** Score multipliers per record kind: headings should rarely outrank the clauses under them. */
  kindPrior: Record<RecordKind, number>;
  /** Records whose matching text is shorter than this many characters get tinyPrior. */
  tinyChars: number;
  tinyPrior: number;
  /**
   * Headings go below the best ('best'), the n best (a number) or all ('all') of their clauses found
   * among the candidates. 'all' sank a heading that is itself the answer (（五）符合以下条件的项目优先支持
   * under eleven matching list items) out of the top 10. Measured (LSA index), all → 2: dev hybrid
   * MRR 0.960 → 0.967, own unchanged, holdout R@10 0.933 → 0.946. 'best' measured dev MRR 0.975
   * but let headings outrank 26 % of their clauses on test/search.test.ts's probe queries (bound 25 %).
   */
  headingBelow: 'best' | 'all' | number;
  /**
   * Result diversification: each hit already taken from the same document multiplies a candidate's
   * score by this factor (1 = off). Users compare jurisdictions; ten clauses of one plan hide the
   * matching clause of another document.
   */
  docDiversity: number;
  /**
   * Jurisdiction spread: when the top k (k ≥ 5) would come from fewer than `minDocs` documents, or
   * one document would hold more than half of it, hits of other documents whose score is at least
   * `closeRatio` × the best score replace the weakest hits of the most represented document.
   * Hits far below the top are never promoted (0 = off).
   */
  minDocs: number;
  closeRatio: number;
  /**
   * With the corpus-trained embedder, scale the vector vote by the share of query concepts the
   * corpus knows (through typed words or thesaurus expansions): words the index has never seen are
   * invisible to that embedder too, so its vote counts for the share of the query it can read.
   * Measured (44 own queries, with oovBackoff and vectorExpansion, keywordWeight 0.7): off → on
   * own hybrid R@10 0.886 → 0.909, MRR 0.694 → 0.727 (paraphrases 0.773/0.433 → 0.818/0.500);
   * dev unchanged (0.938 / 0.960).
   */
  vectorByCoverage: boolean;
  /**
   * With the corpus-trained embedder, the query vector is normalize(v(q) + vectorExpansion ×
   * v(thesaurus expansions)): that embedder only knows corpus words, so 大棚 is invisible to it while
   * its expansion 温室 is not (0 = off). A neural embedder reads paraphrases itself and is not expanded.
   * Only expansions of concepts the typed words leave unknown are used: expanding known words too
   * cost dev vector MRR 0.864 → 0.738. Measured 0 → 1: dev vector MRR 0.864 → 0.897, own vector
   * R@10 0.625 → 0.727 (paraphrases 0.250 → 0.455); own hybrid R@10 0.898 → 0.909.
   */
  vectorExpansion: number;
  /** The relevance decision (relevance.ts); null = every ranked candidate is a hit (the old behaviour, for comparison). */
  relevance: RelevanceParams | null;
  /** Near misses shown when nothing is relevant (0 = none). */
  relatedK: number;
  /**
   * Ranking weight caps of request words and leftover characters (temperTerms); null = as analyzed.
   * The request cap equals the thesaurus's generic weight (0.3), so it only lowers request words that
   * query-terms.ts does not already treat as generic (对比, 各地区). Measured with relevance on: 0.2
   * raised own hybrid MRR 0.762 → 0.774 but cost keyword-mode dev MRR 0.967 → 0.942 (d01: 计划, 支持);
   * 0.15 cost hybrid dev MRR too. Tempering every glued character (not only those beside a question
   * word) cost dev MRR (不 of 不属于).
   */
  temper: { request: number; fragment: number } | null;
  /**
   * Query plans (query/plan.ts: analysis, concepts, keyword terms, query vector) kept per index for
   * queries asked again; 0 = none. Default POLICYKB_PLAN_CACHE or 512. Not a result cache: every
   * request still retrieves, judges relevance, highlights and diversifies.
   */
  planCache: number;
}

export const DEFAULT_SEARCH_PARAMS: SearchParams = {
  fusion: DEFAULT_FUSION,
  query: DEFAULT_QUERY_WEIGHTS,
  candidates: 50,
  kindPrior: { heading: 0.6, clause: 1, zhuanlan_item: 1, table_row: 1, contact: 1, form_field: 0.5 },
  tinyChars: 6,
  tinyPrior: 0.7,
  headingBelow: 2,
  docDiversity: 0.85,
  minDocs: 3,
  closeRatio: 0.3,
  vectorByCoverage: true,
  vectorExpansion: 1,
  relevance: DEFAULT_RELEVANCE,
  relatedK: 3,
  temper: { request: 0.3, fragment: 0.1 },
  planCache: planCacheFromEnv(),
};

export interface SearchIndex {
  records: KbRecord[];
  docs: Map<string, DocumentMeta>;
  bm25: Bm25Index;
  embedder: Embedder;
  /** null when the index has no vectors (vector mode then finds nothing; hybrid is keyword only). */
  vectors: VectorSearcher | null;
  /** hnsw label → record index (-1: none), and back. */
  labelToIndex: Int32Array;
  indexToLabel: Int32Array;
  params: SearchParams;
}

export const MAX_K = 100;

const warned = new Set<string>();
function warnOnce(msg: string): void {
  if (warned.has(msg)) return;
  warned.add(msg);
  console.warn(msg);
}
const MODES: readonly SearchMode[] = ['keyword', 'vector', 'hybrid'];

interface ValidRequest {
  q: string;
  k: number;
  mode: SearchMode;
  filters: ReturnType<typeof validateFilters>;
}

export function validateRequest(req: unknown): ValidRequest {
  if (!req || typeof req !== 'object') throw new SearchInputError('请求必须是对象', 'request must be an object');
  const r = req as Record<string, unknown>;
  if (typeof r.q !== 'string') throw new SearchInputError('q 必须是字符串', 'q must be a string');
  let k = 10;
  if (r.k !== undefined && r.k !== null) {
    const n = typeof r.k === 'string' && /^\s*\d+\s*$/.test(r.k) ? Number(r.k) : r.k;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_K) {
      throw new SearchInputError(`k 必须是 1 到 ${MAX_K} 之间的整数`, `k must be an integer from 1 to ${MAX_K}`);
    }
    k = n;
  }
  let mode: SearchMode = 'hybrid';
  if (r.mode !== undefined && r.mode !== null) {
    if (typeof r.mode !== 'string' || !MODES.includes(r.mode as SearchMode)) {
      throw new SearchInputError('mode 必须是 keyword、vector 或 hybrid', 'mode must be keyword, vector or hybrid');
    }
    mode = r.mode as SearchMode;
  }
  return { q: r.q.slice(0, MAX_QUERY_CHARS), k, mode, filters: validateFilters(r.filters) };
}

const maskCache = new WeakMap<SearchIndex, Map<string, Uint8Array | undefined>>();

function maskFor(index: SearchIndex, filters: ValidRequest['filters']): Uint8Array | undefined {
  if (!filters) return undefined;
  let cache = maskCache.get(index);
  if (!cache) maskCache.set(index, (cache = new Map()));
  const key = JSON.stringify(filters);
  if (cache.has(key)) return cache.get(key);
  const mask = filterMask(index.records, index.docs, filters);
  if (cache.size > 256) cache.clear();
  cache.set(key, mask);
  return mask;
}

function prior(index: SearchIndex, i: number): number {
  const r = index.records[i];
  let p = index.params.kindPrior[r.kind] ?? 1;
  if (r.norm.length < index.params.tinyChars) p *= index.params.tinyPrior;
  // Headings and notes of a blank form template (flagged by the parser) rank like its form fields.
  if (r.kind !== 'form_field' && r.flags?.includes('form-template')) p *= index.params.kindPrior.form_field;
  return p;
}

/**
 * Every record's prior, worked out once per index and prior settings (the eval and benchmarks tune
 * index.params, so the values are kept with the settings they came from, compared field by field)
 * instead of once per candidate of every query.
 */
interface PriorSettings {
  tinyChars: number;
  tinyPrior: number;
  kindPrior: Record<string, number>;
}
const priorCache = new WeakMap<SearchIndex, PriorSettings & { values: Float64Array }>();

function priors(index: SearchIndex): Float64Array {
  const p = index.params;
  let c = priorCache.get(index);
  if (!c || c.tinyChars !== p.tinyChars || c.tinyPrior !== p.tinyPrior || !sameFields(c.kindPrior, p.kindPrior)) {
    c = { tinyChars: p.tinyChars, tinyPrior: p.tinyPrior, kindPrior: { ...p.kindPrior }, values: Float64Array.from(index.records, (_, i) => prior(index, i)) };
    priorCache.set(index, c);
  }
  return c.values;
}

/**
 * Per-record data search reads for every candidate, worked out once per index (records are fixed
 * once an index is loaded; a replaced records array is noticed and the table rebuilt), and per-query
 * scratch marks over the records, so that a query allocates no Map or Set per candidate.
 */
interface RecordTable {
  records: KbRecord[];
  /** Record index of each record's parent (-1 none). */
  parent: Int32Array;
  /** 1 for a heading. */
  heading: Uint8Array;
  /** Length of each record's section path (headings are demoted deepest first). */
  sectionLen: Int32Array;
  /** Index of the first record with the same matching text (dedupe). */
  normId: Int32Array;
  /** Small number of each record's document (diversification). */
  docNo: Int32Array;
  // Scratch, valid where the matching *At entry equals stamp. Used only in the synchronous part of a
  // search (after its last await), so concurrent searches never see each other's marks.
  stamp: number;
  /** demoteHeadings: the record is a candidate; headSlot: its heading slot (-1: not a heading). */
  presentAt: Uint32Array;
  headSlot: Int32Array;
  /** Dedupe: a record with this matching text (normId) was taken. */
  seenAt: Uint32Array;
  /** Vector rank of a candidate, and its position among the relevant candidates. */
  vecAt: Uint32Array;
  vecRank: Int32Array;
  relAt: Uint32Array;
  relPos: Int32Array;
  /** diversify's discount per document (docNo). */
  discount: Float64Array;
}

const tableCache = new WeakMap<SearchIndex, RecordTable>();

function recordTable(index: SearchIndex): RecordTable {
  const recs = index.records;
  let t = tableCache.get(index);
  if (t && t.records === recs && t.parent.length === recs.length) return t;
  const n = recs.length;
  const pos = new Map<string, number>();
  const normFirst = new Map<string, number>();
  const docs = new Map<string, number>();
  const normId = new Int32Array(n);
  const docNo = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const r = recs[i];
    pos.set(r.id, i);
    let f = normFirst.get(r.norm);
    if (f === undefined) normFirst.set(r.norm, (f = i));
    normId[i] = f;
    let d = docs.get(r.docId);
    if (d === undefined) docs.set(r.docId, (d = docs.size));
    docNo[i] = d;
  }
  t = {
    records: recs,
    parent: Int32Array.from(recs, (r) => (r.parentId ? pos.get(r.parentId) ?? -1 : -1)),
    heading: Uint8Array.from(recs, (r) => (r.kind === 'heading' ? 1 : 0)),
    sectionLen: Int32Array.from(recs, (r) => r.section.length),
    normId,
    docNo,
    stamp: 0,
    presentAt: new Uint32Array(n),
    headSlot: new Int32Array(n),
    seenAt: new Uint32Array(n),
    vecAt: new Uint32Array(n),
    vecRank: new Int32Array(n),
    relAt: new Uint32Array(n),
    relPos: new Int32Array(n),
    discount: new Float64Array(docs.size),
  };
  tableCache.set(index, t);
  return t;
}

/** A fresh stamp for the table's scratch marks: every mark made under an earlier one is stale. */
function nextStamp(t: RecordTable): number {
  if (t.stamp >= 0xfffffffe) {
    t.stamp = 0;
    t.presentAt.fill(0);
    t.seenAt.fill(0);
    t.vecAt.fill(0);
    t.relAt.fill(0);
  }
  return ++t.stamp;
}

/**
 * A heading is navigation, its clauses are the answer: when clauses under a heading are among the
 * candidates, the heading is placed just below them: below its best clause ('best'), its n best
 * (a number), or all of them found ('all').
 */
function demoteHeadings(index: SearchIndex, ranked: { index: number; score: number }[]): void {
  const t = recordTable(index);
  const { heading, parent, sectionLen, presentAt, headSlot } = t;
  let headings: { index: number; score: number }[] | null = null;
  for (let i = 0; i < ranked.length; i++) if (heading[ranked[i].index]) (headings ??= []).push(ranked[i]);
  if (!headings) return;
  const hb = index.params.headingBelow;
  const depth = hb === 'all' ? Infinity : hb === 'best' ? 1 : Math.max(1, Math.floor(hb));
  const stamp = nextStamp(t);
  for (let i = 0; i < ranked.length; i++) {
    presentAt[ranked[i].index] = stamp;
    headSlot[ranked[i].index] = -1;
  }
  // Deepest headings first, so a demoted sub-heading then caps its own parent.
  headings.sort((a, b) => sectionLen[b.index] - sectionLen[a.index]);
  for (let i = 0; i < headings.length; i++) headSlot[headings[i].index] = i;
  // Scores found below each candidate heading (only those of headings among the candidates are read).
  const below: (number[] | undefined)[] = new Array(headings.length);
  for (let i = 0; i < ranked.length; i++) {
    const r = ranked[i];
    const p = parent[r.index];
    if (p >= 0 && !heading[r.index]) noteBelow(t, stamp, below, p, r.score);
  }
  for (let i = 0; i < headings.length; i++) {
    const h = headings[i];
    const list = below[i];
    if (list) {
      // Descending insertion sort (the lists are short).
      for (let a = 1; a < list.length; a++) {
        const v = list[a];
        let b = a - 1;
        for (; b >= 0 && list[b] < v; b--) list[b + 1] = list[b];
        list[b + 1] = v;
      }
      const c = list[Math.min(depth, list.length) - 1];
      if (h.score >= c) h.score = c * 0.98;
    }
    const p = parent[h.index];
    if (p >= 0) noteBelow(t, stamp, below, p, h.score);
  }
}

/** A score found below record p, kept when p is a heading among the candidates (demoteHeadings). */
function noteBelow(t: RecordTable, stamp: number, below: (number[] | undefined)[], p: number, score: number): void {
  if (t.presentAt[p] !== stamp || t.headSlot[p] < 0) return;
  const list = below[t.headSlot[p]];
  if (list) list.push(score);
  else below[t.headSlot[p]] = [score];
}

/** Candidates considered for diversification (and kept after dedupe). */
const poolSizeFor = (k: number) => Math.max(k * 5, 50);

/** Greedy selection of k hits, each pick discounting later candidates of the same document. */
function diversify<T extends { index: number; score: number }>(index: SearchIndex, ranked: T[], k: number): T[] {
  const f = index.params.docDiversity;
  const pool = ranked.length > poolSizeFor(k) ? ranked.slice(0, poolSizeFor(k)) : ranked;
  let out: T[];
  if (!(f > 0 && f < 1)) out = pool.slice(0, k);
  else {
    // Per pool entry: its document's number and that document's current discount (f^hits taken from it).
    const { docNo, discount } = recordTable(index);
    // Plain arrays: a typed array over 64 bytes is an off-heap allocation per query.
    const doc: number[] = new Array(pool.length);
    const used: boolean[] = new Array(pool.length).fill(false);
    for (let i = 0; i < pool.length; i++) {
      doc[i] = docNo[pool[i].index];
      discount[doc[i]] = 1;
    }
    out = [];
    while (out.length < k && out.length < pool.length) {
      let best = -1;
      let bestScore = -Infinity;
      for (let i = 0; i < pool.length; i++) {
        if (used[i]) continue;
        const s = pool[i].score * discount[doc[i]];
        if (s > bestScore) {
          bestScore = s;
          best = i;
        }
      }
      if (best < 0) break;
      used[best] = true;
      discount[doc[best]] *= f;
      // The discounted score is reported: it is what ordered the list (non-increasing).
      out.push({ ...pool[best], score: bestScore });
    }
  }
  return spreadDocuments(index, pool, out, k);
}

/**
 * Enforces the jurisdiction spread (minDocs, at most half of k per document) using close hits only.
 * A promoted hit keeps its own score, which is below every hit already chosen (it lost the greedy
 * pick), so it is appended and the order stays non-increasing.
 */
function spreadDocuments<T extends { index: number; score: number }>(index: SearchIndex, pool: T[], chosen: T[], k: number): T[] {
  const { minDocs, closeRatio } = index.params;
  if (!(minDocs > 1) || !(closeRatio > 0) || k < 5 || chosen.length < 5 || !pool.length) return chosen;
  const records = index.records;
  const floor = closeRatio * pool[0].score;
  const cap = Math.max(2, Math.ceil(k / 2));
  const s: Spread<T> = { records, out: [...chosen], count: new Map(), inOut: new Set(), k };
  for (const h of s.out) {
    const d = records[h.index].docId;
    s.count.set(d, (s.count.get(d) ?? 0) + 1);
    s.inOut.add(h.index);
  }
  // The best close candidate of each document not yet shown, in score order.
  const fresh: T[] = [];
  const seenDoc = new Set<string>();
  for (const h of pool) {
    if (h.score < floor) break;
    const d = records[h.index].docId;
    if (s.inOut.has(h.index) || s.count.has(d) || seenDoc.has(d)) continue;
    seenDoc.add(d);
    fresh.push(h);
  }
  // Further close candidates of documents under the cap (to relieve an over-represented one).
  const extra = pool.filter((h) => h.score >= floor && !s.inOut.has(h.index) && !fresh.includes(h));
  for (const h of fresh) {
    if (s.count.size >= minDocs && crowdedCount(s.count) <= cap) break;
    if (crowdedCount(s.count) <= 1) break;
    addSpread(s, h);
  }
  for (const h of extra) {
    const n = crowdedCount(s.count);
    if (n <= cap) break;
    const d = records[h.index].docId;
    if (d === crowdedDoc(s.count) || (s.count.get(d) ?? 0) + 1 >= n) continue;
    addSpread(s, h);
  }
  sortByScore(s.out);
  return s.out;
}

/** spreadDocuments' state: the hits chosen so far, per document how many, and which records. */
interface Spread<T> {
  records: KbRecord[];
  out: T[];
  count: Map<string, number>;
  inOut: Set<number>;
  k: number;
}

/** The most represented document (the first of those tied, in the order they were counted). */
function crowdedDoc(count: Map<string, number>): string {
  let top = '';
  let n = 0;
  for (const [d, c] of count) if (c > n) [top, n] = [d, c];
  return top;
}

/** How many hits the most represented document has. */
function crowdedCount(count: Map<string, number>): number {
  let n = 0;
  for (const c of count.values()) if (c > n) n = c;
  return n;
}

/** Adds a hit; at k hits, the weakest hit of the most represented document makes room. */
function addSpread<T extends { index: number; score: number }>(s: Spread<T>, h: T): void {
  if (s.out.length >= s.k) {
    const doc = crowdedDoc(s.count);
    for (let i = s.out.length - 1; i >= 0; i--) {
      if (s.records[s.out[i].index].docId === doc) {
        s.out.splice(i, 1);
        s.count.set(doc, s.count.get(doc)! - 1);
        break;
      }
    }
  }
  s.out.push(h);
  s.inOut.add(h.index);
  const d = s.records[h.index].docId;
  s.count.set(d, (s.count.get(d) ?? 0) + 1);
}

/**
 * Whether a candidate of score `s` (and so every lower one) can no longer change the hits chosen from
 * `relevant` (the relevant candidates before it, in score order), so that judging it can be skipped:
 *  - diversify never picks it: k relevant candidates score above s even after the deepest discount a
 *    pick can see (docDiversity^(k-1)), and at every one of the k picks one of them is left;
 *  - spreadDocuments never promotes it: it is below closeRatio × the best relevant score.
 * The near misses only matter when nothing is relevant, and then this never holds.
 */
function beyondReach(index: SearchIndex, relevant: { score: number }[], s: number, k: number): boolean {
  if (relevant.length < k) return false;
  const { docDiversity: f, minDocs, closeRatio } = index.params;
  if (f > 0 && f < 1) {
    let deepest = 1;
    for (let i = 1; i < k; i++) deepest *= f;
    // A relative margin covers rounding between this bound and diversify's own products.
    if (!(relevant[k - 1].score * deepest > s * (1 + 1e-9))) return false;
  }
  if (minDocs > 1 && closeRatio > 0 && k >= 5 && !(s < closeRatio * relevant[0].score * (1 - 1e-9))) return false;
  return true;
}

function isUsableVector(v: Float32Array): boolean {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Number.isFinite(s) && s > 1e-12;
}

async function queryVector(index: SearchIndex, q: string, expansions: string[]): Promise<Float32Array> {
  const vec = await index.embedder.embedQuery(q);
  const alpha = index.params.vectorExpansion;
  if (!(alpha > 0) || !expansions.length || !index.embedder.id.startsWith('lsa-corpus')) return vec;
  const ext = await index.embedder.embedQuery(expansions.join(' '));
  if (!isUsableVector(ext)) return vec;
  const out = new Float32Array(vec.length);
  let n2 = 0;
  for (let i = 0; i < vec.length; i++) {
    out[i] = vec[i] + alpha * ext[i];
    n2 += out[i] * out[i];
  }
  const inv = n2 > 0 ? 1 / Math.sqrt(n2) : 0;
  for (let i = 0; i < out.length; i++) out[i] *= inv;
  return out;
}

async function vectorCandidates(index: SearchIndex, plan: QueryPlan, n: number, mask: Uint8Array | undefined): Promise<Ranked[]> {
  const q = plan.analyzed.vectorText;
  if (!index.vectors || !q.trim()) return [];
  // The query vector is the plan's: embedded once per plan; a failed embedding is not kept.
  const pending = (plan.vector ??= queryVector(index, q, plan.vectorExpansions));
  let vec: Float32Array;
  try {
    vec = await pending;
  } catch (err) {
    if (plan.vector === pending) plan.vector = null;
    throw err;
  }
  if (!isUsableVector(vec)) return [];
  const filter = mask
    ? (label: number) => {
        const i = label >= 0 && label < index.labelToIndex.length ? index.labelToIndex[label] : -1;
        return i >= 0 && mask[i] === 1;
      }
    : undefined;
  const out: Ranked[] = [];
  const hits = index.vectors.search(vec, n, filter);
  for (let k = 0; k < hits.length; k++) {
    const h = hits[k];
    const i = h.label >= 0 && h.label < index.labelToIndex.length ? index.labelToIndex[h.label] : -1;
    if (i >= 0 && (!mask || mask[i] === 1)) out.push({ index: i, score: h.score });
  }
  return out;
}

export async function search(index: SearchIndex, request: SearchRequest): Promise<SearchResponse> {
  const t0 = performance.now();
  startQuery();
  const req = validateRequest(request);
  const params = index.params;
  const mask = maskFor(index, req.filters);
  // What the query text alone decides, kept per index for a query asked again (query/plan.ts).
  const plan = queryPlan(index, req.q);
  const { analyzed, described } = plan;
  if (!analyzed.terms.length && !req.q.trim()) return respond(index, req, t0, plan, []);

  const n = Math.max(params.candidates, req.k * 3);
  const rel = params.relevance;
  const kw: Bm25Hit[] = req.mode !== 'vector' ? index.bm25.search(plan.keywordTerms, n, mask, params.query.coord) : [];
  let vec: Ranked[] = [];
  if (req.mode === 'vector') vec = await vectorCandidates(index, plan, n, mask);
  else if (req.mode === 'hybrid') {
    try {
      vec = await vectorCandidates(index, plan, n, mask);
    } catch (err) {
      // Hybrid degrades to its keyword half rather than failing the request; vector mode reports.
      warnOnce(`[search] vector half failed, hybrid answered by keyword only: ${(err as Error).message}`);
    }
  }

  let ranked: { index: number; score: number; keyword?: number; vector?: number }[];
  if (req.mode === 'keyword') ranked = kw.map((h) => ({ index: h.index, score: h.score, keyword: h.score }));
  else if (req.mode === 'vector') ranked = vec.map((h) => ({ index: h.index, score: h.score, vector: h.score }));
  else {
    let fusion = params.fusion;
    if (params.vectorByCoverage && index.embedder.id.startsWith('lsa-corpus') && analyzed.concepts.length) {
      // The corpus-trained embedder knows exactly the corpus vocabulary: words the index has never
      // seen are invisible to it too, so its vote counts for the share of the query it can read.
      const cover = plan.coverage;
      fusion = { ...fusion, keywordWeight: 1 - (1 - fusion.keywordWeight) * cover };
    }
    ranked = fuse(kw, vec, fusion, index.bm25.queryNorm(analyzed.terms));
  }
  // Record-kind priors, then headings placed below their clauses.
  const prior = priors(index);
  for (const r of ranked) r.score *= prior[r.index];
  demoteHeadings(index, ranked);
  sortByScore(ranked);

  // Dedupe (identical matching text, e.g. boilerplate repeated across guides, is shown once).
  // Only the diversification pool is needed, so the scan stops there.
  const table = recordTable(index);
  const { normId, seenAt } = table;
  const stamp = nextStamp(table);
  const unique: typeof ranked = [];
  const poolSize = poolSizeFor(req.k);
  for (let i = 0; i < ranked.length; i++) {
    const r = ranked[i];
    const id = normId[r.index];
    if (seenAt[id] === stamp) continue;
    seenAt[id] = stamp;
    unique.push(r);
    if (unique.length >= poolSize) break;
  }

  // Relevance (relevance.ts): only clauses about the query become hits; then diversify across documents.
  // Highlights and the matched concepts are worked out for the hits returned only.
  // The clause match of a relevant candidate: matches[relPos[record]] where relAt[record] = stamp.
  const { relAt, relPos } = table;
  const matches: ClauseMatch[] = [];
  if (!rel) return respond(index, req, t0, plan, toHits(index, plan, req.q, diversify(index, unique, req.k), null, stamp));
  const { vecAt, vecRank } = table;
  for (let i = 0; i < vec.length; i++) {
    vecAt[vec[i].index] = stamp;
    vecRank[vec[i].index] = i;
  }
  const vecBest = vec.length ? vec[0].score : 0;
  const relevant: typeof ranked = [];
  const near: typeof ranked = [];
  const off = offCorpus(described, rel);
  for (let i = 0; i < unique.length; i++) {
    const r = unique[i];
    // Candidates come in score order: once one can no longer change the hits, none after it can.
    if (beyondReach(index, relevant, r.score, req.k)) break;
    const m = matchClause(index.bm25, index.records[r.index], r.index, analyzed, described, rel);
    const v = vecAt[r.index] === stamp ? vecRank[r.index] : -1;
    const evidence = v < 0 ? undefined : { rank: v, cosine: vec[v].score, best: vecBest };
    if (!off && isRelevant(m, described, rel, evidence)) {
      relAt[r.index] = stamp;
      relPos[r.index] = matches.length;
      relevant.push(r);
      matches.push(m);
    } else if (m.anchored || nearMiss(m, described)) near.push(r);
  }
  if (relevant.length) {
    const res = respond(index, req, t0, plan, toHits(index, plan, req.q, diversify(index, relevant, req.k), matches, stamp));
    if (described.unknown.length) res.unknown = described.unknown.slice();
    return res;
  }
  const unknown = described.unknown.length ? { unknown: described.unknown.slice() } : {};
  const related = near.slice(0, params.relatedK);
  const knownWords = described.unknown.length ? described.concepts.filter((c) => c.live && c.known && c.role === 'topic').map((c) => c.text) : [];
  return {
    ...respond(index, req, t0, plan, []),
    noMatch: true,
    related: toHits(index, plan, req.q, related, null, stamp),
    suggestions: suggestQueries(index.records, req.q, knownWords, related.map((r) => index.records[r.index])),
    ...unknown,
  };
}

/** The response around the hits: timing, mode, embedder, and the query's tokens (copies: the plan's lists outlive the response). */
function respond(index: SearchIndex, req: ValidRequest, t0: number, plan: QueryPlan, hits: SearchHit[]): SearchResponse {
  const { analyzed } = plan;
  const res: SearchResponse = {
    hits,
    took_ms: +(performance.now() - t0).toFixed(2),
    mode: req.mode,
    embedder: index.embedder.id,
    tokens: analyzed.tokens.slice(),
  };
  if (analyzed.translations.length) res.translations = analyzed.translations.map((t) => ({ from: t.from, to: t.to.slice() }));
  if (analyzed.hint) res.hint = analyzed.hint;
  return res;
}

/**
 * Ranked candidates as hits. With `matches`, the matched concepts of each relevant one (its match is
 * matches[relPos[record]] where relAt[record] = stamp). Module functions rather than closures made
 * per search: under tsx every closure made is also named at run time (measured 2 % under load).
 */
function toHits(
  index: SearchIndex,
  plan: QueryPlan,
  q: string,
  list: { index: number; score: number; keyword?: number; vector?: number }[],
  matches: ClauseMatch[] | null,
  stamp: number,
): SearchHit[] {
  const { relAt, relPos } = recordTable(index);
  const concepts = plan.described.concepts;
  const out: SearchHit[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const r = list[i];
    const m = matches && relAt[r.index] === stamp ? matches[relPos[r.index]] : undefined;
    let matched: string[] | undefined;
    if (m) {
      matched = [];
      for (let g = 0; g < concepts.length; g++) {
        const c = concepts[g];
        if (c.live && m.credit[g] > 0 && m.inClause[g]) matched.push(c.text);
      }
    }
    out[i] = toHit(index, r, plan, q, matched);
  }
  return out;
}

/** Does the clause meet a topic of the query in its own text or path (a near miss worth showing)? */
function nearMiss(m: ClauseMatch, described: QueryConcepts): boolean {
  for (let g = 0; g < m.credit.length; g++) if (m.credit[g] > 0 && m.inClause[g] && described.concepts[g].role === 'topic') return true;
  return false;
}

/**
 * A score to 6 decimals: n / 10⁶ for the nearest integer n, the double JSON prints with at most 6
 * decimals (what +x.toFixed(6) gave, without the string; measured 2.7 % of a keyword search).
 */
export function round6(x: number): number {
  return Number.isFinite(x) ? Math.round(x * 1e6) / 1e6 : x;
}

/** Candidates up to this many are sorted by insertion (they arrive nearly sorted); more by Array#sort. */
const INSERTION_SORT_MAX = 128;

/**
 * Score order, best first, ties by record index. The candidates arrive nearly in order (each side's
 * list is sorted; priors and demoted headings move a few), so an insertion sort does it in about one
 * pass where Array#sort's comparator calls measured 2 % of a keyword search.
 */
export function sortByScore<T extends { index: number; score: number }>(list: T[]): void {
  if (list.length > INSERTION_SORT_MAX) {
    list.sort((a, b) => b.score - a.score || a.index - b.index);
    return;
  }
  for (let i = 1; i < list.length; i++) {
    const x = list[i];
    let j = i - 1;
    for (; j >= 0; j--) {
      const y = list[j];
      if (y.score > x.score || (y.score === x.score && y.index < x.index)) break;
      list[j + 1] = y;
    }
    list[j + 1] = x;
  }
}

/**
 * One ranked candidate as a hit: display text, document, section path, scores, highlight ranges.
 * A hit none of the query's words mark is marked by the bigrams of its content runs (worked out once
 * per plan, on first need).
 */
function toHit(
  index: SearchIndex,
  r: { index: number; score: number; keyword?: number; vector?: number },
  plan: QueryPlan,
  q: string,
  matched?: string[],
): SearchHit {
  const rec = index.records[r.index];
  const meta = index.docs.get(rec.docId);
  let highlights = highlight(rec.text, plan.highlightTerms);
  if (!highlights.length) highlights = highlight(rec.text, (plan.fallbackTerms ??= queryRuns(q).flatMap((run) => hanBigrams(run))));
  const hit: SearchHit = {
    id: rec.id,
    text: rec.text,
    doc: {
      id: rec.docId,
      title: meta?.title ?? rec.docId,
      jurisdiction: meta?.jurisdiction.name ?? '',
      year: meta?.year ?? 0,
      kind: meta?.kind ?? 'plan',
    },
    section: rec.section,
    kind: rec.kind,
    score: round6(r.score),
    scores: {},
    highlights,
  };
  if (r.keyword !== undefined) hit.scores.keyword = round6(r.keyword);
  if (r.vector !== undefined) hit.scores.vector = round6(r.vector);
  if (rec.zhuanlan) hit.zhuanlan = rec.zhuanlan;
  if (rec.flags?.length) hit.flags = rec.flags;
  if (matched?.length) hit.matched = matched;
  return hit;
}
