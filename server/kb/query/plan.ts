// The query plan: everything search works out from the query text alone, before it touches a record:
// the analysis (words, bigrams, thesaurus, translation, gloss pivot), the concepts and their roles,
// the keyword terms (tempered, with the back-off for words the corpus lacks), the expansions the
// vector side adds, the highlight terms, and the query vector. It depends on the text, the index
// (its vocabulary is the lexicon) and the settings, never on k, mode or filters.
//
// Plans are kept per index in a small LRU (SearchParams.planCache entries; POLICYKB_PLAN_CACHE, 0 =
// off), so a query asked again — the compare page asks the same words once per jurisdiction, users
// page and switch modes — is not analyzed, tokenized or embedded again. This is no result cache:
// retrieval, scoring, the relevance judgement, highlights and diversification run for every request.
// Settings are compared value by value on every lookup (the eval changes them in place); a changed
// setting empties the cache.

import type { Bm25Index, QueryTerm } from '../bm25.ts';
import type { DocumentMeta, Embedder } from '../types.ts';
import { analyzeQuery, type AnalyzedQuery, type QueryWeights } from '../query-terms.ts';
import { describeConcepts, type QueryConcepts, type RelevanceParams } from '../relevance.ts';
import { sameFields } from '../same-fields.ts';

/** What planning reads of an index (search.ts SearchIndex has it). */
export interface PlanIndex {
  bm25: Bm25Index;
  docs: Map<string, DocumentMeta>;
  embedder: Embedder;
  params: PlanSettings;
}

/** The search settings a plan depends on (search.ts SearchParams). */
export interface PlanSettings {
  query: QueryWeights;
  relevance: RelevanceParams | null;
  temper: { request: number; fragment: number } | null;
  vectorExpansion: number;
  /** Plans kept per index (0 = none). */
  planCache: number;
}

export interface QueryPlan {
  analyzed: AnalyzedQuery;
  /** The query's concepts as the relevance decision reads them. */
  described: QueryConcepts;
  /** Terms the keyword side scores: the typed ones (tempered) and the back-off for unknown words. */
  keywordTerms: QueryTerm[];
  /** Thesaurus expansions of the concepts the corpus does not know in the typed words (vector side). */
  vectorExpansions: string[];
  /** Share of the query's concepts some indexed term stands for (typed words or expansions). */
  coverage: number;
  /** Terms marked in the hits (the typed tokens and the expansions). */
  highlightTerms: string[];
  /** The query vector, worked out on first need (vector and hybrid searches). */
  vector: Promise<Float32Array> | null;
  /** Bigrams of the query's content runs, marking a hit none of its words mark (search.ts, on first need). */
  fallbackTerms: string[] | null;
}

/** Plans kept per index when the settings do not say (POLICYKB_PLAN_CACHE overrides). */
export const DEFAULT_PLAN_CACHE = 512;

/** POLICYKB_PLAN_CACHE as a number of plans (absent or invalid: the default). */
export function planCacheFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.POLICYKB_PLAN_CACHE?.trim();
  if (!raw || !/^\d{1,7}$/.test(raw)) return DEFAULT_PLAN_CACHE;
  return Number(raw);
}

/**
 * A copy of the settings objects a plan was made under: a later lookup compares the live settings
 * with it field by field (objects replaced or changed in place are both noticed).
 */
interface Snapshot {
  query: QueryWeights;
  relevance: RelevanceParams | null;
  temper: { request: number; fragment: number } | null;
  vectorExpansion: number;
}

function snapshot(s: PlanSettings): Snapshot {
  return {
    query: { ...s.query },
    relevance: s.relevance ? { ...s.relevance } : null,
    temper: s.temper ? { ...s.temper } : null,
    vectorExpansion: s.vectorExpansion,
  };
}

function unchanged(s: Snapshot, live: PlanSettings): boolean {
  return (
    Object.is(s.vectorExpansion, live.vectorExpansion) &&
    sameFields(s.query, live.query) &&
    sameFields(s.relevance, live.relevance) &&
    sameFields(s.temper, live.temper)
  );
}

interface PlanCache {
  settings: Snapshot;
  plans: Map<string, QueryPlan>;
  /** Lookups answered by a kept plan, and those that made one, since the cache was made. */
  hits: number;
  misses: number;
}

const caches = new WeakMap<PlanIndex, PlanCache>();

/** The plan of query text `q` (at most MAX_QUERY_CHARS, as validated) on `index`: kept, or made now. */
export function queryPlan(index: PlanIndex, q: string): QueryPlan {
  const capacity = index.params.planCache;
  if (!(capacity > 0)) return makePlan(index, q);
  let cache = caches.get(index);
  if (!cache || !unchanged(cache.settings, index.params)) {
    cache = { settings: snapshot(index.params), plans: new Map(), hits: 0, misses: 0 };
    caches.set(index, cache);
  }
  let plan = cache.plans.get(q);
  if (plan) {
    // Most recently used last: the first entry is the one to drop.
    cache.plans.delete(q);
    cache.plans.set(q, plan);
    cache.hits++;
    return plan;
  }
  cache.misses++;
  plan = makePlan(index, q);
  while (cache.plans.size >= capacity) cache.plans.delete(cache.plans.keys().next().value as string);
  cache.plans.set(q, plan);
  return plan;
}

/** What GET /api/health reports of an index's plans: how many are kept, may be, and how lookups went since the settings last changed. */
export interface PlanStats {
  kept: number;
  capacity: number;
  hits: number;
  misses: number;
}

export function planStats(index: PlanIndex): PlanStats {
  const c = caches.get(index);
  return { kept: c?.plans.size ?? 0, capacity: Math.max(0, index.params.planCache || 0), hits: c?.hits ?? 0, misses: c?.misses ?? 0 };
}

function makePlan(index: PlanIndex, q: string): QueryPlan {
  const params = index.params;
  // The index is the lexicon: it ranks English → Chinese translations and bounds the gloss pivot.
  const analyzed = analyzeQuery(q, params.query, index.bm25);
  const described = describeConcepts(index.bm25, index.docs, q, analyzed, params.relevance ?? undefined);
  const known = knownConcepts(index.bm25, analyzed);
  const typed = params.temper ? temperTerms(analyzed.terms, described, params.temper) : analyzed.terms;
  const keywordTerms = params.query.oovBackoff > 0 ? typed.concat(oovBackoff(index.bm25, analyzed, known.all, params.query.oovBackoff)) : typed;
  const vectorExpansions = analyzed.expansions.length ? analyzed.expansions.filter((_, i) => !known.typed.has(analyzed.expansionGroups[i])) : [];
  return {
    analyzed,
    described,
    keywordTerms,
    vectorExpansions,
    coverage: analyzed.concepts.length ? known.all.size / analyzed.concepts.length : 0,
    highlightTerms: analyzed.expansions.length ? analyzed.tokens.concat(analyzed.expansions) : analyzed.tokens,
    vector: null,
    fallbackTerms: null,
  };
}

/** Concepts of the query (indexes into analyzed.concepts) that some indexed term stands for. */
interface Known {
  /** Concepts some indexed term stands for (typed words or thesaurus expansions). */
  all: Set<number>;
  /** Concepts some indexed typed term stands for. */
  typed: Set<number>;
}

function knownConcepts(bm25: Bm25Index, analyzed: AnalyzedQuery): Known {
  const k: Known = { all: new Set(), typed: new Set() };
  for (const t of analyzed.terms) {
    if (t.group === undefined || t.group < 0 || k.typed.has(t.group)) continue;
    if (t.expansion && k.all.has(t.group)) continue;
    if (bm25.idFor(t) >= 0) {
      k.all.add(t.group);
      if (!t.expansion) k.typed.add(t.group);
    }
  }
  return k;
}

/**
 * Request words the thesaurus does not already treat as generic (对比, 各地区) and characters left
 * over next to a question word (找 of 找谁; not 不 of 哪些项目不属于) rank no higher than generic words:
 * their terms are scaled so the concept's strongest typed term weighs at most the cap.
 */
export function temperTerms(terms: QueryTerm[], described: QueryConcepts, caps: { request: number; fragment: number }): QueryTerm[] {
  const cap = described.concepts.map((c) => (c.role === 'request' ? caps.request : c.besideQuestion ? caps.fragment : Infinity));
  const strongest = cap.map(() => 0);
  for (const t of terms) {
    const g = t.group ?? -1;
    if (g >= 0 && g < cap.length && !t.expansion) strongest[g] = Math.max(strongest[g], t.weight);
  }
  return terms.map((t) => {
    const g = t.group ?? -1;
    if (g < 0 || g >= cap.length || !(strongest[g] > cap[g])) return t;
    return { ...t, weight: (t.weight * cap[g]) / strongest[g] };
  });
}

/**
 * Back-off for query words the corpus never uses (牲畜, 壁画): such a concept matches nothing, so
 * its characters are tried inside indexed bigrams (畜 → 畜禽, 畜牧), at a small weight.
 */
const MAX_BACKOFF_TERMS = 600;

function oovBackoff(bm25: Bm25Index, analyzed: AnalyzedQuery, known: Set<number>, weight: number): QueryTerm[] {
  const out: QueryTerm[] = [];
  analyzed.concepts.forEach((c, g) => {
    if (known.has(g)) return;
    for (const ch of new Set(c)) {
      if (!/\p{Script=Han}/u.test(ch)) continue;
      const bigrams = bm25.bigramsWith(ch);
      // A very common character says nothing; the total is bounded so odd input stays cheap.
      if (!bigrams.length || bigrams.length > 200 || out.length + bigrams.length > MAX_BACKOFF_TERMS) continue;
      for (const b of bigrams) out.push({ term: b, space: 'b', weight: weight / Math.sqrt(bigrams.length), group: g });
    }
  });
  return out;
}
